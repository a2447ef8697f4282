import type { Database } from 'better-sqlite3';

/**
 * What the counter screens add: why a counter is paused (shown on its screens), the sending officer's note on
 * a transferred ticket (for the next officer), and why a citizen was not satisfied. New nullable columns only.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE counters ADD COLUMN pause_reason TEXT;
    ALTER TABLE tickets ADD COLUMN transfer_note TEXT;
    ALTER TABLE tickets ADD COLUMN rating_reason TEXT;
  `);
}
