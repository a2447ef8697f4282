/**
 * The refresh job as the server runs it: the real register (`store.dossiers` on SQLite), the HTTP adapter and the
 * stand-in on 127.0.0.1; and the server starting it only with a province configured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import { Store } from '../db/store.js';
import { formatCompact } from '../domain/time.js';
import { seedSmallCenter } from '../testing/center.js';
import { ManualClock, startHarness } from '../testing/harness.js';
import { startProvincialMock, type ProvincialMock } from './provincial-mock.js';
import { HttpStatusAdapter } from './status-http.js';
import { StatusRefresh } from './status-refresh.js';

const MONDAY_10 = new Date('2026-12-07T03:00:00Z');
const HOUR = 3600_000;
const code = (n: number) => `000.00.12.H62-261207-${String(n).padStart(4, '0')}`;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'layso-refresh-'));
  const store = new Store(openDatabase(join(dir, 'queue.db')));
  const mock: ProvincialMock = await startProvincialMock({ port: 0 });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => store.db.close());
  cleanups.push(() => mock.close());
  return { store, mock };
}

describe('the refresh on the real register', () => {
  it('pulls the due, overdue and ready dossiers into the register, and nothing else', async () => {
    const { store, mock } = await setup();
    const clock = new ManualClock(MONDAY_10);
    const learnt = new Date(MONDAY_10.getTime() - 2 * HOUR);
    const known = (n: number, dueInHours: number, status = 4) =>
      store.dossiers.applyStatus(
        {
          MaHoSo: code(n),
          TrangThaiHoSo: status,
          NgayHenTra: formatCompact(new Date(MONDAY_10.getTime() + dueInHours * HOUR)),
        },
        'pull',
        learnt,
      );
    known(1, 24); // due tomorrow
    known(2, -24); // overdue
    known(3, 240, 9); // ready, far appointment
    known(4, 240); // due in ten days
    known(5, 24, 10); // returned
    for (const n of [1, 2, 3, 4, 5]) mock.statuses.move(code(n), { TrangThaiHoSo: 9, LyDo: null });
    const job = new StatusRefresh({
      register: store.dossiers,
      adapter: new HttpStatusAdapter({ url: mock.url }),
      clock,
      ratePerSecond: 1000,
    });
    expect(await job.runOnce()).toEqual({ asked: 3, updated: 3, unknown: 0, unavailable: false });
    for (const n of [1, 2, 3]) {
      expect(store.dossiers.byCode(code(n))).toMatchObject({
        status: 9,
        statusSource: 'pull',
        statusLearntAt: MONDAY_10,
      });
    }
    expect(store.dossiers.byCode(code(4))?.status).toBe(4);
    expect(store.dossiers.byCode(code(5))?.status).toBe(10);
    expect(mock.stats().statuses.requests).toBe(3);
    // Learnt just now: nothing to ask until PROVINCIAL_STATUS_STALE_MINUTES have passed.
    expect((await job.runOnce()).asked).toBe(0);
    clock.advance(31 * 60_000);
    expect((await job.runOnce()).asked).toBe(3);
  });
});

describe('the server', () => {
  it('runs the refresh only with a province', async () => {
    const mock = await startProvincialMock({ port: 0 });
    cleanups.push(() => mock.close());
    const withProvince = await startHarness({
      seed: seedSmallCenter,
      env: { PROVINCIAL_URL: mock.url, ALLOW_HTTP_UPSTREAM: 'true' },
    });
    cleanups.push(() => withProvince.close());
    expect(withProvince.server.jobs.running()).toContain('provincial-status-refresh');
    const without = await startHarness({ seed: seedSmallCenter });
    cleanups.push(() => without.close());
    expect(without.server.jobs.running()).not.toContain('provincial-status-refresh');
  });
});
