/**
 * The day simulator (queue-server/src/sim, issue 10): simulated days per second for a 5,000-ticket day (target: one
 * such day in ≤ 1 s). The demo profile's arrivals are scaled to ~5,000 kiosk issues on a Monday and the demo
 * center's 25 counters repeated to match, so queues stay realistic; every call, issue and estimate goes through
 * the real engine. BENCH_SIM_DAYS (default 10) changes the number of days. Prints a table and writes
 * bench-results/simulate.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import profileJson from '../../queue-server/src/sim/demo-profile.json' with { type: 'json' };
import { modelFromProfile, parseProfile, expectedArrivals } from '../../queue-server/src/sim/model.js';
import { simulateDay } from '../../queue-server/src/sim/day.js';
import { demoPlan } from '../../queue-server/src/demo/center.js';
import { replicationArrivals } from '../../queue-server/src/sim/whatif.js';
import { REPO_ROOT } from '../support/child.js';

const DAYS = Number(process.env.BENCH_SIM_DAYS ?? 10);
const TARGET_TICKETS = 5000;
const TARGET_MS = 1000;

const parsed = parseProfile(profileJson);
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const base = modelFromProfile(parsed.profile);
const scale = TARGET_TICKETS / base.services.reduce((n, s) => n + expectedArrivals(s, 1), 0);
const model = {
  ...base,
  services: base.services.map((s) => ({
    ...s,
    rules: { ...s.rules, dailyCap: 9999 },
    arrivals: s.arrivals.map((h) => h.map((r) => r * scale)),
  })),
};
// Four-digit numbers for the bigger day.
for (const s of model.services) s.rules.numberFormat = { ...s.rules.numberFormat, digits: 4 };
const demo = demoPlan();
const copies = Math.ceil(scale);
const plan = {
  ...demo,
  name: `demo × ${copies}`,
  counters: Array.from({ length: copies }, (_, k) =>
    demo.counters.map((c) => ({ ...c, number: c.number + k * 100 })),
  ).flat(),
};

const times: number[] = [];
let tickets = 0;
simulateDay(model, plan, replicationArrivals(model, 1, 1, 999), { weekday: 1 }); // warm-up
for (let r = 0; r < DAYS; r += 1) {
  const arrivals = replicationArrivals(model, 1, 1, r);
  const t0 = performance.now();
  const day = simulateDay(model, plan, arrivals, { weekday: 1 });
  times.push(performance.now() - t0);
  tickets += day.tickets.length;
}
const sorted = [...times].sort((a, b) => a - b);
const meanMs = times.reduce((a, b) => a + b, 0) / times.length;
const result = {
  days: DAYS,
  ticketsPerDay: Math.round(tickets / DAYS),
  counters: plan.counters.length,
  meanMsPerDay: Math.round(meanMs),
  maxMsPerDay: Math.round(sorted[sorted.length - 1]!),
  daysPerSecond: Number((1000 / meanMs).toFixed(2)),
  targetMs: TARGET_MS,
  pass: sorted[sorted.length - 1]! <= TARGET_MS,
};
console.table([result]);
mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
writeFileSync(join(REPO_ROOT, 'bench-results', 'simulate.json'), JSON.stringify(result, null, 2));
