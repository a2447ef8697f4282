import {
  HUB_NAMESPACE,
  type HubClientToServer,
  type HubOverview,
  type HubServerToClient,
  type HubSiteFloor,
  type HubSiteRow,
} from '@layso/protocol';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HubViewer } from './access.js';
import type { Hub } from './server.js';
import { issueSiteKey } from './sites.js';
import { testAccess } from './testing/access.js';
import { sendBatch, useHubs } from './testing/hub.js';

type HubClient = Socket<HubServerToClient, HubClientToServer>;

const NOW = new Date('2026-12-07T03:00:00Z');
const viewers: Record<string, HubViewer> = {
  'tok-province': { userId: 1, username: 'tinh', role: 'province_viewer', siteIds: null },
};
const hubs = useHubs({ clock: () => NOW, access: testAccess(viewers) });
const sockets: HubClient[] = [];
// Registered after useHubs' own: vitest runs after-hooks last first, so the sockets go before their hubs close.
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});

/** Two hub processes on one database, each hearing the other through the adapter before the test goes on. */
async function twoHubs(): Promise<[Hub, Hub]> {
  const databaseUrl = await hubs.postgres.createDatabase();
  const a = await hubs.start({ databaseUrl });
  const b = await hubs.start({ databaseUrl });
  // Each adapter counts the other once it has heard its heartbeat over LISTEN: from then on, a NOTIFY reaches it.
  await vi.waitFor(async () => {
    expect(await a.realtime.serverCount()).toBe(2);
    expect(await b.realtime.serverCount()).toBe(2);
  });
  return [a, b];
}

