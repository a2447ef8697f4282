import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BOOKING_SETTINGS } from '@layso/protocol';
import profileJson from './demo-profile.json' with { type: 'json' };
import { withBookings } from './booked.js';
import { simulateDay, type Arrival, type TicketRecord } from './day.js';
import { modelFromProfile, parseProfile, type DayModel } from './model.js';
import { StaffingPlan, type SimOptions } from './plan.js';
import { createRandom } from './random.js';
import { replicationArrivals, runPlan, waitMinutes } from './whatif.js';
import { demoPlan } from '../demo/center.js';

const demoModel = (): DayModel => {
  const p = parseProfile(profileJson);
  if (!p.ok) throw new Error(p.problems.join('\n'));
  return modelFromProfile(p.profile);
};
const OPTIONS: SimOptions = { weekday: 1, replications: 6, seed: 11, targetMinutes: 15 };

describe('what if a share of a service is booked', () => {
  it('0 % booked is today’s result exactly, and draws nothing', () => {
    const model = demoModel();
    const today = runPlan(model, demoPlan(), OPTIONS);
    expect(runPlan(model, { ...demoPlan(), booked: { TP: 0 } }, OPTIONS)).toEqual(today);
    expect(today.total.booked.issued).toBe(0);
    expect(today.total.walkIn.meanWait).toBe(today.total.meanWait);
    const walkIns = replicationArrivals(model, 1, 11, 0);
    let drawn = false;
    const same = withBookings(
      { model, plan: StaffingPlan.parse({ ...demoPlan(), booked: { TP: 0 } }), weekday: 1, walkIns },
      () => {
        drawn = true;
        return createRandom(1);
      },
    );
    expect(same).toBe(walkIns);
    expect(drawn).toBe(false);
  });

  it('30 % of Tư pháp booked: booked tickets wait little, the rest of the center is untouched', () => {
    const model = demoModel();
    const today = runPlan(model, demoPlan(), OPTIONS);
    const b = runPlan(model, { ...demoPlan(), booked: { TP: 30 } }, OPTIONS);
    const tpA = today.services.find((s) => s.code === 'TP')!;
    const tpB = b.services.find((s) => s.code === 'TP')!;
    // About 30 % of Tư pháp's citizens now come booked (some slots may be full), and come in their slots.
    expect(tpB.booked.issued).toBeGreaterThan(0.15 * tpA.issued);
    expect(tpB.booked.issued).toBeLessThan(0.35 * tpA.issued);
    expect(tpB.walkIn.issued).toBeLessThan(tpA.walkIn.issued);
    // Called at their slot ahead of the walk-ins: a short wait, shorter than a walk-in's.
    expect(tpB.booked.meanWait).toBeLessThan(tpB.walkIn.meanWait);
    expect(tpB.booked.meanWait).toBeLessThan(20);
    expect(tpB.booked.p90Wait).toBeLessThan(tpB.walkIn.p90Wait!);
    // Other services see exactly the same arrivals (their own streams), and no booked ticket.
    const other = b.services.find((s) => s.code !== 'TP' && s.issued > 0)!;
    expect(other.booked.issued).toBe(0);
    expect(other.issued).toBe(today.services.find((s) => s.code === other.code)!.issued);
  });
});

/** One service "A", 07:00–11:30, one counter, 10 minutes a citizen; bookings from 07:30 in half-hour slots. */
const SERVICE_SECONDS = 600;
const tinyModel = (): DayModel => {
  const p = parseProfile({
    name: 'tiny',
    hours: { '1': [{ open: '07:00', close: '11:30' }] },
    hourShape: { '8': 1 },
    services: [{ code: 'A', arrivalsPerDay: { '1': 1 }, serviceMinutes: { mean: 10, sd: 0 } }],
  });
  if (!p.ok) throw new Error(p.problems.join('\n'));
  return { ...modelFromProfile(p.profile), booking: { ...DEFAULT_BOOKING_SETTINGS, bookableFrom: '07:30' } };
};
const onePlan = { name: 'one', counters: [{ number: 1, services: ['A'] }], priorityShare: 0, noShowRate: 0 };
const walkIn = (at: number): Arrival => ({
  at,
  serviceId: 1,
  uPriority: 1,
  uNoShow: 1,
  serviceSeconds: SERVICE_SECONDS,
});
const SLOT_STARTS = Array.from({ length: 7 }, (_, k) => (7.5 + k / 2) * 3600);

