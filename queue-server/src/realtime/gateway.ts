import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import {
  FEEDBACK_PAGE,
  Handshake,
  NAMESPACES,
  NAMESPACE_TABLE,
  REQUESTS,
  RatingSubmit,
  admits,
  errorMessage,
  namespacesOf,
  roomsOf,
  type ErrorCode,
  type FloorState,
  type Knocker,
  type NamespaceDef,
  type NamespaceName,
  type Rating,
  type SettingsChanged,
  type Snapshot,
} from '@layso/protocol';
import type { Outgoing, Publisher } from '../app/events.js';
import type { Principal } from '../auth/service.js';
import { serviceDay, toIso } from '../domain/time.js';
import { refusalOf } from '../errors.js';
import type { Context } from '../context.js';
import { TicketStream } from './ticket-stream.js';
import { FLOOR_ROOM, Outbox, counterRoom, roomsFor, serviceRoom, type Io, type SocketData } from './emit.js';

/** The floor goes out at most this often (a burst of changes is one `floor`, sent after the last of them). */
const FLOOR_EVERY_MS = 250;
/** A snapshot body is reused this long at most (time alone moves the estimates). */
const SNAPSHOT_REUSE_MS = 1000;
/**
 * Time alone changes the floor (a device offline too long, a record waiting too long) and turns the service day:
 * looked at this often.
 */
const TICK_MS = 15_000;

function refuse(code: ErrorCode): Error & { data: { code: ErrorCode; message: string } } {
  return Object.assign(new Error(errorMessage(code)), { data: { code, message: errorMessage(code) } });
}

/** Who knocks, as the streams table's audiences read it. */
function knocker(p: Principal): Knocker {
  return p.kind === 'device'
    ? { device: p.device.kind }
    : { role: p.user.role, seated: p.counterId !== null };
}

/** The stream an admitted socket follows. */
type Follow = Pick<SocketData, 'stream' | 'serviceId' | 'counterId'>;

/**
 * Socket.IO gateway: authenticates the handshake, puts each socket in one stream, sends a snapshot on
 * connect, then numbered events. Who may listen, and where each event goes, is the protocol's streams table;
 * screens never compute queue state themselves.
 */
export class RealtimeGateway implements Publisher {
  readonly io: Io;
  private readonly out: Outbox;
  /** The citizens' phones, one ticket each (outside the screens' namespaces). */
  private readonly tickets: TicketStream;
  private readonly seqs = new Map<string, number>();

  /** The trailing `floor` of a burst, pending; and whether anything changed since the last one went out. */
  private floorTimer: NodeJS.Timeout | null = null;
  private floorDirty = false;
  private floorSentAt = -Infinity;
  /** The last `floor` sent to all, without its `at`: a look that finds nothing new sends nothing. */
  private floorLast = '';
  private readonly ticker: NodeJS.Timeout;
  private readonly unsubscribe: (() => void)[] = [];
  /** Moves with every published change: a snapshot body read before it is stale. */
  private version = 0;
  private readonly snapshots = new Map<string, { version: number; at: number; body: Snapshot }>();
  /** The service day the screens hold; `checkDay()` tells them when it turns. */
  private day: string;

  constructor(
    httpServer: HttpServer,
    private readonly ctx: Context,
  ) {
    this.io = new Server(httpServer, { serveClient: false, cors: { origin: false } });
    this.out = new Outbox(this.io);
    this.day = serviceDay(ctx.clock.now());
    for (const name of NAMESPACES) this.setup(name);
    this.tickets = new TicketStream(this.io, ctx);

    // The supervisors' live floor: whole on connect, on request, and after every change (coalesced).
    this.io.of('/admin').on('connection', (socket) => {
      // This socket starts from now: the next look sends what it finds, even if the others had it already.
      this.floorLast = '';
      try {
        this.out.send('/admin', socket, 'floor', this.ctx.floor.state());
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
      ctx.kioskRate.onChange(() => this.floorChanged()),
    );
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.ticker.unref();

    this.io.of('/counter').on('connection', (socket) => {
      socket.on('rating:submit', (body, ack) => {
        if (typeof ack !== 'function') return;
        const parsed = RatingSubmit.safeParse(body);
        const counterId = socket.data.counterId;
        if (!socket.data.mayRate || counterId === undefined || !this.ctx.auth.resolve(socket.data.token))
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
            counterId,
          );
          ack({ ok: true, value: { ...value, ...feedbackAfter(ctx, value.ticketId, parsed.data.rating) } });
        } catch (e) {
          // A rating refused by a full disk or a read-only database says so, as the REST routes do.
          const code = refusalOf(e);
          ack({ ok: false, error: { code, message: errorMessage(code) } });
        }
      });
    });
  }

  /** Who may listen on `name`, and which room they follow, as the namespaces table says. */
  private admit(name: NamespaceName, p: Principal, hs: { serviceId?: number }): ErrorCode | Follow {
    const def: NamespaceDef = NAMESPACE_TABLE[name];
    if (!admits(def.listeners, knocker(p))) return def.refusal;
    if (def.rooms[0] === 'counter') {
      const seat = p.kind === 'device' ? p.device.counterId : p.counterId;
      return seat === null ? def.refusal : { stream: counterRoom(seat), counterId: seat };
    }
    if (hs.serviceId !== undefined && def.rooms.includes('service')) {
      if (!this.ctx.store.catalogue.service(hs.serviceId)) return 'LAYSO_SERVICE_NOT_FOUND';
      return { stream: serviceRoom(hs.serviceId), serviceId: hs.serviceId };
    }
    return { stream: FLOOR_ROOM };
  }

