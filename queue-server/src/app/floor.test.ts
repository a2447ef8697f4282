import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { FloorState, type PrinterState } from '@layso/protocol';
import { FailureRate } from '@layso/server-kit';
import type { OutboxCounts } from '../db/outbox.js';
import { migrate } from '../db/migrate.js';
import { Store } from '../db/store.js';
import { toIso } from '../domain/time.js';
import { DEFAULT_POLICY } from '../domain/types.js';
import { ManualClock } from '../testing/harness.js';
import { FloorView, type FloorPresence, type FloorSources } from './floor.js';
import { QueueService } from './queue.js';

/** The floor's alerts from its sources, each faked: the outbox, the province, the printers and the devices. */
let store: Store;
let clock: ManualClock;
let counts: OutboxCounts;
let province: ReturnType<FloorSources['province']>;
let server: { state: PrinterState; since: Date | null };
let states: ReturnType<FloorPresence['states']>;
let floor: FloorView;

beforeEach(() => {
  const db = new Database(':memory:');
  migrate(db);
  store = new Store(db);
  clock = new ManualClock(new Date('2026-03-11T09:00:00+07:00'));
  const queue = new QueueService(store, clock, DEFAULT_POLICY, 'http://127.0.0.1:8080');
  counts = { pending: 0, delivered: 0, dead: 0, oldestPendingAt: null };
  province = { enabled: true, state: 'up', lastError: null };
  server = { state: 'not-configured', since: null };
  states = [];
  floor = new FloorView({
    store,
    clock,
    queue: () => queue,
    presence: { states: () => states, serverPrinterState: () => server },
    outbox: { counts: () => counts },
    province: () => province,
    storage: () => ({ writable: true, writeError: null, freeBytes: null, minFreeBytes: 0, problem: null }),
  });
});

const device = (
  id: number,
  kind: 'kiosk' | 'display' | 'counter',
  lastSeenAt: Date | null,
  online = false,
) => ({
  device: { id, kind, name: `Thiết bị ${id}`, counterId: null, createdAt: 0, revokedAt: null },
  online,
  lastSeenAt,
  printer: null,
  printerSince: null,
  printerReported: false,
});

describe('floor alerts', () => {
  it('none on a quiet floor; a device never seen is not "offline"', () => {
    states = [device(1, 'display', null), device(2, 'kiosk', clock.now(), true)];
    const f = FloorState.parse(floor.state());
    expect(f.alerts).toEqual([]);
    expect(f.outbox).toEqual({ pending: 0, dead: 0, oldestPendingAt: null, province: 'up' });
  });

  it('a device offline more than 2 minutes: a kiosk is urgent, a screen a warning', () => {
    const gone = new Date(clock.now().getTime() - 2 * 60_000 - 1);
    const justGone = new Date(clock.now().getTime() - 60_000);
    states = [device(1, 'display', gone), device(2, 'kiosk', gone), device(3, 'counter', justGone)];
    const alerts = floor.state().alerts;
    expect(alerts.map((a) => [a.kind, a.deviceId, a.severity])).toEqual([
      ['device-offline', 2, 'danger'],
      ['device-offline', 1, 'warning'],
    ]);
    expect(alerts[0]!.since).toBe(toIso(gone));
  });

  it('the server’s ticket printer: near the end is a warning, out of paper or worse is urgent', () => {
    server = { state: 'paper-near-end', since: clock.now() };
    expect(floor.state().alerts).toMatchObject([
      { kind: 'printer', severity: 'warning', deviceId: null, since: toIso(clock.now()) },
    ]);
    for (const state of ['paper-out', 'cover-open', 'offline', 'error'] as const) {
      server = { state, since: null };
      expect(floor.state().alerts).toMatchObject([{ kind: 'printer', severity: 'danger', deviceId: null }]);
    }
    server = { state: 'ready', since: null };
    expect(floor.state().alerts).toEqual([]);
  });

  it('dead letters are urgent; records waiting over 10 minutes and a failing province are warnings', () => {
    counts = {
      pending: 3,
      delivered: 10,
      dead: 2,
      oldestPendingAt: new Date(clock.now().getTime() - 9 * 60_000),
    };
    expect(floor.state().alerts.map((a) => [a.kind, a.severity])).toEqual([['outbox', 'danger']]);
    expect(floor.state().alerts[0]!.vi).toContain('2 hồ sơ');

    counts = { ...counts, dead: 0, oldestPendingAt: new Date(clock.now().getTime() - 11 * 60_000) };
    province = { enabled: true, state: 'failing', lastError: 'HTTP 503' };
    const f = floor.state();
    expect(f.outbox).toMatchObject({ pending: 3, dead: 0, province: 'failing' });
    expect(f.alerts.map((a) => [a.kind, a.severity])).toEqual([
      ['outbox', 'warning'],
      ['province', 'warning'],
    ]);
    expect(f.alerts[0]!.since).toBe(toIso(counts.oldestPendingAt!));
    expect(f.alerts[1]!.en).toContain('HTTP 503');

    province = { enabled: false, state: 'unknown', lastError: null };
    expect(floor.state().outbox.province).toBe('off');
  });
});

describe('the sign-in surge alert', () => {
  it('shows while failed sign-ins exceed the threshold in a minute, bilingual, and clears when it calms', () => {
    const rate = new FailureRate(50);
    const queue = new QueueService(store, clock, DEFAULT_POLICY, 'http://127.0.0.1:8080');
    const watched = new FloorView({
      store,
      clock,
      queue: () => queue,
      presence: { states: () => [], serverPrinterState: () => server },
      outbox: { counts: () => counts },
      province: () => province,
      storage: () => ({ writable: true, writeError: null, freeBytes: null, minFreeBytes: 0, problem: null }),
      signIns: () => {
        const s = rate.surge(clock.now().getTime());
        return s && { failures: s.failures, since: new Date(s.since) };
      },
    });
    const began = clock.now();
    for (let i = 0; i < 50; i++) rate.note(clock.now().getTime());
    expect(watched.state().alerts).toEqual([]);
    clock.advance(30_000);
    rate.note(clock.now().getTime());
    const [alert, ...others] = FloorState.parse(watched.state()).alerts;
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ kind: 'sign-in-surge', severity: 'warning', deviceId: null });
    expect(alert!.since).toBe(toIso(clock.now()));
    expect(alert!.vi).toContain('51 lần đăng nhập sai');
    expect(alert!.en).toContain('51 failed sign-ins');
    // The first 50 fall out of the minute: calm again.
    clock.set(new Date(began.getTime() + 61_000));
    expect(watched.state().alerts).toEqual([]);
  });
});
