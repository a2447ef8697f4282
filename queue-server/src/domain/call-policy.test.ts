import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callOrder, chooseInService, chooseNext, compareQueueOrder, streakOf } from './call-policy.js';
import { makeCounter, makeTicket } from './testing.js';
import type { TicketState } from './types.js';

const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 30, 1, minute));
const policy = { maxPriorityInRow: 2 };
/** A fixed instant after every ticket's queue time: a booked ticket is due when its slot starts by then. */
const NOW = at(120);

/** Ticket `id` of service `serviceId`, queued at minute `minute`, priority when `p`. */
const tk = (id: number, serviceId: number, minute: number, p = false): TicketState =>
  makeTicket({
    id,
    seq: id,
    serviceId,
    queuedAt: at(minute),
    issuedAt: at(minute),
    priority: p ? 'elderly' : null,
  });

describe('chooseNext', () => {
  it('returns null when nobody waits for the counter', () => {
    expect(chooseNext([], makeCounter(), {}, policy, NOW)).toBeNull();
    expect(chooseNext([tk(1, 2, 0)], makeCounter({ serviceIds: [1] }), {}, policy, NOW)).toBeNull();
  });

  it('ignores tickets that are not waiting', () => {
    const called = { ...tk(1, 1, 0), status: 'called' as const, counterId: 3 };
    expect(chooseNext([called], makeCounter(), {}, policy, NOW)).toBeNull();
  });

  it('takes the first service in the counter order that has someone waiting', () => {
    const waiting = [tk(1, 1, 0), tk(2, 2, 5), tk(3, 3, 1)];
    expect(chooseNext(waiting, makeCounter({ serviceIds: [2, 1] }), {}, policy, NOW)?.ticket.id).toBe(2);
    expect(chooseNext(waiting, makeCounter({ serviceIds: [4, 3, 1] }), {}, policy, NOW)?.ticket.id).toBe(3);
  });

  it('calls priority first, and the earliest of them', () => {
    const waiting = [tk(1, 1, 0), tk(2, 1, 3, true), tk(3, 1, 2, true)];
    expect(chooseNext(waiting, makeCounter(), {}, policy, NOW)).toEqual({
      ticket: waiting[2],
      streakAfter: 1,
      bookedStreakAfter: 0,
      bookedStreaksAfter: { 1: 0 },
    });
  });

  it('calls a normal ticket once the streak reached maxPriorityInRow', () => {
    const waiting = [tk(1, 1, 0), tk(2, 1, 3, true)];
    expect(chooseNext(waiting, makeCounter(), { 1: 2 }, policy, NOW)).toEqual({
      ticket: waiting[0],
      streakAfter: 0,
      bookedStreakAfter: 0,
      bookedStreaksAfter: { 1: 0 },
    });
    expect(chooseNext(waiting, makeCounter(), new Map([[1, 2]]), policy, NOW)?.ticket.id).toBe(1);
    expect(chooseNext(waiting, makeCounter(), new Map([[1, 1]]), policy, NOW)?.ticket.id).toBe(2);
  });

  it('keeps calling priority when no normal ticket waits, and the streak grows', () => {
    const waiting = [tk(2, 1, 3, true)];
    expect(chooseNext(waiting, makeCounter(), { 1: 5 }, policy, NOW)).toEqual({
      ticket: waiting[0],
      streakAfter: 6,
      bookedStreakAfter: 0,
      bookedStreaksAfter: { 1: 0 },
    });
  });

  it('reads each service its own streak', () => {
    const waiting = [tk(1, 1, 0), tk(2, 1, 1, true), tk(3, 2, 0), tk(4, 2, 1, true)];
    const counter = makeCounter({ serviceIds: [2, 1] });
    expect(chooseNext(waiting, counter, { 1: 0, 2: 2 }, policy, NOW)?.ticket.id).toBe(3);
    expect(chooseNext(waiting, counter, { 1: 2, 2: 0 }, policy, NOW)?.ticket.id).toBe(4);
  });

  it('breaks queuedAt ties by seq, then id', () => {
    const a = makeTicket({ id: 9, seq: 2, queuedAt: at(0) });
    const b = makeTicket({ id: 8, seq: 3, queuedAt: at(0) });
    const c = makeTicket({ id: 7, seq: 3, queuedAt: at(0) });
    expect(chooseNext([b, c, a], makeCounter(), {}, policy, NOW)?.ticket.id).toBe(9);
    expect(chooseNext([b, c], makeCounter(), {}, policy, NOW)?.ticket.id).toBe(7);
  });

  it('puts a transferred ticket by its original queuedAt', () => {
    const transferred = makeTicket({ id: 20, seq: 40, queuedAt: at(0), issuedAt: at(30) });
    const waiting = [tk(1, 1, 10), transferred];
    expect(chooseNext(waiting, makeCounter(), {}, policy, NOW)?.ticket.id).toBe(20);
  });

  it('never mutates its inputs', () => {
    const waiting = [tk(1, 1, 0), tk(2, 1, 3, true)];
    const streaks = { 1: 1 };
    const copy = structuredClone({ waiting, streaks });
    chooseNext(waiting, makeCounter(), streaks, policy, NOW);
    expect({ waiting, streaks }).toEqual(copy);
  });
});

