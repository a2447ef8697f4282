/**
 * Who a counter calls next, in three steps:
 * 1. Booked tickets whose slot has started ("due"), of ALL the counter's services: the earliest slot start, then
 *    check-in time (`queuedAt`), then the counter's order of preference. The mix holds it back: when a service of
 *    the counter has a walk-in waiting and a booked streak of `maxBookedInRow`, that service's next walk-in is
 *    called instead (the first such service in the counter's order).
 * 2. Walk-ins: the first service in the counter's order with a walk-in waiting; in it priority first, but at most
 *    `maxPriorityInRow` priority calls in a row while a normal ticket of that service waits; first come first
 *    served within a class, by `queuedAt` (original issue time, kept across transfers).
 * 3. Booked tickets whose slot has not started, in the same order as step 1, only when no walk-in of any of the
 *    counter's services waits.
 * Where the booked streak lives: per service and day (`service_days.booked_streak`, shared by the counters), as
 * "booked calls that passed over this service's walk-ins since its last walk-in call". A booked call at a counter
 * adds one to its own service and to every service of that counter with a walk-in waiting; a walk-in call resets
 * its own service only. So, for every service S: while a walk-in of S waits, the counters serving S make at most
 * `maxBookedInRow` booked calls between two walk-in calls of S (each such call raised S's streak, and none is made
 * with S's streak at the bound), whichever service the booked tickets belong to. And a due booked ticket is not
 * held long either: with k booked tickets before it and itself, at most k booked calls, and per service at most
 * ⌈k ÷ maxBookedInRow⌉ walk-in calls made because of that service's streak (one per bound reached, the first
 * when it starts full) — at counters that all serve the same services; a counter serving some of them only adds
 * its own booked calls to the streaks. With no booked ticket, this is the walk-in policy alone, exactly.
 * Booked calls leave the priority streak alone (they are neither class of walk-in), so the normal queue keeps its
 * own bound on top of the booked one.
 */
import { DEFAULT_BOOKING_SETTINGS } from '@layso/protocol';
import type { CallPolicy, CounterState, TicketState } from './types.js';

/** Calls in a row per service id (priority calls, or booked calls), as the store keeps them. */
export type Streaks = ReadonlyMap<number, number> | Readonly<Record<number, number>>;

export interface Choice {
  ticket: TicketState;
  /** The service's priority streak after this call: +1 after a priority call, 0 after a normal one. */
  streakAfter: number;
  /** The service's booked streak after this call: +1 after a booked call, 0 after a walk-in. */
  bookedStreakAfter: number;
}

/** The mix: `maxBookedInRow` defaults to the booking settings' default. */
export type PriorityPolicy = Pick<CallPolicy, 'maxPriorityInRow'> &
  Partial<Pick<CallPolicy, 'maxBookedInRow'>>;

export function isPriority(ticket: Pick<TicketState, 'priority'>): boolean {
  return ticket.priority !== null;
}

export function isBooked(ticket: Pick<TicketState, 'bookedFor'>): boolean {
  return ticket.bookedFor !== null;
}

/** A booked ticket whose slot has started by `now`. */
export function isDue(ticket: Pick<TicketState, 'bookedFor'>, now: Date): boolean {
  return ticket.bookedFor !== null && ticket.bookedFor.getTime() <= now.getTime();
}

export function maxBookedInRow(policy: PriorityPolicy): number {
  return Math.max(1, policy.maxBookedInRow ?? DEFAULT_BOOKING_SETTINGS.maxBookedInRow);
}

/** Queue order within a class: `queuedAt`, then `seq`, then `id`. */
export function compareQueueOrder(a: TicketState, b: TicketState): number {
  return a.queuedAt.getTime() - b.queuedAt.getTime() || a.seq - b.seq || a.id - b.id;
}

/** Order among booked tickets: slot start, then check-in time (`queuedAt`), then as the queue. */
export function compareBookedOrder(a: TicketState, b: TicketState): number {
  return (a.bookedFor?.getTime() ?? 0) - (b.bookedFor?.getTime() ?? 0) || compareQueueOrder(a, b);
}

export function streakOf(streaks: Streaks, serviceId: number): number {
  const n = streaks instanceof Map ? streaks.get(serviceId) : (streaks as Record<number, number>)[serviceId];
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : 0;
}

function earliest(
  tickets: readonly TicketState[],
  compare: (a: TicketState, b: TicketState) => number,
): TicketState | undefined {
  return tickets.reduce<TicketState | undefined>(
    (best, t) => (best === undefined || compare(t, best) < 0 ? t : best),
    undefined,
  );
}

/** The next walk-in of one service (its waiting walk-ins only), with its priority streak; null when none. */
function chooseWalkIn(
  walkIns: readonly TicketState[],
  streak: number,
  policy: PriorityPolicy,
): { ticket: TicketState; streakAfter: number } | null {
  const firstPriority = earliest(walkIns.filter(isPriority), compareQueueOrder);
  const firstNormal = earliest(
    walkIns.filter((t) => !isPriority(t)),
    compareQueueOrder,
  );
  if (firstPriority && (!firstNormal || streak < policy.maxPriorityInRow)) {
    return { ticket: firstPriority, streakAfter: streak + 1 };
  }
  return firstNormal ? { ticket: firstNormal, streakAfter: 0 } : null;
}

/**
 * The next call within one service, given its waiting tickets, its priority streak and its booked streak (booked
 * calls in a row), at `now`; null when nobody waits. The rules of `chooseNext` for a counter serving this service
 * alone (what the estimate replays).
 */