  private setup(name: NamespaceName): void {
    const nsp = this.io.of(name);
    nsp.use((socket, next) => {
      const hs = Handshake.safeParse(socket.handshake.auth);
      if (!hs.success) return next(refuse('LAYSO_UNAUTHENTICATED'));
      const principal = this.ctx.auth.resolve(hs.data.token);
      if (!principal) return next(refuse('LAYSO_UNAUTHENTICATED'));
      const decision = this.admit(name, principal, hs.data);
      if (typeof decision === 'string') return next(refuse(decision));
      socket.data = {
        ...decision,
        token: hs.data.token,
        mayRate: admits(REQUESTS['rating:submit'].senders, knocker(principal)),
        deviceId: principal.kind === 'device' ? principal.device.id : null,
      };
      next();
    });
    // Kiosks and the admin also learn the kiosk printer's state, so a fault shows before a citizen taps.
    const withPrinter = NAMESPACE_TABLE[name].printer;
    nsp.on('connection', (socket) => {
      const data = socket.data;
      void socket.join(data.stream);
      // A device is online while at least one of its sockets is connected.
      const deviceId = data.deviceId;
      if (deviceId !== null) {
        this.ctx.presence.connected(deviceId);
        socket.on('disconnect', () => this.ctx.presence.disconnected(deviceId));
      }
      const snap = () => this.snapshot(this.seq(name, data.stream), data.serviceId, withPrinter);
      // A failure to read the state (disk trouble) drops this socket — it reconnects — and never the server.
      try {
        this.out.send(name, socket, 'snapshot', snap());
      } catch {
        socket.disconnect(true);
        return;
      }
      socket.on('snapshot:request', (ack) => {
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

  /** One numbered event into one room: the room's `seq` moves even when nobody follows it. */
  private stamp(ns: NamespaceName, room: string, e: Outgoing): void {
    const key = `${ns}|${room}`;
    const seq = (this.seqs.get(key) ?? 0) + 1;
    this.seqs.set(key, seq);
    // Nobody follows this stream: the seq still moves (a later follower starts from a snapshot), no encoding.
    if (!this.io.of(ns).adapter.rooms.get(room)?.size) return;
    this.out.stamp(ns, room, seq, e);
  }

  publish(events: Outgoing[]): void {
    this.version += 1;
    this.ctx.presence.observe(events);
    this.ctx.floor.observe(events);
    this.floorChanged();
    const counters = this.ctx.store.counters.all();
    // Where each event goes is the streams table's: the namespaces, and the kinds of room within each.
    for (const e of events)
      for (const ns of NAMESPACES)
        for (const kind of roomsOf(e.type, ns))
          for (const room of roomsFor(kind, e.data, counters)) this.stamp(ns, room, e);
    this.tickets.changed(events);
  }

  /** To every socket of every namespace, outside the numbered streams (no `seq`): screens fetch their settings. */
  settingsChanged(e: SettingsChanged): void {
    for (const ns of namespacesOf('settings:changed')) this.out.broadcast(ns, 'settings:changed', e);
  }

  /** The gateway's housekeeping, every {@link TICK_MS}: time alone may turn the day and change the floor. */
  tick(): void {
    this.checkDay();
    this.floorChanged();
  }

  /**
   * When the service day (Asia/Ho_Chi_Minh, by the injected clock) has turned since the last look, tells every
   * socket of every namespace (`day:changed`, outside the numbered streams) so each takes a fresh snapshot:
   * a screen connected before midnight would otherwise keep yesterday's day and calls. Says whether it turned.
   */
  checkDay(): boolean {
    const now = this.ctx.clock.now();
    const day = serviceDay(now);
    if (day === this.day) return false;
    this.day = day;
    this.version += 1; // the snapshot bodies kept for reuse are yesterday's
    this.tickets.changed('all');
    const e = { day, at: toIso(now) };
    for (const ns of namespacesOf('day:changed')) this.out.broadcast(ns, 'day:changed', e);
    return true;
  }

  sweep(only?: 'sessions'): void {
    for (const name of NAMESPACES) {
      for (const socket of this.io.of(name).sockets.values()) {
        const data = socket.data;
        // A sign-in or sign-out changes users' sessions only: the screens' device sockets are not read again.
        if (only === 'sessions' && data.deviceId !== null) continue;
        const p = data.token ? this.ctx.auth.resolve(data.token) : null;
        // An officer who moved to another counter follows it: the socket reconnects into the new stream.
        const moved = name === '/counter' && p?.kind === 'user' && p.counterId !== data.counterId;
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
    if (this.io.of('/admin').sockets.size === 0) return; // nobody watches: whoever connects gets the floor then
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
    this.out.broadcast('/admin', 'floor', floor);
  }

  close(): Promise<void> {
    if (this.floorTimer) clearTimeout(this.floorTimer);
    this.floorTimer = null;
    clearInterval(this.ticker);
    this.tickets.close();
    for (const u of this.unsubscribe.splice(0)) u();
    return new Promise((resolve) => {
      void this.io.close(() => resolve());
    });
  }
}

/**
 * After "Không hài lòng" (issue 22): the feedback form for this ticket (`/pa?t=<its /t/ code>&from=rating`), which
 * the counter-top shows as a QR — when the center takes feedback.
 */
function feedbackAfter(ctx: Context, ticketId: number, rating: Rating): { feedbackUrl?: string } {
  if (rating !== 'unsatisfied' || !ctx.feedback.settings().enabled) return {};
  const ticket = ctx.store.tickets.byId(ticketId);
  if (!ticket) return {};
  const query = new URLSearchParams({ t: ticket.trackingCode, from: 'rating' });
  return { feedbackUrl: `${ctx.queue.publicBase()}${FEEDBACK_PAGE}?${query.toString()}` };
}
