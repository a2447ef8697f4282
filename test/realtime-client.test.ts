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
import { startHarness } from '@layso/queue-server';
import { killAllServerProcesses, readCredentials, startServerProcess } from './support/child.js';
import { api } from './support/http.js';

afterAll(async () => {
  await killAllServerProcesses();
});

function until(client: RealtimeClient, pred: (s: RealtimeState) => boolean): Promise<RealtimeState> {
  return new Promise((resolve) => {
    if (pred(client.getState())) return resolve(client.getState());
    const off = client.subscribe(() => {
      if (pred(client.getState())) {
        off();
        resolve(client.getState());
      }
    });
  });
}

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
      const serviceId = h.store.services()[0]!.id;
      const issue = () => h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId } });
      expect((await issue()).status).toBe(201); // its queue:changed is lost…
      expect((await issue()).status).toBe(201); // …so this one shows a gap
      const s = await until(
        client,
        (st) => st.snapshot?.services.find((x) => x.id === serviceId)?.waiting === 2,
      );
      expect(dropped).toBe(1);
      expect(client.snapshotRequests).toBeGreaterThanOrEqual(1);
      expect(s.snapshot?.printer).toBeDefined();
      // And the next event applies on top of the fresh snapshot.
      expect((await issue()).status).toBe(201);
      await until(client, (st) => st.snapshot?.services.find((x) => x.id === serviceId)?.waiting === 3);
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
    } finally {
      client.stop();
      server.signal('SIGTERM');
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
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
});
