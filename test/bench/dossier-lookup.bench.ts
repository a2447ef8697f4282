/**
 * The kiosk's dossier lookup (issue 18, item 8): `POST /api/kiosk/dossiers/lookup` against the real server on
 * 127.0.0.1 (the demo center, 1,000 dossiers in the register), with an in-process province that
 *   - answers after PROVINCE_MS (healthy; default 30 ms, a LAN round trip to the provincial system), or
 *   - never answers (hanging): the lookup gives up after its 1.2 s budget and answers from the register.
 * KIOSKS lookups at a time (default 5), LOOKUP_ROUNDS each. Reports p50 / p99 / max per scenario against the
 * kiosk's 1.5 s budget, and how many answers were fresh. A missed budget is reported, not failed (benches measure,
 * tests assert); an answer other than 200 exits 1. Writes bench-results/dossier-lookup.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DossierLookup, type ProvincialStatus } from '@layso/protocol';
import { startHarness, StatusUnavailable, type ProvincialStatusAdapter } from '@layso/queue-server';
import { REPO_ROOT } from '../support/child.js';

function num(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name}: 1 … ${max}, not ${raw}`);
  return n;
}
const KIOSKS = num('KIOSKS', 5, 50);
const ROUNDS = num('LOOKUP_ROUNDS', 40, 1000);
const PROVINCE_MS = num('PROVINCE_MS', 30, 10_000);
const DOSSIERS = 1000;
const BUDGET_MS = 1500;
const AGENCY = '000.00.12.H62';
const code = (n: number) => `${AGENCY}-261201-${String(n).padStart(4, '0')}`;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

/** The province as the bench steers it: answers every code at status 4 after PROVINCE_MS, or hangs. */
class BenchProvince implements ProvincialStatusAdapter {
  hanging = false;
  fetchStatus(c: string, signal?: AbortSignal): Promise<ProvincialStatus | null> {
    return new Promise((resolve, reject) => {
      const timer = this.hanging
        ? undefined
        : setTimeout(
            () => resolve({ MaHoSo: c, TrangThaiHoSo: 4, NgayHenTra: '20991231170000' }),
            PROVINCE_MS,
          );
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new StatusUnavailable('aborted'));
      });
    });
  }
}

interface Row {
  scenario: string;
  lookups: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  fresh: number;
  withinBudget: boolean;
}

async function main(): Promise<void> {
  const province = new BenchProvince();
  const h = await startHarness({
    env: { AGENCY_ID: AGENCY },
    provincialStatus: province,
  });
  try {
    const serviceId = h.store.catalogue.serviceByCode('TP')?.id ?? 0;
    h.store.transaction(() => {
      for (let i = 1; i <= DOSSIERS; i++) {
        h.store.dossiers.received({
          code: code(i),
          procedureId: null,
          serviceId,
          receivedAt: new Date(),
          appointmentAt: new Date(Date.now() + 86_400_000),
          officerId: null,
          ticketId: null,
          proofId: String(i % 10_000).padStart(4, '0'),
          proofPhone: null,
        });
      }
    });
    const lookup = async (n: number): Promise<{ ms: number; fresh: boolean }> => {
      const body = JSON.stringify({ code: code(n), proof: String(n % 10_000).padStart(4, '0') });
      const t = performance.now();
      const res = await fetch(`${h.url}/api/kiosk/dossiers/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${h.credentials.kioskToken}` },
        body,
      });
      const text = await res.text();
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`lookup ${code(n)}: ${res.status} ${text}`);
      const reply = DossierLookup.parse(JSON.parse(text));
      if (reply.state !== 'in_progress') throw new Error(`lookup ${code(n)}: ${reply.state}`);
      return { ms, fresh: reply.fresh };
    };
    const run = async (scenario: string, rounds: number): Promise<Row> => {
      const times: number[] = [];
      let fresh = 0;
      for (let r = 0; r < rounds; r++) {
        const batch = await Promise.all(
          Array.from({ length: KIOSKS }, (_, k) => lookup(1 + ((r * KIOSKS + k) % DOSSIERS))),
        );
        for (const b of batch) {
          times.push(b.ms);
          if (b.fresh) fresh += 1;
        }
      }
      const p99 = pct(times, 99);
      return {
        scenario,
        lookups: times.length,
        p50Ms: Math.round(pct(times, 50)),
        p99Ms: Math.round(p99),
        maxMs: Math.round(Math.max(...times)),
        fresh,
        withinBudget: p99 <= BUDGET_MS,
      };
    };
    await run('warm-up', 2);
    const healthy = await run(`province healthy (${PROVINCE_MS} ms)`, ROUNDS);
    province.hanging = true;
    // Each hanging lookup waits out the budget: fewer rounds say as much.
    const hanging = await run('province hanging', Math.max(1, Math.ceil(ROUNDS / 4)));
    const rows = [healthy, hanging];
    console.log(`kiosk dossier lookup, ${KIOSKS} kiosks at a time, ${DOSSIERS} dossiers registered`);
    for (const r of rows) {
      console.log(
        `  ${r.scenario.padEnd(32)} n=${r.lookups}  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  max ${r.maxMs} ms  fresh ${r.fresh}  (budget ${BUDGET_MS} ms: ${r.withinBudget ? 'met' : 'NOT met'})`,
      );
    }
    const out = join(REPO_ROOT, 'bench-results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'dossier-lookup.json'), `${JSON.stringify({ kiosks: KIOSKS, rows }, null, 2)}\n`);
    console.log(`wrote ${join(out, 'dossier-lookup.json')}`);
  } finally {
    await h.close();
  }
}

await main();
