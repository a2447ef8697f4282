import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import profileJson from './demo-profile.json' with { type: 'json' };
import { runSimulateCli } from '../cli/simulate.js';
import { openDatabase } from '../db/open.js';
import { Store } from '../db/store.js';
import { seedDemo } from '../demo/seed.js';
import { historyFromStore } from './history.js';
import { modelFromHistory, modelFromProfile, parseProfile, type SimProfile } from './model.js';
import { createRandom } from './random.js';
import { simulateDay, type Arrival } from './day.js';
import { demoPlan } from '../demo/center.js';
import { addCounters, type SimOptions } from './plan.js';
import { estimateAccuracy } from './stats.js';
import { compare, runPlan } from './whatif.js';

const demoModel = () => {
  const p = parseProfile(profileJson);
  if (!p.ok) throw new Error(p.problems.join('\n'));
  return modelFromProfile(p.profile);
};

const OPTIONS: SimOptions = { weekday: 1, replications: 4, seed: 7, targetMinutes: 15 };

/** One service "A", open 07:00–11:30, served in exactly 10 minutes; arrivals come from the test. */
const tinyProfile: SimProfile = {
  name: 'tiny',
  hours: { '1': [{ open: '07:00', close: '11:30' }] },
  hourShape: { '8': 1 },
  services: [{ code: 'A', arrivalsPerDay: { '1': 3 }, serviceMinutes: { mean: 10, sd: 0 } }],
};
const arrival = (hhmm: string, serviceSeconds = 600): Arrival => {
  const [h, m] = hhmm.split(':').map(Number);
  return { at: h! * 3600 + m! * 60, serviceId: 1, uPriority: 0.99, uNoShow: 0.99, serviceSeconds };
};
const onePlan = { name: 'one', counters: [{ number: 1, services: ['A'] }], priorityShare: 0, noShowRate: 0 };

describe('random', () => {
  it('repeats a stream for a seed and differs across seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next);
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    const r = createRandom(3);
    const n = 4000;
    let sum = 0;
    for (let i = 0; i < n; i += 1) sum += r.poisson(4);
    expect(sum / n).toBeGreaterThan(3.8);
    expect(sum / n).toBeLessThan(4.2);
  });
});

describe('profile', () => {
  it('accepts the demo profile: its services are the demo center’s, land and justice among the busiest', () => {
    const model = demoModel();
    expect(model.services.map((s) => s.code)).toContain('TP');
    const monday = (code: string) =>
      model.services.find((s) => s.code === code)!.arrivals[1]!.reduce((a, b) => a + b, 0);
    expect(monday('TP')).toBeGreaterThan(100);
    // The center is closed on Sunday and in the lunch hour: no arrivals are modelled there.
    expect(model.services.every((s) => s.arrivals[7]!.every((r) => r === 0))).toBe(true);
    expect(model.services.every((s) => s.arrivals[1]![12] === 0)).toBe(true);
  });

  it('explains what is wrong with a bad profile, field by field', () => {
    const r = parseProfile({
      hourShape: { '25': 1 },
      services: [
        { code: 'A', arrivalsPerDay: { '8': 3 }, serviceMinutes: { mean: -1, sd: 0 } },
        { code: 'A', arrivalsPerDay: {}, serviceMinutes: { mean: 5, sd: 1 } },
      ],
    });
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems.join('\n');
    expect(problems).toContain('hourShape');
    expect(problems).toContain('services.0.serviceMinutes.mean');
    expect(problems).toContain('services.0.arrivalsPerDay');
    expect(parseProfile({ hourShape: { '8': 0 }, services: [] }).ok).toBe(false);
  });
});

