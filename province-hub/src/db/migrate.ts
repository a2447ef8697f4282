import type { ClientBase, Pool } from 'pg';
import { MIGRATIONS, type Migration } from './migrations/index.js';

/** The advisory lock every hub process takes to migrate: one at a time, whichever starts first. */
export const MIGRATION_LOCK = 0x4c61_7953; // "LayS"

export interface MigrateOptions {
  /** Stop after this version (tests of a data-changing migration migrate to the one before). */
  target?: number;
  migrations?: readonly Migration[];
  /** How long to wait for a lock — another process's migration, or a table a migration changes (default 60 s). */
  lockTimeoutMs?: number;
}

const CREATE_LEDGER = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`;

/** The newest version applied, 0 on an empty database. */
export async function schemaVersion(db: ClientBase | Pool): Promise<number> {
  const { rows } = await db.query<{ ledger: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS ledger",
  );
  if (!rows[0]?.ledger) return 0;
  const applied = await db.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  return applied.rows[0]?.version ?? 0;
}

/**
 * Applies every migration above the current version (up to `target`), each in its own transaction with its row in
 * `schema_migrations`. Hub processes started together all call this: a session advisory lock lets one migrate while
 * the others wait (bounded by `lockTimeoutMs`), then find nothing left to do. Returns the version reached.
 */
export async function migrate(pool: Pool, options: MigrateOptions = {}): Promise<number> {
  const { target = Infinity, migrations = MIGRATIONS, lockTimeoutMs = 60_000 } = options;
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("SELECT set_config('lock_timeout', $1, false)", [`${lockTimeoutMs}ms`]);
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(CREATE_LEDGER);
      // Read only now, under the lock: what another process applied while this one waited is not applied again.
      let version = await schemaVersion(client);
      for (const m of migrations) {
        if (m.version <= version || m.version > target) continue;
        await client.query('BEGIN');
        try {
          await m.up(client);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
            m.version,
            m.name,
          ]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
        version = m.version;
      }
      return version;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      await client.query('RESET lock_timeout');
    }
  } catch (err) {
    // A connection that failed midway may still hold the lock or a transaction: closing it releases both.
    broken = true;
    throw err;
  } finally {
    client.release(broken);
  }
}
