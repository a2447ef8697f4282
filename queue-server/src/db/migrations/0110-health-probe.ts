import type { Database } from 'better-sqlite3';

/**
 * `/api/health` proves the database can still write (issue 17): one row it rewrites on every check, in a table of
 * its own so the probe touches nothing a ticket or a report reads. New table only; nothing existing changes.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE health_probe (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      checked_at INTEGER NOT NULL
    );
    INSERT INTO health_probe (id, checked_at) VALUES (1, 0);
  `);
}
