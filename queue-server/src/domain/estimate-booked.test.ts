import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseInService } from './call-policy.js';
import { aheadOfBooked, bookedAheadOfWalkIn } from './estimate.js';
import { makeTicket } from './testing.js';
import type { TicketState } from './types.js';

const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 30, 1, minute));
/** 10 minutes a person, one counter. */
const minutesFor = (ahead: number): number => ahead * 10;

describe('bookedAheadOfWalkIn', () => {
  const base = { walkInsAhead: 3, checkedIn: 0, pendingSlots: [], now: at(0), maxBookedInRow: 2, minutesFor };

  it('is 0 with no bookings', () => {
    expect(bookedAheadOfWalkIn(base)).toBe(0);
  });

  it('counts checked-in booked tickets, within the mix', () => {
    expect(bookedAheadOfWalkIn({ ...base, checkedIn: 2 })).toBe(2);
    // 3 walk-ins ahead: 4 walk-in calls up to ours, at most 2 booked before each.
    expect(bookedAheadOfWalkIn({ ...base, checkedIn: 20 })).toBe(8);
    expect(bookedAheadOfWalkIn({ ...base, walkInsAhead: 0, checkedIn: 5, maxBookedInRow: 1 })).toBe(1);
  });

  it('counts bookings still to check in whose slot starts before the estimated call, growing with each', () => {
    // 3 ahead → call at 30'; the 20' slot is in; 4 ahead → 40'; the 35' slot comes in; 5 → 50': the 60' one not.
    const pendingSlots = [at(60), at(20), at(35)];
    expect(bookedAheadOfWalkIn({ ...base, pendingSlots })).toBe(2);
    expect(bookedAheadOfWalkIn({ ...base, pendingSlots: [at(30)] })).toBe(0);
  });

  it('never exceeds the mix and never decreases with more bookings', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 10 }),
        fc.nat({ max: 10 }),
        fc.array(fc.nat({ max: 300 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 4 }),
        fc.nat({ max: 300 }),
        (walkInsAhead, checkedIn, slots, maxBookedInRow, extra) => {
          const input = {
            walkInsAhead,
            checkedIn,
            pendingSlots: slots.map(at),
            now: at(0),
            maxBookedInRow,
            minutesFor,
          };
          const n = bookedAheadOfWalkIn(input);
          expect(n).toBeLessThanOrEqual(maxBookedInRow * (walkInsAhead + 1));
          expect(n).toBeLessThanOrEqual(checkedIn + slots.length);
          expect(n).toBeGreaterThanOrEqual(Math.min(checkedIn, maxBookedInRow * (walkInsAhead + 1)));
          expect(
            bookedAheadOfWalkIn({ ...input, pendingSlots: [...input.pendingSlots, at(extra)] }),
          ).toBeGreaterThanOrEqual(n);
          expect(bookedAheadOfWalkIn({ ...input, checkedIn: checkedIn + 1 })).toBeGreaterThanOrEqual(n);
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
