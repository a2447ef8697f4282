/**
 * Queue-server benchmark (issue 2, item 10). Not a test: in one run it measures
 *
 *  (a) durable ticket issue over HTTP (POST /api/tickets, kiosk token, 32 keep-alive clients) against the raw
 *      single-row INSERT commit rate of SQLite (WAL + synchronous=FULL, one row per transaction) in the same
 *      folder — throughput, p50, p99 and the ratio (targets: ratio ≥ 0.6, p99 ≤ 10 ms);
 *  (b) call → every display against a bare broadcast is the fan-out bench's now (test/bench/fanout.bench.ts:
 *      500 and 2,000 screens in worker processes);
 *  (c) procedure search over the full real catalogue (`search.bench.ts`; target median ≤ 2 ms per query);
 *
 * prints a table and writes bench-results/queue-server.json. The server runs in a child process (`child.ts`)
 * so the load generator doesn't share its event loop. Everything listens on
 * 127.0.0.1 only and every temp folder, socket and process is cleaned up at the end.
 *
 *   npm run bench -w @layso/queue-server           (BENCH_DATA_DIR=/path picks the disk; default: os.tmpdir())
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { ChildCommand, ChildReady } from './child.js';
import { printSearchBench, runSearchBench, type SearchBenchResult } from './search.bench.js';

// ---------------------------------------------------------------- types

export interface LatencyStats {
  ops: number;
  seconds: number;
  /** Operations per second over the measured window. */
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

export interface IssueBenchResult {
  clients: number;
  raw: LatencyStats & { perSecond: number[] };
  /** The headline: every ticket into one big-cap service, so its queue grows through the run. */
  http: LatencyStats & { errors: number; perSecond: number[]; waitingAtEnd: number };
  /** Diagnostic: the same load round-robin over many services, so each queue stays short. */
  spread: LatencyStats & {
    services: number;
    errors: number;
    perSecond: number[];
    ratio: number;
    waitingAtEnd: number;
  };
  ratio: number;
  targetRatio: number;
  targetP99Ms: number;
  ratioMet: boolean;
  p99Met: boolean;
}

export interface SearchSummary {
  procedures: number;
  queries: number;
  medianOfMediansUs: number;
  worstMedianUs: number;
  medianP99Us: number;
  worstP99Us: number;
  targetMedianUs: number;
  met: boolean;
}

export interface QueueServerBenchResult {
  at: string;
  environment: { node: string; platform: string; cpus: number; cpuModel: string; dataDir: string };
  issue: IssueBenchResult;
  search: SearchSummary & { detail: SearchBenchResult };
  totalSeconds: number;
}

export interface QueueServerBenchOptions {
  /** Parent folder of the temp data dir (server DB and raw DB live side by side in it). */
  dataDir?: string;
  clients?: number;
  /** Measured window of each issue run (raw and HTTP), seconds; also bounded by `maxIssueOps`. */
  issueSeconds?: number;
  maxIssueOps?: number;
  warmupOps?: number;
  searchIterations?: number;
  log?: (line: string) => void;
}

// ---------------------------------------------------------------- helpers

const TARGET_RATIO = 0.6;
const TARGET_P99_MS = 10;

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function stats(latencies: number[], seconds: number): LatencyStats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    ops: sorted.length,
    seconds: round(seconds, 3),
    throughput: round(sorted.length / seconds, 0),
    p50Ms: round(quantile(sorted, 0.5), 3),
    p99Ms: round(quantile(sorted, 0.99), 3),
    maxMs: round(sorted[sorted.length - 1] ?? NaN, 3),
    meanMs: round(sum / Math.max(1, sorted.length), 3),
  };
}

