/**
 * Wait estimates: (people ahead + the rest of the service under way) × a running average of the service's
 * recent service times ÷ the counters open for it, stretched over the hours the service is closed (lunch) that
 * fall inside the wait. {@link ticketEstimate} is the one entry point the server's views and the day simulator
 * share, so the simulator measures the very figure printed on tickets.
 */
import type { WeeklyHours } from '@layso/protocol';
import type { CallPolicy, CounterState, TicketState } from './types.js';
import { compareQueueOrder, isPriority, type PriorityPolicy } from './call-policy.js';
import { parseHourMinute, spansOn } from './hours.js';
import { vnLocal } from './time.js';

export interface EstimateInput {
  ahead: number;
  /** Counters serving the service right now (staffed and not paused). */
  openCounters: number;
  /** Running average of recent service times in seconds; null on a fresh day. */
  averageServiceSeconds: number | null;
  policy: Pick<CallPolicy, 'defaultServiceMinutes'>;
  /** With `at`: the service's opening hours, so that closed hours inside the wait are added to it. */
  hours?: WeeklyHours;
  at?: Date;
}

const nonNegative = (n: number): number => (Number.isFinite(n) && n > 0 ? n : 0);

/**
 * Share of a service time added to a wait with someone ahead: the ticket is called at the (ahead + 1)-th
 * counter to free up, and the first of the busy counters frees up after the rest of a service already under
 * way, not after a whole one. Someone waiting means every counter of the service is busy (a free one would
 * have called), so this needs no counter state: it changes only with the events that already refresh screens
 * (issue, call, finish, counters opening). (The closed-hours term does move with the clock: a service's figure
 * on a lobby screen is refreshed by its next event, a ticket's on every poll.) Measured with `npm run simulate` on the demo profile
 * (lognormal service times, coefficient of variation about 0.6): 0.5 and 0.65 fit about equally.
 */
export const RESIDUAL_SERVICE_SHARE = 0.5;

/**
 * Whole minutes, rounded up; 0 when nobody is ahead; never negative. With no counter open we still estimate as
 * if one were: the citizen gets a figure for when service resumes rather than "infinite" or nothing.
 */
export function estimateWaitMinutes(input: EstimateInput): number {
  const ahead = Math.floor(nonNegative(input.ahead));
  if (ahead === 0) return 0;
  const counters = Math.max(1, Math.floor(nonNegative(input.openCounters)));
  const measured = input.averageServiceSeconds;
  const average =
    measured !== null && Number.isFinite(measured) && measured >= 0
      ? measured
      : nonNegative(input.policy.defaultServiceMinutes) * 60;
  const openMinutes = ((ahead + RESIDUAL_SERVICE_SHARE) * average) / (counters * 60);
  const wall = input.hours && input.at ? wallClockMinutes(input.hours, input.at, openMinutes) : openMinutes;
  // The small tolerance keeps float noise (e.g. 7.000000001) from adding a minute; absurd inputs stay a safe
  // integer, which is what the protocol's int() accepts.
  const minutes = Math.ceil(wall - 1e-9);
  return Number.isNaN(minutes) ? 0 : Math.min(Number.MAX_SAFE_INTEGER, Math.max(0, minutes));
}

/**
 * Wall-clock minutes from `at` until `openMinutes` of the service's open time (its spans on `at`'s weekday)
 * have passed: a wait that runs past 11:30 resumes at 13:00, so the 90 closed minutes are added; a wait
 * starting in a closed gap starts when the next span opens. Work left after the day's last close is added as
 * is (counters that stay on, or people left waiting: tickets are for today). Equal to `openMinutes` when the
 * wait ends inside the span it starts in. Never less than `openMinutes`; non-decreasing in it.
 *
 * Why: measured on the demo profile (Monday, 50 days), tickets issued in the morning that waited through lunch
 * were promised about 90 minutes too few, and they made most of the error for queues of 11 people and more.
 */
export function wallClockMinutes(hours: WeeklyHours, at: Date, openMinutes: number): number {
  if (!(openMinutes > 0)) return 0;
  if (!Number.isFinite(at.getTime())) return openMinutes;
  const local = vnLocal(at);
  const now = local.millis / 60_000;
  // A handful of spans a day: parsing them here costs less than the SQL around every estimate.
  const spans = spansOn(hours, local.isoWeekday)
    .map((span) => [parseHourMinute(span.open), parseHourMinute(span.close)] as const)
    .filter(([o, c]) => c > o)
    .sort((a, b) => a[0] - b[0]);
  let t = now;
  let left = openMinutes;
  for (const [o, c] of spans) {
    if (c <= t) continue;
    if (t < o) t = o;
    if (left <= c - t) return t + left - now;
    left -= c - t;
    t = c;
  }
  return t + left - now;
}

