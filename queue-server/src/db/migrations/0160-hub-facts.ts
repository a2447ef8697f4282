import type { Database } from 'better-sqlite3';

/**
 * The province hub's outbox (issue 20): each fact a joined site records in the business transaction that caused it,
 * numbered by `seq`. AUTOINCREMENT so that a seq is never handed out twice, even after the acknowledged rows are
 * deleted (a plain rowid would reuse the highest one); a rolled-back transaction takes its seqs back with it, so the
 * committed ones stay gapless — the hub refuses a gap. `hub_link` keeps the highest seq the hub acknowledged.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE hub_facts (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at INTEGER NOT NULL,
      kind TEXT NOT NULL,
      fact TEXT NOT NULL
    );
    CREATE TABLE hub_link (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      acknowledged_seq INTEGER NOT NULL DEFAULT 0,
      acknowledged_at INTEGER
    );
    INSERT INTO hub_link (id, acknowledged_seq) VALUES (1, 0);
  `);
}
