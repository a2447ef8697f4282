export { findPostgresBin, freePort, startPostgres } from './postgres.js';
export type { StartPostgresOptions, TestPostgres } from './postgres.js';
export { testAccess } from './access.js';
