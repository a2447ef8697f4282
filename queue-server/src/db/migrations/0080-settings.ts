import type { Database } from 'better-sqlite3';

/**
 * The center's settings the admin changes at run time (`PUT /api/admin/settings`): one row per setting, its value
 * as JSON. The server's environment gives the defaults; a row here wins over it. Kept apart from `settings`
 * (0010), which holds the server's own flags (the demo marker), so an admin's change can never touch those.
 * A new table only; nothing existing changes.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE center_settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL CHECK (json_valid(value))
    );
  `);
}
