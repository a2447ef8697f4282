import type { Server as HttpServer } from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import {
  Handshake,
  NAMESPACES,
  RatingSubmit,
  errorMessage,
  type AdminClientToServer,
  type AdminServerToClient,
  type CounterClientToServer,
  type CounterServerToClient,
  type DisplayClientToServer,
  type DisplayServerToClient,
  type ErrorCode,
  type FloorState,
  type KioskClientToServer,
  type KioskServerToClient,
  type NamespaceName,
  type SettingsChanged,
  type Snapshot,
} from '@layso/protocol';
import type { Outgoing, Publisher } from '../app/events.js';
import type { Principal } from '../auth/service.js';
import { AppError } from '../errors.js';
import type { Context } from '../context.js';

interface SocketData {
  /** The handshake token, re-checked by `sweep()` (memory only, never logged). */
  token: string;
  /** Only counter-top devices may submit ratings. */
  ratingDevice: boolean;
  /** The device behind the socket (its presence); null for a user's session. */
  deviceId: number | null;
  stream: string;
  serviceId?: number;
  counterId?: number;
}

type AnyNamespace = Namespace<
  Record<string, never>,
  Record<string, (...args: never[]) => void>,
  Record<string, never>,
  SocketData
>;

/** Rooms a socket can follow; each is one stream with its own `seq`. */
const ALL = 'all';
const serviceRoom = (id: number) => `service:${id}`;
const counterRoom = (id: number) => `counter:${id}`;

/** The floor goes out at most this often (a burst of changes is one `floor`, sent after the last of them). */
const FLOOR_EVERY_MS = 250;
/** A snapshot body is reused this long at most (time alone moves the estimates). */
const SNAPSHOT_REUSE_MS = 1000;
/** Time alone changes the floor (a device offline too long, a record waiting too long): looked at this often. */
const FLOOR_TICK_MS = 15_000;

function refuse(code: ErrorCode): Error & { data: { code: ErrorCode; message: string } } {
  return Object.assign(new Error(errorMessage(code)), { data: { code, message: errorMessage(code) } });
}

/**
 * Socket.IO gateway: authenticates the handshake, puts each socket in one stream, sends a snapshot on
 * connect, then numbered events. Screens never compute queue state themselves.
 */
export class RealtimeGateway implements Publisher {
  readonly io: Server;
  private readonly seqs = new Map<string, number>();
  private readonly display: Namespace<
    DisplayClientToServer,
    DisplayServerToClient,
    Record<string, never>,
    SocketData
  >;
  private readonly counter: Namespace<
    CounterClientToServer,
    CounterServerToClient,
    Record<string, never>,
    SocketData
  >;
  private readonly kiosk: Namespace<
    KioskClientToServer,
    KioskServerToClient,
    Record<string, never>,
    SocketData
  >;
  private readonly admin: Namespace<
    AdminClientToServer,
    AdminServerToClient,
    Record<string, never>,
    SocketData
  >;

  /** The trailing `floor` of a burst, pending; and whether anything changed since the last one went out. */
  private floorTimer: NodeJS.Timeout | null = null;
  private floorDirty = false;
  private floorSentAt = -Infinity;
  /** The last `floor` sent to all, without its `at`: a look that finds nothing new sends nothing. */
  private floorLast = '';
  private readonly floorTick: NodeJS.Timeout;
  private readonly unsubscribe: (() => void)[] = [];
  /** Moves with every published change: a snapshot body read before it is stale. */
  private version = 0;
  private readonly snapshots = new Map<string, { version: number; at: number; body: Snapshot }>();

