import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import {
  errorMessage,
  HUB_NAMESPACE,
  hubRoom,
  hubRoomsOf,
  HubWatch,
  type ErrorCode,
  type HubClientToServer,
  type HubServerToClient,
  type HubSiteRow,
} from '@layso/protocol';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg, { type Pool, type PoolClient } from 'pg';
import { Server, type Namespace, type Socket } from 'socket.io';
import { maySee, type HubAccess, type HubViewer } from './access.js';
import { readFloor, readOverview, readRows } from './live-read.js';

/**
 * The hub's live view over Socket.IO. Several hub processes share one database: `@socket.io/postgres-adapter`
 * carries every room emit to the others (NOTIFY, or its table for a large packet — made by migration 0030), so a
 * batch committed by one process reaches a viewer whichever process holds the socket.
 *
 * Rooms: `province` (viewers of every site: all rows), `site:<id>` (a viewer of some sites: each of its sites'
 * rows), `floor:<id>` (the sockets following that site's floor). Events carry whole state (a row, a floor), so a
 * missed one is made good by the next, and the half-minute refresh each process sends its own sockets brings waits
 * up to date and marks a site gone silent — a silent site sends nothing that would.
 */

interface SocketData {
  /** The session it connected with: asked of HubAccess again at each refresh. */
  token: string;
  viewer: HubViewer;
  floor: number | null;
}
type HubSocket = Socket<HubClientToServer, HubServerToClient, Record<string, never>, SocketData>;
type HubNamespace = Namespace<HubClientToServer, HubServerToClient, Record<string, never>, SocketData>;

const REFRESH_MS = 30_000;

function sameViewer(a: HubViewer, b: HubViewer): boolean {
  return a.userId === b.userId && a.role === b.role && String(a.siteIds) === String(b.siteIds);
}

function refusal(code: ErrorCode): Error & { data: { code: ErrorCode; message: string } } {
  return Object.assign(new Error(errorMessage(code)), { data: { code, message: errorMessage(code) } });
}
const failure = (code: ErrorCode) => ({ ok: false as const, error: { code, message: errorMessage(code) } });

export interface HubRealtime {
  /** A site's facts or heartbeat committed: its row to those who may see it, its floor to those following it. */
  siteChanged(siteId: number, withFloor: boolean): Promise<void>;
  /** How many hub processes this one hears (itself included): 2 once another's adapter has answered. */
  serverCount(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The adapter's own small pool: its LISTEN connection stays apart from the queries' (a released LISTEN connection
 * would keep hearing notifications), carries a name to find it by, and a dropped one (database restart) is
 * heard here rather than thrown. The adapter forgets a LISTEN connection that ended without giving it back, and
 * connects again by itself; this pool gives it back for it (else `end()` would wait for it forever).
 */
function listenPool(databaseUrl: string): { pool: Pool; name: string; end(): Promise<void> } {
  const name = `layso-hub-${randomBytes(6).toString('hex')}`;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3, application_name: name });
  const held = new Set<PoolClient>();
  /** Connections that ended (the server went away): whoever holds one will not use it again. */
  const dead = new WeakSet<object>();
  const giveBack = (client: PoolClient) => {
    if (!held.delete(client)) return;
    try {
      client.release(true);
    } catch {
      // Given back meanwhile by whoever held it: nothing left to do.
    }
  };
  pool.on('error', () => {});
  pool.on('acquire', (client) => held.add(client));
  pool.on('release', (_err, client) => held.delete(client));
  pool.on('connect', (client) => {
    client.on('error', () => {});
    // After the turn in which a query that was running on it gave it back (pool.query does): what is still held
    // then is the adapter's forgotten LISTEN connection.
    client.on('end', () => {
      dead.add(client);
      setImmediate(() => {
        for (const c of held) if (Object.is(c, client)) giveBack(c);
      });
    });
  });
  return {
    pool,
    name,
    async end() {
      // Only the dead: a live one is a query under way (the adapter's goodbye), given back by its own caller.
      for (const c of [...held]) if (dead.has(c)) giveBack(c);
      await pool.end();
    },
  };
}

/**
 * Resolves once the adapter listens: a hub that answers then delivers to its sockets what others commit, and a
 * close never races the adapter's first connection (which it would then hold forever). Bounded: a database that
 * does not answer within ~10 s fails the start.
 */
async function listening(pool: Pool, name: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const { rowCount } = await pool.query(
      `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle' AND query LIKE 'LISTEN%'`,
      [name],
    );
    if (rowCount) return delay(10);
    await delay(25);
  }
  throw new Error('The Socket.IO adapter did not LISTEN within 10 s');
}

