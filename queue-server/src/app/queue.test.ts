import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import { Store, type ServiceRow } from '../db/store.js';
import { ALWAYS_OPEN, OFFICE_HOURS } from '../domain/testing.js';
import { vnInstant } from '../domain/time.js';
import { DEFAULT_POLICY } from '../domain/types.js';
import { AppError } from '../errors.js';
import { ManualClock } from '../testing/harness.js';
import { QueueService } from './queue.js';

let dir: string;
let file: string;
let store: Store;
let clock: ManualClock;
let queue: QueueService;
let serviceId: number;
let counterId: number;
const OFFICER = 1;

function open(): void {
  store = new Store(openDatabase(file));
  queue = new QueueService(store, clock, DEFAULT_POLICY, 'http://127.0.0.1:8080');
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'layso-queue-'));
  file = join(dir, 'queue.db');
  // Monday 2026-11-30, 08:00 in Vietnam.
  clock = new ManualClock(vnInstant('2026-11-30', 8 * 60));
  open();
  store.transaction(() => {
    serviceId = store.catalogue.saveService({
      code: 'TP',
      name: 'Sở Tư pháp',
      nameEn: 'Justice',
      numberFormat: { prefix: '2', digits: 3 },
      dailyCap: 5,
      hours: OFFICE_HOURS,
      active: true,
    });
    store.catalogue.addPriorityGroup(
      { code: 'nguoi-cao-tuoi', name: 'Người cao tuổi', nameEn: 'Elderly' },
      0,
    );
    store.accounts.addUser({
      username: 'canbo01',
      displayName: 'Cán bộ',
      role: 'officer',
      passwordHash: 'x',
      counterId: null,
    });
    counterId = store.counters.add(1, 'Quầy 1', [serviceId]);
  });
  queue.occupy(counterId, OFFICER);
});
afterEach(() => {
  store.db.close();
  rmSync(dir, { recursive: true, force: true });
});

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'no error';
};
const actor = () => ({ counterId, officerId: OFFICER });
const updateService = (patch: Partial<ServiceRow>) =>
  store.catalogue.saveService({ ...store.catalogue.service(serviceId)!, ...patch });

