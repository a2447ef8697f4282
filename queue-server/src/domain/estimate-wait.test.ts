/**
 * The wait estimate printed on tickets: closed hours inside the wait, the service under way, and
 * `ticketEstimate`, the one call the server's views and the simulator share. (`estimate.test.ts` covers the
 * older pieces: the base formula, running average, people ahead.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WeeklyHours } from '@layso/protocol';
import { estimateWaitMinutes, RESIDUAL_SERVICE_SHARE, ticketEstimate, wallClockMinutes } from './estimate.js';
import { OFFICE_HOURS, makeCounter } from './testing.js';
import type { CounterState } from './types.js';

const policy = { defaultServiceMinutes: 8 };
/** Monday 5 January 2026 at `h:m` Vietnam time (UTC+7, no daylight saving). */
const vn = (h: number, m = 0): Date => new Date(Date.UTC(2026, 0, 5, h - 7, m));
/** Sunday: OFFICE_HOURS has no span. */
const sunday = (h: number, m = 0): Date => new Date(Date.UTC(2026, 0, 4, h - 7, m));

/** Spans of Monday in minutes since midnight, as [open, close). */
const mondaySpans = (hours: WeeklyHours): [number, number][] =>
  (hours['1'] ?? []).map((s) => {
    const [oh, om] = s.open.split(':').map(Number);
    const [ch, cm] = s.close.split(':').map(Number);
    return [oh! * 60 + om!, ch! * 60 + cm!];
  });