export interface TicketEstimateInput {
  serviceId: number;
  /** People ahead ({@link aheadFromCounts}); the queue length for someone who would arrive now. */
  ahead: number;
  /** Staffed counters (the server's with an officer signed in; the simulator's in an open span). */
  counters: readonly Pick<CounterState, 'paused' | 'serviceIds'>[];
  /** {@link runningAverage} of the service's recent service times. */
  averageServiceSeconds: number | null;
  /** The service's opening hours. */
  hours: WeeklyHours;
  at: Date;
  policy: Pick<CallPolicy, 'defaultServiceMinutes'>;
}

/**
 * The estimate printed on a ticket and shown for a service, from what the server holds without loading a
 * queue (O(counters)). `app/views.ts` and `sim/day.ts` both call this, so what the simulator measures is what
 * citizens read.
 *
 * A counter that also serves other services counts fully. Measured on the demo profile: weighting it by
 * 1 / (number of its services) or by a fixed share for a service it does not list first promised long queues
 * 10–35 minutes too much (the quiet services listed first leave such counters to the busy one most of the
 * day). A share from the other services' queues fitted a little better, but it would change a service's
 * estimate on another service's events, and screens only hear of their own service's changes.
 */
export function ticketEstimate(input: TicketEstimateInput): number {
  return estimateWaitMinutes({
    ahead: input.ahead,
    openCounters: openCountersFor(input.serviceId, input.counters),
    averageServiceSeconds: input.averageServiceSeconds,
    policy: input.policy,
    hours: input.hours,
    at: input.at,
  });
}

/**
 * Mean of the last `window` valid service times (seconds; most recent last); non-finite and negative values
 * are ignored. Null when none is valid, so the estimate falls back to the policy default.
 */
export function runningAverage(recentServiceSeconds: readonly number[], window: number): number | null {
  const size = Math.max(1, Math.floor(nonNegative(window)));
  const valid = recentServiceSeconds.filter((s) => Number.isFinite(s) && s >= 0).slice(-size);
  if (valid.length === 0) return null;
  return valid.reduce((sum, s) => sum + s, 0) / valid.length;
}

/**
 * Seconds a finished ticket was served (finishedAt − servedAt), or null when it was not served.
 * Feed these to `runningAverage`.
 */
export function serviceSeconds(
  ticket: Pick<TicketState, 'status' | 'servedAt' | 'finishedAt'>,
): number | null {
  if (ticket.status !== 'done' || !ticket.servedAt || !ticket.finishedAt) return null;
  return Math.max(0, (ticket.finishedAt.getTime() - ticket.servedAt.getTime()) / 1000);
}

/**
 * People ahead of `ticket`: how many waiting tickets of its service the call policy would call before it if
 * nobody new arrived, replaying `chooseInService` from the service's current `streak` (priority first, at most
 * `maxPriorityInRow` in a row while normal tickets wait, FIFO by queue order within a class). Because the streak
 * is kept per service, this is the service's exact call order whichever counters call it; later arrivals
 * (new priority tickets, transfers keeping an earlier `queuedAt`) can still push a ticket back. 0 once the
 * ticket is not waiting.
 */
export function aheadOf(
  ticket: TicketState,
  waiting: readonly TicketState[],
  streak: number,
  policy: PriorityPolicy,
): number {
  if (ticket.status !== 'waiting') return 0;
  const queue = waiting
    .filter((t) => t.status === 'waiting' && t.serviceId === ticket.serviceId && t.id !== ticket.id)
    .concat([ticket])
    .sort(compareQueueOrder);
  const priority = queue.filter(isPriority);
  const normal = queue.filter((t) => !isPriority(t));
  // Replay the policy until our ticket comes up; every step calls one ticket, so queue.length steps suffice.
  let p = 0;
  let n = 0;
  let s = Math.max(0, streak);
  for (let step = 0; step < queue.length; step += 1) {
    const takePriority = p < priority.length && (n >= normal.length || s < policy.maxPriorityInRow);
    const next = takePriority ? priority[p] : normal[n];
    if (next === ticket) break;
    if (takePriority) {
      p += 1;
      s += 1;
    } else {
      n += 1;
      s = 0;
    }
  }
  return p + n;
}

/** Counters that would call `serviceId` now: they serve it and are not paused. Pass only staffed counters. */
export function openCountersFor(
  serviceId: number,
  counters: readonly Pick<CounterState, 'paused' | 'serviceIds'>[],
): number {
  return counters.filter((c) => !c.paused && c.serviceIds.includes(serviceId)).length;
}

export interface QueuePosition {
  /** Whether the ticket is in the priority class. */
  priority: boolean;
  /** Waiting tickets of its own class before it in queue order. */
  before: number;
  /** Waiting tickets of the other class (all of them, wherever they stand). */
  others: number;
}

