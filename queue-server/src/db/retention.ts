import Database from 'better-sqlite3';
import type { Clock } from '../domain/types.js';
import { serviceDay } from '../domain/time.js';
import type { Store } from './store.js';
import { PURGE_INTAKE_SQL } from './tickets.js';

/**
 * Drops personal intake older than the retention period, hourly, from the live database and from every backup
 * (a backup would otherwise keep a citizen's name for as long as it is kept). Day boundaries are Vietnam days:
 * with 30 days, on 2026-12-31 tickets of 2026-12-01 and before lose their name, phone and ID number.
 */
export class IntakeRetention {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** The retention period; a function is asked at each run (the admin may change it at run time). */
    private readonly days: number | (() => number),
    /** The backups' files, asked at each run (see Backups.files). */
    private readonly backups: () => string[] = () => [],
  ) {}

  /** Purges now; returns how many tickets of the live database lost their intake. */
  run(): number {
    const cutoff = this.cutoff();
    const purged = this.store.tickets.purgeIntake(cutoff);
    this.purgeBackups(cutoff);
    return purged;
  }

  /** The first day whose intake is still kept. */
  private cutoff(): string {
    const days = typeof this.days === 'function' ? this.days() : this.days;
    return serviceDay(new Date(this.clock.now().getTime() - (days - 1) * 86_400_000));
  }

  /**
   * The same purge in each backup; returns the tickets purged per file. Every backup is purged (not only the
   * old ones): a backup of yesterday holds intake that turns 30 days old today. One unreadable backup does not
   * stop the others; the first failure is thrown after all were tried.
   */
  purgeBackups(cutoff = this.cutoff()): Map<string, number> {
    const purged = new Map<string, number>();
    let failure: Error | null = null;
    for (const file of this.backups()) {
      try {
        purged.set(file, purgeFile(file, cutoff));
      } catch (e) {
        failure ??= new Error(`intake retention of backup ${file}: ${e instanceof Error ? e.message : e}`);
      }
    }
    if (failure) throw failure;
    return purged;
  }

  start(onError: (e: unknown) => void): void {
    const tick = () => {
      try {
        this.run();
      } catch (e) {
        onError(e);
      }
    };
    this.timer = setInterval(tick, 3_600_000);
    this.timer.unref();
    tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/**
 * Purges one backup file in place. `secure_delete` overwrites the freed bytes, so the purged names are gone
 * from the file itself, not only from its tables; a rollback journal (not WAL) leaves no companion file behind.
 */
function purgeFile(file: string, cutoff: string): number {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('secure_delete = ON');
    const changes = db.prepare<[string]>(PURGE_INTAKE_SQL).run(cutoff).changes;
    // The purge rewrote pages in place; VACUUM also drops any copy left in free pages by earlier writes.
    if (changes > 0) db.exec('VACUUM');
    return changes;
  } finally {
    db.close();
  }
}
