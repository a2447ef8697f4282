/**
 * ui-kit's realtime client against a real queue server: it follows the snapshot and the numbered events, asks
 * for a new snapshot when an event is missed, and takes the fresh state after a server restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as realIo, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { RealtimeClient, type RealtimeState } from '@layso/ui-kit';
import { issue, login, ManualClock, startHarness } from '@layso/queue-server/testing';
import { killAllServerProcesses, readCredentials, startServerProcess } from './support/child.js';
import { api } from './support/http.js';
import { until } from './support/until.js';

afterAll(async () => {
  await killAllServerProcesses();
});

describe('RealtimeClient', () => {
  it('applies events in order and re-snapshots on a gap', async () => {
    const h = await startHarness();
    // A socket that loses the first queue:changed it is sent, as a flaky network would.
    let dropped = 0;
    const lossy = ((url: string, opts: object) => {
      const s: Socket = realIo(url, opts);
      const on = s.on.bind(s);
      (s as unknown as { on: typeof on }).on = ((ev: string, fn: (...a: unknown[]) => void) =>
        on(ev, (...args: unknown[]) => {
          if (ev === 'queue:changed' && dropped === 0) {
            dropped += 1;
            return;
          }
          fn(...args);
        })) as typeof on;
      return s;
    }) as unknown as typeof realIo;
    const client = new RealtimeClient({
      url: h.url,
      namespace: '/kiosk',
      token: h.credentials.kioskToken,
      io: lossy,
    }).start();
    try {
      await until(client, (s) => s.status === 'online');
      const [a, b] = h.store.services().map((s) => s.id);
      const waiting = (st: RealtimeState, id: number) =>
        st.snapshot?.services.find((x) => x.id === id)?.waiting;
      await issue(h, a!); // its queue:changed is lost: only a snapshot can tell A has 1…
      await issue(h, b!); // …and this event for B shows the gap
      const s = await until(client, (st) => waiting(st, b!) === 1 && waiting(st, a!) === 1);
      expect(dropped).toBe(1);
      expect(client.snapshotRequests).toBe(1);
      expect(s.snapshot?.printer).toBeDefined();
      // And the next event applies on top of the fresh snapshot.
      await issue(h, a!);
      await until(client, (st) => waiting(st, a!) === 2);
    } finally {
      client.stop();
      await h.close();
    }
  });

  it('goes offline when the server dies and takes a fresh snapshot when it is back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'layso-rt-'));
    let server = await startServerProcess(dataDir);
    const port = new URL(server.url).port;
    const { kioskToken } = readCredentials(dataDir);
    server.signal('SIGTERM');
    await server.exited;
    server = await startServerProcess(dataDir, { PORT: port });
    const client = new RealtimeClient({ url: server.url, namespace: '/kiosk', token: kioskToken }).start();
    try {
      await until(client, (s) => s.status === 'online');
      server.signal('SIGKILL');
      await server.exited;
      await until(client, (s) => s.status === 'offline');
      server = await startServerProcess(dataDir, { PORT: port });
      // Issued while the client was away: the snapshot after the reconnect must carry it.
      const services = (await api(server.url, '/api/services')).body as { id: number }[];
      const serviceId = services[0]!.id;
      await api(server.url, '/api/tickets', { token: kioskToken, body: { serviceId } });
      const s = await until(
        client,
        (st) =>
          st.status === 'online' && st.snapshot?.services.find((x) => x.id === serviceId)?.waiting === 1,
      );
      expect(s.error).toBeNull();
      // The snapshot the server sends on connect was enough: no second one asked for.
      expect(client.snapshotRequests).toBe(0);
    } finally {
      client.stop();
      server.signal('SIGTERM');
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('knocks again after the server drops it, and learns that its device was revoked', async () => {
    const h = await startHarness();
    const admin = (await login(h, 'admin')).token;
    const device = await h.api('/api/admin/devices', {
      token: admin,
      body: { kind: 'kiosk', name: 'Ki-ốt 3' },
    });
    const client = new RealtimeClient({ url: h.url, namespace: '/kiosk', token: device.body.token }).start();
    try {
      await until(client, (st) => st.status === 'online');
      await h.api(`/api/admin/devices/${device.body.device.id}`, { token: admin, method: 'DELETE' });
      const s = await until(client, (st) => st.status === 'refused');
      expect(s.error?.code).toBe('LAYSO_UNAUTHENTICATED');
    } finally {
      client.stop();
      await h.close();
    }
  });

  it('moves settingsVersion when the admin changes the settings, and leaves the snapshot and its seq alone', async () => {
    const h = await startHarness();
    const admin = (await login(h, 'admin')).token;
    const client = new RealtimeClient({
      url: h.url,
      namespace: '/display',
      token: h.credentials.displayToken,
    }).start();
    try {
      const online = await until(client, (st) => st.status === 'online');
      expect(online.settingsVersion).toBe(0);
      const settings = (await h.api('/api/admin/settings', { token: admin })).body;
      const put = await h.api('/api/admin/settings', {
        token: admin,
        method: 'PUT',
        body: { ...settings, notice: 'Thông báo mới' },
      });
      expect(put.status).toBe(200);
      const s = await until(client, (st) => st.settingsVersion === 1);
      expect(s.snapshot?.seq).toBe(online.snapshot?.seq);
      expect(client.snapshotRequests).toBe(0);
    } finally {
      client.stop();
      await h.close();
    }
  });

  it('reports a refused token as refused, not as a network fault', async () => {
    const h = await startHarness();
    const client = new RealtimeClient({
      url: h.url,
      namespace: '/kiosk',
      token: 'k_not-a-real-token',
    }).start();
    try {
      const s = await until(client, (st) => st.status === 'refused');
      expect(s.error?.code).toBe('LAYSO_UNAUTHENTICATED');
    } finally {
      client.stop();
      await h.close();
    }
  });

  it('takes the new day’s snapshot when the day turns in Vietnam (17:00 UTC), without reconnecting', async () => {
    const clock = new ManualClock(new Date('2026-12-07T16:55:00Z')); // 23:55 on a Monday in Vietnam
    const h = await startHarness({ clock });
    const o = h.credentials.officers[0]!;
    const login = await h.api('/api/auth/login', { body: { username: o.username, password: o.password } });
    const officer = login.body.token as string;
    const display = new RealtimeClient({
      url: h.url,
      namespace: '/display',
      token: h.credentials.displayToken,
    }).start();
    const counter = new RealtimeClient({ url: h.url, namespace: '/counter', token: officer }).start();
    try {
      await until(display, (st) => st.status === 'online');
      await until(counter, (st) => st.status === 'online');
      const serviceId = h.store.counter(o.counterId)!.serviceIds[0]!;
      const issued = await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId } });
      expect(issued.status).toBe(201);
      const called = await h.api(`/api/counters/${o.counterId}/call-next`, {
        token: officer,
        method: 'POST',
      });
      expect(called.body.ticket.id).toBe(issued.body.id);
      for (const client of [display, counter]) {
        const before = await until(client, (st) => st.snapshot?.recentCalls.length === 1);
        expect(before.snapshot?.day).toBe('2026-12-07');
      }
      clock.set(new Date('2026-12-07T16:59:59Z'));
      expect(h.server.gateway.checkDay()).toBe(false);
      clock.set(new Date('2026-12-07T17:00:01Z')); // 00:00:01 on Tuesday in Vietnam
      expect(h.server.gateway.checkDay()).toBe(true);
      for (const client of [display, counter]) {
        const after = await until(client, (st) => st.snapshot?.day === '2026-12-08');
        expect(after.status).toBe('online');
        expect(after.snapshot?.recentCalls).toEqual([]);
        expect(client.snapshotRequests).toBe(1);
      }
      expect(h.server.gateway.checkDay()).toBe(false); // the screens are told once
    } finally {
      display.stop();
      counter.stop();
      await h.close();
    }
  });
});