  constructor(
    httpServer: HttpServer,
    private readonly ctx: Context,
  ) {
    this.io = new Server(httpServer, { serveClient: false, cors: { origin: false } });
    // socket.io types a namespace by its server; each of ours has its own event map from the protocol.
    this.display = this.io.of('/display') as unknown as typeof this.display;
    this.counter = this.io.of('/counter') as unknown as typeof this.counter;
    this.kiosk = this.io.of('/kiosk') as unknown as typeof this.kiosk;
    this.admin = this.io.of('/admin') as unknown as typeof this.admin;

    this.setup('/display', this.display as unknown as AnyNamespace, (p, hs) => {
      const listener =
        (p.kind === 'device' && p.device.kind === 'display') ||
        (p.kind === 'user' && (p.user.role === 'admin' || p.user.role === 'supervisor'));
      if (!listener) return 'LAYSO_FORBIDDEN';
      if (hs.serviceId !== undefined) {
        if (!ctx.store.catalogue.service(hs.serviceId)) return 'LAYSO_SERVICE_NOT_FOUND';
        return { stream: serviceRoom(hs.serviceId), serviceId: hs.serviceId };
      }
      return { stream: ALL };
    });
    this.setup('/counter', this.counter as unknown as AnyNamespace, (p) => {
      const counterId =
        p.kind === 'device' ? (p.device.kind === 'counter' ? p.device.counterId : null) : p.counterId;
      if (counterId === null) return 'LAYSO_WRONG_COUNTER';
      return { stream: counterRoom(counterId), counterId };
    });
    this.setup('/kiosk', this.kiosk as unknown as AnyNamespace, (p) =>
      p.kind === 'device' && p.device.kind === 'kiosk' ? { stream: ALL } : 'LAYSO_FORBIDDEN',
    );
    this.setup('/admin', this.admin as unknown as AnyNamespace, (p) =>
      p.kind === 'user' && (p.user.role === 'admin' || p.user.role === 'supervisor')
        ? { stream: ALL }
        : 'LAYSO_FORBIDDEN',
    );

    // The supervisors' live floor: whole on connect, on request, and after every change (coalesced).
    this.admin.on('connection', (socket) => {
      // This socket starts from now: the next look sends what it finds, even if the others had it already.
      this.floorLast = '';
      try {
        socket.emit('floor', this.ctx.floor.state());
      } catch {
        socket.disconnect(true);
        return;
      }
      socket.on('floor:request', (ack) => {
        if (typeof ack !== 'function') return;
        try {
          ack({ ok: true, value: this.ctx.floor.state() });
        } catch {
          ack({ ok: false, error: { code: 'LAYSO_INTERNAL', message: errorMessage('LAYSO_INTERNAL') } });
        }
      });
    });
    this.unsubscribe.push(
      ctx.presence.onChange(() => this.floorChanged()),
      ctx.sync.onChange(() => this.floorChanged()),
    );
    this.floorTick = setInterval(() => this.floorChanged(), FLOOR_TICK_MS);
    this.floorTick.unref();

    this.counter.on('connection', (socket) => {
      socket.on('rating:submit', (body, ack) => {
        if (typeof ack !== 'function') return;
        const parsed = RatingSubmit.safeParse(body);
        if (!socket.data.ratingDevice || !this.ctx.auth.resolve(socket.data.token))
          return ack({
            ok: false,
            error: { code: 'LAYSO_FORBIDDEN', message: errorMessage('LAYSO_FORBIDDEN') },
          });
        if (!parsed.success)
          return ack({
            ok: false,
            error: { code: 'LAYSO_VALIDATION', message: errorMessage('LAYSO_VALIDATION') },
          });
        try {
          const { value } = ctx.queue.rate(
            parsed.data.ticketId,
            parsed.data.rating,
            parsed.data.reason ?? null,
            socket.data.counterId as number,
          );
          ack({ ok: true, value });
        } catch (e) {
          const code: ErrorCode = e instanceof AppError ? e.code : 'LAYSO_INTERNAL';
          ack({ ok: false, error: { code, message: errorMessage(code) } });
        }
      });
    });
  }

