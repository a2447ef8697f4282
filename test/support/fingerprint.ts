/**
 * What "no state change" means in tests: every row of every table of the queue database, hashed per table.
 * Two fingerprints are equal exactly when no table gained, lost or changed a row.
 */
import { createHash } from 'node:crypto';
import type { Store } from '@layso/queue-server';

type Db = Store['db'];

export interface Fingerprint {
  /** Row count per table. */
  counts: Record<string, number>;
  /** SHA-256 of all rows per table, in rowid order (primary key order for a WITHOUT ROWID table). */
  hashes: Record<string, string>;
}

export function tables(db: Db): string[] {
  return (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
}

export function fingerprint(db: Db): Fingerprint {
  const counts: Record<string, number> = {};
  const hashes: Record<string, string> = {};
  // The health probe's row is rewritten by every /api/health (and the floor's check): proof of a write, not state.
  for (const name of tables(db).filter((t) => t !== 'health_probe')) {
    const hash = createHash('sha256');
    let n = 0;
    // A WITHOUT ROWID table has no rowid: its primary key orders it (SQLite scans it in that order).
    const withoutRowid = /without\s+rowid/i.test(
      (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as { sql: string }).sql,
    );
    const order = withoutRowid ? '' : ' ORDER BY rowid';
    for (const row of db.prepare(`SELECT * FROM "${name}"${order}`).iterate()) {
      hash.update(JSON.stringify(row));
      hash.update('\n');
      n += 1;
    }
    counts[name] = n;
    hashes[name] = hash.digest('hex');
  }
  return { counts, hashes };
}

/**
 * Rows inserted, updated or deleted on this connection since it opened (SQLite's `total_changes()`); the
 * harness serves on the same connection, so any write a request makes moves it.
 */
export function totalChanges(db: Db): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}
