/**
 * A whole-floor simulation built only from the engine's functions: kiosks issue, counters call, recall, serve,
 * finish, mark no-shows, transfer and pause, the clock moves on. It plays the store's part in memory (last seq
 * per service-day, streaks per service) so property tests and the cross-part simulation can drive many random
 * steps and check the invariants. Pure: `step` returns a new state. Test support only: the engine itself keeps the
 * service-day in `app/queue.ts`, the what-if simulator in `sim/day.ts`.
 */
import type { FinishOutcome } from '@layso/protocol';
import type {
  CallPolicy,
  CounterState,
  DomainErrorCode,
  ServiceRules,
  TicketState,
} from '../domain/types.js';
import { chooseNext, isPriority } from '../domain/call-policy.js';
import { nextSeq, seqAfter } from '../domain/numbering.js';
import {
  NOT_YET_CALLED,
  call,
  finish,
  noShow,
  recall,
  startServing,
  transfer,
  setPaused,
  type Transition,
} from '../domain/tickets.js';
import { serviceDay } from '../domain/time.js';
import { serviceSeconds } from '../domain/estimate.js';

export interface SimConfig {
  services: readonly ServiceRules[];
  /** Staffed counters at the start of the day. */
  counters: readonly CounterState[];
  policy: CallPolicy;
  start: Date;
}

export type SimAction =
  | { kind: 'issue'; serviceId: number; priority: string | null }
  | { kind: 'callNext'; counterId: number }
  | { kind: 'recall'; counterId: number }
  | { kind: 'start'; counterId: number }
  | { kind: 'finish'; counterId: number; outcome: FinishOutcome; dossier: boolean }
  | { kind: 'noShow'; counterId: number }
  | { kind: 'transfer'; counterId: number; toServiceId: number }
  | { kind: 'pause'; counterId: number; paused: boolean }
  | { kind: 'advance'; seconds: number };

/** A number handed out, by a kiosk or by a transfer. */
export interface NumberRecord {
  ticketId: number;
  serviceId: number;
  day: string;
  seq: number;
  number: string;
}

/** One call made through the policy. */
export interface CallRecord {
  at: Date;
  counterId: number;
  ticketId: number;
  serviceId: number;
  priority: boolean;
  /** Whether a normal ticket of the same service was waiting when the call was made. */
  normalWaiting: boolean;
  streakAfter: number;
}

export interface SimState {
  now: Date;
  /** Every ticket of the run, finished ones included. */
  tickets: readonly TicketState[];
  counters: readonly CounterState[];
  /** Last seq per `${serviceId}/${day}`. */
  lastSeq: Readonly<Record<string, number>>;
  /** Kiosk issues per `${serviceId}/${day}` (transfers do not count against the daily cap). */
  issued: Readonly<Record<string, number>>;
  /** Priority calls in a row per service id. */
  streaks: Readonly<Record<number, number>>;
  nextId: number;
  numbers: readonly NumberRecord[];
  calls: readonly CallRecord[];
  /** Transfers made: the closed ticket's id and its successor's. */
  transfers: readonly { fromId: number; toId: number }[];
  /** Finished service times in seconds per service, most recent last. */
  serviceTimes: Readonly<Record<number, readonly number[]>>;
}

/** What a step did: `ok`, `idle` (nobody to call), `no-ticket` (the counter has none), or a refusal code. */
export type StepResult =
  'ok' | 'idle' | 'no-ticket' | 'no-such-counter' | 'no-such-service' | DomainErrorCode;

export interface StepOutcome {
  state: SimState;
  result: StepResult;
}

export function initialState(config: SimConfig): SimState {
  return {
    now: config.start,
    tickets: [],
    counters: config.counters.map((c) => ({ ...c, serviceIds: [...c.serviceIds] })),
    lastSeq: {},
    issued: {},
    streaks: {},
    nextId: 1,
    numbers: [],
    calls: [],
    transfers: [],
    serviceTimes: {},
  };
}

const dayKey = (serviceId: number, day: string): string => `${serviceId}/${day}`;

export function waitingTickets(state: SimState): TicketState[] {
  return state.tickets.filter((t) => t.status === 'waiting');
}

function replaceTicket(tickets: readonly TicketState[], next: TicketState): TicketState[] {
  return tickets.map((t) => (t.id === next.id ? next : t));
}

function replaceCounter(counters: readonly CounterState[], next: CounterState): CounterState[] {
  return counters.map((c) => (c.id === next.id ? next : c));
}

function applyTransition(state: SimState, tr: Transition): SimState {
  return {
    ...state,
    tickets: replaceTicket(state.tickets, tr.ticket),
    counters: replaceCounter(state.counters, tr.counter),
  };
}