/** Rejects after `ms` unless `p` settles first; the timer never keeps the process alive. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

interface Reply {
  status: number;
  body: any;
}

/** A small keep-alive JSON client on node:http (one Agent = one pool of connections). */
class Client {
  readonly agent: Agent;
  constructor(
    private readonly port: number,
    maxSockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  call(method: string, path: string, token?: string, body?: unknown): Promise<Reply> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise<Reply>((resolveReply, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              /* not JSON */
            }
            resolveReply({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${path}: no answer in 15 s`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

interface Child {
  proc: ChildProcess;
  ready: ChildReady;
  send(cmd: ChildCommand): void;
  stop(): Promise<void>;
}

/** Forks `child.ts` with the same loader (tsx) as this process and waits for its `ready` report. */
async function startChild(args: string[]): Promise<Child> {
  const proc = fork(fileURLToPath(new URL('./child.ts', import.meta.url)), args, {
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const ready = await within(
    new Promise<ChildReady>((resolveReady, reject) => {
      proc.on('message', (m: ChildReady) => {
        if (m.type === 'ready') resolveReady(m);
      });
      proc.once('exit', (code) => reject(new Error(`bench child ${args[0]} exited with ${code}`)));
    }),
    120_000,
    `bench child ${args[0]} to start`,
  ).catch((e: unknown) => {
    proc.kill('SIGKILL');
    throw e;
  });
  return {
    proc,
    ready,
    send: (cmd) => proc.send(cmd),
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      if (proc.connected) proc.send({ type: 'stop' } satisfies ChildCommand);
      await within(exited, 8000, 'bench child to stop').catch(() => {
        proc.kill('SIGKILL');
        return exited;
      });
    },
  };
}

// ---------------------------------------------------------------- (a) durable ticket issue

/** Raw commit rate: one single-row INSERT per transaction (autocommit) into WAL + synchronous=FULL. */
class RawInserter {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private seq = 0;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db
      .exec(`CREATE TABLE tickets (id INTEGER PRIMARY KEY, service_id INTEGER NOT NULL, day TEXT NOT NULL,
      seq INTEGER NOT NULL, number TEXT NOT NULL, status TEXT NOT NULL, queued_at INTEGER NOT NULL,
      issued_at INTEGER NOT NULL, tracking_code TEXT NOT NULL, intake TEXT)`);
    this.insert = this.db.prepare(`INSERT INTO tickets (service_id, day, seq, number, status, queued_at,
      issued_at, tracking_code) VALUES (1, '2025-01-01', ?, ?, 'waiting', ?, ?, ?)`);
  }

  private one(): void {
    const seq = ++this.seq;
    const now = Date.now();
    this.insert.run(seq, `9${String(seq).padStart(6, '0')}`, now, now, `trk${seq}`);
  }

  /** Inserts for `seconds` (at most `maxOps`), one row per transaction; returns each commit's latency. */
  slice(seconds: number, maxOps: number): { latencies: number[]; seconds: number } {
    const latencies: number[] = [];
    const start = performance.now();
    const end = start + seconds * 1000;
    while (latencies.length < maxOps) {
      const t = performance.now();
      if (t >= end) break;
      this.one();
      latencies.push(performance.now() - t);
    }
    return { latencies, seconds: (performance.now() - start) / 1000 };
  }

  close(): void {
    this.db.close();
  }
}

interface LoopResult {
  latencies: number[];
  completions: number[];
  seconds: number;
  errors: number;
  firstError: string | null;
}

/** `clients` closed-loop workers, each issuing one request at a time until the window or the op budget ends. */
async function closedLoop(
  clients: number,
  seconds: number,
  maxOps: number,
  op: () => Promise<boolean>,
): Promise<LoopResult> {
  const latencies: number[] = [];
  const completions: number[] = [];
  let started = 0;
  let errors = 0;
  let firstError: string | null = null;
  const start = performance.now();
  const end = start + seconds * 1000;
  const worker = async () => {
    while (started < maxOps && performance.now() < end) {
      started++;
      const t = performance.now();
      let ok = false;
      try {
        ok = await op();
      } catch (e) {
        firstError ??= String(e);
      }
      const done = performance.now();
      if (ok) {
        latencies.push(done - t);
        completions.push(done - start);
      } else {
        errors++;
        if (errors > 100) throw new Error(`too many failed requests; first: ${firstError}`);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  return { latencies, completions, seconds: (performance.now() - start) / 1000, errors, firstError };
}

/** Accumulates closed-loop slices into one set of figures. */
class Tally {
  latencies: number[] = [];
  seconds = 0;
  errors = 0;
  perSlice: number[] = [];
  add(r: { latencies: number[]; seconds: number; errors?: number }): void {
    for (const l of r.latencies) this.latencies.push(l);
    this.seconds += r.seconds;
    this.errors += r.errors ?? 0;
    this.perSlice.push(Math.round(r.latencies.length / r.seconds));
  }
}

async function issueBench(
  layso: ChildReady,
  rawFile: string,
  o: Required<Pick<QueueServerBenchOptions, 'clients' | 'issueSeconds' | 'maxIssueOps' | 'warmupOps'>>,
  log: (line: string) => void,
): Promise<IssueBenchResult> {
  const rawDb = new RawInserter(rawFile);
  const client = new Client(layso.port, o.clients);
  try {
    let lastError = '';
    const issueTo = (pick: () => number) => async () => {
      const r = await client.call('POST', '/api/tickets', layso.kioskToken, { serviceId: pick() });
      if (r.status !== 201) lastError = `${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
      return r.status === 201;
    };
    let k = 0;
    const spread = layso.spreadServiceIds;
    const issueSpread = issueTo(() => spread[k++ % spread.length]!);
    const issueOne = issueTo(() => layso.benchServiceId);

    log(
      `(a) warm-up: ${o.warmupOps} raw inserts, ${o.warmupOps} HTTP tickets over ${spread.length} services…`,
    );
    rawDb.slice(30, o.warmupOps);
    const warm = await closedLoop(o.clients, 30, o.warmupOps, issueSpread);
    if (warm.errors > 0)
      throw new Error(`ticket issue fails during warm-up: ${lastError || warm.firstError}`);

    // Raw and HTTP alternate in 1-s slices so both see the same disk (the host may be shared and noisy).
    const rounds = Math.max(1, Math.round(o.issueSeconds));
    const perSliceOps = Math.ceil(o.maxIssueOps / rounds);
    log(
      `(a) ${rounds} rounds of 1 s raw INSERT | 1 s HTTP POST /api/tickets (${o.clients} keep-alive clients, one ` +
        `service) | 1 s HTTP spread over ${spread.length} services…`,
    );
    const raw = new Tally();
    const one = new Tally();
    const wide = new Tally();
    for (let r = 0; r < rounds; r++) {
      raw.add(rawDb.slice(1, perSliceOps));
      one.add(await closedLoop(o.clients, 1, perSliceOps, issueOne));
      wide.add(await closedLoop(o.clients, 1, perSliceOps, issueSpread));
    }
    if (one.errors + wide.errors > 0)
      log(`   ${one.errors + wide.errors} failed requests, e.g. ${lastError}`);
    const rawStats = stats(raw.latencies, raw.seconds);
    const http = stats(one.latencies, one.seconds);
    const spreadStats = stats(wide.latencies, wide.seconds);
    const ratio = round(http.throughput / rawStats.throughput, 3);
    return {
      clients: o.clients,
      raw: { ...rawStats, perSecond: raw.perSlice },
      http: { ...http, errors: one.errors, perSecond: one.perSlice, waitingAtEnd: one.latencies.length },
      spread: {
        ...spreadStats,
        services: spread.length,
        errors: wide.errors,
        perSecond: wide.perSlice,
        ratio: round(spreadStats.throughput / rawStats.throughput, 3),
        waitingAtEnd: Math.round((warm.latencies.length + wide.latencies.length) / spread.length),
      },
      ratio,
      targetRatio: TARGET_RATIO,
      targetP99Ms: TARGET_P99_MS,
      ratioMet: ratio >= TARGET_RATIO,
      p99Met: http.p99Ms <= TARGET_P99_MS,
    };
  } finally {
    client.close();
    rawDb.close();
  }
}

// ---------------------------------------------------------------- the run

export async function runQueueServerBench(
  options: QueueServerBenchOptions = {},
): Promise<QueueServerBenchResult> {
  const t0 = performance.now();
  const log =
    options.log ??
    ((line: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${line}`));
  const o = {
    clients: options.clients ?? 32,
    issueSeconds: options.issueSeconds ?? 4,
    maxIssueOps: options.maxIssueOps ?? 40_000,
    warmupOps: options.warmupOps ?? 1000,
    searchIterations: options.searchIterations ?? 200,
  };
  const started = performance.now();
  const parent = resolve(options.dataDir ?? process.env.BENCH_DATA_DIR ?? tmpdir());
  mkdirSync(parent, { recursive: true });
  const dataDir = mkdtempSync(join(parent, 'layso-bench-'));
  const children: Child[] = [];
  try {
    log(`data dir ${dataDir}; starting the LấySố server (demo center)…`);
    const laysoChild = await startChild(['layso', join(dataDir, 'server')]);
    children.push(laysoChild);
    const layso = laysoChild.ready;

    const issue = await issueBench(layso, join(dataDir, 'raw.db'), o, log);
    await laysoChild.stop();

    log(`(c) procedure search, ${o.searchIterations} runs per query…`);
    const detail = runSearchBench({ iterations: o.searchIterations });
    const p99s = detail.rows.map((r) => r.p99Us).sort((a, b) => a - b);
    const search: QueueServerBenchResult['search'] = {
      procedures: detail.procedures,
      queries: detail.rows.length,
      medianOfMediansUs: detail.medianOfMediansUs,
      worstMedianUs: detail.worstMedianUs,
      medianP99Us: quantile(p99s, 0.5),
      worstP99Us: p99s[p99s.length - 1] ?? NaN,
      targetMedianUs: detail.targetMedianUs,
      met: detail.worstMedianUs <= detail.targetMedianUs,
      detail,
    };

    return {
      at: new Date().toISOString(),
      environment: {
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        dataDir: parent,
      },
      issue,
      search,
      totalSeconds: round((performance.now() - started) / 1000, 1),
    };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- printing

const mark = (ok: boolean) => (ok ? '✔ pass' : '✘ FAIL');
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function printQueueServerBench(
  r: QueueServerBenchResult,
  options: { searchDetail?: boolean } = {},
): void {
  const e = r.environment;
  console.log(
    `\nLấySố queue-server benchmark — ${r.at}\n` +
      `Node ${e.node}, ${e.platform}, ${e.cpus} × ${e.cpuModel}, data under ${e.dataDir}, ${r.totalSeconds} s\n`,
  );
  if (options.searchDetail) {
    printSearchBench(r.search.detail);
    console.log('');
  }
  const a = r.issue;
  const rows: string[][] = [
    ['(a) durable ticket issue', 'ops/s', 'p50 ms', 'p99 ms', 'ratio', 'target', 'result'],
    [`    raw SQLite INSERT, WAL+FULL, 1 row/tx`, String(a.raw.throughput), ms(a.raw.p50Ms), ms(a.raw.p99Ms)],
    [
      `    POST /api/tickets, ${a.clients} clients, 1 service`,
      String(a.http.throughput),
      ms(a.http.p50Ms),
      ms(a.http.p99Ms),
      a.ratio.toFixed(2),
      `ratio ≥ ${a.targetRatio}`,
      mark(a.ratioMet),
    ],
    ['', '', '', '', '', `p99 ≤ ${a.targetP99Ms} ms`, mark(a.p99Met)],
    [
      `    (diag.) same over ${a.spread.services} services`,
      String(a.spread.throughput),
      ms(a.spread.p50Ms),
      ms(a.spread.p99Ms),
      a.spread.ratio.toFixed(2),
      'info',
      '',
    ],
  ];
  const s = r.search;
  rows.push(['', '', '', '', '', '', '']);
  rows.push(['(c) procedure search', 'queries', 'median ms', 'p99 ms', '', 'target', 'result']);
  rows.push([
    `    ${s.procedures} procedures: median of medians`,
    String(s.queries),
    ms(s.medianOfMediansUs / 1000),
    ms(s.medianP99Us / 1000),
  ]);
  rows.push([
    `    slowest query`,
    '',
    ms(s.worstMedianUs / 1000),
    ms(s.worstP99Us / 1000),
    '',
    `median ≤ ${s.targetMedianUs / 1000} ms`,
    mark(s.met),
  ]);
  console.log(table(rows));
  console.log(
    `\n(a) ops/s per 1-s slice — raw ${a.raw.perSecond.join(', ')}; HTTP 1 service ${a.http.perSecond.join(', ')} ` +
      `(queue reached ${a.http.waitingAtEnd} waiting); spread ${a.spread.perSecond.join(', ')} ` +
      `(~${a.spread.waitingAtEnd} waiting per service); errors ${a.http.errors + a.spread.errors}.`,
  );
}

async function main(): Promise<void> {
  const result = await runQueueServerBench();
  printQueueServerBench(result);
  const dir = new URL('../../bench-results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL('queue-server.json', dir);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${fileURLToPath(file)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
