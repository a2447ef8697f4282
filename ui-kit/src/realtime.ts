import { io as connect, type Socket } from 'socket.io-client';
import {
  numberedEventsOn,
  type AckReply,
  type CommandName,
  type EventPayload,
  type NamespaceName,
  type Namespaces,
  type NumberedEventName,
  type NumberedEventOn,
  type RequestBody,
  type RequestOn,
  type RequestReply,
  type Snapshot,
} from '@layso/protocol';
import { NETWORK_ERROR } from './i18n.js';

/** What a numbered event changes in a snapshot; those a screen draws nothing of (rating requests, faults) are absent. */
const APPLY: { [E in NumberedEventName]?: (snap: Snapshot, data: EventPayload<E>) => Partial<Snapshot> } = {
  'ticket:called': (snap, call) => ({
    recentCalls: [call, ...snap.recentCalls.filter((c) => c.ticketId !== call.ticketId)].slice(0, 20),
    counters: snap.counters.map((c) => (c.id === call.counterId ? { ...c, currentNumber: call.number } : c)),
  }),
  'queue:changed': (snap, q) => ({
    services: snap.services.map((s) =>
      s.id === q.serviceId ? { ...s, waiting: q.waiting, estimatedWaitMinutes: q.estimatedWaitMinutes } : s,
    ),
  }),
  'counter:changed': (snap, c) => ({
    counters: snap.counters.map((x) =>
      x.id === c.counterId
        ? {
            ...x,
            status: c.status,
            currentNumber: c.currentNumber,
            officerName: c.officerName,
            pauseReason: c.pauseReason,
          }
        : x,
    ),
  }),
  'printer:status': (_snap, p) => ({ printer: { state: p.state, checkedAt: p.checkedAt } }),
};

/**
 * The state a snapshot plus the events after it describe. Pure: the server decides, screens only apply.
 * Events that change nothing a screen draws (rating requests, faults) leave the snapshot as it is.
 */
export function applyEvent<E extends NumberedEventName>(
  snap: Snapshot,
  type: E,
  data: EventPayload<E>,
): Snapshot {
  const apply = APPLY[type];
  return { ...snap, ...apply?.(snap, data), seq: data.seq };
}

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused';

type EventMap = Record<string, (...args: never[]) => void>;

/**
 * How every screen's socket follows its link: offline on a drop; a drop by the server (token revoked, session
 * ended) knocks again, since socket.io does not retry that by itself; a refusal with a code (unknown, revoked or
 * expired token, wrong role) is final until the screen is paired or signed in anew. Any socket, typed or not.
 */
export function followLink<L extends EventMap, E extends EventMap>(
  socket: Socket<L, E>,
  set: (patch: { status: ConnectionStatus; error?: { code: string; message: string } }) => void,
  current: () => boolean,
): void {
  socket.on('disconnect', (reason) => {
    set({ status: 'offline' });
    if (reason === 'io server disconnect' && current()) socket.connect();
  });
  socket.on('connect_error', (err: Error & { data?: { code?: string; message?: string } }) => {
    if (err.data?.code) {
      set({ status: 'refused', error: { code: err.data.code, message: err.data.message ?? err.message } });
      socket.disconnect();
    } else {
      set({ status: 'offline' });
    }
  });
}

export interface RealtimeState {
  status: ConnectionStatus;
  /** The latest state; kept while offline so a screen can say how old it is. */
  snapshot: Snapshot | null;
  /** Why the server refused the connection (bad or revoked token), with its code. */
  error: { code: string; message: string } | null;
  /**
   * Moves on every `settings:changed` (the admin changed the center's settings): a screen that fetched its
   * settings fetches them again when it moves (and, as before, when it comes back online: one may have been missed).
   */
  settingsVersion: number;
}

export interface RealtimeOptions<N extends NamespaceName> {
  /** Origin of the queue server; '' = the page's own origin. */
  url: string;
  namespace: N;
  token: string;
  serviceId?: number;
  /** For tests: a socket.io-client `io` to use. */
  io?: typeof connect;
}

type Listener = () => void;
type EventListener<E extends NumberedEventName> = (data: EventPayload<E>) => void;
type EventListeners = { [E in NumberedEventName]?: Set<EventListener<E>> };
/** A new set for `key` (a write TypeScript checks only through a table generic in its keys). */
function newSet<K extends NumberedEventName>(
  table: { [P in K]?: Set<EventListener<P>> },
  key: K,
): Set<EventListener<K>> {
  const set = new Set<EventListener<K>>();
  table[key] = set;
  return set;
}

