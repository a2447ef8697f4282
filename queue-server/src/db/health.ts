import type { Database } from 'better-sqlite3';

/** The health probe's one row (migration 0110): rewriting it proves the database still takes a write. */
export class HealthProbeRepo {
  private readonly touch;

  constructor(db: Database) {
    this.touch = db.prepare<[number]>('UPDATE health_probe SET checked_at = ? WHERE id = 1');
  }

  /** Throws SQLite's own error (SQLITE_READONLY, SQLITE_FULL, SQLITE_IOERR_…) when the write fails. */
  write(at: number): void {
    this.touch.run(at);
  }
}
