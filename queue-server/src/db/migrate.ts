import type { Database } from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration above the current `user_version` (up to `target`), each in its own transaction. */
export function migrate(
  db: Database,
  target = Infinity,
  migrations: readonly Migration[] = MIGRATIONS,
): number {
  for (const m of migrations) {
    if (m.version <= schemaVersion(db) || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