function issue(config: SimConfig, state: SimState, serviceId: number, priority: string | null): StepOutcome {
  const service = config.services.find((s) => s.id === serviceId);
  if (!service) return { state, result: 'no-such-service' };
  const key = dayKey(serviceId, serviceDay(state.now));
  const issuedToday = state.issued[key] ?? 0;
  const next = nextSeq(state.lastSeq[key] ?? 0, service, issuedToday, state.now, config.policy);
  if (!next.ok) return { state, result: next.code };
  const ticket: TicketState = {
    id: state.nextId,
    serviceId,
    seq: next.value.seq,
    priority,
    bookedFor: null,
    ...NOT_YET_CALLED,
    queuedAt: state.now,
    issuedAt: state.now,
  };
  return {
    state: {
      ...state,
      tickets: [...state.tickets, ticket],
      lastSeq: { ...state.lastSeq, [key]: next.value.seq },
      issued: { ...state.issued, [key]: issuedToday + 1 },
      nextId: state.nextId + 1,
      numbers: [
        ...state.numbers,
        { ticketId: ticket.id, serviceId, day: serviceDay(state.now), ...next.value },
      ],
    },
    result: 'ok',
  };
}

function callNext(config: SimConfig, state: SimState, counter: CounterState): StepOutcome {
  const waiting = waitingTickets(state);
  const choice = chooseNext(waiting, counter, state.streaks, config.policy, state.now);
  if (!choice) return { state, result: 'idle' };
  const called = call(choice.ticket, counter, state.now);
  if (!called.ok) return { state, result: called.code };
  const { ticket } = choice;
  const record: CallRecord = {
    at: state.now,
    counterId: counter.id,
    ticketId: ticket.id,
    serviceId: ticket.serviceId,
    priority: isPriority(ticket),
    normalWaiting: waiting.some((t) => t.serviceId === ticket.serviceId && !isPriority(t)),
    streakAfter: choice.streakAfter,
  };
  return {
    state: {
      ...applyTransition(state, called.value),
      streaks: { ...state.streaks, [ticket.serviceId]: choice.streakAfter },
      calls: [...state.calls, record],
    },
    result: 'ok',
  };
}

function transferCurrent(
  config: SimConfig,
  state: SimState,
  ticket: TicketState,
  counter: CounterState,
  toServiceId: number,
): StepOutcome {
  const target = config.services.find((s) => s.id === toServiceId);
  if (!target) return { state, result: 'no-such-service' };
  const moved = transfer(ticket, counter, toServiceId, state.now);
  if (!moved.ok) return { state, result: moved.code };
  const day = serviceDay(state.now);
  const key = dayKey(toServiceId, day);
  const num = seqAfter(state.lastSeq[key] ?? 0, target.numberFormat);
  if (!num.ok) return { state, result: num.code };
  const { transferredFromId: _from, ...draft } = moved.value.next;
  const next: TicketState = { ...draft, id: state.nextId, seq: num.value.seq };
  return {
    state: {
      ...state,
      tickets: [...replaceTicket(state.tickets, moved.value.closed), next],
      counters: replaceCounter(state.counters, moved.value.counter),
      lastSeq: { ...state.lastSeq, [key]: num.value.seq },
      nextId: state.nextId + 1,
      numbers: [...state.numbers, { ticketId: next.id, serviceId: toServiceId, day, ...num.value }],
      transfers: [...state.transfers, { fromId: ticket.id, toId: next.id }],
    },
    result: 'ok',
  };
}

function finishCurrent(state: SimState, tr: Transition): SimState {
  const seconds = serviceSeconds(tr.ticket);
  const after = applyTransition(state, tr);
  if (seconds === null) return after;
  const times = state.serviceTimes[tr.ticket.serviceId] ?? [];
  return { ...after, serviceTimes: { ...state.serviceTimes, [tr.ticket.serviceId]: [...times, seconds] } };
}

function counterAction(
  config: SimConfig,
  state: SimState,
  action: Exclude<SimAction, { kind: 'issue' } | { kind: 'advance' }>,
): StepOutcome {
  const counter = state.counters.find((c) => c.id === action.counterId);
  if (!counter) return { state, result: 'no-such-counter' };
  if (action.kind === 'callNext') return callNext(config, state, counter);
  if (action.kind === 'pause') {
    return {
      state: { ...state, counters: replaceCounter(state.counters, setPaused(counter, action.paused)) },
      result: 'ok',
    };
  }
  const ticket = state.tickets.find((t) => t.id === counter.currentTicketId);
  if (!ticket) return { state, result: 'no-ticket' };
  if (action.kind === 'transfer') return transferCurrent(config, state, ticket, counter, action.toServiceId);
  const now = state.now;
  const tr =
    action.kind === 'recall'
      ? recall(ticket, counter, now, config.policy)
      : action.kind === 'start'
        ? startServing(ticket, counter, now)
        : action.kind === 'noShow'
          ? noShow(ticket, counter, now)
          : finish(ticket, counter, now, action.outcome, action.dossier);
  if (!tr.ok) return { state, result: tr.code };
  return {
    state: action.kind === 'finish' ? finishCurrent(state, tr.value) : applyTransition(state, tr.value),
    result: 'ok',
  };
}