export async function startRealtime(
  httpServer: HttpServer,
  pool: Pool,
  databaseUrl: string,
  access: HubAccess,
  clock: () => Date,
  refreshMs = REFRESH_MS,
): Promise<HubRealtime> {
  const adapterPool = listenPool(databaseUrl);
  const io = new Server<HubClientToServer, HubServerToClient, Record<string, never>, SocketData>(httpServer, {
    serveClient: false,
    cors: { origin: false },
    // A cut database link only narrows emits to this process's sockets; the adapter reconnects by itself.
    adapter: createAdapter(adapterPool.pool, { errorHandler: () => {} }),
  });
  const nsp: HubNamespace = io.of(HUB_NAMESPACE);

  nsp.use((socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const token = typeof auth === 'object' && auth !== null && 'token' in auth ? auth.token : undefined;
    if (typeof token !== 'string') return next(refusal('LAYSO_UNAUTHENTICATED'));
    access.viewerOf(token).then(
      (viewer) => {
        if (!viewer) return next(refusal('LAYSO_UNAUTHENTICATED'));
        socket.data = { token, viewer, floor: null };
        next();
      },
      // The database cannot say now: no code, so the screen takes it as a link down and knocks again.
      () => next(new Error(errorMessage('LAYSO_HUB_DB_UNAVAILABLE'))),
    );
  });

  const snapshot = async (socket: HubSocket) => {
    const overview = await readOverview(pool, { siteIds: socket.data.viewer.siteIds }, 'wait', clock());
    socket.emit('hub:snapshot', overview);
  };

  nsp.on('connection', (socket) => {
    const { viewer } = socket.data;
    const rooms = viewer.siteIds === null ? [hubRoom.province] : viewer.siteIds.map(hubRoom.site);
    void socket.join(rooms);
    snapshot(socket).catch(() => socket.disconnect(true));
    socket.on('floor:watch', (body, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = HubWatch.safeParse(body);
      if (!parsed.success) return ack(failure('LAYSO_VALIDATION'));
      const site = parsed.data.site;
      // A site this viewer may not see answers as an unknown one.
      if (!maySee(viewer, site)) return ack(failure('LAYSO_NOT_FOUND'));
      readFloor(pool, site, clock()).then(
        (floor) => {
          if (!floor) return ack(failure('LAYSO_NOT_FOUND'));
          if (socket.data.floor !== null) void socket.leave(hubRoom.floor(socket.data.floor));
          socket.data.floor = site;
          void socket.join(hubRoom.floor(site));
          ack({ ok: true, value: floor });
        },
        () => ack(failure('LAYSO_HUB_UNAVAILABLE')),
      );
    });
  });

  // Each process refreshes only the sockets it holds (`local`): the other processes refresh theirs.
  const refresh = setInterval(() => {
    void (async () => {
      const local = await nsp.local.fetchSockets();
      if (local.length === 0) return;
      const now = clock();
      const overview = await readOverview(pool, { siteIds: null }, 'wait', now);
      const floors = new Map<number, Awaited<ReturnType<typeof readFloor>>>();
      for (const socket of local) {
        // A session that ended (expired, signed out, account disabled or its sites changed) ends its socket: the
        // screen knocks again and is refused, or admitted with the viewer as it is now.
        const current = await access.viewerOf(socket.data.token);
        if (!current || !sameViewer(current, socket.data.viewer)) {
          socket.disconnect(true);
          continue;
        }
        const { viewer, floor } = socket.data;
        const rows = overview.rows.filter((r: HubSiteRow) => maySee(viewer, r.siteId));
        const communes = [...new Set(rows.map((r) => r.commune))].sort((a, b) => a.localeCompare(b, 'vi'));
        socket.emit('hub:snapshot', { asOf: overview.asOf, rows, communes });
        if (floor === null) continue;
        if (!floors.has(floor)) floors.set(floor, await readFloor(pool, floor, now));
        const state = floors.get(floor);
        if (state) socket.emit('site:floor', state);
      }
    })().catch(() => {});
  }, refreshMs);
  refresh.unref();

  try {
    await listening(pool, adapterPool.name);
    // Its first announcement went out before it could hear the answers: announced again, the others answer now.
    await nsp.adapter.init();
  } catch (err) {
    clearInterval(refresh);
    await io.close();
    await adapterPool.end();
    throw err;
  }
  return {
    async siteChanged(siteId, withFloor) {
      const now = clock();
      const [row] = await readRows(pool, { siteIds: [siteId] }, now);
      if (!row) return;
      nsp.to(hubRoomsOf('site:row', siteId)).emit('site:row', row);
      if (!withFloor) return;
      const floor = await readFloor(pool, siteId, now);
      if (floor) nsp.to(hubRoomsOf('site:floor', siteId)).emit('site:floor', floor);
    },
    async serverCount() {
      return nsp.adapter.serverCount();
    },
    async close() {
      clearInterval(refresh);
      await io.close();
      await adapterPool.end();
    },
  };
}
