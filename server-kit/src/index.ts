export { errorBody, frameworkErrorCode, sendError } from './errors.js';
export { FailureRate, KnownDesks, LoginLimiter, SprayLimiter } from './rate-limit.js';
export { SECURITY_HEADERS, scriptHash, securityHeaders, sendHtml } from './security.js';
export {
  ARGON2_AT_ONCE,
  DECOY_HASH,
  hashesWaiting,
  hashPassword,
  newToken,
  randomPassword,
  tokenHash,
  tryVerifyPassword,
  verifyPassword,
} from './tokens.js';
export type { Lane } from './tokens.js';
export { SignInGate } from './sign-in.js';
export type { SignInLimits, SignInRefusal } from './sign-in.js';
export { CliRefusal, cliRefuse, createAdminCli, readNewPassword, runCli } from './cli.js';
export type { CliAdminAccounts, CreateAdminCli, NewCliAdmin } from './cli.js';
export { isAddressOrCidr, TrustProxySetting } from './network.js';
export { csvField, csvFile } from './csv.js';
export type { CsvCell } from './csv.js';
