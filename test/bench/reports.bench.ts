/**
 * Reports over a year of history (issue: "A year of history must not make today's work slower"), against real queue
 * servers on 127.0.0.1 with real SQLite files (WAL, synchronous=FULL) in temp folders:
 *   - a year report: `GET /api/reports` over the 365 Vietnam days before today holding ~1,000,000 tickets (a
 *     realistic mix of services, counters, officers in morning and afternoon sessions, outcomes, ratings and waits,
 *     written with straight SQL) as JSON: the first call (cold: it stores every closed day once — a one-time cost
 *     after an upgrade, which `npm start` pays in the background at start), then warm (p50), and as XLSX (p50)
 *     (target ≤ 2 s); for comparison, the same report computed live from every ticket, as before;
 *   - ticket issue latency: sequential `POST /api/tickets` from a kiosk token, alternating between the demo center on
 *     an empty database and the same center with that year in its database, before and after the year was
 *     aggregated (target: year p50 ≤ 1.2 × empty p50).
 * Prints a table and writes bench-results/reports.json. BENCH_REPORT_TICKETS (default 1,000,000) and BENCH_ISSUES
 * (default 300 per database and phase) change the sizes.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createServer,
  loadConfig,
  ManualClock,
  openDatabase,
  seedDemo,
  Store,
  systemClock,
  type DemoCredentials,
  type LaysoServer,
} from '@layso/queue-server';
import { REPO_ROOT } from '../support/child.js';
import { api } from '../support/http.js';

const TICKETS = Number(process.env.BENCH_REPORT_TICKETS ?? 1_000_000);
const ISSUES = Number(process.env.BENCH_ISSUES ?? 300);
const WARM_RUNS = 5;
const TARGET_REPORT_MS = 2000;
const TARGET_ISSUE_RATIO = 1.2;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(1, Math.ceil((p / 100) * s.length)) - 1)] ?? NaN;
};
const now = () => performance.now();

// ---------------------------------------------------------------- Vietnam days (UTC+7 all year)

const VN_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
/** `yyyy-MM-dd` of the Vietnam day of an instant. */
const vnDay = (at: number) => new Date(at + VN_MS).toISOString().slice(0, 10);
/** The instant of Vietnam midnight starting `day`. */
const vnMidnight = (day: string) => Date.parse(`${day}T00:00:00Z`) - VN_MS;
/** 1 = Monday … 7 = Sunday. */
const isoWeekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay() || 7;

// ---------------------------------------------------------------- a year of history

/** mulberry32: the same year on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface YearStats {
  days: number;
  from: string;
  to: string;
  tickets: number;
  issued: number;
  buildSeconds: number;
  dbBytes: number;
}

/**
 * Writes the 365 Vietnam days before today: weekdays 07:30–11:30 and 13:30–17:00, Saturday mornings, Sundays closed,
 * busier services first; 2 % left waiting, 8 % no-shows, 5 % transferred to another service (a second ticket
 * there), the rest served (received, returned or guidance, with dossier codes), two thirds of them rated.
 */
