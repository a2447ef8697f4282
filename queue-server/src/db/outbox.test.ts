import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vnInstant } from '../domain/time.js';
import {
  CITIZEN,
  createSyncFixture,
  OTHER_PROCEDURE_CODE,
  PROCEDURE_CODE,
  type SyncFixture,
} from '../sync/testing.js';
import { OutboxRepo } from './outbox.js';
import { openDatabase } from './open.js';
import { join } from 'node:path';

let f: SyncFixture;

beforeEach(() => {
  // Monday 2026-11-30, 08:00 in Vietnam.
  f = createSyncFixture(vnInstant('2026-11-30', 8 * 60));
});
afterEach(() => f.close());

describe('OutboxRepo on a real SQLite file', () => {
  it('picks the next record: undelivered, not dead, due, the longest due first', () => {
    f.finishDossier({ code: '000.00.12.H61-261130-0001' });
    f.finishDossier({ code: '000.00.12.H61-261130-0002' });
    f.finishDossier({ code: '000.00.12.H61-261130-0003' });
    const now = f.clock.now();
    const first = f.repo.next(now)!;
    expect(first.dossierCode).toBe('000.00.12.H61-261130-0001');
    expect(f.repo.markDelivered(first.id, now)).toBe(true);
    expect(f.repo.markDelivered(first.id, now)).toBe(false);

    const second = f.repo.next(now)!;
    const retryAt = new Date(now.getTime() + 30_000);
    expect(f.repo.markFailed(second.id, now, 'HTTP 503', retryAt, true)).toBe(true);
    expect(f.repo.next(now)!.dossierCode).toBe('000.00.12.H61-261130-0003');
    expect(f.repo.nextDueAt()!.getTime()).toBeLessThanOrEqual(now.getTime());

    const third = f.repo.next(now)!;
    expect(f.repo.markDead(third.id, now, 'HTTP 400', true)).toBe(true);
    expect(f.repo.next(now)).toBeNull();
    expect(f.repo.nextDueAt()!.getTime()).toBe(retryAt.getTime());
    expect(f.repo.next(retryAt)!.dossierCode).toBe('000.00.12.H61-261130-0002');
    expect(f.repo.counts()).toMatchObject({ pending: 1, delivered: 1, dead: 1 });
    expect(f.repo.pending()).toBe(1);
  });

  it('never lets a later record of a dossier overtake an earlier one, even a dead one', () => {
    f.finishDossier({ code: '000.00.12.H61-261130-0001', outcome: 'received' });
    f.finishDossier({ code: '000.00.12.H61-261130-0001', outcome: 'returned' });
    const now = f.clock.now();
    const received = f.repo.next(now)!;
    f.repo.markFailed(received.id, now, 'HTTP 500', new Date(now.getTime() + 60_000), true);
    // The returned record is due, but its dossier's received record is not delivered yet.
    expect(f.repo.next(now)).toBeNull();
    f.repo.markDead(received.id, now, 'HTTP 422', true);
    expect(f.repo.next(new Date(now.getTime() + 3_600_000))).toBeNull();
    expect(f.repo.nextDueAt()).toBeNull();

    // An admin retries the dead letter: it goes first, then the returned record.
    expect(f.repo.retry(received.id, now)).toBe(true);
    expect(f.repo.retry(received.id, now)).toBe(false);
    expect(f.repo.next(now)!.id).toBe(received.id);
    f.repo.markDelivered(received.id, now);
    expect(f.repo.next(now)!.id).toBeGreaterThan(received.id);
  });

  it('counts failures and strikes, keeps the last error; a dead letter keeps its reason until retried', () => {
    f.finishDossier({ code: '000.00.12.H61-261130-0001' });
    const entry = f.repo.next(f.clock.now())!;
    expect(entry).toMatchObject({
      attempts: 0,
      strikes: 0,
      deliveredAt: null,
      lastError: null,
      deadAt: null,
    });
    expect(entry.createdAt.getTime()).toBe(f.clock.now().getTime());

    const t1 = f.clock.now();
    f.repo.markFailed(entry.id, t1, 'HTTP 500', new Date(t1.getTime() + 30_000), true);
    f.repo.markFailed(entry.id, t1, 'timeout after 10000 ms', new Date(t1.getTime() + 60_000), false);
    const [failed] = f.repo.list({ filter: 'pending' });
    expect(failed).toMatchObject({ attempts: 2, strikes: 1, lastError: 'timeout after 10000 ms' });
    expect(failed!.nextAttemptAt.getTime()).toBe(t1.getTime() + 60_000);
    expect(failed!.lastAttemptAt?.getTime()).toBe(t1.getTime());

    const t2 = new Date(t1.getTime() + 60_000);
    expect(f.repo.markDead(entry.id, t2, 'HTTP 401', true)).toBe(true);
    expect(f.repo.markFailed(entry.id, t2, 'late', t2, true)).toBe(false);
    const [dead] = f.repo.list({ filter: 'dead' });
    expect(dead).toMatchObject({ attempts: 3, deadReason: 'HTTP 401', lastError: 'HTTP 401' });
    expect(f.repo.counts()).toMatchObject({ pending: 0, dead: 1, oldestPendingAt: null });

    expect(f.repo.retryAllDead(t2)).toBe(1);
    expect(f.repo.get(entry.id)).toMatchObject({ deadAt: null, deadReason: null, strikes: 0, attempts: 3 });
    f.repo.markDelivered(entry.id, t2);
    const [done] = f.repo.list({ filter: 'delivered' });
    expect(done!.deliveredAt?.getTime()).toBe(t2.getTime());
    expect(f.repo.pending()).toBe(0);
    expect(f.repo.next(new Date(t1.getTime() + 3_600_000))).toBeNull();
    expect(f.repo.get(9999)).toBeNull();
  });

  it('loads the record data: ticket, service, the dossier procedure over the kiosk one, counter, officer', () => {
    const ticketId = f.finishDossier({
      code: '000.00.12.H61-261130-0001',
      intake: CITIZEN,
      kioskProcedure: PROCEDURE_CODE,
      dossierProcedure: OTHER_PROCEDURE_CODE,
      appointmentAt: '2026-12-03T14:00:00.000+07:00',
      waitSeconds: 600,
      startSeconds: 30,
      serveSeconds: 300,
      rating: 'satisfied',
    });
    const entry = f.repo.next(f.clock.now());
    const src = f.repo.load(entry!.id);
    expect(src).toMatchObject({
      outboxId: entry!.id,
      attempts: 0,
      dossierCode: '000.00.12.H61-261130-0001',
      ticketId,
      ticketNumber: '2001',
      outcome: 'received',
      intake: CITIZEN,
      rating: 'satisfied',
      service: { code: 'TP', name: 'Sở Tư pháp' },
      procedure: { code: OTHER_PROCEDURE_CODE, name: 'Đăng ký khai sinh', field: 'Hộ tịch' },
      counterName: 'Quầy 3',
      officerName: 'Trần Văn Bình',
    });
    const start = vnInstant('2026-11-30', 8 * 60).getTime();
    expect(src!.queuedAt.getTime()).toBe(start);
    expect(src!.calledAt!.getTime()).toBe(start + 600_000);
    expect(src!.servedAt!.getTime()).toBe(start + 630_000);
    expect(src!.finishedAt!.getTime()).toBe(start + 930_000);
    expect(src!.appointmentAt!.toISOString()).toBe('2026-12-03T07:00:00.000Z');
  });

  it('falls back to the kiosk procedure, and to none at all', () => {
    f.finishDossier({ code: '000.00.12.H61-261130-0001', kioskProcedure: PROCEDURE_CODE });
    f.finishDossier({ code: '000.00.12.H61-261130-0002' });
    const [b, a] = f.repo.list();
    expect(f.repo.load(a!.id)?.procedure?.code).toBe(PROCEDURE_CODE);
    expect(f.repo.load(b!.id)).toMatchObject({ procedure: null, intake: null, rating: null });
    expect(f.repo.load(9999)).toBeNull();
  });

  it('lists for the admin newest first, paged and filtered, with ticket numbers and no personal data', () => {
    for (let i = 1; i <= 3; i += 1) {
      f.finishDossier({ code: `000.00.12.H61-261130-000${i}`, intake: CITIZEN });
    }
    const all = f.repo.list();
    expect(all.map((e) => e.ticketNumber)).toEqual(['2003', '2002', '2001']);
    expect(f.repo.list({ limit: 1, offset: 1 }).map((e) => e.ticketNumber)).toEqual(['2002']);
    f.repo.markDelivered(all[0]!.id, f.clock.now());
    expect(f.repo.list({ filter: 'pending' }).map((e) => e.ticketNumber)).toEqual(['2002', '2001']);
    expect(f.repo.list({ filter: 'delivered' }).map((e) => e.ticketNumber)).toEqual(['2003']);
    const text = JSON.stringify(all);
    for (const secret of [CITIZEN.fullName!, CITIZEN.phone!, CITIZEN.idNumber!]) {
      expect(text).not.toContain(secret);
    }
  });

  it('survives a restart: pending rows and their state are on disk', () => {
    f.finishDossier({ code: '000.00.12.H61-261130-0001' });
    const entry = f.repo.next(f.clock.now());
    f.repo.markFailed(
      entry!.id,
      f.clock.now(),
      'HTTP 502',
      new Date(f.clock.now().getTime() + 30_000),
      false,
    );
    f.store.db.close();
    const db = openDatabase(join(f.dir, 'queue.db'));
    try {
      const repo = new OutboxRepo(db);
      expect(repo.pending()).toBe(1);
      expect(repo.list()[0]).toMatchObject({ attempts: 1, lastError: 'HTTP 502' });
    } finally {
      db.close();
      // f.close() closes the fixture's handle again, which better-sqlite3 allows.
    }
  });
});
