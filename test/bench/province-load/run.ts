/**
 * The province under load (issue 20, Deliver 6): simulated sites — each its own day from the day simulator, in
 * BENCH_LOAD_WORKERS child processes — send real HubBatch JSON with their own keys to a hub of TWO processes on
 * one PostgreSQL (Debian's, fsync on), half the sites to each; a dashboard (Socket.IO viewer of the province) on
 * each process. Time runs BENCH_LOAD_FACTOR times faster than real (default 60: a simulated hour a minute).
 *
 *  1. 125 sites over the busy morning (08:00–10:00 of a Monday) compressed, and over 3 minutes of the peak in real
 *     time (compressed, a site coalesces into fewer batches than it would send), each time with
 *  2. one site's week of facts (~45 k) arriving at once in 500-fact batches: time to catch up, others' p99 during it;
 *  3. 1,000 sites, in real time and compressed, for headroom.
 *
 * Measures ingest throughput and site commit → the other process's dashboard (p50/p99; target p99 ≤ 2 s).
 * Prints the figures and writes bench-results/province-load.json. Each part is bounded: the simulated span at the
 * factor, then at most a minute for the sites to drain. Run from province-hub's bench (`npm run bench -w
 * province-hub`): it lives here because it drives the day simulator, which the hub's own code may not import.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueSiteKey, migrate } from '@layso/province-hub';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { startChild, type Child } from '../../../province-hub/src/demo/child.js';
import { startPostgres, type TestPostgres } from '../../../province-hub/src/testing/postgres.js';
import { REPO_ROOT } from '../../support/child.js';
import { latencies, runFigures, type RowSeen, type RunFigures } from './figures.js';
import {
  BENCH_VIEWER_TOKEN,
  type BacklogRecord,
  type BatchRecord,
  type ToParent,
  type ToWorker,
  type WorkerSite,
} from './messages.js';

const FACTOR = Number(process.env.BENCH_LOAD_FACTOR ?? 60);
const WORKERS = Number(process.env.BENCH_LOAD_WORKERS ?? 4);
const BACKLOG_FACTS = Number(process.env.BENCH_BACKLOG_FACTS ?? 45_000);
/** When the backlog starts, after the others: once they are in their stride. */
const BACKLOG_AFTER_MS = 20_000;
const HOUR = 3600;

const here = (file: string) => join(REPO_ROOT, 'test/bench/province-load', file);
const today = new Date(Date.now() + 7 * HOUR * 1000).toISOString().slice(0, 10);

const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * CPU the PostgreSQL server has spent, in ms: the postmaster's own and its ended children's (every backend that
 * closed is counted there once reaped), so the delta over a part whose connections all closed is what it cost.
 */
function postgresCpuMs(dir: string): number {
  const pid = readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0] ?? '';
  const stat = readFileSync(`/proc/${pid.trim()}/stat`, 'utf8');
  // After the command's closing parenthesis: state is field 3, utime … cstime fields 14–17.
  const f = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  return (((f[11] ?? 0) + (f[12] ?? 0) + (f[13] ?? 0) + (f[14] ?? 0)) * 1000) / TICKS;
}

function worker(): ChildProcess {
  return fork(here('site-worker.ts'), [], { execArgv: ['--import', 'tsx'], cwd: REPO_ROOT });
}

