/**
 * Who a counter calls next. Services in the counter's order of preference; within a service priority tickets
 * first, but at most `maxPriorityInRow` priority calls in a row while a normal ticket of that service waits;
 * first come first served within a class, by `queuedAt` (original issue time, kept across transfers).
 */
import type { CallPolicy, CounterState, TicketState } from './types.js';

/** Priority calls in a row per service id, as the store keeps them. */
export type Streaks = ReadonlyMap<number, number> | Readonly<Record<number, number>>;

export interface Choice {
  ticket: TicketState;
  /** The service's streak after this call: +1 after a priority call, 0 after a normal one. */
  streakAfter: number;
}

export type PriorityPolicy = Pick<CallPolicy, 'maxPriorityInRow'>;

export function isPriority(ticket: Pick<TicketState, 'priority'>): boolean {
  return ticket.priority !== null;
}

/** Queue order within a class: `queuedAt`, then `seq`, then `id`. */
export function compareQueueOrder(a: TicketState, b: TicketState): number {
  return a.queuedAt.getTime() - b.queuedAt.getTime() || a.seq - b.seq || a.id - b.id;
}

export function streakOf(streaks: Streaks, serviceId: number): number {
  const n = streaks instanceof Map ? streaks.get(serviceId) : (streaks as Record<number, number>)[serviceId];
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : 0;
}

function earliest(tickets: readonly TicketState[]): TicketState | undefined {
  return tickets.reduce<TicketState | undefined>(
    (best, t) => (best === undefined || compareQueueOrder(t, best) < 0 ? t : best),
    undefined,
  );
}

/**
 * The next call within one service, given its waiting tickets and its current streak; null when nobody waits.
 * Priority goes first unless a normal ticket waits and the streak has reached `maxPriorityInRow`.
 */
export function chooseInService(
  waiting: readonly TicketState[],
  streak: number,
  policy: PriorityPolicy,
): Choice | null {
  const here = waiting.filter((t) => t.status === 'waiting');
  const firstPriority = earliest(here.filter(isPriority));
  const firstNormal = earliest(here.filter((t) => !isPriority(t)));
  if (firstPriority && (!firstNormal || streak < policy.maxPriorityInRow)) {
    return { ticket: firstPriority, streakAfter: streak + 1 };
  }
  return firstNormal ? { ticket: firstNormal, streakAfter: 0 } : null;
}

/**
 * Whom `counter` calls next among `waiting` (tickets of other statuses are ignored): the first service in
 * `counter.serviceIds` that has someone waiting, then `chooseInService`. Null when nobody waits for any of its
 * services. It does not look at `counter.paused` or `currentTicketId`; `call` refuses those.
 */
export function chooseNext(
  waiting: readonly TicketState[],
  counter: CounterState,
  streaks: Streaks,
  policy: PriorityPolicy,
): Choice | null {
  for (const serviceId of counter.serviceIds) {
    const choice = chooseInService(
      waiting.filter((t) => t.serviceId === serviceId),
      streakOf(streaks, serviceId),
      policy,
    );
    if (choice) return choice;
  }
  return null;
}

/**
 * The order in which `counter` will call `waiting` if nobody else calls and nobody new arrives: `chooseNext`
 * applied again and again, each pick leaving the queue and moving its service's streak. What the officer's
 * console lists, so the list and the next call never disagree.
 */
export function callOrder(
  waiting: readonly TicketState[],
  counter: CounterState,
  streaks: Streaks,
  policy: PriorityPolicy,
  limit = Number.POSITIVE_INFINITY,
): TicketState[] {
  const left = waiting.filter((t) => t.status === 'waiting' && counter.serviceIds.includes(t.serviceId));
  const streak = new Map(counter.serviceIds.map((sid) => [sid, streakOf(streaks, sid)]));
  const order: TicketState[] = [];
  while (order.length < limit) {
    const choice = chooseNext(left, counter, streak, policy);
    if (!choice) break;
    order.push(choice.ticket);
    left.splice(left.indexOf(choice.ticket), 1);
    streak.set(choice.ticket.serviceId, choice.streakAfter);
  }
  return order;
}
