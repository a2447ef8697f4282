/**
 * Province hub bench (issue 20, Deliver 6, the report and ingest parts). Not a test: in one run it
 *
 *  (a) fills a year of roll-ups for BENCH_SITES sites (default 125, ~10 M tickets; bench/fill.ts, set-wise SQL),
 *      then times GET /api/hub/reports over the whole year and every site, warm (after a first run; median and
 *      worst of 5) and cold (targets: warm ≤ 1 s, cold ≤ 3 s). "Cold" = PostgreSQL restarted (empty shared
 *      buffers, new backends with empty catalogue caches), every file of its data directory dropped from the OS
 *      page cache (posix_fadvise DONTNEED through `dd iflag=nocache`; /proc/sys/vm/drop_caches needs a privilege
 *      a container lacks), and a new hub process' pool — the first report after a restart, read from disk;
 *  (b) ingest throughput: BENCH_INGEST_SITES simulated sites (default 25) at once, each sending
 *      BENCH_INGEST_BATCHES batches (default 8) of 500 facts over HTTP to one hub, roll-ups included;
 *
 * prints the figures and writes bench-results/province-hub.json. PostgreSQL is Debian's (startPostgres), with
 * fsync on, on 127.0.0.1; its folder is removed at the end.
 *
 *   npm run bench -w province-hub
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HubAccess } from '../src/access.js';
import { createHub, type Hub } from '../src/server.js';
import { startPostgres, type TestPostgres } from '../src/testing/postgres.js';
import { fillYear } from './fill.js';
import { ingestBench, type IngestFigures } from './ingest.js';

const SITES = Number(process.env.BENCH_SITES ?? 125);
const INGEST_SITES = Number(process.env.BENCH_INGEST_SITES ?? 25);
const INGEST_BATCHES = Number(process.env.BENCH_INGEST_BATCHES ?? 8);
const YEAR = 2025;
const WARM_RUNS = 5;
const COLD_RUNS = 3;

const TOKEN = 'bench';
const access: HubAccess = {
  viewerOf: (token) =>
    Promise.resolve(
      token === TOKEN ? { userId: 1, username: 'bench', role: 'province_viewer', siteIds: null } : null,
    ),
};

/** Milliseconds one report request takes, its body read whole. */
async function timeReport(hub: Hub, format = 'json'): Promise<number> {
  const t = performance.now();
  const r = await fetch(`${hub.url}/api/hub/reports?from=${YEAR}-01-01&to=${YEAR}-12-31&format=${format}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`report answered ${r.status}`);
  return Math.round(performance.now() - t);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const st = statSync(path);
    return st.isDirectory() ? filesUnder(path) : st.isFile() ? [path] : [];
  });
}

/** Bytes of `files` the OS page cache holds (util-linux fincore), or null without fincore. */
function cachedBytes(files: readonly string[]): number | null {
  try {
    const out = execFileSync('fincore', ['--bytes', '--noheadings', '--output', 'RES', ...files], {
      encoding: 'utf8',
    });
    return out.split('\n').reduce((sum, line) => sum + (Number(line.trim()) || 0), 0);
  } catch {
    return null;
  }
}

/**
 * PostgreSQL restarted and its data files out of the OS page cache; returns how much of them the cache still held
 * just before the report (null: could not tell), so "cold" is measured, not assumed.
 */
async function makeCold(pg: TestPostgres): Promise<number | null> {
  await pg.restart('fast');
  const files = filesUnder(join(pg.dir, 'data', 'base'));
  // Pages the shutdown checkpoint just wrote are dirty until on disk, and a dirty page cannot be dropped.
  execFileSync('sync', files);
  for (const file of files) {
    execFileSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0'], { stdio: 'ignore' });
  }
  return cachedBytes(files);
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const pg = await startPostgres({ settings: { fsync: 'on', shared_buffers: '256MB' } });
  try {
    const databaseUrl = await pg.createDatabase();
    let hub = await createHub({ databaseUrl, access });
    await hub.listen();
    let t = performance.now();
    const filled = await fillYear(hub.pool, SITES, YEAR);
    const fillSeconds = Math.round((performance.now() - t) / 100) / 10;
    const { rows } = await hub.pool.query<{ mb: string }>(
      `SELECT round((pg_total_relation_size('daily_totals') + pg_total_relation_size('hourly_totals')
                     + pg_total_relation_size('site_daily_totals')) / 1048576.0) AS mb`,
    );
    console.log(
      `filled ${YEAR} for ${SITES} sites: ${filled.tickets.toLocaleString('en')} tickets, ` +
        `${filled.rows.toLocaleString('en')} roll-up rows (${rows[0]?.mb} MB) in ${fillSeconds} s`,
    );

    await timeReport(hub);
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await timeReport(hub));
    const csvMs = await timeReport(hub, 'csv');
    const xlsxMs = await timeReport(hub, 'xlsx');
    console.log(
      `year report, ${SITES} sites, warm: median ${median(warm)} ms, worst ${Math.max(...warm)} ms`,
    );
    console.log(`  as CSV ${csvMs} ms, as XLSX ${xlsxMs} ms`);

    const cold: number[] = [];
    const stillCached: (number | null)[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      await hub.close();
      stillCached.push(await makeCold(pg));
      hub = await createHub({ databaseUrl, access });
      await hub.listen();
      cold.push(await timeReport(hub));
    }
    const mb = (b: number | null) => (b === null ? '?' : (b / 1048576).toFixed(1));
    console.log(
      `year report, cold (restart + page cache dropped): ${cold.join(', ')} ms ` +
        `(data files still cached before each: ${stillCached.map(mb).join(', ')} MB)`,
    );

    const ingestDb = await pg.createDatabase();
    await hub.close();
    hub = await createHub({ databaseUrl: ingestDb, poolSize: 10 });
    await hub.listen();
    t = performance.now();
    const ingest: IngestFigures = await ingestBench(hub, INGEST_SITES, INGEST_BATCHES);
    await hub.close();
    console.log(
      `ingest: ${ingest.sites} sites at once, ${ingest.batches} batches of 500 = ${ingest.facts} facts in ` +
        `${ingest.seconds} s: ${ingest.factsPerSecond} facts/s, batch p50 ${ingest.batchP50Ms} ms, ` +
        `p99 ${ingest.batchP99Ms} ms`,
    );

    const results = {
      sites: SITES,
      year: YEAR,
      tickets: filled.tickets,
      rollupRows: filled.rows,
      rollupMB: Number(rows[0]?.mb),
      fillSeconds,
      report: {
        warmMs: warm,
        warmMedianMs: median(warm),
        coldMs: cold,
        coldCachedBytes: stillCached,
        csvMs,
        xlsxMs,
      },
      targets: { warmMs: 1000, coldMs: 3000 },
      ingest,
    };
    const out = resolve(fileURLToPath(import.meta.url), '../../../bench-results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'province-hub.json'), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await pg.stop();
  }
}

await main();