describe('a day through the engine', () => {
  it('one counter, 10-minute service: exact waits, and the printed estimates against them', () => {
    const model = modelFromProfile(tinyProfile);
    const day = simulateDay(model, onePlan, [arrival('08:00'), arrival('08:00'), arrival('08:01')], OPTIONS);
    const waits = day.tickets.map((t) => (t.calledAt! - t.issuedAt) / 60);
    expect(waits).toEqual([0, 10, 19]);
    // No service finished yet today: the estimate uses the policy's 8 minutes per person ahead, plus half a
    // service for the one under way when someone is ahead: (1 + 0.5) × 8 = 12.
    expect(day.tickets.map((t) => [t.ahead, t.estimateMinutes])).toEqual([
      [0, 0],
      [1, 12],
      [1, 12],
    ]);
    const acc = estimateAccuracy(
      day.tickets.map((t) => ({ ...t, code: 'A' })),
      ['A'],
    );
    // Errors 0, 12 − 10 and 12 − 19.
    expect(acc.overall).toMatchObject({ n: 3, medianAbs: 2, p90Abs: 7 });
    expect(acc.overall.bias).toBeCloseTo(-5 / 3, 9);
    expect(acc.byQueue.map((b) => [b.ahead, b.n])).toEqual([
      ['0', 1],
      ['1–5', 2],
    ]);
    expect(day.counters[0]).toEqual({ number: 1, busySeconds: 1800, openSeconds: 16_200 });
  });

  it('refuses issues after the stop-issuing margin and leaves no one waiting past the close', () => {
    const model = modelFromProfile(tinyProfile);
    const day = simulateDay(
      model,
      onePlan,
      [arrival('11:10', 1800), arrival('11:14'), arrival('11:20')],
      OPTIONS,
    );
    expect(day.refused.get(1)).toBe(1);
    // The 11:14 ticket waits for the 30-minute service that ends at 11:40, after the counter closed.
    expect(day.tickets.map((t) => t.calledAt)).toEqual([11 * 3600 + 600, null]);
  });

  it('a second counter for the service takes the second citizen at once', () => {
    const model = modelFromProfile(tinyProfile);
    const two = {
      ...onePlan,
      counters: [
        ...onePlan.counters,
        { number: 2, services: ['A'], spans: [{ open: '08:00', close: '09:00' }] },
      ],
    };
    const day = simulateDay(model, two, [arrival('08:00'), arrival('08:00'), arrival('08:01')], OPTIONS);
    expect(day.tickets.map((t) => (t.calledAt! - t.issuedAt) / 60)).toEqual([0, 0, 9]);
  });
});

describe('what-if', () => {
  it('is repeatable: the same seed gives the same result, another seed another', () => {
    const model = demoModel();
    const a = runPlan(model, demoPlan(), OPTIONS);
    expect(runPlan(model, demoPlan(), OPTIONS)).toEqual(a);
    expect(runPlan(model, demoPlan(), { ...OPTIONS, seed: 8 }).total.meanWait).not.toBe(a.total.meanWait);
  });

  it('two more counters for Tư pháp in the morning shorten its wait and lengthen no one’s', () => {
    const c = compare(demoModel(), demoPlan(), addCounters(demoPlan(), 'TP:2@08:00-11:30'), OPTIONS);
    expect(c.b.counters).toHaveLength(c.a.counters.length + 2);
    const tp = c.difference.find((d) => d.code === 'TP')!;
    expect(tp.meanWait).toBeLessThan(-5);
    for (const d of c.difference) expect(d.meanWait).toBeLessThanOrEqual(1e-9);
    // Same arrivals for both plans (common random numbers).
    expect(c.b.total.issued).toBe(c.a.total.issued);
    const [lo, hi] = c.a.services.find((s) => s.code === 'TP')!.meanWaitCi;
    expect(lo).toBeLessThan(hi);
  });

  it('rejects a plan naming a service the model does not have, and a malformed counter spec', () => {
    expect(() => runPlan(demoModel(), { counters: [{ number: 1, services: ['XX'] }] }, OPTIONS)).toThrow(
      /XX/,
    );
    expect(() => addCounters(demoPlan(), 'TP:two')).toThrow(/CODE:N/);
    expect(() => addCounters(demoPlan(), 'TP:1@11:00-08:00')).toThrow(/span/);
  });
});

