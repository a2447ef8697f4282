import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseInService } from './call-policy.js';
import {
  aheadFromCounts,
  aheadOf,
  estimateWaitMinutes,
  openCountersFor,
  runningAverage,
  serviceSeconds,
} from './estimate.js';
import { makeCounter, makeTicket } from './testing.js';
import type { TicketState } from './types.js';
import { DEFAULT_POLICY } from './types.js';

const policy = { defaultServiceMinutes: 8 };
const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 30, 1, minute));
const tk = (id: number, serviceId: number, minute: number, p = false): TicketState =>
  makeTicket({
    id,
    seq: id,
    serviceId,
    queuedAt: at(minute),
    issuedAt: at(minute),
    priority: p ? 'elderly' : null,
  });

describe('estimateWaitMinutes', () => {
  it('is (ahead + half a service under way) ÷ open counters × average, rounded up', () => {
    // 3.5 × 5 min = 17.5; ÷ 2 = 8.75; 1.5 × 61 s = 1.525 min; 7.5 × 3 min ÷ 3 = 7.5.
    expect(estimateWaitMinutes({ ahead: 3, openCounters: 1, averageServiceSeconds: 300, policy })).toBe(18);
    expect(estimateWaitMinutes({ ahead: 3, openCounters: 2, averageServiceSeconds: 300, policy })).toBe(9);
    expect(estimateWaitMinutes({ ahead: 1, openCounters: 1, averageServiceSeconds: 61, policy })).toBe(2);
    expect(estimateWaitMinutes({ ahead: 7, openCounters: 3, averageServiceSeconds: 180, policy })).toBe(8);
    expect(estimateWaitMinutes({ ahead: 5, openCounters: 2, averageServiceSeconds: 240, policy })).toBe(11);
  });

  it('is 0 when nobody is ahead', () => {
    expect(estimateWaitMinutes({ ahead: 0, openCounters: 0, averageServiceSeconds: null, policy })).toBe(0);
  });

  it('uses defaultServiceMinutes on a fresh day', () => {
    expect(estimateWaitMinutes({ ahead: 3, openCounters: 1, averageServiceSeconds: null, policy })).toBe(28);
    expect(
      estimateWaitMinutes({ ahead: 3, openCounters: 1, averageServiceSeconds: Number.NaN, policy }),
    ).toBe(28);
  });

  it('estimates as if one counter were open when none is', () => {
    expect(estimateWaitMinutes({ ahead: 2, openCounters: 0, averageServiceSeconds: 600, policy })).toBe(25);
  });

  it('is a whole number, never negative, and grows with people ahead', () => {
    const num = fc.oneof(fc.double(), fc.integer({ min: -1000, max: 1000 }));
    fc.assert(
      fc.property(num, num, fc.option(num, { nil: null }), num, (ahead, openCounters, avg, def) => {
        const input = {
          ahead,
          openCounters,
          averageServiceSeconds: avg,
          policy: { defaultServiceMinutes: def },
        };
        const m = estimateWaitMinutes(input);
        expect(Number.isSafeInteger(m)).toBe(true);
        expect(m).toBeGreaterThanOrEqual(0);
        if (Number.isFinite(ahead) && ahead >= 0 && ahead < 1e6) {
          expect(estimateWaitMinutes({ ...input, ahead: ahead + 1 })).toBeGreaterThanOrEqual(m);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('runningAverage', () => {
  it('averages the last `window` valid times', () => {
    expect(runningAverage([100, 200, 300], 2)).toBe(250);
    expect(runningAverage([100, 200, 300], 20)).toBe(200);
  });

  it('ignores non-finite and negative values', () => {
    expect(runningAverage([100, Number.NaN, -5, Number.POSITIVE_INFINITY, 300], 5)).toBe(200);
  });

  it('is null when nothing valid is there', () => {
    expect(runningAverage([], 5)).toBeNull();
    expect(runningAverage([Number.NaN, -1], 5)).toBeNull();
  });

  it('treats a window below 1 as 1', () => {
    expect(runningAverage([100, 200], 0)).toBe(200);
  });
});

describe('serviceSeconds', () => {
  it('is finishedAt − servedAt for a done ticket, else null', () => {
    const done = makeTicket({ status: 'done', servedAt: at(0), finishedAt: at(5) });
    expect(serviceSeconds(done)).toBe(300);
    expect(serviceSeconds({ ...done, status: 'no-show' })).toBeNull();
    expect(serviceSeconds(makeTicket())).toBeNull();
  });
});

describe('aheadOf', () => {
  it('counts earlier tickets of the same class and service', () => {
    const waiting = [tk(1, 1, 0), tk(2, 1, 1), tk(3, 2, 0), tk(4, 1, 2)];
    expect(aheadOf(waiting[3] as TicketState, waiting, 0, DEFAULT_POLICY)).toBe(2);
    expect(aheadOf(waiting[0] as TicketState, waiting, 0, DEFAULT_POLICY)).toBe(0);
  });

  it('counts priority tickets the policy calls before a normal one, up to the bound', () => {
    const normal = tk(1, 1, 0);
    const waiting = [normal, tk(2, 1, 1, true), tk(3, 1, 2, true), tk(4, 1, 3, true)];
    expect(aheadOf(normal, waiting, 0, { maxPriorityInRow: 2 })).toBe(2);
    expect(aheadOf(normal, waiting, 1, { maxPriorityInRow: 2 })).toBe(1);
    expect(aheadOf(normal, waiting, 2, { maxPriorityInRow: 2 })).toBe(0);
    // The last priority ticket waits behind two priority calls and the normal one.
    expect(aheadOf(waiting[3] as TicketState, waiting, 0, { maxPriorityInRow: 2 })).toBe(3);
  });

  it('is 0 for a ticket that is not waiting', () => {
    expect(aheadOf({ ...tk(5, 1, 9), status: 'called' }, [tk(1, 1, 0)], 0, DEFAULT_POLICY)).toBe(0);
  });

  it('counts a ticket missing from the list as if it were in it', () => {
    expect(aheadOf(tk(9, 1, 5), [tk(1, 1, 0), tk(2, 1, 9)], 0, DEFAULT_POLICY)).toBe(1);
  });

  it('equals the number of calls the policy makes before the ticket (no new arrivals)', () => {
    const queue = fc
      .array(
        fc.record({
          minute: fc.integer({ min: 0, max: 40 }),
          p: fc.boolean(),
          s: fc.integer({ min: 1, max: 2 }),
        }),
        { minLength: 1, maxLength: 20 },
      )
      .map((xs) => xs.map((x, i) => tk(i + 1, x.s, x.minute, x.p)));
    fc.assert(
      fc.property(
        queue,
        fc.nat(),
        fc.nat({ max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        (all, pick, streak, max) => {
          const target = all[pick % all.length] as TicketState;
          const ahead = aheadOf(target, all, streak, { maxPriorityInRow: max });
          expect(ahead).toBeGreaterThanOrEqual(0);
          let rest = all.filter((t) => t.serviceId === target.serviceId);
          let s = streak;
          let calls = 0;
          for (;;) {
            const choice = chooseInService(rest, s, { maxPriorityInRow: max }, at(0));
            if (!choice || choice.ticket.id === target.id) break;
            calls += 1;
            s = choice.streakAfter;
            rest = rest.filter((t) => t.id !== choice.ticket.id);
          }
          expect(ahead).toBe(calls);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('openCountersFor', () => {
  it('counts unpaused counters that serve the service', () => {
    const counters = [
      makeCounter({ id: 1, serviceIds: [1, 2] }),
      makeCounter({ id: 2, serviceIds: [2], paused: true }),
      makeCounter({ id: 3, serviceIds: [2] }),
    ];
    expect(openCountersFor(2, counters)).toBe(2);
    expect(openCountersFor(1, counters)).toBe(1);
    expect(openCountersFor(9, counters)).toBe(0);
  });
});

describe('aheadFromCounts', () => {
  it('equals aheadOf for every ticket of random queues, streaks and mixes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { maxLength: 40 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        (classes, streak, maxPriorityInRow) => {
          const policy = { maxPriorityInRow };
          const waiting = classes.map((p, i) => tk(i + 1, 1, i, p));
          for (const t of waiting) {
            const mine = t.priority !== null;
            const position = {
              priority: mine,
              before: waiting.filter((o) => (o.priority !== null) === mine && o.seq < t.seq).length,
              others: waiting.filter((o) => (o.priority !== null) !== mine).length,
            };
            expect(aheadFromCounts(position, streak, policy)).toBe(aheadOf(t, waiting, streak, policy));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
