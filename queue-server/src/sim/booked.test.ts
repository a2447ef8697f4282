import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BOOKING_SETTINGS } from '@layso/protocol';
import profileJson from './demo-profile.json' with { type: 'json' };
import { withBookings, type HistoryBooking } from './booked.js';
import { simulateDay, type Arrival, type TicketRecord } from './day.js';
import { modelFromHistory, modelFromProfile, parseProfile, type DayModel } from './model.js';
import { StaffingPlan, type SimOptions } from './plan.js';
import { createRandom } from './random.js';
import { replicationArrivals, runPlan, waitMinutes } from './whatif.js';
import { demoPlan } from '../demo/center.js';
import { saveBookingSettings } from '../app/booking-settings.js';
import { openDatabase } from '../db/open.js';
import { Store } from '../db/store.js';
import { seedDemo } from '../demo/seed.js';
import { historyFromStore } from './history.js';
import { runSimulateCli } from '../cli/simulate.js';

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
  it('booked waits are bounded and walk-ins are never passed by more than the mix', () => {
    const model = tinyModel();
    const rules = model.booking!;
    fc.assert(
      fc.property(
        // Walk-ins at any second of the morning (an overloaded counter included).
        fc.array(fc.integer({ min: 7 * 3600, max: 11 * 3600 }), { maxLength: 40 }),
        // At most one booking a slot, checking in on time (anywhere from the window's opening to the slot's start).
        fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: SLOT_STARTS.length,
          maxLength: SLOT_STARTS.length,
        }),
        (walkInTimes, checkIns) => {
          const booked = checkIns.flatMap((u, k) => {
            if (u === null) return [];
            const start = SLOT_STARTS[k]!;
            const at = Math.round(start - u * rules.checkInEarlyMinutes * 60);
            return [{ ...walkIn(at), booked: { slotStart: start } }];
          });
          const arrivals = [...walkInTimes.map(walkIn), ...booked].sort((a, b) => a.at - b.at);
          const day = simulateDay(model, onePlan, arrivals, { weekday: 1 });
          // From its slot's start: the service under way, then at most one walk-in the mix lets go first (the
          // booked streak was full) — the slot before it was served by then, 30 minutes being three services.
          for (const t of day.tickets.filter((x) => x.slotStart !== null)) {
            expect(t.calledAt).not.toBeNull();
            expect(waitMinutes({ ...t, calledAt: t.calledAt! })).toBeLessThanOrEqual(
              (2 * SERVICE_SECONDS) / 60,
            );
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

describe('learning bookings from history', () => {
  const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`).getTime();
  const MONDAYS = ['2026-01-05', '2026-01-12'];
  const days = Array.from({ length: 14 }, (_, k) => `2026-01-${String(5 + k).padStart(2, '0')}`);
  const booking = (
    day: string,
    slot: string,
    status: HistoryBooking['status'],
    checkedIn: string | null = null,
  ): HistoryBooking => ({
    serviceId: 1,
    day,
    slotStart: at(day, slot),
    status,
    checkedInAt: checkedIn === null ? null : at(day, checkedIn),
  });
  // Two Mondays: at 08:00 four bookings came (checked in 07:50 and 08:05), one never came, one came too late,
  // one was cancelled; and the kiosk issued one walk-in ticket at 08:20 on each Monday, plus the checked-in ones.
  const bookings = [
    booking(MONDAYS[0]!, '08:00', 'checked_in', '07:50'),
    booking(MONDAYS[0]!, '08:00', 'checked_in', '08:05'),
    booking(MONDAYS[0]!, '08:00', 'no_show'),
    booking(MONDAYS[1]!, '08:00', 'checked_in', '07:50'),
    booking(MONDAYS[1]!, '08:00', 'checked_in', '08:05'),
    booking(MONDAYS[1]!, '08:00', 'late'),
    booking(MONDAYS[1]!, '08:30', 'cancelled'),
  ];
  const ticket = (day: string, hhmm: string) => ({
    serviceId: 1,
    day,
    status: 'done',
    issuedAt: at(day, hhmm),
    calledAt: at(day, hhmm) + 60_000,
    servedAt: at(day, hhmm) + 60_000,
    finishedAt: at(day, hhmm) + 660_000,
    transferredIn: false,
  });
  const tickets = MONDAYS.flatMap((d) => [ticket(d, '07:50'), ticket(d, '08:05'), ticket(d, '08:20')]);
  const services = [{ ...tinyModel().services[0]!.rules, code: 'A', name: 'A' }];

  it('learns bookings per slot, the no-show share and the check-in spread; their tickets are not walk-ins', () => {
    const model = modelFromHistory({
      name: 'h',
      hours: services[0]!.hours,
      services,
      days,
      tickets,
      bookings,
    });
    const a = model.services[0]!;
    // Each Monday: tickets at 07:50, 08:05 and 08:20, the first two check-ins; one walk-in a Monday, at 08:20.
    expect(a.arrivals[1]![7]).toBe(0);
    expect(a.arrivals[1]![8]).toBe(1);
    expect(a.booked?.slots[1]).toEqual([{ start: 8 * 3600, expected: 3 }]);
    expect(a.booked?.noShowRate).toBeCloseTo(2 / 6, 12);
    expect([...(a.booked?.checkInOffsets ?? [])].sort((x, y) => x - y)).toEqual([-600, -600, 300, 300]);
    // Without the bookings, the same tickets are three walk-ins an hour.
    const plain = modelFromHistory({ name: 'h', hours: services[0]!.hours, services, days, tickets });
    expect(plain.services[0]!.arrivals[1]![8]).toBe(2);
    expect(plain.services[0]!.booked).toBeUndefined();
  });

  it('simulates the learnt bookings: they check in at the learnt times, some never come', () => {
    const model = modelFromHistory({
      name: 'h',
      hours: services[0]!.hours,
      services,
      days,
      tickets,
      bookings,
    });
    const r = runPlan(model, onePlan, { weekday: 1, replications: 40, seed: 3, targetMinutes: 15 });
    // Three bookings a Monday on average, a third never coming: about two booked tickets a day.
    expect(r.total.booked.issued).toBeGreaterThan(1.5);
    expect(r.total.booked.issued).toBeLessThan(2.5);
    const arrivals = withBookings({ model, plan: StaffingPlan.parse(onePlan), weekday: 1, walkIns: [] }, () =>
      createRandom(5),
    );
    expect(arrivals.length).toBeGreaterThan(0);
    for (const x of arrivals) expect([7 * 3600 + 50 * 60, 8 * 3600 + 5 * 60]).toContain(x.at);
  });
});

describe('the history adapter', () => {
  it('reads the bookings of the window and the booking settings from a real database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'layso-sim-booked-'));
    const db = openDatabase(join(dir, 'queue.db'));
    try {
      const store = new Store(db);
      await seedDemo(store, { now: () => new Date('2026-01-05T08:00:00+07:00') }, 'http://127.0.0.1');
      const tp = store.catalogue.services().find((s) => s.code === 'TP')!;
      saveBookingSettings(store, { ...DEFAULT_BOOKING_SETTINGS, maxBookedInRow: 3 });
      const slot = new Date('2026-01-12T09:00:00+07:00');
      const book = (code: string) =>
        store.bookings.insert({
          code,
          serviceId: tp.id,
          procedureId: null,
          day: '2026-01-12',
          slotStart: slot,
          slotEnd: new Date(slot.getTime() + 30 * 60_000),
          cccdHash: `hash-${code}`,
          cccdLast: '789',
          phone: '0912345678',
          at: new Date('2026-01-10T10:00:00+07:00'),
        });
      book('AAAA0001');
      const missed = book('AAAA0002');
      store.bookings.setStatus(missed, 'booked', 'no_show', new Date('2026-01-12T09:11:00+07:00'));
      const h = historyFromStore(store, { weeks: 2, today: new Date('2026-01-20T08:00:00+07:00') });
      expect(h.model.booking?.maxBookedInRow).toBe(3);
      const learnt = h.model.services.find((s) => s.code === 'TP')?.booked;
      // Two Mondays in the window; on one, a 09:00 booking ended as a no-show, another never ended (left out).
      expect(learnt?.slots[1]).toEqual([{ start: 9 * 3600, expected: 0.5 }]);
      expect(learnt?.noShowRate).toBe(1);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run simulate -- --booked', () => {
  const run = (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = runSimulateCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('compares today with a share of Tư pháp booked, booked and walk-in waits apart', () => {
    const r = run('--booked', 'TP:30', '--replications', '3');
    expect(r.code).toBe(0);
    expect(r.out).toContain('TP:30 đặt lịch/booked');
    expect(r.out).toMatch(/Đặt lịch \/ booked TP: [\d.]+\/ngày\/day, chờ\/mean [\d.]+/);
    // Plan A has no booked line: the demo profile learnt no bookings.
    expect(r.out.split('Đặt lịch / booked TP').length).toBe(2);
  });

  it('refuses a share that is not CODE:PERCENT, in both languages', () => {
    const r = run('--booked', 'TP:130');
    expect(r.code).toBe(2);
    expect(r.err).toContain('MÃ:PHẦN_TRĂM');
    expect(r.err).toContain('CODE:PERCENT');
  });
});
