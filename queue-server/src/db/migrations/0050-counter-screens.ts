import type { Database } from 'better-sqlite3';

/**
 * What the counter screens add: why a counter is paused (shown on its screens), the sending officer's note on
 * a transferred ticket (for the next officer), why a citizen was not satisfied, and when a ticket was last called
 * (a recall is the newest call on the lobby display, also after a reconnect). New nullable columns only.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE counters ADD COLUMN pause_reason TEXT;
    ALTER TABLE tickets ADD COLUMN transfer_note TEXT;
    ALTER TABLE tickets ADD COLUMN rating_reason TEXT;
    ALTER TABLE tickets ADD COLUMN last_called_at INTEGER;
  `);
}