  private setup(
    name: NamespaceName,
    nsp: AnyNamespace,
    admit: (
      p: Principal,
      hs: { serviceId?: number },
    ) => ErrorCode | Omit<SocketData, 'token' | 'ratingDevice' | 'deviceId'>,
  ): void {
    nsp.use((socket, next) => {
      const hs = Handshake.safeParse(socket.handshake.auth);
      if (!hs.success) return next(refuse('LAYSO_UNAUTHENTICATED'));
      const principal = this.ctx.auth.resolve(hs.data.token);
      if (!principal) return next(refuse('LAYSO_UNAUTHENTICATED'));
      const decision = admit(principal, hs.data);
      if (typeof decision === 'string') return next(refuse(decision));
      socket.data = {
        ...decision,
        token: hs.data.token,
        ratingDevice: principal.kind === 'device' && principal.device.kind === 'counter',
        deviceId: principal.kind === 'device' ? principal.device.id : null,
      };
      next();
    });
    nsp.on('connection', (socket: Socket) => {
      const data = socket.data as SocketData;
      void socket.join(data.stream);
      // A device is online while at least one of its sockets is connected.
      const deviceId = data.deviceId;
      if (deviceId !== null) {
        this.ctx.presence.connected(deviceId);
        socket.on('disconnect', () => this.ctx.presence.disconnected(deviceId));
      }
      // Kiosks and the admin also learn the kiosk printer's state, so a fault shows before a citizen taps.
      const withPrinter = name === '/kiosk' || name === '/admin';
      const snap = () => this.snapshot(this.seq(name, data.stream), data.serviceId, withPrinter);
      // A failure to read the state (disk trouble) drops this socket — it reconnects — and never the server.
      try {
        socket.emit('snapshot', snap());
      } catch {
        socket.disconnect(true);
        return;
      }
      socket.on('snapshot:request', (ack: unknown) => {
        if (typeof ack !== 'function') return;
        try {
          ack({ ok: true, value: snap() });
        } catch {
          ack({ ok: false, error: { code: 'LAYSO_INTERNAL', message: errorMessage('LAYSO_INTERNAL') } });
        }
      });
    });
  }

  /**
   * A stream's snapshot at `seq`. Its body (everything but the stream's seq) is shared by every socket that asks
   * for the same part of the center before anything changes, for at most {@link SNAPSHOT_REUSE_MS}: when 2,000
   * screens reconnect after a restart, the server reads the state once per service, not once per screen.
   */
  private snapshot(seq: number, serviceId: number | undefined, withPrinter: boolean): Snapshot {
    const key = `${serviceId ?? '*'}|${withPrinter}`;
    const now = performance.now();
    let hit = this.snapshots.get(key);
    if (!hit || hit.version !== this.version || now - hit.at > SNAPSHOT_REUSE_MS) {
      const body: Snapshot = {
        ...this.ctx.queue.snapshot(0, serviceId),
        ...(withPrinter ? { printer: this.ctx.printer.status() } : {}),
      };
      hit = { version: this.version, at: now, body };
      this.snapshots.set(key, hit);
    }
    const stamp = Math.max(seq, 1);
    return {
      ...hit.body,
      seq,
      recentCalls: hit.body.recentCalls.map((c) => ({ ...c, seq: stamp })),
    };
  }

  private seq(ns: NamespaceName, room: string): number {
    return this.seqs.get(`${ns}|${room}`) ?? 0;
  }

  private emit(ns: NamespaceName, room: string, type: string, data: object): void {
    const key = `${ns}|${room}`;
    const seq = (this.seqs.get(key) ?? 0) + 1;
    this.seqs.set(key, seq);
    // Nobody follows this stream: the seq still moves (a later follower starts from a snapshot), no encoding.
    if (!this.io.of(ns).adapter.rooms.get(room)?.size) return;
    (this.io.of(ns).to(room) as unknown as { emit(t: string, d: unknown): void }).emit(type, {
      ...data,
      seq,
    });
  }

