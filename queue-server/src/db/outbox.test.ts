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
  it('finds the due rows, undelivered and oldest first, up to the limit', () => {
    f.finishDossier({ code: '000.00.12.H61-261130-0001' });
    f.finishDossier({ code: '000.00.12.H61-261130-0002' });
    f.finishDossier({ code: '000.00.12.H61-261130-0003' });
    const now = f.clock.now();
    expect(f.repo.due(now, 10).map((e) => e.dossierCode)).toEqual([
      '000.00.12.H61-261130-0001',
      '000.00.12.H61-261130-0002',
      '000.00.12.H61-261130-0003',
    ]);
    expect(f.repo.due(now, 2)).toHaveLength(2);

    const [first, second] = f.repo.due(now, 10);
    expect(f.repo.markDelivered(first!.id, now)).toBe(true);
    expect(f.repo.markDelivered(first!.id, now)).toBe(false);
    const retryAt = new Date(now.getTime() + 30_000);
    expect(f.repo.markFailed(second!.id, now, 'HTTP 503', retryAt)).toBe(true);
    expect(f.repo.due(now, 10).map((e) => e.dossierCode)).toEqual(['000.00.12.H61-261130-0003']);
    expect(f.repo.due(retryAt, 10).map((e) => e.dossierCode)).toEqual([
      '000.00.12.H61-261130-0002',
      '000.00.12.H61-261130-0003',
    ]);
    expect(f.repo.pending()).toBe(2);
  });

  it('counts failures, keeps the last error and the next attempt; delivery ends retries', () => {
    f.finishDossier({ code: '000.00.12.H61-261130-0001' });
    const [entry] = f.repo.due(f.clock.now(), 1);
    expect(entry).toMatchObject({ attempts: 0, deliveredAt: null, lastError: null });
    expect(entry!.createdAt.getTime()).toBe(f.clock.now().getTime());

    const t1 = f.clock.now();
    f.repo.markFailed(entry!.id, t1, 'HTTP 500', new Date(t1.getTime() + 30_000));
    f.repo.markFailed(entry!.id, t1, 'timeout after 10000 ms', new Date(t1.getTime() + 60_000));
    const [failed] = f.repo.list({ filter: 'pending' });
    expect(failed).toMatchObject({ attempts: 2, lastError: 'timeout after 10000 ms', deliveredAt: null });
    expect(failed!.nextAttemptAt.getTime()).toBe(t1.getTime() + 60_000);

    f.repo.markDelivered(entry!.id, new Date(t1.getTime() + 60_000));
    expect(f.repo.markFailed(entry!.id, t1, 'late', new Date(t1.getTime() + 1))).toBe(false);
    const [done] = f.repo.list({ filter: 'delivered' });
    expect(done).toMatchObject({ attempts: 2, dossierCode: '000.00.12.H61-261130-0001' });
    expect(done!.deliveredAt?.getTime()).toBe(t1.getTime() + 60_000);
    expect(f.repo.pending()).toBe(0);
    expect(f.repo.due(new Date(t1.getTime() + 3_600_000), 10)).toEqual([]);
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
    const [entry] = f.repo.due(f.clock.now(), 1);
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
    const [a, b] = f.repo.due(f.clock.now(), 10);
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
    const [entry] = f.repo.due(f.clock.now(), 1);
    f.repo.markFailed(entry!.id, f.clock.now(), 'HTTP 502', new Date(f.clock.now().getTime() + 30_000));
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