/** A socket on the hub with its first snapshot (the rows it was sent on connect). */
async function connect(hub: Hub, token: string): Promise<{ socket: HubClient; snapshot: HubOverview }> {
  const socket: HubClient = io(`${hub.url}${HUB_NAMESPACE}`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  const snapshot = await new Promise<HubOverview>((resolve, reject) => {
    socket.once('hub:snapshot', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, snapshot };
}

const nextRow = (socket: HubClient, code: string) =>
  new Promise<HubSiteRow>((resolve) => {
    const on = (row: HubSiteRow) => {
      if (row.code !== code) return;
      socket.off('site:row', on);
      resolve(row);
    };
    socket.on('site:row', on);
  });

function batch(code: string, tickets: number) {
  const at = NOW.toISOString();
  const facts = Array.from({ length: tickets }, (_, i) => ({
    kind: 'issued' as const,
    seq: i + 1,
    at,
    ticket: `A${String(i + 1).padStart(3, '0')}`,
    service: 'HT',
  }));
  return { site: code, firstSeq: 1, lastSeq: tickets, facts };
}

const send = async (hub: Hub, key: string, body: unknown): Promise<number> =>
  (await sendBatch(hub, key, body)).status;

describe('the live view over two hub processes', () => {
  it("delivers a batch POSTed to one process to a viewer whose socket the other holds; a floor's follower too", async () => {
    const [a, b] = await twoHubs();
    const key = await issueSiteKey(a.pool, { code: 'phuong-1', name: 'Phường 1', commune: 'Phường 1' });
    const { socket, snapshot } = await connect(b, 'tok-province');
    const site = snapshot.rows.find((r) => r.code === 'phuong-1');
    expect(site).toMatchObject({ waiting: 0, stale: true });

    const floor = await socket.emitWithAck('floor:watch', { site: site?.siteId ?? 0 });
    expect(floor).toMatchObject({ ok: true });
    const nextFloor = new Promise<HubSiteFloor>((resolve) => socket.once('site:floor', resolve));
    const arrived = nextRow(socket, 'phuong-1');
    expect(await send(a, key, batch('phuong-1', 3))).toBe(200);
    expect(await arrived).toMatchObject({ code: 'phuong-1', waiting: 3, stale: false });
    expect((await nextFloor).services).toEqual([
      { service: 'HT', waiting: 3, called: 0, longestWaitSeconds: 0 },
    ]);
  });

  it("gives a site viewer its own sites' rows only, on connect and live", async () => {
    const [a, b] = await twoHubs();
    const mineKey = await issueSiteKey(a.pool, { code: 'xa-mine', name: 'Xã Của Tôi', commune: 'Xã A' });
    const otherKey = await issueSiteKey(a.pool, { code: 'xa-other', name: 'Xã Khác', commune: 'Xã B' });
    const { rows } = await a.pool.query<{ id: number }>("SELECT id FROM sites WHERE code = 'xa-mine'");
    viewers['tok-mine'] = { userId: 2, username: 'xa', role: 'site_viewer', siteIds: [rows[0]?.id ?? 0] };

    const province = await connect(b, 'tok-province');
    const viewer = await connect(b, 'tok-mine');
    expect(viewer.snapshot.rows.map((r) => r.code)).toEqual(['xa-mine']);
    const heard: string[] = [];
    viewer.socket.on('site:row', (row) => heard.push(row.code));

    // The other site's row reaches process B (its province viewer hears it) before the viewer's own is sent:
    // had it gone to the site viewer too, it would be heard before the own one.
    const other = nextRow(province.socket, 'xa-other');
    expect(await send(a, otherKey, batch('xa-other', 1))).toBe(200);
    await other;
    const mine = nextRow(viewer.socket, 'xa-mine');
    expect(await send(a, mineKey, batch('xa-mine', 2))).toBe(200);
    expect(await mine).toMatchObject({ waiting: 2 });
    expect(heard).toEqual(['xa-mine']);

    const refused = await viewer.socket.emitWithAck('floor:watch', { site: rows[0] ? rows[0].id + 1 : 0 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'LAYSO_NOT_FOUND' } });
  });

  it('refreshes each socket from the process holding it: a site gone silent turns stale with no event of its own', async () => {
    let now = NOW.getTime();
    const hub = await hubs.start({ clock: () => new Date(now), liveRefreshMs: 50 });
    const key = await issueSiteKey(hub.pool, { code: 'xa-im', name: 'Xã Im Lặng', commune: 'Xã C' });
    expect(await send(hub, key, batch('xa-im', 1))).toBe(200);
    const { socket, snapshot } = await connect(hub, 'tok-province');
    expect(snapshot.rows[0]).toMatchObject({ code: 'xa-im', stale: false });

    now += 4 * 60_000;
    const stale = await new Promise<HubSiteRow | undefined>((resolve) => {
      const on = (o: HubOverview) => {
        if (o.asOf !== new Date(now).toISOString()) return;
        socket.off('hub:snapshot', on);
        resolve(o.rows[0]);
      };
      socket.on('hub:snapshot', on);
    });
    expect(stale).toMatchObject({ code: 'xa-im', stale: true, waiting: 1, longestWaitSeconds: 240 });
  });

  it('ends the socket of a session that ended, at the next refresh', async () => {
    const hub = await hubs.start({ liveRefreshMs: 50 });
    viewers['tok-ending'] = { userId: 3, username: 'het-han', role: 'province_viewer', siteIds: null };
    const { socket } = await connect(hub, 'tok-ending');
    const ended = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    delete viewers['tok-ending'];
    expect(await ended).toBe('io server disconnect');
  });

  it('keeps delivering across processes after PostgreSQL restarts: the adapter listens again by itself', async () => {
    const [a, b] = await twoHubs();
    const key = await issueSiteKey(a.pool, { code: 'xa-khoi-dong', name: 'Xã Khởi Động', commune: 'Xã D' });
    const { socket } = await connect(b, 'tok-province');
    await hubs.postgres.restart('immediate');
    // The first requests after the restart may meet dead connections (503, send again); each batch that commits
    // carries the whole row, so the first one B hears proves the link is back. Bounded: 30 tries.
    let seq = 0;
    let heard: HubSiteRow | null = null;
    for (let i = 0; i < 30 && !heard; i++) {
      const facts = [
        { kind: 'issued', seq: seq + 1, at: NOW.toISOString(), ticket: `B${100 + seq}`, service: 'HT' },
      ];
      const row = nextRow(socket, 'xa-khoi-dong');
      const status = await send(a, key, { site: 'xa-khoi-dong', firstSeq: seq + 1, lastSeq: seq + 1, facts });
      if (status !== 200) continue;
      seq++;
      heard = await Promise.race([row, new Promise<null>((r) => setTimeout(() => r(null), 1000))]);
    }
    expect(heard?.waiting).toBe(seq);
  });

  it('refuses a socket without a known session token', async () => {
    const hub = await hubs.start();
    const socket: HubClient = io(`${hub.url}${HUB_NAMESPACE}`, {
      auth: { token: 'forged' },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    const err = await new Promise<Error & { data?: { code?: string } }>((resolve) =>
      socket.once('connect_error', resolve),
    );
    expect(err.data?.code).toBe('LAYSO_UNAUTHENTICATED');
  });
});
