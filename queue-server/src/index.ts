/** The queue server as a library, for cross-part tests and benchmarks; `main.ts` is the program. */
export {
  createServer,
  policyFrom,
  systemClock,
  VERSION,
  type LaysoServer,
  type ServerOptions,
} from './server.js';
export { loadConfig, type Config } from './config.js';
export { openDatabase } from './db/open.js';
export { Store } from './db/store.js';
export { seedDemo, writeDemoCredentials, type DemoCredentials } from './demo/seed.js';
export { startHarness, ManualClock, type Harness } from './testing/harness.js';
export {
  startProvincialMock,
  type ProvincialMock,
  type ProvincialMockOptions,
  type ProvincialFaults,
  type StoredRecord,
  type MockStats,
  type MockEvent,
} from './sync/provincial-mock.js';
export {
  StatusBook,
  type MockStatus,
  type StatusMove,
  type PushEvent,
} from './sync/provincial-mock-status.js';
export { HttpStatusAdapter, statusAdapterFromConfig } from './sync/status-http.js';
export { StatusRefresh, refreshHorizon, type RefreshResult } from './sync/status-refresh.js';
export { StatusUnavailable, NO_PROVINCE, type ProvincialStatusAdapter } from './sync/status.js';
export { signedHeaders, signPush } from './sync/push-signature.js';
export { startNotifyMock, type NotifyMock, type NotifyMockOptions } from './notify/mock.js';
export { znsAdapter } from './notify/zns.js';
export { smsAdapter, smsParts } from './notify/sms.js';
export { DEFAULT_NOTICE_CONFIG, saveNoticeConfig, type NoticeConfig } from './notify/settings.js';
