/**
 * Property tests of the whole engine: random days on random floors, driven through `testing/domain-simulate.ts`, which uses
 * only the engine's functions. Invariants are checked after every step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareQueueOrder, isPriority } from '../domain/call-policy.js';
import { aheadOf, estimateWaitMinutes, openCountersFor, runningAverage } from '../domain/estimate.js';
import { maxSeq } from '../domain/numbering.js';
import {
  checkInvariants,
  randomActions,
  runDay,
  type SimAction,
  type SimConfig,
  type SimState,
  waitingTickets,
} from './domain-simulate.js';
import { ALWAYS_OPEN, makeCounter, makeService, OFFICE_HOURS } from '../domain/testing.js';
import { vnInstant } from '../domain/time.js';
import type { CallPolicy, ServiceRules } from '../domain/types.js';
import { DEFAULT_POLICY } from '../domain/types.js';

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !(x instanceof Date) && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

const serviceArb = (id: number): fc.Arbitrary<ServiceRules> =>
  fc.record({
    id: fc.constant(id),
    numberFormat: fc.record({
      prefix: fc.constantFrom('', String(id), 'A'),
      digits: fc.integer({ min: 1, max: 3 }),
    }),
    dailyCap: fc.integer({ min: 1, max: 60 }),
    hours: fc.constantFrom(ALWAYS_OPEN, OFFICE_HOURS),
    active: fc.constantFrom(true, true, true, true, false),
  });

const configArb: fc.Arbitrary<SimConfig> = fc
  .integer({ min: 1, max: 3 })
  .chain((nServices) =>
    fc.record({
      services: fc.tuple(...Array.from({ length: nServices }, (_, i) => serviceArb(i + 1))),
      counters: fc.array(
        fc.shuffledSubarray(
          Array.from({ length: nServices }, (_, i) => i + 1),
          { minLength: 1 },
        ),
        { minLength: 1, maxLength: 4 },
      ),
      policy: fc.record({
        maxPriorityInRow: fc.integer({ min: 1, max: 3 }),
        recallLimit: fc.integer({ min: 0, max: 3 }),
        defaultServiceMinutes: fc.integer({ min: 1, max: 15 }),
        averageWindow: fc.integer({ min: 1, max: 10 }),
        stopIssuingMinutesBeforeClose: fc.integer({ min: 0, max: 30 }),
      }),
      // Monday 07:00, or Monday 23:30 so that some runs cross midnight in Vietnam.
      start: fc.constantFrom(vnInstant('2026-11-30', 7 * 60), vnInstant('2026-11-30', 23 * 60 + 30)),
    }),
  )
  .map(({ services, counters, policy, start }) => ({
    services,
    counters: counters.map((serviceIds, i) => makeCounter({ id: i + 1, serviceIds })),
    policy: policy satisfies CallPolicy,
    start,
  }));

const actionArb = (config: SimConfig): fc.Arbitrary<SimAction> => {
  const serviceId = fc.constantFrom(...config.services.map((s) => s.id));
  const counterId = fc.constantFrom(...config.counters.map((c) => c.id));
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('issue' as const),
        serviceId,
        priority: fc.constantFrom(null, null, 'elderly', 'disabled'),
      }),
    },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('callNext' as const), counterId }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('recall' as const), counterId }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('start' as const), counterId }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('finish' as const),
        counterId,
        outcome: fc.constantFrom('received' as const, 'returned' as const, 'guidance' as const),
        dossier: fc.boolean(),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('noShow' as const), counterId }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('transfer' as const), counterId, toServiceId: serviceId }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('pause' as const), counterId, paused: fc.boolean() }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('advance' as const),
        seconds: fc.integer({ min: 0, max: 900 }),
      }),
    },
  );
};

const dayArb = configArb.chain((config) =>
  fc.tuple(fc.constant(config), fc.array(actionArb(config), { maxLength: 150 })),
);

const RUNS = { numRuns: 150 };

/** The call the policy should have made from `before`, checked independently of `chooseNext`. */
function expectPolicyCall(config: SimConfig, before: SimState, after: SimState, counterId: number): void {
  const call = after.calls[after.calls.length - 1];
  if (!call) throw new Error('no call recorded');
  const counter = before.counters.find((c) => c.id === counterId);
  const waiting = waitingTickets(before);
  // First service in the counter's order that has someone waiting.
  const service = counter?.serviceIds.find((id) => waiting.some((t) => t.serviceId === id));
  expect(call.serviceId).toBe(service);
  const ticket = before.tickets.find((t) => t.id === call.ticketId);
  if (!ticket) throw new Error('called ticket unknown');
  // FIFO within its class: nobody of the same class and service was queued before it.
  const sameClass = waiting.filter((t) => t.serviceId === call.serviceId && isPriority(t) === call.priority);
  expect(sameClass.every((t) => compareQueueOrder(ticket, t) <= 0)).toBe(true);
  const streak = before.streaks[call.serviceId] ?? 0;
  if (call.priority && call.normalWaiting) expect(streak).toBeLessThan(config.policy.maxPriorityInRow);
}

