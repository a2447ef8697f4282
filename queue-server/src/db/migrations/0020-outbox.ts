import type { Database } from 'better-sqlite3';

/**
 * The provincial outbox: one row per dossier received or returned at a counter, delivered at least once.
 * Tickets finished before this migration with a dossier code are queued too, so none is left unsynced.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER NOT NULL REFERENCES tickets(id),
      dossier_code TEXT NOT NULL UNIQUE,
      created_at INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      delivered_at INTEGER,
      last_error TEXT
    );
    CREATE INDEX outbox_pending ON outbox(delivered_at, next_attempt_at);
    INSERT INTO outbox (ticket_id, dossier_code, created_at, next_attempt_at)
      SELECT id, dossier_code, finished_at, finished_at FROM tickets
      WHERE status = 'done' AND outcome IN ('received', 'returned') AND dossier_code IS NOT NULL
      ORDER BY finished_at;
  `);
}
