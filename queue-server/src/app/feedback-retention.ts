import { BackupPurges } from '../db/backup-purges.js';
import { purgeBackupFile } from '../db/feedback-retention.js';
import type { Store } from '../db/store.js';
import type { Clock } from '../domain/types.js';
import type { FeedbackFileStore } from './feedback-file-store.js';

const DAY_MS = 86_400_000;
/** A picture no case names is deleted once this old: never one whose case is being written right now. */
const ORPHAN_AGE_MS = 3_600_000;

/**
 * Feedback's retention (issue 22), run hourly (server-jobs.ts): `retentionDays` after a case was answered or closed (whichever came first),
 * the citizen's name and phone are erased and the attached pictures deleted from disk (the register keeps the case,
 * its text and its answer, with an 'erased' line in its history). Pictures no case names (a crash between writing
 * them and committing their case) are deleted once an hour old. Backups lose them too, as they lose queue intake (db/retention.ts): every
 * backup is purged once after each run that erased something, and each new backup once.
 */
export class FeedbackRetention {
  /** Runs that erased something so far; a backup purged at an older count is purged again. */
  private generation = 0;
  private readonly backupPurges = new BackupPurges('feedback retention');

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** The retention period in days, asked at each run (the admin may change it). */
    private readonly days: () => number,
    private readonly files: Pick<FeedbackFileStore, 'remove' | 'removeOrphans'>,
    /** The backups' files, asked at each run (see Backups.files). */
    private readonly backups: () => string[] = () => [],
  ) {}

  /** Erases now; returns how many cases of the live database lost their personal data. */
  run(): number {
    const now = this.clock.now().getTime();
    const cutoff = now - this.days() * DAY_MS;
    const erased = this.store.feedbackRetention.eraseSettledBefore(cutoff, now);
    // After the commit: a crash in between leaves a picture no row points to (swept below), never a row without its
    // picture.
    this.files.remove(erased.flatMap((c) => c.files));
    this.files.removeOrphans(this.store.feedbackRetention.fileNamesKept(), now - ORPHAN_AGE_MS);
    if (erased.length > 0) this.generation += 1;
    this.purgeBackups(cutoff, now);
    return erased.length;
  }

  private purgeBackups(cutoff: number, now: number): void {
    this.backupPurges.run(this.backups(), String(this.generation), (file) =>
      purgeBackupFile(file, cutoff, now),
    );
  }
}
