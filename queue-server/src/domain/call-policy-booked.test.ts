import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callOrder, chooseNext, compareQueueOrder, isBooked } from './call-policy.js';
import { makeCounter, makeTicket } from './testing.js';
import type { CounterState, TicketState } from './types.js';

const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 30, 1, minute));
const policy = { maxPriorityInRow: 2, maxBookedInRow: 2 };

/** A walk-in: ticket `id` of service 1 queued at `minute`, priority when `p`. */
const walkIn = (id: number, minute: number, p = false, serviceId = 1): TicketState =>
  makeTicket({
    id,
    seq: id,
    serviceId,
    queuedAt: at(minute),
    issuedAt: at(minute),
    priority: p ? 'elderly' : null,
  });
/** A booked ticket checked in at `minute` for the slot starting at `slot`. */
const booked = (id: number, minute: number, slot: number, serviceId = 1): TicketState => ({
  ...walkIn(id, minute, false, serviceId),
  bookedFor: at(slot),
});

const ids = (ts: readonly TicketState[]): number[] => ts.map((t) => t.id);

describe('chooseNext with booked tickets', () => {
  it('calls a due booked ticket ahead of priority and normal walk-ins, leaving the priority streak alone', () => {
    const waiting = [walkIn(1, 0), walkIn(2, 1, true), booked(3, 20, 30)];
    expect(chooseNext(waiting, makeCounter(), { 1: 1 }, policy, at(30))).toEqual({
      ticket: waiting[2],
      streakAfter: 1,
      bookedStreakAfter: 1,
      bookedStreaksAfter: { 1: 1 },
    });
  });

  it('keeps a booked ticket whose slot has not started behind every walk-in, and calls it when none waits', () => {
    const waiting = [walkIn(1, 0), walkIn(2, 1, true), booked(3, 20, 30)];
    expect(ids(callOrder(waiting, makeCounter(), {}, policy, at(29)))).toEqual([2, 1, 3]);
    expect(chooseNext([waiting[2] as TicketState], makeCounter(), {}, policy, at(29))).toEqual({
      ticket: waiting[2],
      streakAfter: 0,
      bookedStreakAfter: 1,
      bookedStreaksAfter: { 1: 1 },
    });
  });

  it('lets a walk-in through after maxBookedInRow booked calls, then booked again', () => {
    const waiting = [walkIn(1, 0), walkIn(2, 1), booked(3, 5, 10), booked(4, 6, 10), booked(5, 7, 10)];
    expect(ids(callOrder(waiting, makeCounter(), {}, policy, at(10)))).toEqual([3, 4, 1, 5, 2]);
    // A streak already at the bound lets the walk-in go first.
    expect(ids(callOrder(waiting, makeCounter(), {}, policy, at(10), { 1: 2 }))).toEqual([1, 3, 4, 2, 5]);
    expect(
      ids(callOrder(waiting, makeCounter(), {}, { maxPriorityInRow: 2, maxBookedInRow: 1 }, at(10))),
    ).toEqual([3, 1, 4, 2, 5]);
  });

  it('takes the booking settings default (2) when the policy has no maxBookedInRow', () => {
    const waiting = [walkIn(1, 0), booked(3, 5, 10), booked(4, 6, 10), booked(5, 7, 10)];
    expect(ids(callOrder(waiting, makeCounter(), {}, { maxPriorityInRow: 2 }, at(10)))).toEqual([3, 4, 1, 5]);
  });

  it('orders due booked tickets by slot start, then check-in time', () => {
    const waiting = [booked(1, 5, 30), booked(2, 25, 20), booked(3, 15, 20)];
    expect(ids(callOrder(waiting, makeCounter(), {}, policy, at(30)))).toEqual([3, 2, 1]);
  });

  it('gives the call to the walk-ins of a service whose booked streak is at the bound', () => {
    const waiting = [
      walkIn(1, 0, false, 1),
      booked(2, 5, 10, 1),
      walkIn(3, 0, false, 2),
      booked(4, 5, 10, 2),
    ];
    const counter = makeCounter({ serviceIds: [2, 1] });
    // Same slot, same check-in: the counter's preference decides between the two booked tickets.
    expect(chooseNext(waiting, counter, {}, policy, at(10))?.ticket.id).toBe(4);
    expect(chooseNext(waiting, counter, {}, policy, at(10), { 2: 2 })?.ticket.id).toBe(3);
    expect(chooseNext(waiting, counter, {}, policy, at(10), { 1: 2 })?.ticket.id).toBe(1);
    // Both at the bound: the first in the counter's order.
    expect(chooseNext(waiting, counter, {}, policy, at(10), { 1: 2, 2: 2 })?.ticket.id).toBe(3);
  });

  it("calls a due booked ticket of the counter's second service ahead of its first service's walk-ins", () => {
    const waiting = [
      walkIn(1, 0),
      walkIn(2, 1),
      booked(3, 5, 10, 2),
      booked(4, 6, 10, 2),
      booked(5, 7, 10, 2),
    ];
    const counter = makeCounter({ serviceIds: [1, 2] });
    expect(chooseNext(waiting, counter, { 1: 1 }, policy, at(10))).toEqual({
      ticket: waiting[2],
      streakAfter: 0,
      bookedStreakAfter: 1,
      // The booked call of service 2 passed over the walk-ins of service 1: it counts against them too.
      bookedStreaksAfter: { 1: 1, 2: 1 },
    });
    expect(ids(callOrder(waiting, counter, {}, policy, at(10)))).toEqual([3, 4, 1, 5, 2]);
    // Not due yet: behind the walk-ins of every service of the counter.
    expect(ids(callOrder(waiting, counter, {}, policy, at(9)))).toEqual([1, 2, 3, 4, 5]);
  });

  it("orders due booked tickets across the counter's services by slot start, check-in time, then preference", () => {
    const waiting = [booked(1, 5, 20, 1), booked(2, 8, 10, 3), booked(3, 4, 10, 2), booked(4, 4, 10, 1)];
    expect(ids(callOrder(waiting, makeCounter({ serviceIds: [2, 1, 3] }), {}, policy, at(20)))).toEqual([
      3, 4, 2, 1,
    ]);
    expect(ids(callOrder(waiting, makeCounter({ serviceIds: [1, 3, 2] }), {}, policy, at(20)))).toEqual([
      4, 3, 2, 1,
    ]);
  });

  it('leaves the booked streak of a service with no walk-in waiting alone', () => {
    const waiting = [booked(1, 5, 10, 2), walkIn(2, 0, false, 3)];
    const choice = chooseNext(waiting, makeCounter({ serviceIds: [1, 2, 3] }), {}, policy, at(10), { 1: 1 });
    expect(choice?.bookedStreaksAfter).toEqual({ 1: 1, 2: 1, 3: 1 });
  });
});

