import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PrinterState } from '@layso/protocol';
import { migrate } from '../db/migrate.js';
import { Store } from '../db/store.js';
import { toIso } from '../domain/time.js';
import { ManualClock } from '../testing/harness.js';
import { DevicePresence } from './presence.js';

let store: Store;
let clock: ManualClock;
let server: PrinterState;
let presence: DevicePresence;
let changes: number;
const stored = (id: number) =>
  (
    store.db.prepare('SELECT last_seen_at FROM devices WHERE id = ?').get(id) as {
      last_seen_at: number | null;
    }
  ).last_seen_at;

beforeEach(() => {
  const db = new Database(':memory:');
  migrate(db);
  store = new Store(db);
  clock = new ManualClock(new Date('2026-03-11T08:00:00+07:00'));
  server = 'ready';
  presence = new DevicePresence(store, clock, () => ({ state: server, checkedAt: toIso(clock.now()) }));
  changes = 0;
  presence.onChange(() => (changes += 1));
});

describe('device presence', () => {
  it('is online while any socket of the device is connected, and tells when that flips', () => {
    const id = store.devices.add('display', 'Sảnh', null, 'h1', clock.now().getTime());
    presence.connected(id);
    presence.connected(id);
    expect(presence.online(id)).toBe(true);
    presence.disconnected(id);
    expect(presence.online(id)).toBe(true);
    presence.disconnected(id);
    expect(presence.online(id)).toBe(false);
    expect(changes).toBe(2);
    // A drop the server hears twice never goes below zero.
    presence.disconnected(id);
    expect(presence.online(id)).toBe(false);
  });

  it('stores the last-seen time at most once a minute per device, and the rest on flush', () => {
    const id = store.devices.add('kiosk', 'Ki-ốt', null, 'h2', clock.now().getTime());
    const t0 = clock.now().getTime();
    presence.connected(id);
    expect(stored(id)).toBe(t0);
    clock.advance(20_000);
    presence.disconnected(id);
    presence.connected(id);
    expect(stored(id)).toBe(t0);
    expect(presence.lastSeenAt(id)?.getTime()).toBe(t0 + 20_000);
    clock.advance(45_000);
    presence.request(id);
    expect(presence.lastSeenAt(id)?.getTime()).toBe(t0 + 65_000);
    expect(stored(id)).toBe(t0); // a request is remembered, never written
    presence.disconnected(id);
    expect(stored(id)).toBe(t0 + 65_000);
    clock.advance(1000);
    presence.request(id);
    presence.flush();
    expect(stored(id)).toBe(t0 + 66_000);
    // After a restart, the stored time is what the admin sees.
    const again = new DevicePresence(store, clock, () => ({ state: 'ready', checkedAt: toIso(clock.now()) }));
    expect(again.lastSeenAt(id)?.getTime()).toBe(t0 + 66_000);
    expect(again.online(id)).toBe(false);
  });

  it('gives a kiosk its own reported printer, else the server’s; other devices have none', () => {
    const own = store.devices.add('kiosk', 'Ki-ốt A', null, 'h3', 0);
    const other = store.devices.add('kiosk', 'Ki-ốt B', null, 'h4', 0);
    const screen = store.devices.add('counter', 'Quầy', null, 'h5', 0);
    presence.observe([
      {
        type: 'kiosk:printer',
        data: { deviceId: own, deviceName: 'Ki-ốt A', state: 'paper-out', at: toIso(clock.now()) },
      },
    ]);
    expect(changes).toBe(1);
    server = 'cover-open';
    const byId = new Map(presence.states().map((s) => [s.device.id, s]));
    expect(byId.get(own)).toMatchObject({ printer: 'paper-out', printerReported: true });
    expect(byId.get(own)!.printerSince?.getTime()).toBe(clock.now().getTime());
    expect(byId.get(other)).toMatchObject({
      printer: 'cover-open',
      printerReported: false,
      printerSince: null,
    });
    expect(byId.get(screen)).toMatchObject({ printer: null });
    expect(presence.adminView(store.devices.byId(screen)!)).toMatchObject({ printer: null, online: false });
    // The same report again changes nothing.
    presence.observe([
      {
        type: 'kiosk:printer',
        data: { deviceId: own, deviceName: 'Ki-ốt A', state: 'paper-out', at: toIso(clock.now()) },
      },
    ]);
    expect(changes).toBe(1);
  });
});
