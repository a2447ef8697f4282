import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { QueueService } from '../app/queue.js';
import { ALWAYS_OPEN } from '../domain/testing.js';
import { vnInstant } from '../domain/time.js';
import { DEFAULT_POLICY } from '../domain/types.js';
import { ManualClock } from '../testing/harness.js';
import { Backups } from './backup.js';
import { openDatabase } from './open.js';
import { IntakeRetention } from './retention.js';
import { Store } from './store.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

type Intake = Parameters<QueueService['issue']>[0]['intake'];
type Finish = Parameters<QueueService['finish']>[1];

/** A small center on a real file with one officer at counter 1, on 2026-11-01 09:00 (Vietnam). */
function center() {
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
  const actor = { counterId, officerId: 1 };
  /** Issues a ticket with `intake`, calls and finishes it; returns its id. */
  const served = (intake: Intake, finish: Finish): number => {
    const t = queue.issue({ serviceId, intake }, null).value;
    queue.callNext(actor);
    queue.finish(t.id, finish, actor);
    return t.id;
  };
  return { store, clock, served };
}

const guidance: Finish = { outcome: 'guidance' };

describe('intake retention', () => {
  it('drops names, phones and IDs after the period, but not while a dossier waits to be synced', () => {
    const { store, clock, served } = center();
    const intake = { consent: true as const, fullName: 'Lê Văn Tám', phone: '0912345678' };
    const plain = served(intake, guidance);
    const dossier = served(intake, { outcome: 'received', dossier: { code: '000.00.12.H61-261101-0001' } });
    const retention = new IntakeRetention(store, clock, 30);
    clock.set(vnInstant('2026-11-30', 23 * 60)); // day 30: still kept
    expect(retention.run()).toBe(0);
    clock.set(vnInstant('2026-12-01', 0)); // day 31
    expect(retention.run()).toBe(1);
    expect(store.tickets.byId(plain)!.intake).toBeNull();
    expect(store.tickets.byId(dossier)!.intake).toEqual(intake);
    store.db.prepare('UPDATE outbox SET delivered_at = 1').run();
    expect(retention.run()).toBe(1);
    expect(store.tickets.byId(dossier)!.intake).toBeNull();
    store.db.close();
  });

  it("drops a ticket's push subscriptions with its intake (issue 19)", () => {
    const { store, clock, served } = center();
    const t = served({ consent: true as const }, guidance);
    const keys = { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22), consentVersion: '2026-12-v1' };
    store.pushSubscriptions.save(t, { endpoint: 'https://push.example/s/1', ...keys }, clock.now());
    const retention = new IntakeRetention(store, clock, 30);
    clock.set(vnInstant('2026-11-30', 23 * 60));
    retention.run();
    expect(store.pushSubscriptions.byTicket(t)).toHaveLength(1);
    clock.set(vnInstant('2026-12-01', 0));
    retention.run();
    expect(store.pushSubscriptions.byTicket(t)).toHaveLength(0);
    store.db.close();
  });

  it('purges the backups by the same rule: no backup keeps intake the live database has dropped', async () => {
    const { store, clock, served } = center();
    const backups = new Backups(store.db, join(dir, 'backups'), clock, { keep: 7, hour: 12 });
    const early = { consent: true as const, fullName: 'Lê Văn Tám', phone: '0911111111' };
    const owner = { consent: true as const, fullName: 'Phạm Văn Chín', phone: '0933333333' };
    const late = { consent: true as const, fullName: 'Trần Thị Bảy', phone: '0922222222' };
    const plain = served(early, guidance);
    const dossier = served(owner, { outcome: 'received', dossier: { code: '000.00.12.H61-261101-0001' } });
    const old = (await backups.run()).file; // 2026-11-01: older than the retention on 2026-12-01
    clock.set(vnInstant('2026-11-25', 9 * 60));
    const recent = served(late, guidance);
    const fresh = (await backups.run()).file; // 2026-11-25: within it
    clock.set(vnInstant('2026-12-01', 0)); // day 31 of 2026-11-01
    const retention = new IntakeRetention(store, clock, 30, () => backups.files());
    retention.run();

    const intakes = (file: string) => {
      const db = new Database(file, { readonly: true });
      const rows = db
        .prepare<[], { id: number; intake: string | null }>('SELECT id, intake FROM tickets')
        .all();
      db.close();
      return Object.fromEntries(rows.map((r) => [r.id, r.intake === null ? null : JSON.parse(r.intake)]));
    };
    // The old backup: the plain ticket's intake is gone; the dossier, not yet synced (live too), keeps its own.
    expect(intakes(old)).toEqual({ [plain]: null, [dossier]: owner });
    // The recent one: the same for 2026-11-01, and the 2026-11-25 intake kept.
    expect(intakes(fresh)).toEqual({ [plain]: null, [dossier]: owner, [recent]: late });
    expect(readFileSync(fresh).includes('0922222222')).toBe(true);
    // Gone from the files' bytes too, and from a backup made after the live purge (no leftover in its pages).
    const after = (await backups.run()).file;
    for (const file of [old, fresh, after]) expect(readFileSync(file).includes('0911111111')).toBe(false);

    // Once the dossier is synced (live), the next run drops its intake from every backup too, although each
    // was made while it still waited: gone from the tables and from the files' bytes.
    store.db.prepare('UPDATE outbox SET delivered_at = 1').run();
    retention.run();
    for (const file of [old, fresh, after]) {
      expect(intakes(file)[dossier]).toBeNull();
      expect(readFileSync(file).includes('0933333333')).toBe(false);
    }
    expect(intakes(fresh)[recent]).toEqual(late);
    store.db.close();
  });

  it("drops an authorised collector's name and ID from the register and its backups with the same days", async () => {
    const { store, clock, served } = center();
    const backups = new Backups(store.db, join(dir, 'backups'), clock, { keep: 7, hour: 12 });
    const code = '000.00.12.H61-261101-0001';
    served({ consent: true, phone: '0944444444' }, { outcome: 'received', dossier: { code } });
    served(undefined, {
      outcome: 'returned',
      dossier: {
        code,
        return: {
          collectedBy: 'authorised',
          collectorName: 'Hoàng Văn Mười',
          collectorIdNumber: '079000000010',
          consent: true,
          originalsReturned: 1,
        },
      },
    });
    const file = (await backups.run()).file;
    expect(readFileSync(file).includes('079000000010')).toBe(true);
    clock.set(vnInstant('2026-12-01', 0)); // day 31
    new IntakeRetention(store, clock, 30, () => backups.files()).run();
    expect(store.dossiers.byCode(code)).toMatchObject({
      collectorName: null,
      collectorIdNumber: null,
      proofPhone: null,
      collectedBy: 'authorised',
      originalsReturned: 1,
    });
    expect(readFileSync(file).includes('079000000010')).toBe(false);
    expect(readFileSync(file).includes(Buffer.from('Hoàng Văn Mười'))).toBe(false);
    store.db.close();
  });
});
