/**
 * A citizen's dossier lookup at the kiosk (issue 18), end to end on 127.0.0.1: the real server (demo center) with
 * the real HTTP status adapter pointed at the real provincial stand-in. Dossiers are received at a counter over
 * HTTP (delivered to the stand-in by the sync worker), then marked ready with the stand-in's control call.
 *   - healthy: the stand-in answers; latency of `POST /api/kiosk/dossiers/lookup` as the kiosk sees it;
 *   - hanging: every status request hangs; the lookup gives up on the province after its budget and answers from
 *     the register (`fresh:false`) — the kiosk's budget is 1.5 s.
 * The same measure as dossier-lookup.bench.ts (an in-process province) but through the HTTP adapter and the stand-in.
 * Prints a table and writes bench-results/dossier-lookup-http.json. BENCH_LOOKUP_DOSSIERS, BENCH_LOOKUP_HEALTHY and
 * BENCH_LOOKUP_HANGING change the sizes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness, startProvincialMock } from '@layso/queue-server';
import { REPO_ROOT } from '../support/child.js';
import { api } from '../support/http.js';

const DOSSIERS = Number(process.env.BENCH_LOOKUP_DOSSIERS ?? 20);
const HEALTHY = Number(process.env.BENCH_LOOKUP_HEALTHY ?? 300);
const HANGING = Number(process.env.BENCH_LOOKUP_HANGING ?? 40);
const HANGING_CONCURRENCY = 4;
const BUDGET_MS = 1500;

const AGENCY = '000.00.12.H62';
const code = (n: number) => `${AGENCY}-261207-${String(n).padStart(4, '0')}`;
const ID_NUMBER = '079123456789';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

interface Series {
  lookups: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  fresh: number;
  states: Record<string, number>;
}

async function main(): Promise<void> {
  const province = await startProvincialMock({ port: 0 });
  const h = await startHarness({
    env: {
      AGENCY_ID: AGENCY,
      PROVINCIAL_URL: province.url,
      ALLOW_HTTP_UPSTREAM: 'true',
      LOG_LEVEL: 'silent',
    },
  });
  try {
    const account = h.credentials.officers[0];
    if (!account) throw new Error('no officer in the demo');
    const signIn = await api(h.url, '/api/auth/login', {
      body: { username: account.username, password: account.password },
    });
    const officer = { token: signIn.body.token as string, counterId: account.counterId };
    const serviceId = h.store.counters.byId(officer.counterId)?.serviceIds[0];
    if (serviceId === undefined) throw new Error('the officer’s counter serves nothing');
    for (let n = 1; n <= DOSSIERS; n += 1) {
      const t = await h.api('/api/tickets', {
        token: h.credentials.kioskToken,
        body: {
          serviceId,
          intake: { consent: true, fullName: 'Nguyễn Văn A', idNumber: ID_NUMBER, phone: '0912345678' },
        },
      });
      if (t.status !== 201) throw new Error(`issue failed: ${JSON.stringify(t.body)}`);
      await h.api(`/api/counters/${officer.counterId}/call-next`, { token: officer.token, method: 'POST' });
      const done = await h.api(`/api/tickets/${t.body.id}/finish`, {
        token: officer.token,
        body: { outcome: 'received', dossier: { code: code(n), appointmentAt: '2099-01-01T17:00:00+07:00' } },
      });
      if (done.status !== 200) throw new Error(`finish failed: ${JSON.stringify(done.body)}`);
    }
    // The sync worker delivers them to the stand-in (bounded wait: 30 s).
    for (let i = 0; i < 600 && province.statuses.size() < DOSSIERS; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (province.statuses.size() < DOSSIERS) throw new Error('the stand-in did not receive every dossier');
    for (let n = 1; n <= DOSSIERS; n += 1) province.statuses.move(code(n), { TrangThaiHoSo: 9 });

    const lookup = async (n: number): Promise<{ ms: number; fresh: boolean; state: string }> => {
      const started = performance.now();
      const r = await h.api('/api/kiosk/dossiers/lookup', {
        token: h.credentials.kioskToken,
        body: { code: code(n), proof: ID_NUMBER.slice(-4) },
      });
      const ms = performance.now() - started;
      if (r.status !== 200) throw new Error(`lookup failed: ${r.status} ${JSON.stringify(r.body)}`);
      return { ms, fresh: r.body.fresh as boolean, state: r.body.state as string };
    };
    const series = (rs: { ms: number; fresh: boolean; state: string }[]): Series => {
      const ms = rs.map((r) => r.ms);
      const states: Record<string, number> = {};
      for (const r of rs) states[r.state] = (states[r.state] ?? 0) + 1;
      return {
        lookups: rs.length,
        p50Ms: pct(ms, 50),
        p99Ms: pct(ms, 99),
        maxMs: Math.max(...ms),
        fresh: rs.filter((r) => r.fresh).length,
        states,
      };
    };

    const healthyRuns: { ms: number; fresh: boolean; state: string }[] = [];
    for (let i = 0; i < HEALTHY; i += 1) healthyRuns.push(await lookup((i % DOSSIERS) + 1));
    const healthy = series(healthyRuns);

    province.setFaults({ hangRate: 1, hangMs: 60_000 });
    const hangingRuns: { ms: number; fresh: boolean; state: string }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: HANGING_CONCURRENCY }, async () => {
        while (next < HANGING) {
          const i = next;
          next += 1;
          hangingRuns.push(await lookup((i % DOSSIERS) + 1));
        }
      }),
    );
    const hanging = series(hangingRuns);

    const f = (x: number) => `${x.toFixed(0)} ms`;
    const line = (s: Series) =>
      `${s.lookups} lookups: p50 ${f(s.p50Ms)} · p99 ${f(s.p99Ms)} · max ${f(s.maxMs)} · fresh ${s.fresh}` +
      ` · states ${JSON.stringify(s.states)}`;
    console.log(
      [
        'Kiosk dossier lookup (real server, HTTP adapter, stand-in)',
        `  province healthy: ${line(healthy)}`,
        `  province hanging (${HANGING_CONCURRENCY} kiosks at once): ${line(hanging)} (budget ${BUDGET_MS} ms: ${
          hanging.maxMs <= BUDGET_MS ? 'met' : 'NOT met'
        })`,
      ].join('\n'),
    );
    const out = join(REPO_ROOT, 'bench-results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'dossier-lookup-http.json'),
      `${JSON.stringify({ healthy, hanging, budgetMs: BUDGET_MS }, null, 2)}\n`,
    );
  } finally {
    await h.close();
    await province.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