/** Applies one action; a refused action returns the state unchanged with the refusal. */
export function step(config: SimConfig, state: SimState, action: SimAction): StepOutcome {
  switch (action.kind) {
    case 'advance':
      return {
        state: { ...state, now: new Date(state.now.getTime() + Math.max(0, action.seconds) * 1000) },
        result: 'ok',
      };
    case 'issue':
      return issue(config, state, action.serviceId, action.priority);
    default:
      return counterAction(config, state, action);
  }
}

export interface RunResult {
  state: SimState;
  results: StepResult[];
}

/** Runs `actions` from the initial state; `onStep` sees each state before and after (for invariant checks). */
export function runDay(
  config: SimConfig,
  actions: readonly SimAction[],
  onStep?: (before: SimState, action: SimAction, after: StepOutcome) => void,
): RunResult {
  let state = initialState(config);
  const results: StepResult[] = [];
  for (const action of actions) {
    const out = step(config, state, action);
    onStep?.(state, action, out);
    results.push(out.result);
    state = out.state;
  }
  return { state, results };
}

/**
 * Violations of the state invariants, as readable strings (empty when all hold): numbers unique per
 * service-day; a counter holds at most one ticket and a ticket is at at most one counter; waiting tickets are
 * at no counter; while a normal ticket waits, at most `maxPriorityInRow` priority calls in a row per service.
 */
export function checkInvariants(state: SimState, policy: Pick<CallPolicy, 'maxPriorityInRow'>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const n of state.numbers) {
    const key = `${n.serviceId}/${n.day}/${n.number}`;
    if (seen.has(key))
      problems.push(`number ${n.number} issued twice for service ${n.serviceId} on ${n.day}`);
    seen.add(key);
  }
  const holders = new Map<number, number[]>();
  for (const c of state.counters) {
    if (c.currentTicketId === null) continue;
    holders.set(c.currentTicketId, [...(holders.get(c.currentTicketId) ?? []), c.id]);
    const t = state.tickets.find((x) => x.id === c.currentTicketId);
    if (!t || (t.status !== 'called' && t.status !== 'serving') || t.counterId !== c.id) {
      problems.push(`counter ${c.id} holds ticket ${c.currentTicketId}, which is not called/serving there`);
    }
  }
  for (const t of state.tickets) {
    const at = holders.get(t.id) ?? [];
    const active = t.status === 'called' || t.status === 'serving';
    if (active && at.length !== 1) problems.push(`ticket ${t.id} is ${t.status} at ${at.length} counters`);
    if (!active && at.length > 0) problems.push(`ticket ${t.id} is ${t.status} but held by a counter`);
    if (t.status === 'waiting' && t.counterId !== null) problems.push(`waiting ticket ${t.id} has a counter`);
  }
  const run = new Map<number, number>();
  for (const c of state.calls) {
    const n = c.priority ? (run.get(c.serviceId) ?? 0) + (c.normalWaiting ? 1 : 0) : 0;
    run.set(c.serviceId, n);
    if (n > policy.maxPriorityInRow) {
      problems.push(`service ${c.serviceId}: ${n} priority calls in a row while a normal ticket waited`);
    }
  }
  return problems;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so `randomActions` needs no I/O. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const OUTCOMES = ['received', 'returned', 'guidance'] as const;

/** One action from a roll `r` in [0, 1): the thresholds are the cumulative weights of the action kinds. */
function pickAction(r: number, rnd: () => number, serviceId: number, counterId: number): SimAction {
  if (r < 0.25) return { kind: 'issue', serviceId, priority: rnd() < 0.3 ? 'elderly' : null };
  if (r < 0.5) return { kind: 'callNext', counterId };
  if (r < 0.58) return { kind: 'start', counterId };
  if (r < 0.75) {
    const outcome = OUTCOMES[Math.floor(rnd() * OUTCOMES.length)] ?? 'guidance';
    return { kind: 'finish', counterId, outcome, dossier: rnd() < 0.9 };
  }
  if (r < 0.78) return { kind: 'recall', counterId };
  if (r < 0.81) return { kind: 'noShow', counterId };
  if (r < 0.84) return { kind: 'transfer', counterId, toServiceId: serviceId };
  if (r < 0.86) return { kind: 'pause', counterId, paused: rnd() < 0.25 };
  return { kind: 'advance', seconds: Math.floor(rnd() * 300) };
}

/**
 * A plausible random day of `count` actions for `config` from `seed`: mostly issues and calls, some serving and
 * finishing, occasional recalls, no-shows, transfers, pauses, and the clock moving on by up to 5 minutes.
 */
export function randomActions(config: SimConfig, count: number, seed: number): SimAction[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(rnd() * xs.length)];
  const actions: SimAction[] = [];
  for (let i = 0; i < count; i += 1) {
    const service = pick(config.services);
    const counter = pick(config.counters);
    if (!service || !counter) break;
    actions.push(pickAction(rnd(), rnd, service.id, counter.id));
  }
  return actions;
}
