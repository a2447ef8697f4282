import type { ErrorCode } from '@layso/protocol';

/** A refusal of the catalogue, thrown by the hub's services and answered `{error:{code,message}}` by the routes. */
export class HubError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(code);
  }
}

/** SQLSTATE classes and Node's socket errors that mean the database cannot be reached now (not a bug of ours). */
const UNREACHABLE = /^(08|53|57P)|^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND)$/;

/** Whether an error thrown by `pg` means the database is down or restarting (answered 503: try again later). */
export function isDatabaseDown(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && UNREACHABLE.test(code)) return true;
  // node-postgres's own words when a connection ends or cannot be had from the pool.
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(
    err.message,
  );
}

/** A unique rule of the database refused the write (two admins saving the same name at once). */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && (err as { code?: unknown }).code === '23505';
}
