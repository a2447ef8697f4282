/**
 * The register's background refresh (issue 18) against the real provincial stand-in on 127.0.0.1: 10,000
 * registered dossiers due within two working days, each with a status older than the refresh's threshold, pulled
 * by the real job (sync/status-refresh.ts) through the real HTTP adapter into a real SQLite register.
 *   - unbounded: the rate set far above what one request at a time reaches — the time a full pass takes and the
 *     request rate the stand-in saw;
 *   - bounded: the same at PROVINCIAL_STATUS_RATE-like rates, on fewer dossiers — the rate the stand-in saw, which
 *     must never exceed the one set (the fastest second is reported too).
 * Prints a table and writes bench-results/status-refresh.json. BENCH_REFRESH_DOSSIERS, BENCH_REFRESH_BOUNDED
 * (dossiers per bounded run) and BENCH_REFRESH_RATES (comma-separated) change the sizes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  HttpStatusAdapter,
  openDatabase,
  StatusRefresh,
  startProvincialMock,
  Store,
  type ProvincialMock,
} from '@layso/queue-server';
import { REPO_ROOT } from '../support/child.js';

const DOSSIERS = Number(process.env.BENCH_REFRESH_DOSSIERS ?? 10_000);
const BOUNDED = Number(process.env.BENCH_REFRESH_BOUNDED ?? 100);
const RATES = (process.env.BENCH_REFRESH_RATES ?? '5,50').split(',').map(Number);

const code = (n: number) => `000.00.12.H62-261207-${String(n).padStart(5, '0')}`;
const compact = (d: Date) => {
  const v = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return v.slice(0, 19).replace(/[-T:]/g, '');
};

/** The most timestamps (ms) inside any one-second window. */
function busiest(ts: number[]): number {
  let best = 0;
  let from = 0;
  for (let i = 0; i < ts.length; i += 1) {
    while ((ts[i] ?? 0) - (ts[from] ?? 0) >= 1000) from += 1;
    best = Math.max(best, i - from + 1);
  }
  return best;
}

interface Run {
  dossiers: number;
  rateSet: number | null;
  seconds: number;
  requests: number;
  perSecond: number;
  /** Requests the stand-in saw in its busiest whole second. */
  busiestSecond: number;
  updated: number;
}

async function run(count: number, rate: number | null): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'layso-bench-refresh-'));
  const seen: number[] = [];
  const mock: ProvincialMock = await startProvincialMock({
    port: 0,
    onEvent: (e) => {
      if (e.method === 'GET' && e.path.startsWith('/dossiers/')) seen.push(performance.now());
    },
  });
  const store = new Store(openDatabase(join(dir, 'queue.db')));
  try {
    const now = new Date();
    const learnt = new Date(now.getTime() - 2 * 3600_000);
    const due = compact(new Date(now.getTime() + 3600_000));
    store.transaction(() => {
      for (let i = 1; i <= count; i += 1) {
        store.dossiers.applyStatus({ MaHoSo: code(i), TrangThaiHoSo: 4, NgayHenTra: due }, 'pull', learnt);
      }
    });
    for (let i = 1; i <= count; i += 1) mock.statuses.move(code(i), { TrangThaiHoSo: i % 3 === 0 ? 9 : 4 });
    const job = new StatusRefresh({
      register: store.dossiers,
      adapter: new HttpStatusAdapter({ url: mock.url }),
      clock: { now: () => new Date() },
      ratePerSecond: rate ?? 1_000_000,
      batch: count,
    });
    const started = performance.now();
    let asked = 0;
    let updated = 0;
    // Bounded: one pass asks every due dossier; a province that cannot answer would end it early (counted).
    for (let pass = 0; pass < 3 && asked < count; pass += 1) {
      const r = await job.runOnce();
      asked += r.asked;
      updated += r.updated;
      if (r.asked === 0) break;
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      dossiers: count,
      rateSet: rate,
      seconds,
      requests: seen.length,
      perSecond: seen.length / seconds,
      busiestSecond: busiest(seen),
      updated,
    };
  } finally {
    store.db.close();
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const unbounded = await run(DOSSIERS, null);
  const bounded: Run[] = [];
  for (const rate of RATES) bounded.push(await run(Math.min(BOUNDED, Math.ceil(rate * 20)), rate));
  const line = (r: Run) =>
    `${r.dossiers} dossiers in ${r.seconds.toFixed(2)} s · ${r.requests} requests = ${r.perSecond.toFixed(1)}/s` +
    ` (busiest second ${r.busiestSecond}) · ${r.updated} updated`;
  console.log(
    [
      'Background status refresh against the stand-in',
      `  unbounded: ${line(unbounded)}`,
      ...bounded.map((r) => `  at ${r.rateSet}/s: ${line(r)}`),
      `  a full pass of ${DOSSIERS} at the default 5/s: ${(DOSSIERS / 5 / 60).toFixed(0)} min (by the bound)`,
    ].join('\n'),
  );
  const out = join(REPO_ROOT, 'bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'status-refresh.json'), `${JSON.stringify({ unbounded, bounded }, null, 2)}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
