import type { Database } from 'better-sqlite3';

/**
 * Dependable provincial delivery: a record that can never be delivered (a 4xx other than 408/409/429, a record
 * that cannot be built, too many attempts while the province answered others) becomes a dead letter with its
 * reason instead of being retried for ever; `strikes` counts only the failures that happened while the province
 * was answering (an outage is the province's, not the record's); when and how the last attempt went is kept for
 * the admin. Admin actions on the outbox (manual retries) are kept in an audit log. Existing rows stay pending.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE outbox ADD COLUMN strikes INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE outbox ADD COLUMN last_attempt_at INTEGER;
    ALTER TABLE outbox ADD COLUMN dead_at INTEGER;
    ALTER TABLE outbox ADD COLUMN dead_reason TEXT;
    CREATE INDEX outbox_dossier ON outbox(dossier_code, id);
    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      user_id INTEGER REFERENCES users(id),
      action TEXT NOT NULL,
      detail TEXT
    );
  `);
}
