import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { QueueService } from '../app/queue.js';
import { ALWAYS_OPEN } from '../domain/testing.js';
import { vnInstant } from '../domain/time.js';
import { DEFAULT_POLICY } from '../domain/types.js';
import { ManualClock } from '../testing/harness.js';
import { openDatabase } from './open.js';
import { IntakeRetention } from './retention.js';
import { Store } from './store.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('intake retention', () => {
  it('drops names, phones and IDs after the period, but not while a dossier waits to be synced', () => {
    dir = mkdtempSync(join(tmpdir(), 'layso-retention-'));
    const store = new Store(openDatabase(join(dir, 'queue.db')));
    const clock = new ManualClock(vnInstant('2026-11-01', 9 * 60));
    const queue = new QueueService(store, clock, DEFAULT_POLICY, 'http://127.0.0.1:8080');
    const serviceId = store.catalogue.saveService({
      code: 'TP',
      name: 'Sở Tư pháp',
      nameEn: null,
      numberFormat: { prefix: '2', digits: 3 },
      dailyCap: 100,
      hours: ALWAYS_OPEN,
      active: true,
    });
    store.accounts.addUser({
      username: 'canbo01',
      displayName: 'Cán bộ',
      role: 'officer',
      passwordHash: 'x',
      counterId: null,
    });
    const counterId = store.counters.add(1, 'Quầy 1', [serviceId]);
    queue.occupy(counterId, 1);
    const intake = { consent: true as const, fullName: 'Lê Văn Tám', phone: '0912345678' };
    const plain = queue.issue({ serviceId, intake }, null).value;
    const dossier = queue.issue({ serviceId, intake }, null).value;
    const actor = { counterId, officerId: 1 };
    for (const id of [plain.id, dossier.id]) {
      queue.callNext(actor);
      queue.finish(
        id,
        id === dossier.id
          ? { outcome: 'received', dossier: { code: '000.00.12.H61-261101-0001' } }
          : { outcome: 'guidance' },
        actor,
      );
    }
    const retention = new IntakeRetention(store, clock, 30);
    clock.set(vnInstant('2026-11-30', 23 * 60)); // day 30: still kept
    expect(retention.run()).toBe(0);
    clock.set(vnInstant('2026-12-01', 0)); // day 31
    expect(retention.run()).toBe(1);
    expect(store.tickets.byId(plain.id)!.intake).toBeNull();
    expect(store.tickets.byId(dossier.id)!.intake).toEqual(intake);
    store.db.prepare('UPDATE outbox SET delivered_at = 1').run();
    expect(retention.run()).toBe(1);
    expect(store.tickets.byId(dossier.id)!.intake).toBeNull();
    store.db.close();
  });
});
