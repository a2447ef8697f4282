import Database, { type Statement } from 'better-sqlite3';

/** A case whose personal data was erased, with the stored names of the files it had (to delete from disk). */
export interface ErasedCase {
  caseId: number;
  files: string[];
}

/**
 * Feedback's own retention (issue 22): `retentionDays` after a case is answered or closed, whichever comes first (an
 * answered case is often never closed), the citizen's name and phone and the attached files go; the case, its text
 * and its answer stay in the register (a case is kept far longer than queue intake). Works on the live database and
 * on a backup's file alike.
 */
export class FeedbackRetentionRepo {
  private readonly due: Statement<{ before: number }, { id: number }>;
  private readonly fileNames: Statement<[number], { name: string }>;
  private readonly erase: Statement<[number, number]>;
  private readonly dropFiles: Statement<[number]>;
  private readonly event: Statement<[number, number]>;
  private readonly names: Statement<[], { name: string }>;

  constructor(private readonly db: Database.Database) {
    // answered_at is the first answer's (a correction keeps it), so a correction does not restart the period.
    this.due = db.prepare(`SELECT id FROM feedback_cases
      WHERE personal_erased_at IS NULL AND (answered_at < @before OR closed_at < @before) ORDER BY id`);
    this.fileNames = db.prepare('SELECT name FROM feedback_files WHERE case_id = ? ORDER BY id');
    this.erase = db.prepare(
      'UPDATE feedback_cases SET name = NULL, phone = NULL, personal_erased_at = ? WHERE id = ?',
    );
    this.dropFiles = db.prepare('DELETE FROM feedback_files WHERE case_id = ?');
    this.event = db.prepare(
      "INSERT INTO feedback_events (case_id, at, kind, by_user, note) VALUES (?, ?, 'erased', NULL, NULL)",
    );
    this.names = db.prepare('SELECT name FROM feedback_files');
  }

  /**
   * Erases name, phone and file rows of every case answered or closed before `before` (ms) not yet erased, each
   * with an 'erased' event at `at`; one transaction. Returns the cases and their files' names (the caller deletes
   * the files once this has committed).
   */
  eraseSettledBefore(before: number, at: number): ErasedCase[] {
    return this.db.transaction(() =>
      this.due.all({ before }).map(({ id }) => {
        const files = this.fileNames.all(id).map((f) => f.name);
        this.erase.run(at, id);
        this.dropFiles.run(id);
        this.event.run(id, at);
        return { caseId: id, files };
      }),
    )();
  }

  /** Every stored file name the register still points to (what the file sweep must keep). */
  fileNamesKept(): Set<string> {
    return new Set(this.names.all().map((r) => r.name));
  }
}

/** A backup erased in place, overwritten and rebuilt when anything went (see db/retention.ts purgeFile). */
export function purgeBackupFile(file: string, cutoff: number, now: number): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    // A backup made before migration 0190 has no register.
    const register = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'feedback_cases'")
      .get();
    if (register === undefined) return;
    db.pragma('journal_mode = DELETE');
    db.pragma('secure_delete = ON');
    if (new FeedbackRetentionRepo(db).eraseSettledBefore(cutoff, now).length > 0) db.exec('VACUUM');
  } finally {
    db.close();
  }
}
