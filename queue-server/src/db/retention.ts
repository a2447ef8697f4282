import Database from 'better-sqlite3';
import type { Clock } from '../domain/types.js';
import { BackupPurges } from './backup-purges.js';
import { serviceDay, vnInstant } from '../domain/time.js';
import { BookingsRepo } from './bookings.js';
import { DossiersRepo } from './dossiers.js';
import { PushSubscriptionsRepo } from './push-subscriptions.js';
import type { Store } from './store.js';

/**
 * Drops personal intake older than the retention period from the live database and from every backup
 * (a backup would otherwise keep a citizen's name for as long as it is kept). Day boundaries are Vietnam days:
 * with 30 days, on 2026-12-31 tickets of 2026-12-01 and before lose their name, phone and ID number.
 */
export class IntakeRetention {
  /** Keyed by cutoff and kept tickets: a backup is skipped while nothing changed. */
  private readonly backupPurges = new BackupPurges('intake retention');

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
    // A returned dossier's authorised collector and proof digits go with the intake of the same days.
    this.store.dossiers.purgePersonal(vnInstant(cutoff));
    // Push subscriptions (a browser's endpoint and keys) live no longer than the intake; so does delivery history.
    this.store.pushSubscriptions.purge(cutoff);
    this.store.notices.purge(vnInstant(cutoff));
    // A booking's phone and CCCD HMAC serve its own day only (reminders, limits, check-in): they go once that day
    // is over (issue 21). Backups lose them with the intake.
    this.store.bookings.erasePersonal(vnInstant(serviceDay(this.clock.now())));
    this.purgeBackups(cutoff, this.store.tickets.intakeKept(cutoff));
    return purged;
  }

  /** The first day whose intake is still kept. */
  private cutoff(): string {
    const days = typeof this.days === 'function' ? this.days() : this.days;
    return serviceDay(new Date(this.clock.now().getTime() - (days - 1) * 86_400_000));
  }

  /**
   * Each backup loses the intake of tickets before `cutoff` except those the live database still keeps
   * (`kept`: their dossier waits to be synced), so no backup holds intake the live database has dropped — even
   * one made while that dossier was still waiting. Every backup is purged, not only the old ones: yesterday's
   * holds intake that turns 30 days old today. A file already purged with the same cutoff and `kept` is skipped
   * (an hourly run opens each backup about once a day). One unreadable backup does not stop the others; the
   * first failure is thrown after all were tried.
   */
  private purgeBackups(cutoff: string, kept: number[]): void {
    this.backupPurges.run(this.backups(), `${cutoff} ${kept.join(',')}`, (file) =>
      purgeFile(file, cutoff, kept),
    );
  }
}

/**
 * Purges one backup file in place. `secure_delete` overwrites the freed bytes, and a VACUUM rebuilds the file
 * when it purged something or holds free pages (old content copied from the live database), so the names are
 * gone from the file itself, not only from its tables. A rollback journal (not WAL) leaves no companion file.
 */
function purgeFile(file: string, cutoff: string, kept: number[]): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('secure_delete = ON');
    let changes = db
      .prepare<[string, string]>(
        `UPDATE tickets SET intake = NULL, transfer_note = NULL WHERE day < ?
          AND (intake IS NOT NULL OR transfer_note IS NOT NULL)
          AND id NOT IN (SELECT value FROM json_each(?))`,
      )
      .run(cutoff, JSON.stringify(kept)).changes;
    // A backup made before migration 0120 has no register.
    const register = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dossiers'")
      .get();
    if (register !== undefined) changes += new DossiersRepo(db).purgePersonal(vnInstant(cutoff));
    // A backup made before migration 0130 has no push subscriptions.
    const notices = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'push_subscriptions'")
      .get();
    if (notices !== undefined) changes += new PushSubscriptionsRepo(db).purge(cutoff);
    // A backup made before migration 0180 has no bookings.
    const bookings = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bookings'")
      .get();
    if (bookings !== undefined) changes += new BookingsRepo(db).erasePersonal(vnInstant(cutoff));
    if (changes > 0 || Number(db.pragma('freelist_count', { simple: true })) > 0) db.exec('VACUUM');
  } finally {
    db.close();
  }
}
