/**
 * Queue-server benchmark (issue 2, item 10). Not a test: in one run it measures
 *
 *  (a) durable ticket issue over HTTP (POST /api/tickets, kiosk token, 32 keep-alive clients) against the raw
 *      single-row INSERT commit rate of SQLite (WAL + synchronous=FULL, one row per transaction) in the same
 *      folder — throughput, p50, p99 and the ratio (targets: ratio ≥ 0.6, p99 ≤ 10 ms);
 *  (b) call-next → `ticket:called` received on every `/display` socket, at 50 and 500 sockets, against a bare
 *      node:http + Socket.IO server that broadcasts an event of the same size when it gets a request — latency
 *      from sending the request to the last socket receiving the event (target p99 ≤ 1.5 × bare);
 *  (c) procedure search over the full real catalogue (`search.bench.ts`; target median ≤ 2 ms per query);
 *
 * prints a table and writes bench-results/queue-server.json. The servers run in child processes (`child.ts`)
 * so the load generator and the client sockets don't share the server's event loop. Everything listens on
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
import { io, type Socket } from 'socket.io-client';
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

export interface BroadcastRow {
  sockets: number;
  samples: number;
  eventBytes: number;
  layso: LatencyStats & { errors: number; replyP50Ms: number };
  bare: LatencyStats & { errors: number; replyP50Ms: number };
  ratioP50: number;
  ratioP99: number;
  targetRatioP99: number;
  met: boolean;
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
  broadcast: BroadcastRow[];
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
  displays?: number[];
  samples?: number;
  warmupSamples?: number;
  searchIterations?: number;
  log?: (line: string) => void;
}

// ---------------------------------------------------------------- helpers

const TARGET_RATIO = 0.6;
const TARGET_P99_MS = 10;
const TARGET_BROADCAST = 1.5;

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const p50 = (xs: number[]) =>
  round(
    quantile(
      [...xs].sort((a, b) => a - b),
      0.5,
    ),
    3,
  );
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

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
  layso: Extract<ChildReady, { mode: 'layso' }>,
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

// ---------------------------------------------------------------- (b) call → every display

/** N display sockets that can wait until every one of them has seen a matching event. */
class Fleet {
  readonly sockets: Socket[] = [];
  /** The last `seq` each socket saw on any event. */
  lastSeq: number[] = [];
  private readonly hooked = new Set<string>();
  private waiter: {
    event: string;
    match: (data: any) => boolean;
    seen: Uint8Array;
    remaining: number;
    first: any;
    resolve: (at: number) => void;
  } | null = null;

  static async connect(url: string, token: string, n: number): Promise<Fleet> {
    const fleet = new Fleet();
    const batch = 50;
    for (let i = 0; i < n; i += batch) {
      const group = Array.from({ length: Math.min(batch, n - i) }, () => {
        const s = io(`${url}/display`, {
          transports: ['websocket'],
          auth: { token },
          forceNew: true,
          reconnection: false,
          timeout: 20_000,
        });
        const index = fleet.sockets.push(s) - 1;
        fleet.lastSeq[index] = 0;
        s.onAny((_event: string, data: unknown) => {
          const seq = (data as { seq?: unknown } | null)?.seq;
          if (typeof seq === 'number') fleet.lastSeq[index] = seq;
        });
        return new Promise<void>((resolveConnect, reject) => {
          s.once('connect', () => resolveConnect());
          s.once('connect_error', (e) => reject(e));
        });
      });
      await within(Promise.all(group), 30_000, `${n} display sockets to connect to ${url}`);
    }
    return fleet;
  }

  private hook(event: string): void {
    if (this.hooked.has(event)) return;
    this.hooked.add(event);
    this.sockets.forEach((s, i) =>
      s.on(event, (data: unknown) => {
        const w = this.waiter;
        if (!w || w.event !== event || w.seen[i] || !w.match(data)) return;
        w.seen[i] = 1;
        w.first ??= data;
        if (--w.remaining === 0) {
          this.waiter = null;
          w.resolve(performance.now());
        }
      }),
    );
  }

  /** Arms a wait for `event` on every socket; resolves with the time the last one got it. */
  arm(
    event: string,
    match: (data: any) => boolean,
    timeoutMs: number,
  ): { done: Promise<number>; first(): any } {
    this.hook(event);
    let first: () => any = () => undefined;
    const done = new Promise<number>((resolveAll) => {
      const w = {
        event,
        match,
        seen: new Uint8Array(this.sockets.length),
        remaining: this.sockets.length,
        first: undefined as any,
        resolve: resolveAll,
      };
      first = () => w.first;
      this.waiter = w;
    });
    return {
      done: within(done, timeoutMs, `${event} on all ${this.sockets.length} sockets`).finally(() => {
        this.waiter = null;
      }),
      first: () => first(),
    };
  }

