import type { Database } from 'better-sqlite3';

/**
 * Generated dossier codes (`{agency}-{yymmdd}-{NNNN}`, config AGENCY_ID): the last running number used per agency
 * and Vietnam day, committed in the finish transaction together with the ticket that carries the code — the same
 * guarantee as `service_days.last_seq` for ticket numbers: a code is never handed out twice, even after a crash.
 * A new table only; nothing existing changes.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE dossier_days (
      agency TEXT NOT NULL,
      day TEXT NOT NULL,
      last_seq INTEGER NOT NULL CHECK (last_seq >= 0),
      PRIMARY KEY (agency, day)
    );
  `);
}
