/** Wait estimates: people ahead ÷ open counters × a running average of recent service times. */
import type { CallPolicy, CounterState, TicketState } from './types.js';
import { compareQueueOrder, isPriority, type PriorityPolicy } from './call-policy.js';

export interface EstimateInput {
  ahead: number;
  /** Counters serving the service right now (staffed and not paused). */
  openCounters: number;
  /** Running average of recent service times in seconds; null on a fresh day. */
  averageServiceSeconds: number | null;
  policy: Pick<CallPolicy, 'defaultServiceMinutes'>;
}

const nonNegative = (n: number): number => (Number.isFinite(n) && n > 0 ? n : 0);

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
  // The small tolerance keeps float noise (e.g. 7.000000001) from adding a minute; absurd inputs stay a safe
  // integer, which is what the protocol's int() accepts.
  const minutes = Math.ceil((ahead * average) / (counters * 60) - 1e-9);
  return Number.isNaN(minutes) ? 0 : Math.min(Number.MAX_SAFE_INTEGER, Math.max(0, minutes));
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
export function openCountersFor(serviceId: number, counters: readonly CounterState[]): number {
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