  /** Until every socket has seen the same last `seq` twice in a row, 1 ms apart (bounded). */
  async settle(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    let previous = -1;
    while (performance.now() < deadline) {
      const max = Math.max(...this.lastSeq);
      if (this.lastSeq.every((q) => q === max) && max === previous) return;
      previous = this.lastSeq.every((q) => q === max) ? max : -1;
      await sleep(1);
    }
    throw new Error(`display sockets did not settle in ${timeoutMs} ms`);
  }

  close(): void {
    for (const s of this.sockets) {
      s.removeAllListeners();
      s.disconnect();
    }
    this.sockets.length = 0;
  }
}

interface Sample {
  /** ms from sending the request to the last socket receiving the event. */
  latency: number;
  /** ms from sending the request to its HTTP reply (the server's own time plus one round trip). */
  reply: number;
}

interface Sampler {
  sample(): Promise<Sample>;
  /** The last event a display received, as broadcast. */
  lastEvent(): Record<string, unknown> | undefined;
}

function laysoSampler(fleet: Fleet, client: Client, officerToken: string, counterId: number): Sampler {
  let lastEvent: Record<string, unknown> | undefined;
  return {
    lastEvent: () => lastEvent,
    async sample() {
      const wait = fleet.arm('ticket:called', () => true, 10_000);
      const t0 = performance.now();
      const reply = await client.call('POST', `/api/counters/${counterId}/call-next`, officerToken);
      const replied = performance.now();
      if (reply.status !== 200) {
        void wait.done.catch(() => undefined);
        throw new Error(`call-next answered ${reply.status}: ${JSON.stringify(reply.body).slice(0, 200)}`);
      }
      const last = await wait.done;
      const ticketId = reply.body.ticket.id as number;
      lastEvent = wait.first();
      if (wait.first()?.ticketId !== ticketId)
        throw new Error(`display got ticket ${wait.first()?.ticketId}, call-next answered ${ticketId}`);
      // Not timed: finish the ticket and let its events reach every display before the next sample.
      const settled = fleet.arm('ticket:updated', (d) => d?.ticketId === ticketId, 10_000);
      const fin = await client.call('POST', `/api/tickets/${ticketId}/finish`, officerToken, {
        outcome: 'guidance',
      });
      if (fin.status !== 200) throw new Error(`finish answered ${fin.status}`);
      await settled.done;
      await fleet.settle(5000);
      return { latency: last - t0, reply: replied - t0 };
    },
  };
}

function bareSampler(fleet: Fleet, client: Client): Sampler {
  let n = 0;
  let lastEvent: Record<string, unknown> | undefined;
  return {
    lastEvent: () => lastEvent,
    async sample() {
      const id = ++n;
      const wait = fleet.arm('ticket:called', (d) => d?.ticketId === id, 10_000);
      const t0 = performance.now();
      const reply = await client.call('POST', `/emit/${id}`);
      const replied = performance.now();
      if (reply.status !== 200) throw new Error(`bare emit answered ${reply.status}`);
      const last = await wait.done;
      lastEvent = wait.first();
      return { latency: last - t0, reply: replied - t0 };
    },
  };
}