describe('learning from history', () => {
  it('averages kiosk issues per weekday and hour and keeps the measured service times', () => {
    const services = demoModel()
      .services.slice(0, 2)
      .map((s) => ({ ...s.rules, code: s.code, name: s.name }));
    // Two Mondays in the window; three issues at 08:xx on them, one transfer (not an arrival).
    const t = (day: string, hhmm: string, served: number | null, transferredIn = false) => {
      const issuedAt = new Date(`${day}T${hhmm}:00+07:00`).getTime();
      return {
        serviceId: 2,
        day,
        status: served === null ? 'no-show' : 'done',
        issuedAt,
        calledAt: issuedAt + 60_000,
        servedAt: served === null ? null : issuedAt + 60_000,
        finishedAt: served === null ? issuedAt + 120_000 : issuedAt + 60_000 + served * 1000,
        transferredIn,
      };
    };
    const days = [
      '2026-01-05',
      '2026-01-06',
      '2026-01-07',
      '2026-01-08',
      '2026-01-09',
      '2026-01-10',
      '2026-01-11',
      '2026-01-12',
    ];
    const model = modelFromHistory({
      name: 'h',
      hours: tinyProfile.hours!,
      services,
      days,
      minSamples: 2,
      tickets: [
        t('2026-01-05', '08:10', 300),
        t('2026-01-05', '08:40', 500),
        t('2026-01-12', '08:05', null),
        t('2026-01-12', '09:00', 400, true),
      ],
    });
    const tp = model.services.find((s) => s.rules.id === 2)!;
    expect(tp.arrivals[1]![8]).toBe(1.5);
    expect(tp.arrivals[1]![9]).toBe(0);
    expect(tp.serviceTime).toMatchObject({ kind: 'empirical', seconds: [300, 500, 400], meanSeconds: 400 });
    expect(model.services.find((s) => s.rules.id === 1)!.serviceTime.kind).toBe('lognormal');
  });

  it('reads services and counters from a real database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'layso-sim-'));
    const db = openDatabase(join(dir, 'queue.db'));
    try {
      const store = new Store(db);
      await seedDemo(store, { now: () => new Date('2026-01-05T08:00:00+07:00') }, 'http://127.0.0.1');
      const h = historyFromStore(store, { weeks: 2, today: new Date('2026-01-20T08:00:00+07:00') });
      expect(h.days).toHaveLength(14);
      expect(h.tickets).toBe(0);
      expect(h.plan.counters.length).toBeGreaterThan(10);
      expect(h.model.services.map((s) => s.code)).toContain('TP');
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run simulate (in process)', () => {
  const run = (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = runSimulateCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('answers bad arguments with a bilingual message and exit code 2', () => {
    for (const argv of [
      ['--weekday', '9'],
      ['--bogus'],
      ['--add-counters', 'TP'],
      ['--profile', '/nonexistent/profile.json'],
      ['--plan', '/nonexistent/plan.json'],
      ['--add-counters', 'XX:1', '--replications', '1'],
    ]) {
      const r = run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain(' / ');
    }
    expect(run('--help').code).toBe(0);
  });

  it('prints both plans and their difference, as a table or as JSON', () => {
    const table = run('--add-counters', 'TP:2@08:00-11:30', '--replications', '2');
    expect(table.code, table.err).toBe(0);
    expect(table.out).toContain('Khác biệt B − A');
    const json = run('--add-counters', 'TP:2@08:00-11:30', '--replications', '2', '--json');
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out);
    expect(parsed.a.replications).toBe(2);
    expect(parsed.difference.find((d: any) => d.code === 'TP').meanWait).toBeLessThan(0);
  });
});