describe('QueueService on a real SQLite file', () => {
  it('numbers per service-day in Vietnam time, restarting at midnight VN, never reusing a number', () => {
    const first = queue.issue({ serviceId }, null).value;
    const second = queue.issue({ serviceId }, null).value;
    expect([first.number, second.number]).toEqual(['2001', '2002']);
    // 23:59 VN the same day is still the same day (16:59Z) — but outside hours.
    clock.set(vnInstant('2026-11-30', 23 * 60 + 59));
    expect(code(() => queue.issue({ serviceId }, null))).toBe('LAYSO_SERVICE_CLOSED');
    // Next morning: a new day, numbering restarts.
    clock.set(vnInstant('2026-12-01', 7 * 60));
    const nextDay = queue.issue({ serviceId }, null).value;
    expect(nextDay.number).toBe('2001');
    expect(nextDay.day).toBe('2026-12-01');
  });

  it('issues a batch in one commit; a refused request in the middle changes nothing', () => {
    const results = queue.issueMany([
      { body: { serviceId }, deviceId: null },
      { body: { serviceId: 9999 }, deviceId: null },
      { body: { serviceId, priority: 'vip' }, deviceId: null },
      { body: { serviceId }, deviceId: null },
    ]).results;
    expect(results.map((r) => (r instanceof AppError ? r.code : r.number))).toEqual([
      '2001',
      'LAYSO_SERVICE_NOT_FOUND',
      'LAYSO_PRIORITY_UNKNOWN',
      '2002',
    ]);
    expect(store.tickets.serviceDay(serviceId, '2026-11-30')).toMatchObject({ lastSeq: 2, issued: 2 });
    expect(queue.services()[0]!.waiting).toBe(2);
  });

  it('gives a batch the same people-ahead as a fresh read of each ticket', () => {
    updateService({ dailyCap: 50 });
    const body = (priority: boolean) => ({
      body: { serviceId, ...(priority ? { priority: 'nguoi-cao-tuoi' } : {}) },
      deviceId: null,
    });
    queue.issueMany([body(false), body(true), body(false)]);
    const batch = queue.issueMany([
      body(true),
      body(false),
      body(true),
      body(false),
      body(true),
      body(true),
    ]).results;
    for (const t of batch) {
      if (t instanceof AppError) throw t;
      expect({ id: t.id, ahead: t.ahead }).toEqual({ id: t.id, ahead: queue.ticket(t.id).ahead });
    }
    // Call order with at most 2 priority calls in a row: P1 P2 N1 P3 P4 N2 P5 N3 N4.
    expect(batch.map((t) => (t instanceof AppError ? -1 : t.ahead))).toEqual([1, 7, 3, 8, 4, 6]);
  });

  it('keeps the per-class waiting counts equal to the tickets actually waiting, whatever happens', () => {
    updateService({ dailyCap: 999, hours: ALWAYS_OPEN });
    const { id: _id, ...copy } = store.catalogue.service(serviceId)!;
    const other = store.catalogue.saveService({ ...copy, code: 'CA', name: 'Công an tỉnh' });
    const counted = (sid: number, day: string) =>
      store.db
        .prepare(
          `SELECT sum(priority IS NULL) AS normal, sum(priority IS NOT NULL) AS priority FROM tickets
           WHERE day = ? AND service_id = ? AND status = 'waiting'`,
        )
        .get(day, sid) as { normal: number | null; priority: number | null };
    let dayIndex = 0;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 60 }), (ops) => {
        dayIndex += 1;
        clock.set(vnInstant('2026-12-01', 0));
        clock.advance(dayIndex * 86_400_000);
        const day = queue.today();
        for (const op of ops) {
          const current = store.counters.byId(counterId)!.currentTicketId;
          try {
            if (op <= 1)
              queue.issue({ serviceId, ...(op === 1 ? { priority: 'nguoi-cao-tuoi' } : {}) }, null);
            else if (op === 2) queue.callNext(actor());
            else if (op === 3 && current) queue.transfer(current, other, null, actor());
            else if (op === 4 && current) queue.finish(current, { outcome: 'guidance' }, actor());
            else if (op === 5 && current) queue.noShow(current, actor());
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
          }
          for (const sid of [serviceId, other]) {
            const real = counted(sid, day);
            expect(store.queueOrder.classCounts(day, sid)).toEqual({
              normal: real.normal ?? 0,
              priority: real.priority ?? 0,
            });
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('stops at the daily cap and says so', () => {
    for (let i = 0; i < 5; i++) queue.issue({ serviceId }, null);
    expect(code(() => queue.issue({ serviceId }, null))).toBe('LAYSO_DAILY_CAP_REACHED');
    expect(queue.services()[0]).toMatchObject({ issuing: false, notIssuingReason: 'cap', waiting: 5 });
  });

  it('restores all state after a restart: waiting tickets, counter seat, numbering', () => {
    queue.issue({ serviceId }, null);
    const called = queue.callNext(actor()).value!;
    queue.issue({ serviceId }, null);
    store.db.close();
    open();
    expect(store.counters.byId(counterId)).toMatchObject({ currentTicketId: called.id, officerId: OFFICER });
    expect(queue.ticket(called.id).status).toBe('called');
    expect(queue.services()[0]!.waiting).toBe(1);
    expect(queue.issue({ serviceId }, null).value.number).toBe('2003');
  });

  it('lets priority go first but never more than maxPriorityInRow in a row while normal tickets wait', () => {
    updateService({ dailyCap: 50 });
    const normal = queue.issue({ serviceId }, null).value;
    const prio = [1, 2, 3].map(() => queue.issue({ serviceId, priority: 'nguoi-cao-tuoi' }, null).value);
    const order: number[] = [];
    for (let i = 0; i < 4; i++) {
      const t = queue.callNext(actor()).value!;
      order.push(t.id);
      queue.finish(t.id, { outcome: 'guidance' }, actor());
    }
    expect(order).toEqual([prio[0]!.id, prio[1]!.id, normal.id, prio[2]!.id]);
  });

  it('estimates from the running average of today’s service times', () => {
    updateService({ dailyCap: 50 });
    for (let i = 0; i < 3; i++) {
      queue.issue({ serviceId }, null);
      const t = queue.callNext(actor()).value!;
      queue.start(t.id, actor());
      clock.advance(4 * 60_000);
      queue.finish(t.id, { outcome: 'guidance' }, actor());
    }
    queue.issue({ serviceId }, null);
    const last = queue.issue({ serviceId }, null).value;
    // One person ahead, one open counter, 4 minutes each, plus half a service for the one under way: 1.5 × 4.
    expect(last).toMatchObject({ ahead: 1, estimatedWaitMinutes: 6 });
  });

  it('refuses actions on another counter’s ticket and changes nothing', () => {
    const other = store.transaction(() => store.counters.add(2, 'Quầy 2', [serviceId]));
    queue.issue({ serviceId }, null);
    const t = queue.callNext(actor()).value!;
    expect(
      code(() => queue.finish(t.id, { outcome: 'guidance' }, { counterId: other, officerId: OFFICER })),
    ).toBe('LAYSO_WRONG_COUNTER');
    expect(queue.ticket(t.id).status).toBe('called');
  });

  it('frees a counter left busy at closing time on the next day', () => {
    queue.issue({ serviceId }, null);
    queue.callNext(actor());
    expect(code(() => queue.callNext(actor()))).toBe('LAYSO_COUNTER_BUSY');
    clock.set(vnInstant('2026-12-01', 7 * 60 + 30));
    const fresh = queue.issue({ serviceId }, null).value;
    expect(queue.callNext(actor()).value?.id).toBe(fresh.id);
  });

  it('refuses a dossier code already used for the same outcome, but queues a received and a returned', () => {
    updateService({ dailyCap: 50 });
    const finishNext = (outcome: 'received' | 'returned', code: string) => {
      queue.issue({ serviceId }, null);
      const t = queue.callNext(actor()).value!;
      return () => queue.finish(t.id, { outcome, dossier: { code } }, actor());
    };
    finishNext('received', '000.00.12.H61-261130-0001')();
    const duplicate = finishNext('received', '000.00.12.H61-261130-0001');
    expect(code(duplicate)).toBe('LAYSO_CONFLICT');
    expect(store.counters.byId(counterId)!.currentTicketId).not.toBeNull();
    queue.finish(store.counters.byId(counterId)!.currentTicketId!, { outcome: 'guidance' }, actor());
    finishNext('returned', '000.00.12.H61-261130-0001')();
    const rows = store.db.prepare('SELECT dossier_code FROM outbox ORDER BY id').all();
    expect(rows).toHaveLength(2);
  });

  it('keeps issuing round the clock when hours close at 24:00', () => {
    updateService({ hours: ALWAYS_OPEN });
    clock.set(vnInstant('2026-11-30', 23 * 60 + 59));
    expect(queue.issue({ serviceId }, null).value.number).toBe('2001');
  });
});