describe('wallClockMinutes', () => {
  it('is the work itself when the wait ends in the span it starts in', () => {
    expect(wallClockMinutes(OFFICE_HOURS, vn(9), 60)).toBe(60);
    // Ending exactly at the close still fits.
    expect(wallClockMinutes(OFFICE_HOURS, vn(11), 30)).toBe(30);
  });

  it('adds the lunch break when the wait runs past the morning close', () => {
    // 30 minutes until 11:30, closed until 13:00, then 30 more: called about 13:30.
    expect(wallClockMinutes(OFFICE_HOURS, vn(11), 60)).toBe(150);
    expect(wallClockMinutes(OFFICE_HOURS, vn(9), 200)).toBe(200 + 90);
  });

  it('starts the wait when the service opens', () => {
    expect(wallClockMinutes(OFFICE_HOURS, vn(12), 30)).toBe(60 + 30);
    expect(wallClockMinutes(OFFICE_HOURS, vn(6, 30), 10)).toBe(40);
  });

  it('adds work left after the last close as is', () => {
    expect(wallClockMinutes(OFFICE_HOURS, vn(16, 50), 30)).toBe(30);
    expect(wallClockMinutes(OFFICE_HOURS, vn(18), 30)).toBe(30);
  });

  it('is the work itself on a closed day, without hours, or for an invalid instant', () => {
    expect(wallClockMinutes(OFFICE_HOURS, sunday(11), 60)).toBe(60);
    expect(wallClockMinutes({}, vn(11), 60)).toBe(60);
    expect(wallClockMinutes(OFFICE_HOURS, new Date(Number.NaN), 60)).toBe(60);
  });

  it('is 0 for no work, and for work that is not a positive number', () => {
    expect(wallClockMinutes(OFFICE_HOURS, vn(12), 0)).toBe(0);
    expect(wallClockMinutes(OFFICE_HOURS, vn(12), -5)).toBe(0);
    expect(wallClockMinutes(OFFICE_HOURS, vn(12), Number.NaN)).toBe(0);
  });

  const hoursArb = fc
    .array(fc.integer({ min: 0, max: 24 * 60 }), { minLength: 0, maxLength: 6 })
    .map((cuts) => {
      // Sorted distinct cut points paired into disjoint spans: [c0, c1), [c2, c3), …
      const sorted = [...new Set(cuts)].sort((a, b) => a - b);
      const hm = (m: number): string =>
        m === 24 * 60
          ? '24:00'
          : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      const spans = [];
      for (let i = 0; i + 1 < sorted.length; i += 2)
        spans.push({ open: hm(sorted[i]!), close: hm(sorted[i + 1]!) });
      return { '1': spans } as WeeklyHours;
    });
  const minuteOfDay = fc.integer({ min: 0, max: 24 * 60 - 1 });
  const work = fc.double({ min: 0, max: 2000, noNaN: true });

  it('spends exactly the work in open time (or after the last close), never less than the work', () => {
    fc.assert(
      fc.property(hoursArb, minuteOfDay, work, (hours, start, w) => {
        const wall = wallClockMinutes(hours, vn(0, start), w);
        expect(wall).toBeGreaterThanOrEqual(w - 1e-9);
        // Independently: the open minutes inside [start, start + wall], plus what lies after the last close.
        const spans = mondaySpans(hours);
        const end = start + wall;
        const lastClose = Math.max(start, ...spans.map(([, c]) => c));
        let open = Math.max(0, end - lastClose);
        for (const [o, c] of spans) open += Math.max(0, Math.min(c, end, lastClose) - Math.max(o, start));
        expect(open).toBeCloseTo(w, 6);
      }),
      { numRuns: 500 },
    );
  });

  it('adds closed time only when the wait leaves the span it starts in', () => {
    fc.assert(
      fc.property(hoursArb, minuteOfDay, work, (hours, start, w) => {
        const inside = mondaySpans(hours).find(([o, c]) => start >= o && start < c);
        fc.pre(inside !== undefined && start + w <= inside[1]);
        expect(wallClockMinutes(hours, vn(0, start), w)).toBeCloseTo(w, 9);
      }),
      { numRuns: 500 },
    );
  });

  it('never shrinks when the work grows', () => {
    fc.assert(
      fc.property(hoursArb, minuteOfDay, work, work, (hours, start, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(wallClockMinutes(hours, vn(0, start), hi)).toBeGreaterThanOrEqual(
          wallClockMinutes(hours, vn(0, start), lo),
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('estimateWaitMinutes (the service under way, closed hours)', () => {
  it('adds part of a service for the one under way when someone is ahead, nothing when nobody is', () => {
    const input = { openCounters: 1, averageServiceSeconds: 600, policy };
    expect(estimateWaitMinutes({ ...input, ahead: 0 })).toBe(0);
    expect(estimateWaitMinutes({ ...input, ahead: 1 })).toBe(Math.ceil((1 + RESIDUAL_SERVICE_SHARE) * 10));
    // Two people ahead of two counters: (2 + 0.5) × 10 ÷ 2 = 12.5.
    expect(estimateWaitMinutes({ ...input, ahead: 2, openCounters: 2 })).toBe(13);
  });

  it('adds the lunch break the wait runs into, and nothing when it does not', () => {
    // (5 + 0.5) × 10 minutes = 55 minutes of counter time.
    const input = { ahead: 5, openCounters: 1, averageServiceSeconds: 600, policy, hours: OFFICE_HOURS };
    expect(estimateWaitMinutes({ ...input, at: vn(9) })).toBe(55);
    // From 11:00: 30 minutes to 11:30, closed until 13:00, 25 more.
    expect(estimateWaitMinutes({ ...input, at: vn(11) })).toBe(30 + 90 + 25);
    // Issued in the break: the wait starts at 13:00.
    expect(estimateWaitMinutes({ ...input, at: vn(12, 30) })).toBe(30 + 55);
    // Without an instant, or on a day without hours, the hours are not used.
    expect(estimateWaitMinutes(input)).toBe(55);
    expect(estimateWaitMinutes({ ...input, at: sunday(11) })).toBe(55);
  });

  const num = fc.oneof(fc.double(), fc.integer({ min: -1000, max: 1000 }));
  const inputArb = fc.record({
    ahead: fc.integer({ min: 0, max: 500 }),
    openCounters: fc.integer({ min: 0, max: 30 }),
    averageServiceSeconds: fc.option(fc.double({ min: 0, max: 7200, noNaN: true }), { nil: null }),
    minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  });
  type In = typeof inputArb extends fc.Arbitrary<infer T> ? T : never;
  const full = (i: In) => ({
    ahead: i.ahead,
    openCounters: i.openCounters,
    averageServiceSeconds: i.averageServiceSeconds,
    policy,
    hours: OFFICE_HOURS,
    at: vn(0, i.minute),
  });

  it('is a safe whole number, never negative, whatever it is fed', () => {
    fc.assert(
      fc.property(num, num, fc.option(num, { nil: null }), num, (ahead, open, avg, minute) => {
        const m = estimateWaitMinutes({
          ahead,
          openCounters: open,
          averageServiceSeconds: avg,
          policy,
          hours: OFFICE_HOURS,
          at: vn(0, Number.isFinite(minute) ? minute : 0),
        });
        expect(Number.isSafeInteger(m)).toBe(true);
        expect(m).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it('is 0 when nobody is ahead, whatever the hour', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        expect(estimateWaitMinutes({ ...full(i), ahead: 0 })).toBe(0);
      }),
    );
  });

  it('grows with people ahead and shrinks with open counters, across the lunch break too', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 1, max: 10 }), (i, extra) => {
        const base = estimateWaitMinutes(full(i));
        expect(estimateWaitMinutes({ ...full(i), ahead: i.ahead + 1 })).toBeGreaterThanOrEqual(base);
        // One counter or none both estimate for one (see estimateWaitMinutes).
        if (i.openCounters >= 1)
          expect(
            estimateWaitMinutes({ ...full(i), openCounters: i.openCounters + extra }),
          ).toBeLessThanOrEqual(base);
      }),
      { numRuns: 500 },
    );
  });

  it('adds closed hours only when the wait leaves the opening span it starts in', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const withHours = estimateWaitMinutes(full(i));
        const { hours: _h, at: _a, ...plain } = full(i);
        const without = estimateWaitMinutes(plain);
        expect(withHours).toBeGreaterThanOrEqual(without);
        const span = mondaySpans(OFFICE_HOURS).find(([o, c]) => i.minute >= o && i.minute < c);
        // The wait (before rounding up) ends in the span it starts in: the hours change nothing.
        if (span && i.minute + without <= span[1]) expect(withHours).toBe(without);
        // It starts in the morning span and ends in the afternoon one: exactly the break is added.
        // (`without` is rounded up, so `without − 1` is still less than the wait.)
        if (
          i.minute >= 7 * 60 &&
          i.minute < 11.5 * 60 &&
          i.minute + without - 1 > 11.5 * 60 &&
          i.minute + without + 90 <= 17 * 60
        )
          expect(withHours - without).toBe(90);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('ticketEstimate', () => {
  const base = {
    serviceId: 1,
    averageServiceSeconds: 600,
    hours: OFFICE_HOURS,
    at: vn(9),
    policy,
  };

  it('counts the staffed counters serving the service that are not paused', () => {
    const counters: CounterState[] = [
      makeCounter({ id: 1, serviceIds: [1] }),
      makeCounter({ id: 2, serviceIds: [2, 1], currentTicketId: 11 }),
      makeCounter({ id: 3, serviceIds: [1], paused: true }),
      makeCounter({ id: 4, serviceIds: [3] }),
    ];
    // Two counters for service 1: (3 + 0.5) × 10 ÷ 2 = 17.5.
    expect(ticketEstimate({ ...base, ahead: 3, counters })).toBe(18);
    expect(ticketEstimate({ ...base, ahead: 0, counters })).toBe(0);
    // The same wait issued at 11:20 runs into the break: 10 minutes, 90 closed, 7.5.
    expect(ticketEstimate({ ...base, ahead: 3, counters, at: vn(11, 20) })).toBe(108);
  });

  it('gives the figure for when service resumes when no counter is open', () => {
    expect(ticketEstimate({ ...base, ahead: 2, counters: [] })).toBe(25);
    expect(ticketEstimate({ ...base, ahead: 2, counters: [], at: vn(12) })).toBe(60 + 25);
  });

  const counterArb = fc.record({
    id: fc.integer({ min: 1, max: 99 }),
    serviceIds: fc.uniqueArray(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
    paused: fc.boolean(),
    currentTicketId: fc.option(fc.integer({ min: 1, max: 999 }), { nil: null }),
  });

  it('never grows when another counter for the service opens', () => {
    fc.assert(
      fc.property(
        fc.array(counterArb, { maxLength: 6 }),
        counterArb,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        (counters, extra, ahead, minute) => {
          const added = {
            ...extra,
            serviceIds: [...extra.serviceIds.filter((s) => s !== 1), 1],
            paused: false,
          };
          const input = { ...base, ahead, at: vn(0, minute) };
          expect(ticketEstimate({ ...input, counters: [...counters, added] })).toBeLessThanOrEqual(
            ticketEstimate({ ...input, counters }),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