  publish(events: Outgoing[]): void {
    this.version += 1;
    this.ctx.presence.observe(events);
    this.ctx.floor.observe(events);
    this.floorChanged();
    const counters = this.ctx.store.counters.all();
    for (const e of events) {
      switch (e.type) {
        case 'ticket:called':
          this.toScreens(e.type, e.data, [e.data.serviceId], e.data.counterId);
          break;
        case 'ticket:updated':
          this.toScreens(e.type, e.data, [e.data.serviceId], e.data.counterId);
          break;
        case 'counter:changed': {
          const services = counters.find((c) => c.id === e.data.counterId)?.serviceIds ?? [];
          this.toScreens(e.type, e.data, services, e.data.counterId);
          break;
        }
        case 'queue:changed': {
          this.emit('/kiosk', ALL, e.type, e.data);
          const serving = counters.filter((c) => c.serviceIds.includes(e.data.serviceId)).map((c) => c.id);
          this.toScreens(e.type, e.data, [e.data.serviceId], null);
          for (const id of serving) this.emit('/counter', counterRoom(id), e.type, e.data);
          break;
        }
        case 'rating:request':
          this.emit('/counter', counterRoom(e.data.counterId), e.type, e.data);
          break;
        case 'printer:fault':
        case 'kiosk:printer':
          this.emit('/admin', ALL, e.type, e.data);
          break;
        case 'printer:status':
          this.emit('/kiosk', ALL, e.type, e.data);
          this.emit('/admin', ALL, e.type, e.data);
          break;
      }
    }
  }

  private toScreens(type: string, data: object, serviceIds: number[], counterId: number | null): void {
    this.emit('/display', ALL, type, data);
    for (const sid of serviceIds) this.emit('/display', serviceRoom(sid), type, data);
    this.emit('/admin', ALL, type, data);
    if (counterId !== null) this.emit('/counter', counterRoom(counterId), type, data);
  }

  /** To every socket of every namespace, outside the numbered streams (no `seq`): screens fetch their settings. */
  settingsChanged(e: SettingsChanged): void {
    for (const name of NAMESPACES) this.io.of(name).emit('settings:changed', e);
  }

  sweep(only?: 'sessions'): void {
    for (const name of NAMESPACES) {
      for (const socket of this.io.of(name).sockets.values()) {
        const data = socket.data as SocketData | undefined;
        // A sign-in or sign-out changes users' sessions only: the screens' device sockets are not read again.
        if (only === 'sessions' && data?.deviceId !== null) continue;
        const p = data?.token ? this.ctx.auth.resolve(data.token) : null;
        // An officer who moved to another counter follows it: the socket reconnects into the new stream.
        const moved = name === '/counter' && p?.kind === 'user' && p.counterId !== data?.counterId;
        if (!p || moved) socket.disconnect(true);
      }
    }
  }

  /**
   * Something the floor shows may have changed: the supervisors get a new `floor` — at once after a quiet spell,
   * else once the current window of {@link FLOOR_EVERY_MS} ends (one send for a burst of changes, the last one
   * always included). The timer keeps no process alive.
   */
  private floorChanged(): void {
    if (this.admin.sockets.size === 0) return; // nobody watches: whoever connects gets the floor then
    this.floorDirty = true;
    if (this.floorTimer) return;
    const wait = Math.max(0, this.floorSentAt + FLOOR_EVERY_MS - performance.now());
    this.floorTimer = setTimeout(() => {
      this.floorTimer = null;
      if (!this.floorDirty) return;
      this.floorDirty = false;
      this.floorSentAt = performance.now();
      this.sendFloor();
    }, wait);
    this.floorTimer.unref();
  }

  private sendFloor(): void {
    let floor: FloorState;
    try {
      floor = this.ctx.floor.state();
    } catch {
      return; // the state cannot be read now (disk trouble): the next change or tick tries again
    }
    const { at: _at, ...rest } = floor;
    const same = JSON.stringify(rest);
    if (same === this.floorLast) return;
    this.floorLast = same;
    this.admin.emit('floor', floor);
  }

  close(): Promise<void> {
    if (this.floorTimer) clearTimeout(this.floorTimer);
    this.floorTimer = null;
    clearInterval(this.floorTick);
    for (const u of this.unsubscribe.splice(0)) u();
    return new Promise((resolve) => {
      void this.io.close(() => resolve());
    });
  }
}