export function chooseInService(
  waiting: readonly TicketState[],
  streak: number,
  policy: PriorityPolicy,
  now: Date,
  bookedStreak = 0,
): Choice | null {
  const here = waiting.filter((t) => t.status === 'waiting');
  const walkIns = here.filter((t) => !isBooked(t));
  // The earliest slot is due if any is: one head of the booked class is enough.
  const booked = earliest(here.filter(isBooked), compareBookedOrder);
  const bookedCall = (ticket: TicketState): Choice => ({
    ticket,
    streakAfter: streak,
    bookedStreakAfter: bookedStreak + 1,
  });
  if (booked && isDue(booked, now) && (walkIns.length === 0 || bookedStreak < maxBookedInRow(policy))) {
    return bookedCall(booked);
  }
  const walkIn = chooseWalkIn(walkIns, streak, policy);
  if (walkIn) return { ...walkIn, bookedStreakAfter: 0 };
  return booked ? bookedCall(booked) : null;
}

/** A counter's call: the called ticket's service streaks, and every one of the counter's booked streaks after it. */
export interface CounterChoice extends Choice {
  /** Booked streak per service of the counter after this call (`bookedStreakAfter` is the called service's). */
  bookedStreaksAfter: Record<number, number>;
}

/**
 * Whom `counter` calls next among `waiting` (tickets of other statuses or services are ignored) at `now`, with the
 * services' priority streaks and booked streaks; null when nobody waits for any of its services. See the module's
 * comment for the rules. It does not look at `counter.paused` or `currentTicketId`; `call` refuses those.
 */
export function chooseNext(
  waiting: readonly TicketState[],
  counter: CounterState,
  streaks: Streaks,
  policy: PriorityPolicy,
  now: Date,
  bookedStreaks: Streaks = {},
): CounterChoice | null {
  const here = waiting.filter((t) => t.status === 'waiting' && counter.serviceIds.includes(t.serviceId));
  // The counter's services with a walk-in waiting, in its order of preference.
  const withWalkIns = counter.serviceIds.filter((sid) =>
    here.some((t) => t.serviceId === sid && !isBooked(t)),
  );
  const bookedNow = (sid: number): number => streakOf(bookedStreaks, sid);
  const rank = (t: TicketState): number => counter.serviceIds.indexOf(t.serviceId);
  const booked = earliest(
    here.filter(isBooked),
    (a, b) =>
      (a.bookedFor?.getTime() ?? 0) - (b.bookedFor?.getTime() ?? 0) ||
      a.queuedAt.getTime() - b.queuedAt.getTime() ||
      rank(a) - rank(b) ||
      compareQueueOrder(a, b),
  );
  const bookedCall = (ticket: TicketState): CounterChoice => {
    const after: Record<number, number> = {};
    for (const sid of counter.serviceIds) {
      // A booked call passes over every walk-in waiting here: it counts against each of their services.
      const passed = sid === ticket.serviceId || withWalkIns.includes(sid);
      after[sid] = bookedNow(sid) + (passed ? 1 : 0);
    }
    return {
      ticket,
      streakAfter: streakOf(streaks, ticket.serviceId),
      bookedStreakAfter: after[ticket.serviceId] ?? 1,
      bookedStreaksAfter: after,
    };
  };
  const walkInCall = (serviceId: number): CounterChoice | null => {
    const walkIns = here.filter((t) => t.serviceId === serviceId && !isBooked(t));
    const choice = chooseWalkIn(walkIns, streakOf(streaks, serviceId), policy);
    if (!choice) return null;
    const after: Record<number, number> = {};
    for (const sid of counter.serviceIds) after[sid] = sid === serviceId ? 0 : bookedNow(sid);
    return { ...choice, bookedStreakAfter: 0, bookedStreaksAfter: after };
  };
  if (booked && isDue(booked, now)) {
    // The mix: a service whose walk-ins have seen maxBookedInRow booked calls in a row gets the next call.
    const held = withWalkIns.find((sid) => bookedNow(sid) >= maxBookedInRow(policy));
    return held === undefined ? bookedCall(booked) : walkInCall(held);
  }
  const first = withWalkIns[0];
  if (first !== undefined) return walkInCall(first);
  return booked ? bookedCall(booked) : null;
}

/**
 * The order in which `counter` will call `waiting` if nobody else calls, nobody new arrives and the clock stays at
 * `now`: `chooseNext` applied again and again, each pick leaving the queue and moving its service's streaks. What
 * the officer's console lists, so the list and the next call never disagree.
 */
export function callOrder(
  waiting: readonly TicketState[],
  counter: CounterState,
  streaks: Streaks,
  policy: PriorityPolicy,
  now: Date,
  bookedStreaks: Streaks = {},
  limit = Number.POSITIVE_INFINITY,
): TicketState[] {
  const left = waiting.filter((t) => t.status === 'waiting' && counter.serviceIds.includes(t.serviceId));
  const streak = new Map(counter.serviceIds.map((sid) => [sid, streakOf(streaks, sid)]));
  const booked = new Map(counter.serviceIds.map((sid) => [sid, streakOf(bookedStreaks, sid)]));
  const order: TicketState[] = [];
  while (order.length < limit) {
    const choice = chooseNext(left, counter, streak, policy, now, booked);
    if (!choice) break;
    order.push(choice.ticket);
    left.splice(left.indexOf(choice.ticket), 1);
    streak.set(choice.ticket.serviceId, choice.streakAfter);
    for (const [sid, n] of Object.entries(choice.bookedStreaksAfter)) booked.set(Number(sid), n);
  }
  return order;
}