/**
 * Today's policy before bookings, written out again as the specification property (c) compares with: priority
 * first, at most maxPriorityInRow in a row while a normal waits, FIFO by queue order within a class.
 */
function todaysChoice(
  waiting: readonly TicketState[],
  counter: CounterState,
  streaks: Record<number, number>,
  maxPriorityInRow: number,
): { ticket: TicketState; streakAfter: number } | null {
  for (const sid of counter.serviceIds) {
    const here = waiting.filter((t) => t.serviceId === sid && t.status === 'waiting').sort(compareQueueOrder);
    const p = here.find((t) => t.priority !== null);
    const n = here.find((t) => t.priority === null);
    const streak = streaks[sid] ?? 0;
    if (p && (!n || streak < maxPriorityInRow)) return { ticket: p, streakAfter: streak + 1 };
    if (n) return { ticket: n, streakAfter: 0 };
  }
  return null;
}

describe('chooseNext with booked tickets (properties)', () => {
  /** Counters serving one to three services, in different orders of preference, and the services they cover. */
  const LAYOUTS: readonly (readonly CounterState[])[] = [
    [makeCounter({ id: 1, serviceIds: [1, 2] }), makeCounter({ id: 2, serviceIds: [2, 1] })],
    [makeCounter({ id: 1, serviceIds: [1, 2, 3] }), makeCounter({ id: 2, serviceIds: [3, 1, 2] })],
    [
      makeCounter({ id: 1, serviceIds: [1, 2, 3] }),
      makeCounter({ id: 2, serviceIds: [2, 3] }),
      makeCounter({ id: 3, serviceIds: [3] }),
    ],
    [makeCounter({ id: 1, serviceIds: [2, 1] }), makeCounter({ id: 2, serviceIds: [1, 3] })],
  ];
  const servicesOf = (counters: readonly CounterState[]): number[] => [
    ...new Set(counters.flatMap((c) => c.serviceIds)),
  ];
  /** Every counter serves the same services: the layouts where the booked bound is stated in calls. */
  const sameServices = (counters: readonly CounterState[]): boolean =>
    counters.every((c) => c.serviceIds.length === servicesOf(counters).length);

  it('(c) with no bookings calls exactly as before, whatever the booked streaks say', () => {
    const walkIns = fc
      .array(
        fc.record({ service: fc.integer({ min: 1, max: 3 }), minute: fc.nat({ max: 40 }), p: fc.boolean() }),
        { maxLength: 25 },
      )
      .map((xs) => xs.map((x, i) => walkIn(i + 1, x.minute, x.p, x.service)));
    fc.assert(
      fc.property(
        walkIns,
        fc.nat({ max: LAYOUTS.length - 1 }),
        fc.array(fc.nat({ max: 2 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.nat({ max: 5 }),
        (all, layout, calls, maxPriorityInRow, bookedStart) => {
          const counters = LAYOUTS[layout] ?? [];
          const mix = { maxPriorityInRow, maxBookedInRow: 1 };
          const mine: Record<number, number> = {};
          const theirs: Record<number, number> = {};
          const bookedStreaks: Record<number, number> = { 1: bookedStart, 2: bookedStart, 3: bookedStart };
          let waiting = all;
          for (const c of calls) {
            const counter = counters[c % counters.length] as CounterState;
            const got = chooseNext(waiting, counter, mine, mix, at(60), bookedStreaks);
            const want = todaysChoice(waiting, counter, theirs, maxPriorityInRow);
            expect(got && { ticket: got.ticket, streakAfter: got.streakAfter }).toEqual(want);
            if (!got || !want) continue;
            expect(got.bookedStreakAfter).toBe(0);
            // A walk-in call resets its own service's booked streak and no other.
            for (const sid of counter.serviceIds) {
              expect(got.bookedStreaksAfter[sid]).toBe(sid === got.ticket.serviceId ? 0 : bookedStreaks[sid]);
            }
            Object.assign(bookedStreaks, got.bookedStreaksAfter);
            mine[got.ticket.serviceId] = got.streakAfter;
            theirs[want.ticket.serviceId] = want.streakAfter;
            waiting = waiting.filter((t) => t !== got.ticket);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  /** What happens on the floor: citizens walk in, booked citizens check in (early or late), time passes, calls. */
  const step = fc.oneof(
    fc.record({ k: fc.constant('walk' as const), service: fc.integer({ min: 1, max: 3 }), p: fc.boolean() }),
    // Checked in between 10 minutes after the slot start (late) and 30 before it (early).
    fc.record({
      k: fc.constant('book' as const),
      service: fc.integer({ min: 1, max: 3 }),
      slot: fc.integer({ min: -10, max: 30 }),
    }),
    fc.record({ k: fc.constant('tick' as const), minutes: fc.integer({ min: 1, max: 15 }) }),
    fc.record({ k: fc.constant('call' as const), counter: fc.nat({ max: 2 }) }),
  );
  /** Not after `t` in every counter's order: an earlier slot, or the same slot and an earlier or equal check-in. */
  const notAfter = (o: TicketState, t: TicketState): boolean =>
    (o.bookedFor?.getTime() ?? 0) < (t.bookedFor?.getTime() ?? 0) ||
    ((o.bookedFor?.getTime() ?? 0) === (t.bookedFor?.getTime() ?? 0) &&
      o.queuedAt.getTime() <= t.queuedAt.getTime());

  it('(a) no walk-in waits past maxBookedInRow booked calls of any service; (b) a due booked ticket is called within its bound', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 120 }),
        fc.nat({ max: LAYOUTS.length - 1 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.nat({ max: 4 }),
        (steps, layout, maxBookedInRow, maxPriorityInRow, bookedStart) => {
          const counters = LAYOUTS[layout] ?? [];
          const services = servicesOf(counters);
          const mix = { maxPriorityInRow, maxBookedInRow };
          let minute = 0;
          let nextId = 1;
          let waiting: TicketState[] = [];
          const streaks: Record<number, number> = {};
          const bookedStreaks: Record<number, number> = { 1: bookedStart, 2: bookedStart, 3: bookedStart };
          // Per service: booked calls (of any service) made at its counters while one of its walk-ins waited,
          // since its last walk-in call; priority calls since its last normal one.
          const passed: Record<number, number> = {};
          const priorityRun: Record<number, number> = {};
          // Per due booked ticket: calls made since it became due, and the booked tickets seen not after it.
          const due = new Map<TicketState, { calls: number; before: Set<TicketState> }>();
          const callAt = (counter: CounterState): void => {
            const now = at(minute);
            const choice = chooseNext(waiting, counter, streaks, mix, now, bookedStreaks);
            if (!choice) return;
            const { ticket } = choice;
            const sid = ticket.serviceId;
            for (const t of waiting) {
              if (t.bookedFor !== null && t.bookedFor.getTime() <= now.getTime() && !due.has(t)) {
                due.set(t, { calls: 0, before: new Set() });
              }
            }
            for (const [t, d] of due) {
              d.calls += 1;
              for (const o of waiting) if (o !== t && isBooked(o) && notAfter(o, t)) d.before.add(o);
            }
            const walkInWaiting = (s: number): boolean =>
              waiting.some((t) => t.serviceId === s && !isBooked(t));
            if (isBooked(ticket)) {
              // (a): the walk-ins' bound, for every service of the counter, whoever the booked ticket is.
              for (const s of counter.serviceIds) {
                if (!walkInWaiting(s)) continue;
                passed[s] = (passed[s] ?? 0) + 1;
                expect(passed[s]).toBeLessThanOrEqual(maxBookedInRow);
              }
            } else {
              passed[sid] = 0;
              const normalWaiting = waiting.some(
                (t) => t.serviceId === sid && !isBooked(t) && t.priority === null,
              );
              if (ticket.priority !== null) {
                priorityRun[sid] = (priorityRun[sid] ?? 0) + 1;
                if (normalWaiting) expect(priorityRun[sid]).toBeLessThanOrEqual(maxPriorityInRow);
              } else priorityRun[sid] = 0;
            }
            const d = due.get(ticket);
            if (d && sameServices(counters)) {
              // (b): with k = the booked tickets not after it + itself, at most k booked calls, and per service
              // at most ⌈k ÷ maxBookedInRow⌉ walk-in calls the mix makes for it (the first when it starts full).
              const k = d.before.size + 1;
              expect(d.calls).toBeLessThanOrEqual(k + services.length * Math.ceil(k / maxBookedInRow));
            }
            due.delete(ticket);
            streaks[sid] = choice.streakAfter;
            Object.assign(bookedStreaks, choice.bookedStreaksAfter);
            waiting = waiting.filter((t) => t !== ticket);
          };
          for (const s of steps) {
            const service = services[(('service' in s ? s.service : 1) - 1) % services.length] ?? 1;
            if (s.k === 'walk') waiting.push(walkIn(nextId, minute, s.p, service));
            else if (s.k === 'book') waiting.push(booked(nextId, minute, minute + s.slot, service));
            else if (s.k === 'tick') minute += s.minutes;
            else callAt(counters[s.counter % counters.length] as CounterState);
            nextId += 1;
          }
          // Later in the day: everyone's slot has started; drain the queue from every counter.
          minute += 60;
          for (let guard = 0; waiting.length > 0 && guard < 1000; guard += 1)
            callAt(counters[guard % counters.length] as CounterState);
          expect(waiting).toEqual([]);
          expect(due.size).toBe(0);
        },
      ),
      { numRuns: 400 },
    );
  });
});