/**
 * {@link aheadOf} from counts alone, in O(1), for the hot paths (every issue and every kiosk poll) where
 * loading the whole queue would cost more than the commit: with a = max(0, maxPriorityInRow − streak),
 * a normal ticket waits for its `before` normals and min(others, a + before × max) priority tickets; a
 * priority ticket waits for its `before` priorities and, once the first `a` are through, one normal per
 * `max` priorities. Equal to `aheadOf` (a property test pins it).
 */
export function aheadFromCounts(position: QueuePosition, streak: number, policy: PriorityPolicy): number {
  const max = Math.max(1, policy.maxPriorityInRow);
  const before = Math.max(0, position.before);
  const others = Math.max(0, position.others);
  const first = Math.max(0, max - Math.max(0, streak));
  if (!position.priority) return before + Math.min(others, first + before * max);
  const normals = before < first ? 0 : 1 + Math.floor((before - first) / max);
  return before + Math.min(others, normals);
}

export interface BookedAheadInput {
  /** Walk-ins the policy calls before this walk-in ({@link aheadFromCounts} over walk-ins only). */
  walkInsAhead: number;
  /**
   * Slot starts of the service's booked tickets waiting (checked in) and of its bookings still to check in (not
   * lapsed): each is called before the walk-in if its slot starts by the walk-in's call.
   */
  slots: readonly Date[];
  now: Date;
  maxBookedInRow: number;
  /** The wait in minutes for someone with this many people ahead ({@link ticketEstimate}). */
  minutesFor: (ahead: number) => number;
}

/**
 * Booked tickets the policy will call before a walk-in: those (checked in or still to come) whose slot starts by the
 * walk-in's estimated call — a due one always — never more than `maxBookedInRow` per walk-in call up to and
 * including its own (the mix). Each one counted pushes the call later, which may bring more slots in: the count is
 * grown until it holds (at most one step per slot).
 */
export function bookedAheadOfWalkIn(input: BookedAheadInput): number {
  const walkIns = Math.max(0, Math.floor(input.walkInsAhead));
  const cap = Math.max(1, input.maxBookedInRow) * (walkIns + 1);
  const slots = input.slots.map((d) => d.getTime());
  let booked = 0;
  for (let step = 0; step <= slots.length; step += 1) {
    const callAt = input.now.getTime() + input.minutesFor(walkIns + booked) * 60_000;
    const next = Math.min(cap, slots.filter((s) => s <= callAt).length);
    if (next <= booked) break;
    booked = next;
  }
  return booked;
}

/**
 * The slots of the booked tickets a walk-in of `serviceId` may see called before it. The policy calls the due booked
 * tickets of all a counter's services before its walk-ins (`chooseNext`), so besides its own service's slots, a share
 * of every other service's that shares a counter with it: the share of that service's counters that also serve this
 * one (all of them when each counter serving it serves this one too), taken evenly along the day.
 */
export function bookedSlotsAhead(
  serviceId: number,
  counters: readonly Pick<CounterState, 'serviceIds'>[],
  slotsOf: (serviceId: number) => readonly Date[],
): Date[] {
  const mine = counters.filter((c) => c.serviceIds.includes(serviceId));
  const slots = [...slotsOf(serviceId)];
  const others = new Set(mine.flatMap((c) => c.serviceIds));
  others.delete(serviceId);
  for (const sid of others) {
    const serving = counters.filter((c) => c.serviceIds.includes(sid)).length;
    const shared = mine.filter((c) => c.serviceIds.includes(sid)).length;
    const theirs = [...slotsOf(sid)].sort((a, b) => a.getTime() - b.getTime());
    theirs.forEach((slot, i) => {
      if (Math.floor(((i + 1) * shared) / serving) > Math.floor((i * shared) / serving)) slots.push(slot);
    });
  }
  return slots;
}

/**
 * People ahead of a booked ticket: the booked tickets before it (slot start, then check-in time) and the walk-ins
 * the mix lets through meanwhile — with `bookedStreak` booked calls already in a row, one walk-in after every
 * `maxBookedInRow` booked calls, so ⌊(before + min(bookedStreak, max)) ÷ max⌋ of them, as many as wait.
 */
export function aheadOfBooked(
  bookedBefore: number,
  walkInsWaiting: number,
  bookedStreak: number,
  maxBookedInRow: number,
): number {
  const before = Math.max(0, bookedBefore);
  const max = Math.max(1, maxBookedInRow);
  // A streak past the bound (booked calls made while no walk-in waited) holds back no more than a full one.
  const walkIns = Math.floor((before + Math.min(max, Math.max(0, bookedStreak))) / max);
  return before + Math.min(Math.max(0, walkInsWaiting), walkIns);
}