/** The next message from `child` that `is` picks (rejects if the child exits first). */
function next<T extends ToParent>(child: ChildProcess, is: (m: ToParent) => m is T): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: ToParent) => {
      if (!is(m)) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m);
    };
    const onExit = (code: number | null) => reject(new Error(`a site process exited (${code}) early`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
type Done = Extract<ToParent, { kind: 'done' }>;
type BacklogDone = Extract<ToParent, { kind: 'backlog-done' }>;
const isDone = (m: ToParent): m is Done => m.kind === 'done';
const isBacklogDone = (m: ToParent): m is BacklogDone => m.kind === 'backlog-done';
const isReady = (m: ToParent): m is ToParent => m.kind === 'ready' || m.kind === 'backlog-ready';

const clockOf = (hour: number) =>
  `${Math.floor(hour)}:${String(Math.round((hour % 1) * 60)).padStart(2, '0')}`;

function dashboard(url: string, rows: RowSeen[]): Promise<Socket> {
  const socket = io(`${url}/hub`, { auth: { token: BENCH_VIEWER_TOKEN }, transports: ['websocket'] });
  socket.on('site:row', (row: { code: string; lastHeardAt: string | null }) => {
    if (row.lastHeardAt)
      rows.push({ site: row.code, lastHeardAt: Date.parse(row.lastHeardAt), at: Date.now() });
  });
  return new Promise((resolve, reject) => {
    socket.once('hub:snapshot', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

interface Part {
  /** What BENCH_LOAD_PARTS names it by. */
  id: string;
  name: string;
  /** How many times faster than real time. */
  factor: number;
  sites: number;
  fromHour: number;
  toHour: number;
  backlog: boolean;
}

async function runPart(pgc: TestPostgres, part: Part): Promise<RunFigures> {
  const pgBefore = postgresCpuMs(pgc.dir);
  let hubMs = 0;
  const figures = await measure(pgc, part, (ms) => (hubMs += ms));
  // The backends of the closed pools are reaped by now or shortly.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const postgresMs = Math.round(postgresCpuMs(pgc.dir) - pgBefore);
  figures.cpu = {
    hubMs,
    postgresMs,
    perBatchMs: Math.round(((hubMs + postgresMs) / figures.batches) * 10) / 10,
    perThousandFactsMs: Math.round(((hubMs + postgresMs) / figures.facts) * 1000),
  };
  return figures;
}

async function measure(pgc: TestPostgres, part: Part, hubCpu: (ms: number) => void): Promise<RunFigures> {
  const databaseUrl = await pgc.createDatabase();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const sites: WorkerSite[] = [];
  const hubs: Child[] = [];
  const sockets: Socket[] = [];
  const children: ChildProcess[] = [];
  try {
    await migrate(pool);
    const codes = Array.from({ length: part.sites + 1 }, (_, i) => `xa-${i + 1}`);
    const keys: string[] = [];
    for (const [i, code] of codes.entries()) {
      keys.push(await issueSiteKey(pool, { code, name: `Trung tâm xã ${i + 1}`, commune: `Xã ${i + 1}` }));
    }
    for (const name of ['hub-a', 'hub-b']) {
      hubs.push(
        await startChild({
          name,
          entry: here('hub-process.ts'),
          env: { HUB_DATABASE_URL: databaseUrl, NODE_OPTIONS: '--import tsx' },
          ready: /hub listening on (http:\/\/\S+)/,
          cwd: REPO_ROOT,
        }),
      );
    }
    const urls = hubs.map((h) => h.url);
    const seen: RowSeen[][] = urls.map(() => []);
    for (const [i, url] of urls.entries()) sockets.push(await dashboard(url, seen[i] ?? []));
    // Alternating: site i to process i % 2, so both take batches and every latency crosses processes.
    const hubIndex = new Map(codes.map((code, i) => [code, i % 2]));
    codes.forEach((code, i) => sites.push({ code, key: keys[i] ?? '', seed: i + 1, url: urls[i % 2] ?? '' }));
    const backlogSite = sites.pop();

    const started = performance.now();
    const count = Math.min(WORKERS, part.sites);
    for (let w = 0; w < count; w++) {
      const child = worker();
      children.push(child);
      const m: ToWorker = {
        kind: 'sites',
        sites: sites.filter((_, i) => i % count === w),
        today,
        fromSec: part.fromHour * HOUR,
        toSec: part.toHour * HOUR,
        factor: part.factor,
      };
      child.send(m);
    }
    const backlogChild = part.backlog && backlogSite ? worker() : null;
    if (backlogChild && backlogSite) {
      backlogChild.send({
        kind: 'backlog',
        site: backlogSite,
        minFacts: BACKLOG_FACTS,
        today,
      } satisfies ToWorker);
      children.push(backlogChild);
    }
    const done = children.slice(0, count).map((c) => next(c, isDone));
    const backlogDone = backlogChild ? next(backlogChild, isBacklogDone) : null;
    // Awaited below; a process that fails before then must not end the bench unreported meanwhile.
    for (const p of [...done, ...(backlogDone ? [backlogDone] : [])]) p.catch(() => {});
    await Promise.all([...children.map((c) => next(c, isReady))]);
    console.log(`  ${part.name}: sites simulated in ${Math.round(performance.now() - started)} ms; running…`);
    const go: ToWorker = { kind: 'go', at: Date.now() + 200 };
    for (const c of children.slice(0, count)) c.send(go);
    let backlog: BacklogRecord | null = null;
    if (backlogChild && backlogDone) {
      await new Promise((resolve) => setTimeout(resolve, BACKLOG_AFTER_MS));
      backlogChild.send(go);
      backlog = (await backlogDone).record;
    }
    const results = await Promise.all(done);
    // The last rows are on their way to the dashboards when the last acknowledgement arrives.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const batches: BatchRecord[] = results.flatMap((r) => r.batches);
    const { samples, unseen } = latencies(batches, (s) => hubIndex.get(s) ?? 0, seen);
    const unsent = results.reduce((n, r) => n + r.unsent, 0);
    if (unsent > 0) console.log(`  ${unsent} sites still had facts unsent when the part ended`);
    return runFigures(
      {
        sites: part.sites,
        factor: part.factor,
        simulated: `${clockOf(part.fromHour)}–${clockOf(part.toHour)} of a Monday`,
      },
      batches,
      samples,
      unseen,
      results.reduce((n, r) => n + r.failures, 0),
      backlog,
    );
  } catch (err) {
    for (const h of hubs)
      console.log(`[${h.name}] ${h.alive() ? 'alive' : 'gone'}:\n${h.output().slice(-3000)}`);
    throw err;
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill();
    for (const s of sockets) s.disconnect();
    await Promise.all(hubs.map((h) => h.kill()));
    for (const h of hubs) hubCpu(Number(/hub cpu (\d+) ms/.exec(h.output())?.[1] ?? 0));
    await pool.end();
  }
}

function print(f: RunFigures): void {
  console.log(
    `  ${f.sites} sites, ${f.simulated} at ${f.factor}×: ${f.facts.toLocaleString('en')} facts in ${f.batches.toLocaleString('en')} batches over ${f.seconds} s — ${f.factsPerSecond} facts/s, ${f.batchesPerSecond} batches/s (${f.meanFactsPerBatch} facts a batch)`,
  );
  console.log(
    `  commit → other process's dashboard: p50 ${f.latencyMs.p50} ms, p99 ${f.latencyMs.p99} ms, max ${f.latencyMs.max} ms (${f.latencyMs.measured} facts; ${f.latencyMs.unseen} unseen); batch round trip p50 ${f.batchRoundTripMs.p50} ms, p99 ${f.batchRoundTripMs.p99} ms; ${f.failedRequests} failed requests`,
  );
  if (f.cpu) {
    console.log(
      `  CPU spent: hub processes ${f.cpu.hubMs} ms, PostgreSQL ${f.cpu.postgresMs} ms — ${f.cpu.perBatchMs} ms a batch, ${f.cpu.perThousandFactsMs} ms per 1,000 facts`,
    );
  }
  const b = f.backlog;
  if (b) {
    console.log(
      `  backlog: ${b.facts.toLocaleString('en')} facts (${b.tickets.toLocaleString('en')} tickets) in ${b.batches} batches caught up in ${b.catchUpSeconds} s (${b.factsPerSecond} facts/s); others meanwhile p50 ${b.othersDuringMs.p50} ms, p99 ${b.othersDuringMs.p99} ms (${b.othersDuringMs.measured} facts)`,
    );
  }
}

const PARTS: Part[] = [
  {
    id: '125x60',
    name: '125 sites, the busy morning compressed, and a week’s backlog',
    sites: 125,
    factor: FACTOR,
    fromHour: 8,
    toHour: 10,
    backlog: true,
  },
  // Compressed, a site's facts coalesce into fewer batches than it would send: real time is the latency that counts.
  {
    id: '125x1',
    name: '125 sites in real time, the peak, and a week’s backlog',
    sites: 125,
    factor: 1,
    fromHour: 9,
    toHour: 9 + 1 / 20,
    backlog: true,
  },
  {
    id: '1000x1',
    name: '1,000 sites in real time, the peak',
    sites: 1000,
    factor: 1,
    fromHour: 9,
    toHour: 9 + 1 / 30,
    backlog: false,
  },
  {
    id: '1000x60',
    name: '1,000 sites, the peak hour compressed',
    sites: 1000,
    factor: FACTOR,
    fromHour: 8.5,
    toHour: 9.5,
    backlog: false,
  },
];

async function main(): Promise<void> {
  const only = process.env.BENCH_LOAD_PARTS?.split(',');
  const pgc = await startPostgres({
    settings: { fsync: 'on', shared_buffers: '256MB', max_connections: '200' },
  });
  const results: Record<string, RunFigures> = {};
  try {
    for (const part of PARTS) {
      if (only && !only.includes(part.id)) continue;
      console.log(`province load — ${part.name}`);
      const f = await runPart(pgc, part);
      print(f);
      results[part.id] = f;
    }
  } finally {
    await pgc.stop();
  }
  const out = join(REPO_ROOT, 'bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'province-load.json'),
    `${JSON.stringify({ results, targetP99Ms: 2000 }, null, 2)}\n`,
  );
}

await main();
