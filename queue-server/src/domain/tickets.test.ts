import { ERRORS } from '@layso/protocol';
import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_CODES } from './result.js';
import { call, finish, issueTicket, noShow, recall, setPaused, startServing, transfer } from './tickets.js';
import { makeCounter, makeTicket } from './testing.js';
import type { CounterState, Result, TicketState } from './types.js';
import { DEFAULT_POLICY } from './types.js';

const t0 = new Date('2026-11-30T02:00:00Z');
const t1 = new Date('2026-11-30T02:05:00Z');
const t2 = new Date('2026-11-30T02:12:00Z');

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}`);
  return r.value;
}

/** A ticket called to counter 7 at t0, and that counter. */
function called(overrides: Partial<TicketState> = {}): { ticket: TicketState; counter: CounterState } {
  return value(call(makeTicket({ id: 10, ...overrides }), makeCounter({ id: 7 }), t0));
}

/** Deep copies to prove the inputs are not mutated. */
const snapshot = <T>(x: T): T => structuredClone(x);

describe('error codes', () => {
  it('are all protocol errors with a status and messages', () => {
    for (const code of DOMAIN_ERROR_CODES) expect(ERRORS[code].status).toBeGreaterThanOrEqual(400);
  });
});

describe('issueTicket', () => {
  it('drafts a waiting ticket queued at the issue time', () => {
    expect(issueTicket(3, 'elderly', t0)).toEqual({
      serviceId: 3,
      priority: 'elderly',
      bookedFor: null,
      status: 'waiting',
      queuedAt: t0,
      issuedAt: t0,
      calledAt: null,
      servedAt: null,
      finishedAt: null,
      counterId: null,
      recalls: 0,
      outcome: null,
      transferredFromId: null,
    });
  });
});

describe('call', () => {
  it('waiting → called at the counter, which now holds it', () => {
    const ticket = makeTicket({ id: 10 });
    const counter = makeCounter({ id: 7 });
    const [tb, cb] = [snapshot(ticket), snapshot(counter)];
    const r = value(call(ticket, counter, t0));
    expect(r.ticket).toMatchObject({ status: 'called', calledAt: t0, counterId: 7 });
    expect(r.counter.currentTicketId).toBe(10);
    expect(ticket).toEqual(tb);
    expect(counter).toEqual(cb);
  });

  it('refuses a paused counter', () => {
    expect(call(makeTicket(), makeCounter({ paused: true }), t0)).toEqual({
      ok: false,
      code: 'LAYSO_COUNTER_PAUSED',
    });
  });

  it('refuses a counter that still has a ticket', () => {
    expect(call(makeTicket({ id: 2 }), makeCounter({ currentTicketId: 1 }), t0)).toEqual({
      ok: false,
      code: 'LAYSO_COUNTER_BUSY',
    });
  });

  it('refuses a ticket of a service the counter does not serve', () => {
    expect(call(makeTicket({ serviceId: 2 }), makeCounter({ serviceIds: [1, 3] }), t0)).toEqual({
      ok: false,
      code: 'LAYSO_WRONG_COUNTER',
    });
  });

  it('refuses a ticket that is not waiting', () => {
    for (const status of ['called', 'serving', 'done', 'no-show', 'transferred'] as const) {
      expect(call(makeTicket({ status }), makeCounter(), t0)).toEqual({
        ok: false,
        code: 'LAYSO_INVALID_TRANSITION',
      });
    }
  });

  it('throws on an invalid clock value', () => {
    expect(() => call(makeTicket(), makeCounter(), new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('recall', () => {
  it('keeps the ticket called, keeps its first calledAt and counts the recall', () => {
    const { ticket, counter } = called();
    const r = value(recall(ticket, counter, t1, DEFAULT_POLICY));
    expect(r.ticket).toMatchObject({ status: 'called', recalls: 1, calledAt: t0, counterId: 7 });
    expect(r.counter).toEqual(counter);
    expect(ticket.recalls).toBe(0);
  });

  it('stops at the recall limit', () => {
    let { ticket, counter } = called();
    for (let i = 0; i < 2; i += 1)
      ({ ticket, counter } = value(recall(ticket, counter, t1, { recallLimit: 2 })));
    expect(ticket.recalls).toBe(2);
    expect(recall(ticket, counter, t1, { recallLimit: 2 })).toEqual({
      ok: false,
      code: 'LAYSO_RECALL_LIMIT',
    });
  });

  it('refuses another counter and a ticket not in called', () => {
    const { ticket, counter } = called();
    expect(recall(ticket, { ...counter, id: 8 }, t1, DEFAULT_POLICY)).toEqual({
      ok: false,
      code: 'LAYSO_WRONG_COUNTER',
    });
    const serving = value(startServing(ticket, counter, t1));
    expect(recall(serving.ticket, serving.counter, t1, DEFAULT_POLICY)).toEqual({
      ok: false,
      code: 'LAYSO_INVALID_TRANSITION',
    });
    expect(recall(makeTicket(), counter, t1, DEFAULT_POLICY)).toEqual({
      ok: false,
      code: 'LAYSO_WRONG_COUNTER',
    });
  });

  it('is allowed on a paused counter', () => {
    const { ticket, counter } = called();
    expect(recall(ticket, setPaused(counter, true), t1, DEFAULT_POLICY).ok).toBe(true);
  });
});

describe('startServing', () => {
  it('called → serving with servedAt', () => {
    const { ticket, counter } = called();
    const r = value(startServing(ticket, counter, t1));
    expect(r.ticket).toMatchObject({ status: 'serving', servedAt: t1, counterId: 7 });
    expect(r.counter.currentTicketId).toBe(10);
  });

  it('refuses twice and from another counter', () => {
    const { ticket, counter } = called();
    const r = value(startServing(ticket, counter, t1));
    expect(startServing(r.ticket, r.counter, t1)).toEqual({ ok: false, code: 'LAYSO_INVALID_TRANSITION' });
    expect(startServing(ticket, makeCounter({ id: 8 }), t1)).toEqual({
      ok: false,
      code: 'LAYSO_WRONG_COUNTER',
    });
  });
});

describe('noShow', () => {
  it('called → no-show and frees the counter', () => {
    const { ticket, counter } = called();
    const r = value(noShow(ticket, counter, t1));
    expect(r.ticket).toMatchObject({ status: 'no-show', finishedAt: t1 });
    expect(r.counter.currentTicketId).toBeNull();
  });

  it('refuses a ticket being served and another counter', () => {
    const { ticket, counter } = called();
    const serving = value(startServing(ticket, counter, t1));
    expect(noShow(serving.ticket, serving.counter, t2)).toEqual({
      ok: false,
      code: 'LAYSO_INVALID_TRANSITION',
    });
    expect(noShow(ticket, makeCounter({ id: 8 }), t2)).toEqual({ ok: false, code: 'LAYSO_WRONG_COUNTER' });
  });
});

describe('finish', () => {
  it('serving → done with the outcome and frees the counter', () => {
    const { ticket, counter } = called();
    const serving = value(startServing(ticket, counter, t1));
    const r = value(finish(serving.ticket, serving.counter, t2, 'received', true));
    expect(r.ticket).toMatchObject({ status: 'done', outcome: 'received', servedAt: t1, finishedAt: t2 });
    expect(r.counter.currentTicketId).toBeNull();
  });

  it('called → done counts service from the call', () => {
    const { ticket, counter } = called();
    const r = value(finish(ticket, counter, t2, 'guidance', false));
    expect(r.ticket).toMatchObject({ status: 'done', outcome: 'guidance', servedAt: t0, finishedAt: t2 });
  });

  it('needs a dossier code for received and returned, not for guidance', () => {
    const { ticket, counter } = called();
    expect(finish(ticket, counter, t2, 'received', false)).toEqual({
      ok: false,
      code: 'LAYSO_DOSSIER_REQUIRED',
    });
    expect(finish(ticket, counter, t2, 'returned', false)).toEqual({
      ok: false,
      code: 'LAYSO_DOSSIER_REQUIRED',
    });
    expect(finish(ticket, counter, t2, 'returned', true).ok).toBe(true);
    expect(finish(ticket, counter, t2, 'guidance', true).ok).toBe(true);
  });

  it('refuses a waiting or finished ticket and another counter', () => {
    const { ticket, counter } = called();
    const done = value(finish(ticket, counter, t2, 'guidance', false));
    expect(finish(done.ticket, counter, t2, 'guidance', false)).toEqual({
      ok: false,
      code: 'LAYSO_INVALID_TRANSITION',
    });
    expect(finish(ticket, makeCounter({ id: 8 }), t2, 'guidance', false)).toEqual({
      ok: false,
      code: 'LAYSO_WRONG_COUNTER',
    });
    expect(finish(makeTicket({ counterId: 7 }), counter, t2, 'guidance', false)).toEqual({
      ok: false,
      code: 'LAYSO_INVALID_TRANSITION',
    });
  });

  it('leaves another current ticket of the counter alone', () => {
    const { ticket } = called();
    const r = value(finish(ticket, makeCounter({ id: 7, currentTicketId: 99 }), t2, 'guidance', false));
    expect(r.counter.currentTicketId).toBe(99);
  });
});

describe('transfer', () => {
  it('closes the ticket and drafts a waiting one in the target service that keeps its place', () => {
    const queuedAt = new Date('2026-11-30T01:00:00Z');
    const { ticket, counter } = called({
      queuedAt,
      issuedAt: queuedAt,
      priority: 'disabled',
      serviceId: 1,
      bookedFor: t0,
    });
    const before = snapshot(ticket);
    const r = value(transfer(ticket, counter, 4, t1));
    expect(r.closed).toMatchObject({ id: 10, status: 'transferred', finishedAt: t1, serviceId: 1 });
    expect(r.next).toEqual({
      serviceId: 4,
      priority: 'disabled',
      // A booking was for the first service: the transferred ticket is a walk-in there.
      bookedFor: null,
      status: 'waiting',
      queuedAt,
      issuedAt: t1,
      calledAt: null,
      servedAt: null,
      finishedAt: null,
      counterId: null,
      recalls: 0,
      outcome: null,
      transferredFromId: 10,
    });
    expect(r.counter.currentTicketId).toBeNull();
    expect(ticket).toEqual(before);
  });

  it('works from serving too', () => {
    const { ticket, counter } = called();
    const s = value(startServing(ticket, counter, t1));
    expect(value(transfer(s.ticket, s.counter, 2, t2)).closed.status).toBe('transferred');
  });

  it('refuses the same service, another counter and a waiting ticket', () => {
    const { ticket, counter } = called({ serviceId: 1 });
    expect(transfer(ticket, counter, 1, t1)).toEqual({ ok: false, code: 'LAYSO_TRANSFER_SAME_SERVICE' });
    expect(transfer(ticket, makeCounter({ id: 8 }), 2, t1)).toEqual({
      ok: false,
      code: 'LAYSO_WRONG_COUNTER',
    });
    expect(transfer(makeTicket({ counterId: 7 }), counter, 2, t1)).toEqual({
      ok: false,
      code: 'LAYSO_INVALID_TRANSITION',
    });
  });
});

describe('setPaused', () => {
  it('returns a new counter with the flag set and keeps its ticket', () => {
    const counter = makeCounter({ currentTicketId: 5 });
    const paused = setPaused(counter, true);
    expect(paused).toEqual({ ...counter, paused: true });
    expect(counter.paused).toBe(false);
    expect(setPaused(paused, false).paused).toBe(false);
  });

  it('makes call refuse until resumed', () => {
    const paused = setPaused(makeCounter(), true);
    expect(call(makeTicket(), paused, t0)).toEqual({ ok: false, code: 'LAYSO_COUNTER_PAUSED' });
    expect(call(makeTicket(), setPaused(paused, false), t0).ok).toBe(true);
  });
});
