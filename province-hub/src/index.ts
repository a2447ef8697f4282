export { migrate, schemaVersion, MIGRATION_LOCK } from './db/migrate.js';
export type { MigrateOptions } from './db/migrate.js';
export { MIGRATIONS } from './db/migrations/index.js';
export type { Migration } from './db/migrations/index.js';
