import type { Database } from 'better-sqlite3';

/**
 * One outbox row per finished ticket instead of per dossier code: a dossier received one day and returned
 * another is two deliveries (TrangThaiHoSo 2, then 10), which UNIQUE(dossier_code) silently dropped. Tickets
 * that reuse a code for the same outcome are refused at the counter instead. Rows and their state are kept.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE outbox_new (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER NOT NULL UNIQUE REFERENCES tickets(id),
      dossier_code TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      delivered_at INTEGER,
      last_error TEXT
    );
    INSERT INTO outbox_new SELECT id, ticket_id, dossier_code, created_at, attempts, next_attempt_at, delivered_at, last_error
      FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_new RENAME TO outbox;
    CREATE INDEX outbox_pending ON outbox(delivered_at, next_attempt_at);
    CREATE INDEX tickets_dossier ON tickets(dossier_code, outcome) WHERE dossier_code IS NOT NULL;
  `);
}