describe('a simulated day', () => {
  it('keeps every invariant after every step', () => {
    fc.assert(
      fc.property(dayArb, ([config, actions]) => {
        deepFreeze(config);
        runDay(config, actions, (before, action, out) => {
          deepFreeze(out.state);
          expect(checkInvariants(out.state, config.policy)).toEqual([]);
          if (out.result !== 'ok') expect(out.state).toBe(before);
          if (action.kind === 'callNext' && out.result === 'ok') {
            expectPolicyCall(config, before, out.state, action.counterId);
          }
        });
      }),
      RUNS,
    );
  });

  it('never reuses a number within a service-day, and numbers count up from 1 with no gap', () => {
    fc.assert(
      fc.property(dayArb, ([config, actions]) => {
        const { state } = runDay(config, actions);
        const byKey = new Map<string, number[]>();
        for (const n of state.numbers) {
          const service = config.services.find((s) => s.id === n.serviceId);
          if (!service) throw new Error('unknown service');
          expect(n.number).toMatch(
            new RegExp(`^${service.numberFormat.prefix}\\d{${service.numberFormat.digits}}$`),
          );
          expect(n.seq).toBeLessThanOrEqual(maxSeq(service.numberFormat));
          const key = `${n.serviceId}/${n.day}`;
          byKey.set(key, [...(byKey.get(key) ?? []), n.seq]);
        }
        for (const seqs of byKey.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
        // Kiosk issues respect the daily cap.
        for (const [key, count] of Object.entries(state.issued)) {
          const service = config.services.find((s) => s.id === Number(key.split('/')[0]));
          expect(count).toBeLessThanOrEqual(service?.dailyCap ?? 0);
        }
      }),
      RUNS,
    );
  });

  it('gives every waiting ticket a non-negative ahead and estimate', () => {
    fc.assert(
      fc.property(dayArb, ([config, actions]) => {
        const { state } = runDay(config, actions);
        const waiting = waitingTickets(state);
        for (const t of waiting) {
          const ahead = aheadOf(t, waiting, state.streaks[t.serviceId] ?? 0, config.policy);
          const sameService = waiting.filter((w) => w.serviceId === t.serviceId).length;
          expect(ahead).toBeGreaterThanOrEqual(0);
          expect(ahead).toBeLessThan(sameService);
          const minutes = estimateWaitMinutes({
            ahead,
            openCounters: openCountersFor(t.serviceId, state.counters),
            averageServiceSeconds: runningAverage(
              state.serviceTimes[t.serviceId] ?? [],
              config.policy.averageWindow,
            ),
            policy: config.policy,
          });
          expect(Number.isSafeInteger(minutes) && minutes >= 0).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('keeps a transferred ticket its original place (queuedAt) and priority, in another service', () => {
    fc.assert(
      fc.property(dayArb, ([config, actions]) => {
        const { state } = runDay(config, actions);
        const byId = new Map(state.tickets.map((t) => [t.id, t]));
        expect(state.transfers).toHaveLength(state.tickets.filter((t) => t.status === 'transferred').length);
        for (const { fromId, toId } of state.transfers) {
          const from = byId.get(fromId);
          const to = byId.get(toId);
          expect(from?.status).toBe('transferred');
          expect(to?.queuedAt).toEqual(from?.queuedAt);
          expect(to?.priority).toBe(from?.priority);
          expect(to?.serviceId).not.toBe(from?.serviceId);
        }
      }),
      RUNS,
    );
  });
});

describe('randomActions', () => {
  const config: SimConfig = {
    services: [
      makeService({ id: 1, hours: ALWAYS_OPEN, dailyCap: 400 }),
      makeService({ id: 2, numberFormat: { prefix: '2', digits: 3 }, hours: ALWAYS_OPEN, dailyCap: 400 }),
    ],
    counters: [
      makeCounter({ id: 1, serviceIds: [1, 2] }),
      makeCounter({ id: 2, serviceIds: [2, 1] }),
      makeCounter({ id: 3, serviceIds: [1] }),
    ],
    policy: DEFAULT_POLICY,
    start: vnInstant('2026-11-30', 7 * 60),
  };

  it('is deterministic for a seed', () => {
    expect(randomActions(config, 50, 7)).toEqual(randomActions(config, 50, 7));
    expect(randomActions(config, 50, 7)).not.toEqual(randomActions(config, 50, 8));
  });

  it('drives long days that keep the invariants and actually serve people', () => {
    for (const seed of [1, 2, 3]) {
      const { state, results } = runDay(config, randomActions(config, 2000, seed));
      expect(checkInvariants(state, config.policy)).toEqual([]);
      expect(state.calls.length).toBeGreaterThan(100);
      expect(state.tickets.filter((t) => t.status === 'done').length).toBeGreaterThan(50);
      expect(results).toContain('LAYSO_COUNTER_BUSY');
    }
  });
});

describe('day boundary in a run', () => {
  const config: SimConfig = {
    services: [makeService({ id: 1, hours: ALWAYS_OPEN, dailyCap: 2 })],
    counters: [makeCounter({ id: 1, serviceIds: [1] })],
    policy: DEFAULT_POLICY,
    start: new Date('2026-11-29T16:59:59.000Z'), // Sunday 23:59:59 in Vietnam
  };

  it('restarts numbering and the daily cap at 17:00Z (midnight in Vietnam)', () => {
    const issue: SimAction = { kind: 'issue', serviceId: 1, priority: null };
    const { state, results } = runDay(config, [
      issue,
      issue,
      issue,
      { kind: 'advance', seconds: 1 },
      issue,
      issue,
    ]);
    expect(results).toEqual(['ok', 'ok', 'LAYSO_DAILY_CAP_REACHED', 'ok', 'ok', 'ok']);
    expect(state.numbers.map((n) => `${n.day} ${n.number}`)).toEqual([
      '2026-11-29 1001',
      '2026-11-29 1002',
      '2026-11-30 1001',
      '2026-11-30 1002',
    ]);
  });
});

describe('checkInvariants', () => {
  const config: SimConfig = {
    services: [makeService({ id: 1, hours: ALWAYS_OPEN })],
    counters: [makeCounter({ id: 1 }), makeCounter({ id: 2 })],
    policy: DEFAULT_POLICY,
    start: vnInstant('2026-11-30', 9 * 60),
  };

  it('reports a ticket held by two counters and a reused number', () => {
    const { state } = runDay(config, [
      { kind: 'issue', serviceId: 1, priority: null },
      { kind: 'callNext', counterId: 1 },
    ]);
    const broken: SimState = {
      ...state,
      counters: state.counters.map((c) => ({ ...c, currentTicketId: 1 })),
      numbers: [...state.numbers, ...state.numbers],
    };
    const problems = checkInvariants(broken, config.policy);
    expect(problems.some((p) => p.includes('issued twice'))).toBe(true);
    expect(problems.some((p) => p.includes('at 2 counters'))).toBe(true);
  });

  it('reports a run of priority calls beyond the bound', () => {
    const { state } = runDay(config, []);
    const call = {
      at: config.start,
      counterId: 1,
      ticketId: 1,
      serviceId: 1,
      priority: true,
      normalWaiting: true,
      streakAfter: 1,
    };
    const broken: SimState = { ...state, calls: [call, call, call] };
    expect(checkInvariants(broken, { maxPriorityInRow: 2 })).toHaveLength(1);
    expect(
      checkInvariants(
        { ...broken, calls: [call, { ...call, priority: false }, call, call] },
        { maxPriorityInRow: 2 },
      ),
    ).toEqual([]);
  });
});
