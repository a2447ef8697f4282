/**
 * Purges every backup file in turn, skipping one already purged with the same `key` (what the purge depends on: an
 * hourly run would otherwise rewrite each backup every hour). One unreadable backup does not stop the others; the
 * first failure is thrown after all were tried. Used by intake retention (db/retention.ts) and feedback retention.
 */
export class BackupPurges {
  private readonly purgedAt = new Map<string, string>();

  /** `what` names the retention in the error of a failed file. */
  constructor(private readonly what: string) {}

  run(files: string[], key: string, purge: (file: string) => void): void {
    let failure: Error | null = null;
    for (const file of files) {
      if (this.purgedAt.get(file) === key) continue;
      try {
        purge(file);
        this.purgedAt.set(file, key);
      } catch (e) {
        failure ??= new Error(`${this.what} of backup ${file}: ${e instanceof Error ? e.message : e}`);
      }
    }
    // A deleted backup is forgotten (a new file of the same name is purged afresh).
    for (const file of this.purgedAt.keys()) if (!files.includes(file)) this.purgedAt.delete(file);
    if (failure) throw failure;
  }
}