/** Consecutive booked calls made while some walk-in waited, the longest run. */
function longestBookedRunPastWalkIn(tickets: readonly TicketRecord[]): number {
  const calls = tickets.filter((t) => t.calledAt !== null).sort((x, y) => x.calledAt! - y.calledAt!);
  let longest = 0;
  let run = 0;
  for (const c of calls) {
    if (c.slotStart === null) {
      run = 0;
      continue;
    }
    const walkInWaits = tickets.some(
      (w) => w.slotStart === null && w.issuedAt <= c.calledAt! && (w.calledAt ?? Infinity) > c.calledAt!,
    );
    run = walkInWaits ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

describe('a day with booked tickets (the booked mix)', () => {
  it('booked waits are bounded by one service and walk-ins are never passed by more than the mix', () => {
    const model = tinyModel();
    const rules = model.booking!;
    fc.assert(
      fc.property(
        // Walk-ins at any second of the morning (an overloaded counter included).
        fc.array(fc.integer({ min: 7 * 3600, max: 11 * 3600 }), { maxLength: 40 }),
        // At most one booking a slot, checking in anywhere in its window.
        fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: SLOT_STARTS.length,
          maxLength: SLOT_STARTS.length,
        }),
        (walkInTimes, checkIns) => {
          const booked = checkIns.flatMap((u, k) => {
            if (u === null) return [];
            const start = SLOT_STARTS[k]!;
            const window = (rules.checkInEarlyMinutes + rules.checkInLateMinutes) * 60;
            const at = Math.round(start - rules.checkInEarlyMinutes * 60 + u * window);
            return [{ ...walkIn(at), booked: { slotStart: start } }];
          });
          const arrivals = [...walkInTimes.map(walkIn), ...booked].sort((a, b) => a.at - b.at);
          const day = simulateDay(model, onePlan, arrivals, { weekday: 1 });
          for (const t of day.tickets.filter((x) => x.slotStart !== null)) {
            expect(t.calledAt).not.toBeNull();
            expect(waitMinutes({ ...t, calledAt: t.calledAt! })).toBeLessThanOrEqual(SERVICE_SECONDS / 60);
          }
          expect(longestBookedRunPastWalkIn(day.tickets)).toBeLessThanOrEqual(rules.maxBookedInRow);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a run of due bookings takes maxBookedInRow calls, then a waiting walk-in goes', () => {
    const model = tinyModel();
    const start = 8 * 3600;
    const arrivals: Arrival[] = [
      // Six walk-ins keep the counter busy until 08:00.
      ...[0, 1, 2, 3, 4, 5].map((k) => walkIn(7 * 3600 + k)),
      ...[1, 2, 3].map((k) => ({ ...walkIn(start - 600 + k), booked: { slotStart: start } })),
      walkIn(start - 300),
    ].sort((a, b) => a.at - b.at);
    // Without the bookings the walk-in of 07:55 would be called at 08:00.
    const day = simulateDay(model, onePlan, arrivals, { weekday: 1 });
    const order = day.tickets
      .filter((t) => t.calledAt !== null && t.calledAt >= start)
      .sort((x, y) => x.calledAt! - y.calledAt!)
      .map((t) => (t.slotStart === null ? 'walk-in' : 'booked'));
    expect(order).toEqual(['booked', 'booked', 'walk-in', 'booked']);
  });
});
