/**
 * The ticket state machine: waiting → called → serving → done | no-show | transferred; waiting → cancelled.
 * Every function returns new values (never mutates its inputs) or a domain error code; the store applies
 * the returned ticket and counter in one transaction.
 */
import type { FinishOutcome } from '@layso/protocol';
import type { CallPolicy, CounterState, Result, TicketState } from './types.js';
import { err, ok } from './result.js';

/** A ticket and the counter after a transition. */
export interface Transition {
  ticket: TicketState;
  counter: CounterState;
}

/** A ticket before the store gives it an id and a seq (issue or transfer). */
export type TicketDraft = Omit<TicketState, 'id' | 'seq'> & {
  /** The ticket this one was transferred from, if any. */
  transferredFromId: number | null;
};

export interface TransferResult {
  /** The original ticket, now `transferred`. */
  closed: TicketState;
  /**
   * The new waiting ticket in the target service; it keeps the original's `queuedAt` and priority, not a booking
   * (the slot was booked for the first service).
   */
  next: TicketDraft;
  counter: CounterState;
}

function assertValid(at: Date): void {
  if (!Number.isFinite(at.getTime())) throw new RangeError('invalid Date');
}

/** The counter without `ticket` as its current one (unchanged if another ticket is current). */
function release(counter: CounterState, ticket: TicketState): CounterState {
  return counter.currentTicketId === ticket.id ? { ...counter, currentTicketId: null } : counter;
}

/** Checks shared by every action an officer takes on a ticket called to their counter. */
function atCounter(
  ticket: TicketState,
  counter: CounterState,
  allowed: readonly TicketState['status'][],
): Result<true> {
  if (ticket.counterId !== counter.id) return err('LAYSO_WRONG_COUNTER');
  if (!allowed.includes(ticket.status)) return err('LAYSO_INVALID_TRANSITION');
  return ok(true);
}

/** Every field of a waiting ticket that only a call or what follows fills in. */
export const NOT_YET_CALLED = {
  status: 'waiting',
  calledAt: null,
  servedAt: null,
  finishedAt: null,
  counterId: null,
  recalls: 0,
  outcome: null,
} as const satisfies Partial<TicketState>;

/** A new waiting ticket issued at `at`. */
export function issueTicket(serviceId: number, priority: string | null, at: Date): TicketDraft {
  assertValid(at);
  return {
    serviceId,
    priority,
    bookedFor: null,
    ...NOT_YET_CALLED,
    queuedAt: at,
    issuedAt: at,
    transferredFromId: null,
  };
}

/**
 * Calls a waiting ticket to `counter`. Refused when the counter is paused, already has a ticket, does not serve
 * the ticket's service (LAYSO_WRONG_COUNTER), or the ticket is not waiting.
 */
export function call(ticket: TicketState, counter: CounterState, at: Date): Result<Transition> {
  assertValid(at);
  if (counter.paused) return err('LAYSO_COUNTER_PAUSED');
  if (counter.currentTicketId !== null) return err('LAYSO_COUNTER_BUSY');
  if (!counter.serviceIds.includes(ticket.serviceId)) return err('LAYSO_WRONG_COUNTER');
  if (ticket.status !== 'waiting') return err('LAYSO_INVALID_TRANSITION');
  return ok({
    ticket: { ...ticket, status: 'called', calledAt: at, counterId: counter.id },
    counter: { ...counter, currentTicketId: ticket.id },
  });
}

/**
 * Announces a called ticket again. It stays `called` and keeps its first `calledAt` (waiting time is measured to
 * the first call); `recalls` goes up, at most `policy.recallLimit` times. A paused counter may still recall.
 */
export function recall(
  ticket: TicketState,
  counter: CounterState,
  at: Date,
  policy: Pick<CallPolicy, 'recallLimit'>,
): Result<Transition> {
  assertValid(at);
  const check = atCounter(ticket, counter, ['called']);
  if (!check.ok) return err(check.code);
  if (ticket.recalls >= policy.recallLimit) return err('LAYSO_RECALL_LIMIT');
  return ok({ ticket: { ...ticket, recalls: ticket.recalls + 1 }, counter });
}

/** The citizen came to the counter: called → serving. */
export function startServing(ticket: TicketState, counter: CounterState, at: Date): Result<Transition> {
  assertValid(at);
  const check = atCounter(ticket, counter, ['called']);
  if (!check.ok) return err(check.code);
  return ok({ ticket: { ...ticket, status: 'serving', servedAt: at }, counter });
}

/** The citizen did not come: called → no-show; the counter is free again. */
export function noShow(ticket: TicketState, counter: CounterState, at: Date): Result<Transition> {
  assertValid(at);
  const check = atCounter(ticket, counter, ['called']);
  if (!check.ok) return err(check.code);
  return ok({
    ticket: { ...ticket, status: 'no-show', finishedAt: at },
    counter: release(counter, ticket),
  });
}

/**
 * The citizen left the queue from their phone: waiting → cancelled. Only a waiting ticket: once called, the
 * officer decides (no-show); the number is never called after.
 */
export function cancel(ticket: TicketState, at: Date): Result<TicketState> {
  assertValid(at);
  if (ticket.status !== 'waiting') return err('LAYSO_TICKET_NOT_WAITING');
  return ok({ ...ticket, status: 'cancelled', finishedAt: at });
}

/** Outcomes that hand a dossier over and so need its code. */
export function needsDossier(outcome: FinishOutcome): boolean {
  return outcome === 'received' || outcome === 'returned';
}

/**
 * called | serving → done with `outcome`; 'received' and 'returned' need a dossier code. A ticket finished
 * straight from `called` counts as served from its call (`servedAt` = `calledAt`).
 */
export function finish(
  ticket: TicketState,
  counter: CounterState,
  at: Date,
  outcome: FinishOutcome,
  hasDossierCode: boolean,
): Result<Transition> {
  assertValid(at);
  const check = atCounter(ticket, counter, ['called', 'serving']);
  if (!check.ok) return err(check.code);
  if (needsDossier(outcome) && !hasDossierCode) return err('LAYSO_DOSSIER_REQUIRED');
  return ok({
    ticket: {
      ...ticket,
      status: 'done',
      servedAt: ticket.servedAt ?? ticket.calledAt ?? at,
      finishedAt: at,
      outcome,
    },
    counter: release(counter, ticket),
  });
}

/**
 * Sends a called or serving ticket to another service: the old one ends as `transferred`, and a new waiting
 * ticket for `toServiceId` keeps the original `queuedAt` and priority, so it keeps its place in the new queue.
 * The store gives the new ticket its id and a number in the target service (see `seqAfter`).
 */
export function transfer(
  ticket: TicketState,
  counter: CounterState,
  toServiceId: number,
  at: Date,
): Result<TransferResult> {
  assertValid(at);
  const check = atCounter(ticket, counter, ['called', 'serving']);
  if (!check.ok) return err(check.code);
  if (toServiceId === ticket.serviceId) return err('LAYSO_TRANSFER_SAME_SERVICE');
  return ok({
    closed: { ...ticket, status: 'transferred', finishedAt: at },
    next: {
      ...issueTicket(toServiceId, ticket.priority, at),
      queuedAt: ticket.queuedAt,
      transferredFromId: ticket.id,
    },
    counter: release(counter, ticket),
  });
}

/** Pauses or resumes a counter. A paused counter calls nobody new but may finish its current ticket. */
export function setPaused(counter: CounterState, paused: boolean): CounterState {
  return { ...counter, paused };
}