describe('streakOf', () => {
  it('reads maps and records, with 0 for missing or bad values', () => {
    expect(streakOf(new Map([[1, 3]]), 1)).toBe(3);
    expect(streakOf({ 1: 3 }, 1)).toBe(3);
    expect(streakOf({}, 1)).toBe(0);
    expect(streakOf({ 1: -2 }, 1)).toBe(0);
    expect(streakOf({ 1: Number.NaN }, 1)).toBe(0);
  });
});

describe('chooseInService (properties)', () => {
  const tickets = fc
    .array(fc.record({ minute: fc.integer({ min: 0, max: 50 }), p: fc.boolean() }), { maxLength: 25 })
    .map((xs) => xs.map((x, i) => tk(i + 1, 1, x.minute, x.p)));

  it('drains a queue FIFO per class with never more than max priority calls in a row while normals wait', () => {
    fc.assert(
      fc.property(tickets, fc.integer({ min: 1, max: 4 }), fc.nat({ max: 6 }), (all, max, start) => {
        let waiting = all;
        let streak = start;
        let run = 0;
        const order: TicketState[] = [];
        for (;;) {
          const choice = chooseInService(waiting, streak, { maxPriorityInRow: max }, NOW);
          if (!choice) break;
          const normalWaiting = waiting.some((t) => t.priority === null);
          const p = choice.ticket.priority !== null;
          run = p ? run + (normalWaiting ? 1 : 0) : 0;
          // The starting streak may already count priority calls made while normals waited.
          expect(run).toBeLessThanOrEqual(max);
          const sameClass = waiting.filter((t) => (t.priority !== null) === p);
          expect(sameClass.every((t) => compareQueueOrder(choice.ticket, t) <= 0)).toBe(true);
          order.push(choice.ticket);
          waiting = waiting.filter((t) => t.id !== choice.ticket.id);
          streak = choice.streakAfter;
        }
        expect(order).toHaveLength(all.length);
        for (const cls of [true, false]) {
          const called = order.filter((t) => (t.priority !== null) === cls);
          expect(called).toEqual([...called].sort(compareQueueOrder));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('callOrder', () => {
  const mixed = fc
    .array(
      fc.record({
        service: fc.integer({ min: 1, max: 3 }),
        minute: fc.integer({ min: 0, max: 50 }),
        p: fc.boolean(),
        // Some booked, their slots before or after NOW (due or not yet).
        slot: fc.option(fc.integer({ min: 60, max: 180 }), { freq: 3 }),
      }),
      { maxLength: 30 },
    )
    .map((xs) =>
      xs.map((x, i) => ({
        ...tk(i + 1, x.service, x.minute, x.p),
        bookedFor: x.slot === null ? null : at(x.slot),
      })),
    );

  it('lists the tickets in exactly the order repeated calls would take them', () => {
    fc.assert(
      fc.property(
        mixed,
        fc.shuffledSubarray([1, 2, 3], { minLength: 1 }),
        fc.nat({ max: 3 }),
        fc.nat({ max: 3 }),
        (all, serviceIds, start, bookedStart) => {
          const counter = makeCounter({ serviceIds });
          const streaks: Record<number, number> = { 1: start, 2: 0, 3: start };
          const booked: Record<number, number> = { 1: bookedStart, 2: bookedStart, 3: 0 };
          const listed = callOrder(all, counter, streaks, policy, NOW, booked);
          let waiting = all;
          const called: TicketState[] = [];
          for (;;) {
            const choice = chooseNext(waiting, counter, streaks, policy, NOW, booked);
            if (!choice) break;
            called.push(choice.ticket);
            streaks[choice.ticket.serviceId] = choice.streakAfter;
            Object.assign(booked, choice.bookedStreaksAfter);
            waiting = waiting.filter((t) => t !== choice.ticket);
          }
          expect(listed.map((t) => t.id)).toEqual(called.map((t) => t.id));
          expect(listed.every((t) => serviceIds.includes(t.serviceId))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stops at the limit and skips tickets no longer waiting', () => {
    const waiting = [
      tk(1, 1, 0),
      tk(2, 1, 1),
      { ...tk(3, 1, 0), status: 'called' as const },
      tk(4, 1, 2, true),
    ];
    expect(callOrder(waiting, makeCounter(), {}, policy, NOW).map((t) => t.id)).toEqual([4, 1, 2]);
    expect(callOrder(waiting, makeCounter(), {}, policy, NOW, {}, 2).map((t) => t.id)).toEqual([4, 1]);
  });
});