async function broadcastBench(
  layso: Extract<ChildReady, { mode: 'layso' }>,
  bare: Child,
  o: Required<Pick<QueueServerBenchOptions, 'displays' | 'samples' | 'warmupSamples'>>,
  log: (line: string) => void,
): Promise<BroadcastRow[]> {
  const bareReady = bare.ready;
  const laysoUrl = `http://127.0.0.1:${layso.port}`;
  const bareUrl = `http://127.0.0.1:${bareReady.port}`;
  const laysoClient = new Client(layso.port, 4);
  const bareClient = new Client(bareReady.port, 4);
  const rows: BroadcastRow[] = [];
  try {
    const login = await laysoClient.call('POST', '/api/auth/login', undefined, {
      username: layso.officer.username,
      password: layso.officer.password,
    });
    if (login.status !== 200) throw new Error(`officer login answered ${login.status}`);
    const officerToken = login.body.token as string;
    const counterId = (login.body.user.counterId as number | null) ?? layso.officer.counterId;

    const needed = o.displays.length * (o.samples + o.warmupSamples) + 10;
    log(`(b) issuing ${needed} waiting tickets for counter ${counterId}…`);
    for (let i = 0; i < needed; i++) {
      const r = await laysoClient.call('POST', '/api/tickets', layso.kioskToken, {
        serviceId: layso.counterServiceId,
      });
      if (r.status !== 201) throw new Error(`ticket issue answered ${r.status}`);
    }

    let eventBytes = 0;
    for (const n of o.displays) {
      log(`(b) connecting ${n} + ${n} display sockets (websocket)…`);
      const laysoFleet = await Fleet.connect(laysoUrl, layso.displayToken, n);
      const bareFleet = await Fleet.connect(bareUrl, 'bare', n);
      try {
        const ls = laysoSampler(laysoFleet, laysoClient, officerToken, counterId);
        const bs = bareSampler(bareFleet, bareClient);
        if (eventBytes === 0) {
          // One real call gives the exact `ticket:called` payload the bare server will broadcast.
          await ls.sample();
          const { seq: _seq, ticketId: _id, ...event } = ls.lastEvent() ?? {};
          bare.send({ type: 'template', event });
          await sleep(50);
          await bs.sample();
          eventBytes = Buffer.byteLength(JSON.stringify(bs.lastEvent()));
          const real = Buffer.byteLength(JSON.stringify(ls.lastEvent()));
          if (Math.abs(eventBytes - real) > 8)
            log(`   event sizes differ: ${real} B vs bare ${eventBytes} B`);
        }
        for (let i = 0; i < o.warmupSamples; i++) {
          await ls.sample();
          await bs.sample();
        }
        log(`(b) ${o.samples} samples each at ${n} sockets, interleaved…`);
        const lt: number[] = [];
        const bt: number[] = [];
        const lr: number[] = [];
        const br: number[] = [];
        let lErr = 0;
        let bErr = 0;
        const start = performance.now();
        for (let i = 0; i < o.samples; i++) {
          try {
            const x = await ls.sample();
            lt.push(x.latency);
            lr.push(x.reply);
          } catch (e) {
            if (++lErr === 1) log(`   LấySố sample failed: ${String(e)}`);
            if (lErr > 10) throw e;
          }
          await sleep(2);
          try {
            const x = await bs.sample();
            bt.push(x.latency);
            br.push(x.reply);
          } catch (e) {
            if (++bErr === 1) log(`   bare sample failed: ${String(e)}`);
            if (bErr > 10) throw e;
          }
          await sleep(2);
        }
        const seconds = (performance.now() - start) / 1000;
        const l = stats(lt, seconds);
        const b = stats(bt, seconds);
        const ratioP99 = round(l.p99Ms / b.p99Ms, 2);
        rows.push({
          sockets: n,
          samples: o.samples,
          eventBytes,
          layso: { ...l, errors: lErr, replyP50Ms: p50(lr) },
          bare: { ...b, errors: bErr, replyP50Ms: p50(br) },
          ratioP50: round(l.p50Ms / b.p50Ms, 2),
          ratioP99,
          targetRatioP99: TARGET_BROADCAST,
          met: ratioP99 <= TARGET_BROADCAST && lErr === 0,
        });
      } finally {
        laysoFleet.close();
        bareFleet.close();
      }
      await sleep(200);
    }
    return rows;
  } finally {
    laysoClient.close();
    bareClient.close();
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
    displays: options.displays ?? [50, 500],
    samples: options.samples ?? 400,
    warmupSamples: options.warmupSamples ?? 15,
    searchIterations: options.searchIterations ?? 200,
  };
  const started = performance.now();
  const parent = resolve(options.dataDir ?? process.env.BENCH_DATA_DIR ?? tmpdir());
  mkdirSync(parent, { recursive: true });
  const dataDir = mkdtempSync(join(parent, 'layso-bench-'));
  const children: Child[] = [];
  try {
    log(`data dir ${dataDir}; starting the LấySố server (demo center) and a bare Socket.IO server…`);
    const [laysoChild, bareChild] = await Promise.all([
      startChild(['layso', join(dataDir, 'server')]),
      startChild(['bare']),
    ]);
    children.push(laysoChild, bareChild);
    const layso = laysoChild.ready;
    if (layso.mode !== 'layso') throw new Error('unexpected child');

    // (b) first: its counter's queue stays small, whatever (a) later piles into the bench service.
    const broadcast = await broadcastBench(layso, bareChild, o, log);
    await bareChild.stop();

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
      broadcast,
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
  rows.push(['', '', '', '', '', '', '']);
  rows.push([
    '(b) call → last display has the event',
    'samples',
    'p50 ms',
    'p99 ms',
    'ratio p99',
    'target',
    'result',
  ]);
  for (const b of r.broadcast) {
    rows.push([
      `    bare Socket.IO, ${b.sockets} sockets`,
      String(b.bare.ops),
      ms(b.bare.p50Ms),
      ms(b.bare.p99Ms),
    ]);
    rows.push([
      `    LấySố call-next, ${b.sockets} sockets`,
      String(b.layso.ops),
      ms(b.layso.p50Ms),
      ms(b.layso.p99Ms),
      b.ratioP99.toFixed(2),
      `≤ ${b.targetRatioP99} × bare`,
      mark(b.met),
    ]);
  }
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
  const replies = r.broadcast
    .map((b) => `${b.sockets}: LấySố ${ms(b.layso.replyP50Ms)} / bare ${ms(b.bare.replyP50Ms)}`)
    .join('; ');
  console.log(
    `\n(a) ops/s per 1-s slice — raw ${a.raw.perSecond.join(', ')}; HTTP 1 service ${a.http.perSecond.join(', ')} ` +
      `(queue reached ${a.http.waitingAtEnd} waiting); spread ${a.spread.perSecond.join(', ')} ` +
      `(~${a.spread.waitingAtEnd} waiting per service); errors ${a.http.errors + a.spread.errors}.\n` +
      `(b) event ${r.broadcast[0]?.eventBytes ?? 0} B; HTTP reply p50 ms by sockets — ${replies}.`,
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
