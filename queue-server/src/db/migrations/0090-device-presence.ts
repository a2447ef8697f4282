import type { Database } from 'better-sqlite3';

/**
 * When each device was last seen (socket connected or dropped, or an authenticated request with its token), so
 * the admin knows after a restart how long a screen has been gone. Written at most about once a minute per
 * device, never per request. A new nullable column only; nothing existing changes.
 */
export function up(db: Database): void {
  db.exec(`ALTER TABLE devices ADD COLUMN last_seen_at INTEGER;`);
}
