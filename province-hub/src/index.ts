export { migrate, schemaVersion, MIGRATION_LOCK } from './db/migrate.js';
export type { MigrateOptions } from './db/migrate.js';
export { MIGRATIONS } from './db/migrations/index.js';
export type { Migration } from './db/migrations/index.js';
export { createHub } from './server.js';
export type { Hub, HubOptions } from './server.js';
export { issueSiteKey, revokeSite } from './sites.js';
export type { NewSite } from './sites.js';