/**
 * Follows one stream of the server: takes the snapshot the server sends on every connect (the first and each
 * reconnect), applies the numbered events after it, and asks for a new snapshot (`snapshot:request`) only when a
 * number is skipped — never a second one on reconnect: 2,000 screens back after a restart would double the
 * server's work when it is busiest. Screens
 * read `getState()` (or `useRealtime`) and never compute queue state themselves.
 */
export class RealtimeClient<N extends NamespaceName = NamespaceName> {
  private socket: Socket | null = null;
  private state: RealtimeState = { status: 'connecting', snapshot: null, error: null, settingsVersion: 0 };
  private readonly listeners = new Set<Listener>();
  private readonly eventListeners: EventListeners = {};
  /** A snapshot request is under way: events meanwhile are covered by its reply, no second request. */
  private awaitingSnapshot = false;
  /** Snapshot requests sent; counted for tests and diagnostics. */
  snapshotRequests = 0;

  constructor(private readonly options: RealtimeOptions<N>) {}

  start(): this {
    if (this.socket) return this;
    const make = this.options.io ?? connect;
    const auth: Record<string, unknown> = { token: this.options.token };
    if (this.options.serviceId !== undefined) auth.serviceId = this.options.serviceId;
    const socket = make(`${this.options.url.replace(/\/$/, '')}${this.options.namespace}`, {
      auth,
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    this.socket = socket;
    // A request of the link that dropped is answered by the snapshot this connection starts with.
    socket.on('connect', () => {
      this.awaitingSnapshot = false;
    });
    followLink(
      socket,
      (patch) => this.set(patch),
      () => this.socket === socket,
    );
    socket.on('snapshot', (snap: Snapshot) => this.set({ status: 'online', snapshot: snap, error: null }));
    // Outside the numbered stream (no seq): nothing to apply, only a reason to fetch the settings again.
    socket.on('settings:changed', () => this.settingsChanged());
    // The numbered events the protocol's streams table sends to this namespace.
    for (const name of numberedEventsOn(this.options.namespace)) {
      const event: NumberedEventName = name; // socket.io-client's `on` takes no generic name
      socket.on(event, (data: EventPayload<typeof name>) => this.receive(name, data));
    }
    // The service day turned: the snapshot held (its day, yesterday's calls) is yesterday's.
    socket.on('day:changed', () => this.requestSnapshot());
    return this;
  }

  stop(): void {
    this.socket?.disconnect();
    this.socket = null;
  }

  getState = (): RealtimeState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Hears an event as it arrives (after the state has been updated), e.g. to announce a call. */
  on<E extends NumberedEventOn<N>>(type: E, listener: EventListener<E>): () => void {
    const set: Set<EventListener<E>> = this.eventListeners[type] ?? newSet<E>(this.eventListeners, type);
    set.add(listener);
    return () => set.delete(listener);
  }

  private receive<E extends NumberedEventName>(type: E, data: EventPayload<E>): void {
    const snap = this.state.snapshot;
    if (snap && data.seq <= snap.seq) return; // already part of the snapshot
    if (!snap || data.seq !== snap.seq + 1) this.requestSnapshot();
    else this.set({ snapshot: applyEvent(snap, type, data) });
    for (const l of this.eventListeners[type] ?? []) l(data);
  }

  /**
   * Sends a command on this stream and waits for the server's acknowledgement (e.g. `rating:submit`). A lost
   * link or no answer within `timeoutMs` is a `LAYSO_NETWORK` failure, never a silent success.
   */
  async ask<R extends CommandName & RequestOn<N>>(
    event: R,
    body: RequestBody<R>,
    timeoutMs = 5000,
  ): Promise<AckReply<RequestReply<R>>> {
    const socket = this.socket;
    const lost = { ok: false as const, error: { code: 'LAYSO_NETWORK', message: NETWORK_ERROR } };
    if (!socket?.connected) return lost;
    try {
      const reply: AckReply<RequestReply<R>> = await socket.timeout(timeoutMs).emitWithAck(event, body);
      return reply;
    } catch {
      return lost;
    }
  }

  requestSnapshot(): void {
    const socket = this.socket;
    if (!socket || this.awaitingSnapshot) return;
    this.awaitingSnapshot = true;
    this.snapshotRequests += 1;
    socket.emit('snapshot:request', (reply: AckReply<RequestReply<'snapshot:request'>>) => {
      this.awaitingSnapshot = false;
      // Replies and events share one ordered socket: the reply is the state as of its own seq.
      if (reply?.ok) {
        this.set({ status: 'online', snapshot: reply.value, error: null });
      }
    });
  }

  private settingsChanged(): void {
    this.set({ settingsVersion: this.state.settingsVersion + 1 });
  }

  private set(patch: Partial<RealtimeState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}

export type { Namespaces };
