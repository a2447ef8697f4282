/**
 * Provincial delivery (issue 8), against real queue servers and real provincial stand-ins on 127.0.0.1:
 *   - delivery delay after an outage ends: for each record finished during an outage, the time from the end of
 *     the outage to the stand-in storing it (target p99 ≤ 10 s). Several centers run at once, each with its own
 *     outage of a random length, so the end falls anywhere in the worker's probe cycle.
 *   - outbox throughput to a healthy stand-in: records per second once delivery has begun.
 * Prints a table and writes bench-results/provincial.json. BENCH_OUTAGE_CENTERS, BENCH_OUTAGE_RECORDS and
 * BENCH_THROUGHPUT_RECORDS change the sizes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness, startProvincialMock, type Harness, type ProvincialMock } from '@layso/queue-server';
import { REPO_ROOT } from '../support/child.js';
import { api } from '../support/http.js';

const CENTERS = Number(process.env.BENCH_OUTAGE_CENTERS ?? 12);
const RECORDS_PER_CENTER = Number(process.env.BENCH_OUTAGE_RECORDS ?? 10);
const THROUGHPUT_RECORDS = Number(process.env.BENCH_THROUGHPUT_RECORDS ?? 500);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

interface Center {
  h: Harness;
  province: ProvincialMock;
  /** When the stand-in stored each key (ms since the epoch). */
  storedAt: Map<string, number>;
  waiters: { count: number; resolve: () => void }[];
}

async function startCenter(down: boolean): Promise<Center> {
  const storedAt = new Map<string, number>();
  const waiters: Center['waiters'] = [];
  const province = await startProvincialMock({
    port: 0,
    down,
    onEvent: (e) => {
      if (e.outcome !== 'stored' || !e.key) return;
      storedAt.set(e.key, performance.timeOrigin + performance.now());
      for (const w of waiters.filter((x) => storedAt.size >= x.count)) w.resolve();
    },
  });
  const h = await startHarness({
    env: { PROVINCIAL_URL: province.url, ALLOW_HTTP_UPSTREAM: 'true', LOG_LEVEL: 'silent' },
  });
  return { h, province, storedAt, waiters };
}

function stored(c: Center, count: number): Promise<void> {
  if (c.storedAt.size >= count) return Promise.resolve();
  return new Promise((resolve) => c.waiters.push({ count, resolve }));
}

/** Officers of the demo center finish `count` received dossiers over HTTP. */
async function finishDossiers(c: Center, count: number): Promise<void> {
  const officers = c.h.credentials.officers.slice(0, 4);
  const sessions = await Promise.all(
    officers.map(async (o) => {
      const r = await api(c.h.url, '/api/auth/login', {
        body: { username: o.username, password: o.password },
      });
      return { token: r.body.token as string, counterId: o.counterId };
    }),
  );
  for (let i = 0; i < count; i += 1) {
    const s = sessions[i % sessions.length]!;
    const serviceId = c.h.store.counters.byId(s.counterId)!.serviceIds[0]!;
    const issued = await api(c.h.url, '/api/tickets', {
      token: c.h.credentials.kioskToken,
      body: { serviceId },
    });
    if (issued.status !== 201) throw new Error(`issue failed: ${JSON.stringify(issued.body)}`);
    const call = await api(c.h.url, `/api/counters/${s.counterId}/call-next`, {
      token: s.token,
      method: 'POST',
    });
    const done = await api(c.h.url, `/api/tickets/${call.body.ticket.id}/finish`, {
      token: s.token,
      body: {
        outcome: 'received',
        dossier: { code: `000.00.12.H61-261203-${String(i + 1).padStart(4, '0')}` },
      },
    });
    if (done.status !== 200) throw new Error(`finish failed: ${JSON.stringify(done.body)}`);
  }
}

async function close(c: Center): Promise<void> {
  await c.h.close();
  await c.province.close();
}

async function outageTrial(): Promise<number[]> {
  const c = await startCenter(true);
  try {
    await finishDossiers(c, RECORDS_PER_CENTER);
    // The outage lasts 20–40 s in all: long enough for the worker's wait to reach its cap.
    await new Promise((resolve) => setTimeout(resolve, 20_000 + Math.random() * 20_000));
    const end = performance.timeOrigin + performance.now();
    c.province.setFaults({ down: false });
    await stored(c, RECORDS_PER_CENTER);
    return [...c.storedAt.values()].map((t) => t - end);
  } finally {
    await close(c);
  }
}

async function throughput(): Promise<{ records: number; seconds: number; perSecond: number }> {
  const c = await startCenter(false);
  try {
    // The worker is stopped while the records pile up, so the run measures sending only.
    await c.h.server.ctx.sync.stop();
    await finishDossiers(c, THROUGHPUT_RECORDS);
    const from = performance.timeOrigin + performance.now();
    c.h.server.ctx.sync.start();
    await stored(c, THROUGHPUT_RECORDS);
    const seconds = (Math.max(...c.storedAt.values()) - from) / 1000;
    return { records: THROUGHPUT_RECORDS, seconds, perSecond: THROUGHPUT_RECORDS / seconds };
  } finally {
    await close(c);
  }
}

async function main(): Promise<void> {
  const delays = (await Promise.all(Array.from({ length: CENTERS }, () => outageTrial()))).flat();
  const tp = await throughput();
  const result = {
    outage: {
      centers: CENTERS,
      records: delays.length,
      p50Ms: pct(delays, 50),
      p99Ms: pct(delays, 99),
      maxMs: Math.max(...delays),
      targetP99Ms: 10_000,
    },
    throughput: tp,
  };
  const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
  console.log(
    [
      'Provincial delivery',
      `  delay after an outage ends (${delays.length} records, ${CENTERS} centers): p50 ${s(result.outage.p50Ms)}` +
        ` · p99 ${s(result.outage.p99Ms)} · max ${s(result.outage.maxMs)} (target p99 ≤ 10 s: ${
          result.outage.p99Ms <= 10_000 ? 'met' : 'NOT met'
        })`,
      `  throughput to a healthy stand-in: ${tp.records} records in ${tp.seconds.toFixed(2)} s = ${tp.perSecond.toFixed(0)} records/s`,
    ].join('\n'),
  );
  const dir = join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'provincial.json'), `${JSON.stringify(result, null, 2)}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
