/**
 * Test fixture of the sync tests (and the outbox's): a small center on a real SQLite file in a temp folder, and
 * dossiers finished through the real QueueService, so the outbox rows are the ones production writes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Intake } from '@layso/protocol';
import { OutboxRepo } from '../db/outbox.js';
import { openDatabase } from '../db/open.js';
import { Store } from '../db/store.js';
import { QueueService } from '../app/queue.js';
import { ALWAYS_OPEN } from '../domain/testing.js';
import { DEFAULT_POLICY } from '../domain/types.js';
import { ManualClock } from '../testing/harness.js';

export const PROCEDURE_CODE = '2.000815.000.00.00.H61';
export const OTHER_PROCEDURE_CODE = '1.001193.000.00.00.H61';

/** A citizen who consented to give their data (fake, valid per the Intake schema). */
export const CITIZEN: Intake = {
  consent: true,
  fullName: 'Nguyễn Thị Mai',
  phone: '0912345678',
  idNumber: '086190001234',
};

export interface DossierVisit {
  code: string;
  intake?: Intake | null;
  /** The procedure chosen at the kiosk (code), if any. */
  kioskProcedure?: string | null;
  /** The procedure the officer records on the dossier (code), if any. */
  dossierProcedure?: string | null;
  outcome?: 'received' | 'returned';
  appointmentAt?: string | null;
  /** Seconds between issue and call, call and start of service, start and finish. */
  waitSeconds?: number;
  startSeconds?: number | null;
  serveSeconds?: number;
  rating?: 'very-satisfied' | 'satisfied' | 'unsatisfied' | null;
}

export interface SyncFixture {
  dir: string;
  clock: ManualClock;
  store: Store;
  queue: QueueService;
  repo: OutboxRepo;
  serviceId: number;
  counterId: number;
  officerId: number;
  procedureId(code: string): number;
  /** Issues a ticket, calls it, serves it and finishes it with a dossier; returns the ticket id. */
  finishDossier(visit: DossierVisit): number;
  close(): void;
}

export function createSyncFixture(start: Date): SyncFixture {
  const dir = mkdtempSync(join(tmpdir(), 'layso-sync-'));
  const clock = new ManualClock(start);
  const store = new Store(openDatabase(join(dir, 'queue.db')));
  const queue = new QueueService(store, clock, DEFAULT_POLICY, 'http://127.0.0.1:8080');
  const repo = new OutboxRepo(store.db);
  const ids = store.transaction(() => {
    const serviceId = store.catalogue.saveService({
      code: 'TP',
      name: 'Sở Tư pháp',
      nameEn: 'Justice',
      numberFormat: { prefix: '2', digits: 3 },
      dailyCap: 300,
      hours: ALWAYS_OPEN,
      active: true,
    });
    store.catalogue.upsertProcedure({
      code: PROCEDURE_CODE,
      name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
      serviceId,
      field: 'Chứng thực',
      agency: 'UBND cấp xã',
      level: 'tỉnh;xã',
      processingTime: null,
      fee: null,
    });
    store.catalogue.upsertProcedure({
      code: OTHER_PROCEDURE_CODE,
      name: 'Đăng ký khai sinh',
      serviceId,
      field: 'Hộ tịch',
      agency: null,
      level: null,
      processingTime: null,
      fee: null,
    });
    const officerId = store.accounts.addUser({
      username: 'canbo01',
      displayName: 'Trần Văn Bình',
      role: 'officer',
      passwordHash: 'x',
      counterId: null,
    });
    const counterId = store.counters.add(3, 'Quầy 3', [serviceId]);
    return { serviceId, officerId, counterId };
  });
  queue.occupy(ids.counterId, ids.officerId);
  const actor = { counterId: ids.counterId, officerId: ids.officerId };
  const procedureId = (code: string): number => {
    const p = store.catalogue.procedures().find((x) => x.code === code);
    if (!p) throw new Error(`no procedure ${code}`);
    return p.id;
  };

  return {
    dir,
    clock,
    store,
    queue,
    repo,
    ...ids,
    procedureId,
    finishDossier(visit) {
      const kiosk = visit.kioskProcedure ?? null;
      const issued = queue.issue(
        {
          serviceId: ids.serviceId,
          ...(kiosk ? { procedureId: procedureId(kiosk) } : {}),
          ...(visit.intake ? { intake: visit.intake } : {}),
        },
        null,
      ).value;
      clock.advance((visit.waitSeconds ?? 600) * 1000);
      const called = queue.callNext(actor).value;
      if (called?.id !== issued.id) throw new Error('fixture: the issued ticket was not called');
      const startSeconds = visit.startSeconds === undefined ? 30 : visit.startSeconds;
      if (startSeconds !== null) {
        clock.advance(startSeconds * 1000);
        queue.start(issued.id, actor);
      }
      clock.advance((visit.serveSeconds ?? 300) * 1000);
      const dossierProcedure = visit.dossierProcedure ?? null;
      queue.finish(
        issued.id,
        {
          outcome: visit.outcome ?? 'received',
          dossier: {
            code: visit.code,
            ...(dossierProcedure ? { procedureId: procedureId(dossierProcedure) } : {}),
            ...(visit.appointmentAt ? { appointmentAt: visit.appointmentAt } : {}),
          },
        },
        actor,
      );
      if (visit.rating) queue.rate(issued.id, visit.rating, null, ids.counterId);
      return issued.id;
    },
    close() {
      store.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