function writeYear(db: ReturnType<typeof openDatabase>, store: Store, tickets: number): YearStats {
  const started = now();
  const r = rng(2026);
  const services = store.catalogue.services();
  const counters = store.counters.all();
  const officers = store.accounts.users().filter((u) => u.role === 'officer');
  const kiosk = store.devices.all().find((d) => d.kind === 'kiosk')?.id ?? null;
  const groups = store.catalogue.priorityGroups().map((g) => g.code);
  const countersOf = new Map(
    services.map((s) => [s.id, counters.filter((c) => c.serviceIds.includes(s.id))] as const),
  );
  const officerAt = new Map(officers.map((o) => [o.counterId, o.id] as const));
  // Busier services first (weights ∝ 1/√rank), as in a real center.
  const weights = services.map((_, i) => 1 / Math.sqrt(i + 1));
  const cumulative: number[] = [];
  weights.reduce((a, w, i) => (cumulative[i] = a + w), 0);
  const pickService = () => {
    const x = r() * cumulative.at(-1)!;
    return services[cumulative.findIndex((c) => c >= x)]!;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const exp = (mean: number) => -Math.log(1 - r()) * mean;

  const today = vnDay(Date.now());
  const days = Array.from({ length: 365 }, (_, i) => vnDay(vnMidnight(today) - (365 - i) * DAY_MS));
  const weekdays = days.filter((d) => isoWeekday(d) <= 5).length;
  const saturdays = days.filter((d) => isoWeekday(d) === 6).length;
  // Saturday mornings see about 40 % of a weekday's citizens; ~5 % more tickets come from transfers.
  const perWeekday = tickets / 1.05 / (weekdays + 0.4 * saturdays);

  const insert = db.prepare(`INSERT INTO tickets (service_id, day, seq, number, priority, status, queued_at,
    issued_at, called_at, served_at, finished_at, counter_id, officer_id, recalls, outcome, dossier_code,
    transferred_from_id, tracking_code, rating, issued_by_device_id, last_called_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const serviceDay = db.prepare(
    'INSERT INTO service_days (service_id, day, last_seq, priority_streak, issued) VALUES (?, ?, ?, 0, ?)',
  );
  let written = 0;
  let issued = 0;
  let codes = randomBytes(0);
  const tracking = () => {
    if (codes.length < 9) codes = randomBytes(9 * 65_536);
    const code = codes.subarray(0, 9).toString('base64url');
    codes = codes.subarray(9);
    return code;
  };

  // A bulk load, not the service's write path: no fsync, foreign keys unchecked (the rows are made consistent), and
  // the tickets' triggers and plain indexes set aside and created again from their own SQL after.
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  const schema = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'tickets' AND sql IS NOT NULL
        AND type IN ('index', 'trigger')`,
    )
    .all() as { type: string; name: string; sql: string }[];
  for (const x of schema) db.exec(`DROP ${x.type.toUpperCase()} ${x.name}`);
  const writeDay = (day: string) => {
    const weekday = isoWeekday(day);
    if (weekday === 7) return;
    const count = Math.round(perWeekday * (weekday === 6 ? 0.4 : 1) * (0.85 + 0.3 * r()));
    const midnight = vnMidnight(day);
    const minute = () => {
      if (weekday === 6 || r() < 0.6) return 7.5 * 60 + r() * 240; // 07:30–11:30
      return 13.5 * 60 + r() * 210; // 13:30–17:00
    };
    const times = Array.from({ length: count }, () => midnight + Math.floor(minute() * 60_000)).sort(
      (a, b) => a - b,
    );
    const seqs = new Map<number, number>();
    const issuedOf = new Map<number, number>();
    const yymmdd = day.slice(2).replaceAll('-', '');
    let dossiers = 0;
    /** One ticket row (positional: a bulk load of a million rows keeps one object shape out of the loop). */
    const add = (
      service: (typeof services)[number],
      priority: string | null,
      status: string,
      queuedAt: number,
      issuedAt: number,
      calledAt: number | null,
      servedAt: number | null,
      finishedAt: number | null,
      counterId: number | null,
      officerId: number | null,
      outcome: string | null,
      rating: string | null,
      from: number | null,
    ): number => {
      const seq = (seqs.get(service.id) ?? 0) + 1;
      seqs.set(service.id, seq);
      if (from === null) issuedOf.set(service.id, (issuedOf.get(service.id) ?? 0) + 1);
      const code =
        outcome === 'received' || outcome === 'returned'
          ? `000.00.12.H61-${yymmdd}-${String(++dossiers).padStart(4, '0')}`
          : null;
      written++;
      const { prefix, digits } = service.numberFormat;
      return Number(
        insert.run(
          service.id,
          day,
          seq,
          `${prefix}${String(seq).padStart(digits, '0')}`,
          priority,
          status,
          queuedAt,
          issuedAt,
          calledAt,
          servedAt,
          finishedAt,
          counterId,
          officerId,
          0,
          outcome,
          code,
          from,
          tracking(),
          rating,
          from === null ? kiosk : null,
          calledAt,
        ).lastInsertRowid,
      );
    };
    /** Waits grow through the morning; a few citizens wait very long. */
    const wait = (at: number) => Math.floor(exp(6 * 60_000 + ((at - midnight) % (4 * 3_600_000)) / 30));
    const serve = () => Math.floor(60_000 + exp(7 * 60_000));
    // Who sits at each counter this morning and this afternoon: mostly its own officer, now and then a colleague.
    const sessions = new Map(
      counters.map((c) => {
        const own = officerAt.get(c.id) ?? pick(officers).id;
        return [c.id, [0, 1].map(() => (r() < 0.9 ? own : pick(officers).id))] as const;
      }),
    );
    const counterOf = (serviceId: number) => pick(countersOf.get(serviceId)!).id;
    const officerOf = (counterId: number, at: number) =>
      sessions.get(counterId)![at - midnight >= 12.5 * 3_600_000 ? 1 : 0]!;
    const rating = () => {
      const x = r();
      if (x < 0.35) return null;
      return x < 0.8 ? 'very-satisfied' : x < 0.96 ? 'satisfied' : 'unsatisfied';
    };
    const outcome = () => {
      const x = r();
      return x < 0.45 ? 'received' : x < 0.7 ? 'returned' : 'guidance';
    };
    for (const issuedAt of times) {
      const s = pickService();
      const priority = r() < 0.1 ? pick(groups) : null;
      const x = r();
      if (x < 0.02) {
        add(s, priority, 'waiting', issuedAt, issuedAt, null, null, null, null, null, null, null, null);
        continue;
      }
      const calledAt = issuedAt + wait(issuedAt);
      const counterId = counterOf(s.id);
      const officerId = officerOf(counterId, calledAt);
      if (x < 0.1) {
        const gone = calledAt + 180_000;
        add(
          s,
          priority,
          'no-show',
          issuedAt,
          issuedAt,
          calledAt,
          null,
          gone,
          counterId,
          officerId,
          null,
          null,
          null,
        );
        continue;
      }
      const servedAt = r() < 0.1 ? null : calledAt + Math.floor(15_000 + r() * 60_000);
      const finishedAt = (servedAt ?? calledAt) + serve();
      if (x < 0.15) {
        const status = 'transferred';
        const from = add(
          s,
          priority,
          status,
          issuedAt,
          issuedAt,
          calledAt,
          servedAt,
          finishedAt,
          counterId,
          officerId,
          null,
          null,
          null,
        );
        const to = pick(services.filter((o) => o.id !== s.id));
        const calledNext = finishedAt + Math.floor(exp(4 * 60_000));
        const startNext = calledNext + 30_000;
        const counterNext = counterOf(to.id);
        add(
          to,
          priority,
          'done',
          issuedAt,
          finishedAt,
          calledNext,
          startNext,
          startNext + serve(),
          counterNext,
          officerOf(counterNext, calledNext),
          outcome(),
          rating(),
          from,
        );
        continue;
      }
      add(
        s,
        priority,
        'done',
        issuedAt,
        issuedAt,
        calledAt,
        servedAt,
        finishedAt,
        counterId,
        officerId,
        outcome(),
        rating(),
        null,
      );
    }
    for (const [sid, seq] of seqs) {
      serviceDay.run(sid, day, seq, issuedOf.get(sid) ?? 0);
      issued += issuedOf.get(sid) ?? 0;
    }
  };
  for (let i = 0; i < days.length; i += 30) {
    db.transaction(() => days.slice(i, i + 30).forEach(writeDay))();
  }
  for (const x of schema) db.exec(x.sql);
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return {
    days: days.length,
    from: days[0]!,
    to: days.at(-1)!,
    tickets: written,
    issued,
    buildSeconds: (now() - started) / 1000,
    dbBytes: 0,
  };
}

// ---------------------------------------------------------------- servers

interface Center {
  dir: string;
  url: string;
  server: LaysoServer;
  db: ReturnType<typeof openDatabase>;
  credentials: DemoCredentials;
  serviceIds: number[];
  year: YearStats | null;
  config: ReturnType<typeof loadConfig>;
  close(): Promise<void>;
}

/** The demo center on a real file; with a year of history written before the server starts (as after an upgrade). */
async function startCenter(withYear: boolean): Promise<Center> {
  const dir = mkdtempSync(join(tmpdir(), 'layso-bench-reports-'));
  const config = loadConfig({
    DATA_DIR: dir,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
  });
  const first = openDatabase(config.dbFile);
  const store = new Store(first);
  const credentials = await seedDemo(store, systemClock, config.publicUrl);
  const year = withYear ? writeYear(first, store, TICKETS) : null;
  first.close();
  if (year) year.dbBytes = statSync(config.dbFile).size;
  const db = openDatabase(config.dbFile);
  // No maintenance jobs: the report-days job would aggregate the year ahead of the cold report measured here.
  const server = await createServer({ db, config, clock: systemClock, maintenance: false });
  const port = await server.listen();
  return {
    dir,
    url: `http://127.0.0.1:${port}`,
    server,
    db,
    credentials,
    serviceIds: new Store(db).catalogue.services().map((s) => s.id),
    year,
    config,
    async close() {
      await server.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function login(c: Center): Promise<string> {
  const r = await api(c.url, '/api/auth/login', { body: c.credentials.admin });
  if (r.status !== 200) throw new Error(`login failed: ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

/** One timed report download; returns ms and the body. */
async function timedReport(
  c: Center,
  token: string,
  from: string,
  to: string,
  format: 'json' | 'xlsx',
): Promise<{ ms: number; body: any; bytes: number }> {
  const t0 = now();
  const res = await fetch(`${c.url}/api/reports?from=${from}&to=${to}&format=${format}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const ms = now() - t0;
  if (res.status !== 200) throw new Error(`report ${format}: ${res.status} ${bytes.toString()}`);
  return { ms, body: format === 'json' ? JSON.parse(bytes.toString('utf8')) : null, bytes: bytes.length };
}

/**
 * The year report as it cost before closed days were stored: every ticket read live. A second server on the same
 * database with its clock on the morning of the year's first day, so every day of the range is today or later —
 * never stored, all computed from tickets.
 */
async function liveReportMs(c: Center, from: string, to: string): Promise<number> {
  const db = openDatabase(c.config.dbFile);
  const clock = new ManualClock(new Date(vnMidnight(from) + 10 * 3_600_000));
  const server = await createServer({ db, config: c.config, clock, maintenance: false });
  try {
    const live: Center = { ...c, url: `http://127.0.0.1:${await server.listen()}` };
    const r = await timedReport(live, await login(live), from, to, 'json');
    return r.ms;
  } finally {
    await server.close();
    db.close();
  }
}

/** Sequential issues alternating between centers, so both see the same machine at the same moments. */
async function issueLatencies(centers: Center[], count: number): Promise<number[][]> {
  const out = centers.map(() => [] as number[]);
  for (let i = 0; i < count; i++) {
    for (const [k, c] of centers.entries()) {
      const serviceId = c.serviceIds[i % c.serviceIds.length]!;
      const t0 = now();
      const r = await api(c.url, '/api/tickets', { token: c.credentials.kioskToken, body: { serviceId } });
      const ms = now() - t0;
      if (r.status !== 201) throw new Error(`issue failed: ${r.status} ${JSON.stringify(r.body)}`);
      out[k]!.push(ms);
    }
  }
  return out;
}

const stats = (xs: number[]) => ({
  p50: pct(xs, 50),
  p99: pct(xs, 99),
  mean: xs.reduce((a, b) => a + b, 0) / xs.length,
});

async function main(): Promise<void> {
  const empty = await startCenter(false);
  const year = await startCenter(true);
  try {
    const y = year.year!;
    // Warm-up: both servers' code paths JIT-compiled before anything is timed.
    await issueLatencies([empty, year], 20);
    const before = await issueLatencies([empty, year], ISSUES);

    const token = await login(year);
    const cold = await timedReport(year, token, y.from, y.to, 'json');
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push((await timedReport(year, token, y.from, y.to, 'json')).ms);
    const xlsx: number[] = [];
    let xlsxBytes = 0;
    for (let i = 0; i < 3; i++) {
      const x = await timedReport(year, token, y.from, y.to, 'xlsx');
      xlsx.push(x.ms);
      xlsxBytes = x.bytes;
    }
    const after = await issueLatencies([empty, year], ISSUES);
    const liveMs = await liveReportMs(year, y.from, y.to);
    const aggregated = year.db.prepare('SELECT count(*) AS n FROM report_days').get() as { n: number };

    const totals = cold.body.totals;
    if (totals.issued !== y.issued)
      throw new Error(`report says ${totals.issued} issued, ${y.issued} written`);
    const issue = {
      beforeAggregation: { empty: stats(before[0]!), year: stats(before[1]!) },
      afterAggregation: { empty: stats(after[0]!), year: stats(after[1]!) },
    };
    const ratio = (p: { empty: { p50: number }; year: { p50: number } }) => p.year.p50 / p.empty.p50;
    const warmP50 = pct(warm, 50);
    const xlsxP50 = pct(xlsx, 50);
    const result = {
      at: new Date().toISOString(),
      machine: { cores: cpus().length, loadAverage1m: loadavg()[0] },
      year: { ...y, reportDaysRows: aggregated.n },
      report: {
        liveJsonMs: liveMs,
        coldJsonMs: cold.ms,
        warmJsonMs: { p50: warmP50, runs: warm },
        xlsxMs: { p50: xlsxP50, runs: xlsx, bytes: xlsxBytes },
        jsonBytes: cold.bytes,
        totals: { issued: totals.issued, served: totals.served, p90WaitSeconds: totals.p90WaitSeconds },
        targetMs: TARGET_REPORT_MS,
        met: {
          cold: cold.ms <= TARGET_REPORT_MS,
          warm: warmP50 <= TARGET_REPORT_MS,
          xlsx: xlsxP50 <= TARGET_REPORT_MS,
        },
      },
      issue: {
        samples: ISSUES,
        ...issue,
        ratioP50: {
          beforeAggregation: ratio(issue.beforeAggregation),
          afterAggregation: ratio(issue.afterAggregation),
        },
        targetRatio: TARGET_ISSUE_RATIO,
      },
    };
    const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
    const m = (x: number) => `${x.toFixed(2)} ms`;
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    const line = (label: string, p: typeof issue.beforeAggregation) =>
      `  issue ${label}: empty p50 ${m(p.empty.p50)} p99 ${m(p.empty.p99)} · year p50 ${m(p.year.p50)} p99 ${m(p.year.p99)}` +
      ` · ratio p50 ${ratio(p).toFixed(2)}× (target ≤ ${TARGET_ISSUE_RATIO}×: ${met(ratio(p) <= TARGET_ISSUE_RATIO)})`;
    console.log(
      [
        `Reports over a year on ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}` +
          ` (${y.tickets.toLocaleString('en')} tickets, ${y.days} Vietnam days ${y.from}..${y.to},` +
          ` database ${(y.dbBytes / 2 ** 20).toFixed(0)} MiB, written in ${y.buildSeconds.toFixed(1)} s)`,
        `  year report JSON computed live from every ticket (as before this change): ${s(liveMs)}`,
        `  year report JSON cold, first call (stores ${y.days} closed days once, ${aggregated.n.toLocaleString('en')} rows): ` +
          `${s(cold.ms)} (one-time; target ≤ 2 s: ${met(result.report.met.cold)})`,
        `  year report JSON warm, from stored days: p50 ${s(warmP50)} of ${WARM_RUNS} (target ≤ 2 s: ${met(result.report.met.warm)})`,
        `  year report XLSX: p50 ${s(xlsxP50)} of 3, ${(xlsxBytes / 1024).toFixed(0)} KiB (target ≤ 2 s: ${met(result.report.met.xlsx)})`,
        line(`before aggregation (${ISSUES} each)`, issue.beforeAggregation),
        line(`after aggregation  (${ISSUES} each)`, issue.afterAggregation),
      ].join('\n'),
    );
    const dir = join(REPO_ROOT, 'bench-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'reports.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await empty.close();
    await year.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
