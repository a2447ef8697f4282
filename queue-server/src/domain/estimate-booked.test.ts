import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseInService } from './call-policy.js';
import { aheadOfBooked, bookedAheadOfWalkIn, bookedSlotsAhead } from './estimate.js';
import { makeTicket } from './testing.js';
import type { TicketState } from './types.js';

const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 30, 1, minute));
/** 10 minutes a person, one counter. */
const minutesFor = (ahead: number): number => ahead * 10;

describe('bookedAheadOfWalkIn', () => {
  const base = { walkInsAhead: 3, slots: [], now: at(0), maxBookedInRow: 2, minutesFor };

  it('is 0 with no bookings', () => {
    expect(bookedAheadOfWalkIn(base)).toBe(0);
  });

  it('counts booked tickets whose slot has started, within the mix', () => {
    expect(bookedAheadOfWalkIn({ ...base, slots: [at(-5), at(0)] })).toBe(2);
    // 3 walk-ins ahead: 4 walk-in calls up to ours, at most 2 booked before each.
    expect(bookedAheadOfWalkIn({ ...base, slots: Array.from({ length: 20 }, () => at(-1)) })).toBe(8);
    expect(
      bookedAheadOfWalkIn({ ...base, walkInsAhead: 0, slots: [at(-1), at(-1)], maxBookedInRow: 1 }),
    ).toBe(1);
  });

  it('counts slots starting by the estimated call, growing with each one counted', () => {
    // 3 ahead → call at 30'; the 20' slot is in; 4 ahead → 40'; the 35' slot comes in; 5 → 50': the 60' one not.
    expect(bookedAheadOfWalkIn({ ...base, slots: [at(60), at(20), at(35)] })).toBe(2);
    expect(bookedAheadOfWalkIn({ ...base, slots: [at(31)] })).toBe(0);
    // Nobody ahead: called now, before a slot starting in 10 minutes.
    expect(bookedAheadOfWalkIn({ ...base, walkInsAhead: 0, slots: [at(10)] })).toBe(0);
  });

  it('never exceeds the mix or the slots, and never decreases with more slots', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 10 }),
        fc.array(fc.integer({ min: -60, max: 300 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: -60, max: 300 }),
        (walkInsAhead, minutes, maxBookedInRow, extra) => {
          const input = { walkInsAhead, slots: minutes.map(at), now: at(0), maxBookedInRow, minutesFor };
          const n = bookedAheadOfWalkIn(input);
          const cap = maxBookedInRow * (walkInsAhead + 1);
          expect(n).toBeLessThanOrEqual(Math.min(cap, minutes.length));
          // Every slot already started counts (within the mix).
          expect(n).toBeGreaterThanOrEqual(Math.min(cap, minutes.filter((m) => m <= 0).length));
          expect(
            bookedAheadOfWalkIn({ ...input, slots: [...input.slots, at(extra)] }),
          ).toBeGreaterThanOrEqual(n);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('aheadOfBooked', () => {
  it('lets one walk-in through per maxBookedInRow booked calls, as many as wait', () => {
    expect(aheadOfBooked(0, 5, 0, 2)).toBe(0);
    expect(aheadOfBooked(1, 5, 0, 2)).toBe(1);
    expect(aheadOfBooked(2, 5, 0, 2)).toBe(3);
    expect(aheadOfBooked(0, 5, 2, 2)).toBe(1);
    expect(aheadOfBooked(4, 1, 0, 2)).toBe(5);
  });

  it('equals the calls the policy makes before a due booked ticket when nobody new arrives', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 8 }),
        fc.nat({ max: 8 }),
        fc.nat({ max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        (bookedBefore, walkIns, streak, maxBookedInRow) => {
          const tickets: TicketState[] = [];
          for (let i = 0; i < walkIns; i += 1)
            tickets.push(makeTicket({ id: 100 + i, seq: 100 + i, queuedAt: at(i) }));
          for (let i = 0; i <= bookedBefore; i += 1) {
            tickets.push(makeTicket({ id: i + 1, seq: i + 1, queuedAt: at(10 + i), bookedFor: at(i) }));
          }
          const target = tickets[tickets.length - 1] as TicketState;
          let waiting = tickets;
          let s = 0;
          let b = streak;
          let calls = 0;
          for (;;) {
            const choice = chooseInService(waiting, s, { maxPriorityInRow: 2, maxBookedInRow }, at(60), b);
            if (!choice || choice.ticket === target) break;
            calls += 1;
            waiting = waiting.filter((t) => t !== choice.ticket);
            s = choice.streakAfter;
            b = choice.bookedStreakAfter;
          }
          expect(aheadOfBooked(bookedBefore, walkIns, streak, maxBookedInRow)).toBe(calls);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('bookedSlotsAhead', () => {
  const slots: Record<number, Date[]> = {
    1: [at(10)],
    2: [at(40), at(20), at(30), at(50)],
    3: [at(5)],
  };
  const slotsOf = (sid: number): Date[] => slots[sid] ?? [];
  const minutes = (ds: readonly Date[]): number[] => ds.map((d) => (d.getTime() - at(0).getTime()) / 60_000);

  it("is the service's own slots when no counter shares it with another service", () => {
    expect(minutes(bookedSlotsAhead(1, [{ serviceIds: [1] }, { serviceIds: [2, 3] }], slotsOf))).toEqual([
      10,
    ]);
  });

  it('adds every slot of a service whose counters all serve this one too', () => {
    const counters = [{ serviceIds: [1, 2] }, { serviceIds: [2, 1] }];
    expect(minutes(bookedSlotsAhead(1, counters, slotsOf))).toEqual([10, 20, 30, 40, 50]);
  });

  it("adds an even share of a service's slots by the share of its counters that serve this one", () => {
    // Service 2: two counters, one also serves 1: every other slot along the day.
    const counters = [{ serviceIds: [1, 2] }, { serviceIds: [2] }, { serviceIds: [3] }];
    expect(minutes(bookedSlotsAhead(1, counters, slotsOf))).toEqual([10, 30, 50]);
    expect(minutes(bookedSlotsAhead(2, counters, slotsOf))).toEqual([40, 20, 30, 50, 10]);
  });
});
