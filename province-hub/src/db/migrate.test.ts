import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPostgres, type TestPostgres } from '../testing/postgres.js';
import { MIGRATION_LOCK, migrate, schemaVersion } from './migrate.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

const NEWEST = MIGRATIONS.at(-1)?.version;

let server: TestPostgres;
const pools: pg.Pool[] = [];
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.stop());
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.end()));
});

/** A pool on a new empty database; `sameAs` gives another pool on the database of an earlier one. */
async function freshPool(sameAs?: pg.Pool): Promise<pg.Pool> {
  const connectionString = sameAs ? sameAs.options.connectionString : await server.createDatabase();
  const pool = new pg.Pool({ connectionString, max: 4 });
  pools.push(pool);
  return pool;
}

/** A Postgres error's SQLSTATE, to assert which constraint refused a write. */
async function sqlState(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (err) {
    return err instanceof pg.DatabaseError ? err.code : `not a database error: ${String(err)}`;
  }
}

async function addSite(pool: pg.Pool, code: string): Promise<number> {
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO sites (code, name, commune, key_hash) VALUES ($1, $2, $3, 'x') RETURNING id`,
    [code, `Trung tâm ${code}`, 'Phường 1'],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('no site id');
  return id;
}

const FACT = `INSERT INTO facts (site_id, seq, kind, day, at, service_code, ticket_number, payload)
  VALUES ($1, $2, 'ticket.issued', $3, $4, 'TP', '1001', '{"priority": null}')`;

describe('migrations', () => {
  it('apply in order on an empty database, and a second run does nothing', async () => {
    const pool = await freshPool();
    expect(await schemaVersion(pool)).toBe(0);
    expect(await migrate(pool)).toBe(NEWEST);
    const tables = await pool.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    );
    expect(tables.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['daily_totals', 'facts', 'schema_migrations', 'site_batches', 'sites']),
    );
    const ledger = await pool.query(
      'SELECT version, name, applied_at FROM schema_migrations ORDER BY version',
    );
    expect(ledger.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));

    expect(await migrate(pool)).toBe(NEWEST);
    const again = await pool.query(
      'SELECT version, name, applied_at FROM schema_migrations ORDER BY version',
    );
    expect(again.rows).toEqual(ledger.rows);
    const versions = MIGRATIONS.map((m) => m.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it('a failing migration changes nothing and is not recorded', async () => {
    const pool = await freshPool();
    const broken: Migration = {
      // Above every real migration, whatever the newest is.
      version: 9999,
      name: '9999-broken',
      up: async (db) => {
        await db.query('CREATE TABLE half_done (x int)');
        await db.query('SELECT no_such_column FROM sites');
      },
    };
    expect(await sqlState(migrate(pool, { migrations: [...MIGRATIONS, broken] }))).toBe('42703');
    expect(await schemaVersion(pool)).toBe(NEWEST);
    const { rows } = await pool.query("SELECT to_regclass('half_done') AS t");
    expect(rows).toEqual([{ t: null }]);
  });

  it('two hub processes starting together migrate once: the second waits for the first, then has nothing to do', async () => {
    const a = await freshPool();
    const b = await freshPool(a);
    let runs = 0;
    const counted: Migration[] = MIGRATIONS.map((m) => ({
      ...m,
      up: async (db) => {
        runs++;
        await m.up(db);
      },
    }));
    // Hold the lock first, so both runners are certainly waiting on it together before either may go.
    const holder = await a.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const both = Promise.all([migrate(a, { migrations: counted }), migrate(b, { migrations: counted })]);
    try {
      await vi.waitFor(
        async () => {
          const { rows } = await holder.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid::bigint = $1",
            [MIGRATION_LOCK],
          );
          expect(rows[0]?.n).toBe(2);
        },
        { timeout: 15_000, interval: 50 },
      );
      expect(runs).toBe(0);
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      holder.release();
    }

    expect(await both).toEqual([NEWEST, NEWEST]);
    expect(runs).toBe(MIGRATIONS.length);
    const { rows } = await a.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]?.n).toBe(MIGRATIONS.length);
  });

  it('a runner kept waiting past its lock timeout gives up, applying nothing', async () => {
    const a = await freshPool();
    const holder = await a.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      expect(await sqlState(migrate(a, { lockTimeoutMs: 100 }))).toBe('55P03');
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      holder.release();
    }
    expect(await schemaVersion(a)).toBe(0);
  });
});

describe('0010 facts', () => {
  it('are stored in the partition of their month, made on demand, once', async () => {
    const pool = await freshPool();
    await migrate(pool);
    const site = await addSite(pool, 'VL-001');

    // No partition yet: the fact is refused, not parked in a catch-all.
    expect(await sqlState(pool.query(FACT, [site, 1, '2026-12-07', '2026-12-07T08:00:00+07:00']))).toBe(
      '23514',
    );

    // Several sessions asking for the same new month at once all get it, and it is made once.
    const names = await Promise.all(
      [1, 2, 3, 4].map(() =>
        pool
          .query<{ p: string }>("SELECT ensure_month_partition('2026-12-07') AS p")
          .then((r) => r.rows[0]?.p),
      ),
    );
    expect(names).toEqual(['facts_2026_12', 'facts_2026_12', 'facts_2026_12', 'facts_2026_12']);
    await pool.query("SELECT ensure_month_partition('2027-01-31')");

    await pool.query(FACT, [site, 1, '2026-12-07', '2026-12-07T08:00:00+07:00']);
    await pool.query(FACT, [site, 2, '2026-12-31', '2026-12-31T23:59:00+07:00']);
    await pool.query(FACT, [site, 3, '2027-01-01', '2027-01-01T07:30:00+07:00']);
    const placed = await pool.query<{ seq: string; part: string }>(
      'SELECT seq, tableoid::regclass::text AS part FROM facts ORDER BY seq',
    );
    expect(placed.rows).toEqual([
      { seq: '1', part: 'facts_2026_12' },
      { seq: '2', part: 'facts_2026_12' },
      { seq: '3', part: 'facts_2027_01' },
    ]);
    const children = await pool.query<{ child: string; bound: string }>(
      `SELECT c.relname AS child, pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'facts'::regclass ORDER BY 1`,
    );
    expect(children.rows).toEqual([
      { child: 'facts_2026_12', bound: "FOR VALUES FROM ('2026-12-01') TO ('2027-01-01')" },
      { child: 'facts_2027_01', bound: "FOR VALUES FROM ('2027-01-01') TO ('2027-02-01')" },
    ]);
  });

  it('refuse a (site, seq) sent twice: the same fact again, or a batch overlapping one already committed', async () => {
    const pool = await freshPool();
    await migrate(pool);
    const one = await addSite(pool, 'VL-001');
    const two = await addSite(pool, 'VL-002');
    await pool.query("SELECT ensure_month_partition('2026-12-07')");

    await pool.query(FACT, [one, 1, '2026-12-07', '2026-12-07T08:00:00+07:00']);
    expect(await sqlState(pool.query(FACT, [one, 1, '2026-12-07', '2026-12-07T08:00:00+07:00']))).toBe(
      '23505',
    );
    await pool.query(FACT, [two, 1, '2026-12-07', '2026-12-07T08:00:00+07:00']);

    const batch = 'INSERT INTO site_batches (site_id, first_seq, last_seq) VALUES ($1, $2, $3)';
    await pool.query(batch, [one, 1, 10]);
    // A batch re-sending seq 5..12 (its facts' days aside) is refused whole; the next one from 11 is not.
    expect(await sqlState(pool.query(batch, [one, 5, 12]))).toBe('23P01');
    await pool.query(batch, [one, 11, 20]);
    await pool.query(batch, [two, 1, 10]);
    const { rows } = await pool.query<{ site_id: number; last: string }>(
      'SELECT site_id, max(last_seq) AS last FROM site_batches GROUP BY site_id ORDER BY site_id',
    );
    expect(rows).toEqual([
      { site_id: one, last: '20' },
      { site_id: two, last: '10' },
    ]);
  });
});
