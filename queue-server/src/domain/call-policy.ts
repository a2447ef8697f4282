/**
 * Who a counter calls next. Services in the counter's order of preference; within a service:
 * - a booked ticket whose slot has started ("due") goes ahead of walk-ins, but at most `maxBookedInRow` booked
 *   calls in a row while a walk-in of that service waits; due booked tickets by slot start, then check-in time;
 * - walk-ins: priority first, but at most `maxPriorityInRow` priority calls in a row while a normal ticket of that
 *   service waits; first come first served within a class, by `queuedAt` (original issue time, kept across
 *   transfers);
 * - a booked ticket whose slot has not started only when no walk-in of that service waits.
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

/**
 * The next call within one service, given its waiting tickets, its priority streak and its booked streak (booked
 * calls in a row), at `now`; null when nobody waits. See the module's comment for the rules.
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
  const firstPriority = earliest(walkIns.filter(isPriority), compareQueueOrder);
  const firstNormal = earliest(
    walkIns.filter((t) => !isPriority(t)),
    compareQueueOrder,
  );
  if (firstPriority && (!firstNormal || streak < policy.maxPriorityInRow)) {
    return { ticket: firstPriority, streakAfter: streak + 1, bookedStreakAfter: 0 };
  }
  if (firstNormal) return { ticket: firstNormal, streakAfter: 0, bookedStreakAfter: 0 };
  return booked ? bookedCall(booked) : null;
}

/**
 * Whom `counter` calls next among `waiting` (tickets of other statuses are ignored) at `now`: the first service in
 * `counter.serviceIds` that has someone waiting, then `chooseInService` with that service's streaks. Null when
 * nobody waits for any of its services. It does not look at `counter.paused` or `currentTicketId`; `call` refuses
 * those.
 */
export function chooseNext(
  waiting: readonly TicketState[],
  counter: CounterState,
  streaks: Streaks,
  policy: PriorityPolicy,
  now: Date,
  bookedStreaks: Streaks = {},
): Choice | null {
  for (const serviceId of counter.serviceIds) {
    const choice = chooseInService(
      waiting.filter((t) => t.serviceId === serviceId),
      streakOf(streaks, serviceId),
      policy,
      now,
      streakOf(bookedStreaks, serviceId),
    );
    if (choice) return choice;
  }
  return null;
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
    booked.set(choice.ticket.serviceId, choice.bookedStreakAfter);
  }
  return order;
}
