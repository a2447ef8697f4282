import type { Database, Statement } from 'better-sqlite3';
import { nextDossierCode } from '../domain/dossier-codes.js';

/**
 * The running numbers of generated dossier codes (table `dossier_days`, migration 0070). `take` must run inside
 * the caller's transaction, so the number and the ticket carrying its code commit together.
 */
export class DossierCodeStore {
  private readonly lastSeq: Statement;
  private readonly save: Statement;
  private readonly used: Statement;

  constructor(db: Database) {
    this.lastSeq = db.prepare('SELECT last_seq FROM dossier_days WHERE agency = ? AND day = ?');
    this.save = db.prepare(`INSERT INTO dossier_days (agency, day, last_seq) VALUES (?, ?, ?)
      ON CONFLICT(agency, day) DO UPDATE SET last_seq = excluded.last_seq`);
    // Any ticket with the code, whatever its outcome (index tickets_dossier).
    this.used = db.prepare('SELECT 1 FROM tickets WHERE dossier_code = ? LIMIT 1');
  }

  /** The next free code of `agency` on `day` (`yyyy-MM-dd`, Vietnam), recorded as used. */
  take(agency: string, day: string): string {
    const row = this.lastSeq.get(agency, day) as { last_seq: number } | undefined;
    const next = nextDossierCode(
      agency,
      day,
      row?.last_seq ?? 0,
      (code) => this.used.get(code) !== undefined,
    );
    this.save.run(agency, day, next.seq);
    return next.code;
  }
}
