import { io as connect, type Socket } from 'socket.io-client';
import type {
  CounterChanged,
  NamespaceName,
  Namespaces,
  PrinterStatusChanged,
  QueueChanged,
  RatingSubmit,
  Snapshot,
  TicketCalled,
} from '@layso/protocol';
import { NETWORK_ERROR } from './i18n.js';

/** Every numbered event any namespace may carry (a namespace sends a subset). */
export interface StreamEvents {
  'ticket:called': TicketCalled;
  'queue:changed': QueueChanged;
  'counter:changed': CounterChanged;
  'ticket:updated': { ticketId: number; number: string; serviceId: number; status: string; seq: number };
  'printer:status': PrinterStatusChanged;
  'printer:fault': { ticketId: number; code: string; message: string; at: string; seq: number };
  'rating:request': { ticketId: number; number: string; counterId: number; seq: number };
}
export type StreamEventName = keyof StreamEvents;
const EVENT_NAMES: StreamEventName[] = [
  'ticket:called',
  'queue:changed',
  'counter:changed',
  'ticket:updated',
  'printer:status',
  'printer:fault',
  'rating:request',
];

/**
 * The state a snapshot plus the events after it describe. Pure: the server decides, screens only apply.
 * Events that change nothing a screen draws (rating requests, faults) leave the snapshot as it is.
 */
export function applyEvent<E extends StreamEventName>(
  snap: Snapshot,
  type: E,
  data: StreamEvents[E],
): Snapshot {
  const next: Snapshot = { ...snap, seq: data.seq };
  switch (type) {
    case 'ticket:called': {
      const call = data as TicketCalled;
      next.recentCalls = [call, ...snap.recentCalls.filter((c) => c.ticketId !== call.ticketId)].slice(0, 20);
      next.counters = snap.counters.map((c) =>
        c.id === call.counterId ? { ...c, currentNumber: call.number } : c,
      );
      break;
    }
    case 'queue:changed': {
      const q = data as QueueChanged;
      next.services = snap.services.map((s) =>
        s.id === q.serviceId ? { ...s, waiting: q.waiting, estimatedWaitMinutes: q.estimatedWaitMinutes } : s,
      );
      break;
    }
    case 'counter:changed': {
      const c = data as CounterChanged;
      next.counters = snap.counters.map((x) =>
        x.id === c.counterId
          ? {
              ...x,
              status: c.status,
              currentNumber: c.currentNumber,
              officerName: c.officerName,
              pauseReason: c.pauseReason,
            }
          : x,
      );
      break;
    }
    case 'printer:status': {
      const p = data as PrinterStatusChanged;
      next.printer = { state: p.state, checkedAt: p.checkedAt };
      break;
    }
  }
  return next;
}

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused';

/**
 * How every screen's socket follows its link: offline on a drop; a drop by the server (token revoked, session
 * ended) knocks again, since socket.io does not retry that by itself; a refusal with a code (unknown, revoked or
 * expired token, wrong role) is final until the screen is paired or signed in anew.
 */
export function followLink(
  socket: Socket,
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
/** Commands a screen sends on its stream, with the value the server acknowledges them with. */
interface Commands {
  'rating:submit': { body: RatingSubmit; value: { ticketId: number } };
}
type CommandReply<V> = { ok: true; value: V } | { ok: false; error: { code: string; message: string } };
type EventListener<E extends StreamEventName> = (data: StreamEvents[E]) => void;

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
  private readonly eventListeners = new Map<StreamEventName, Set<(d: never) => void>>();
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
    for (const name of EVENT_NAMES) {
      socket.on(name, (data: StreamEvents[typeof name]) => this.receive(name, data));
    }
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
  on<E extends StreamEventName>(type: E, listener: EventListener<E>): () => void {
    const set = this.eventListeners.get(type) ?? new Set();
    set.add(listener as (d: never) => void);
    this.eventListeners.set(type, set);
    return () => set.delete(listener as (d: never) => void);
  }

  private receive<E extends StreamEventName>(type: E, data: StreamEvents[E]): void {
    const snap = this.state.snapshot;
    if (snap && data.seq <= snap.seq) return; // already part of the snapshot
    if (!snap || data.seq !== snap.seq + 1) this.requestSnapshot();
    else this.set({ snapshot: applyEvent(snap, type, data) });
    for (const l of this.eventListeners.get(type) ?? []) (l as EventListener<E>)(data);
  }

  /**
   * Sends a command on this stream and waits for the server's acknowledgement (e.g. `rating:submit`). A lost
   * link or no answer within `timeoutMs` is a `LAYSO_NETWORK` failure, never a silent success.
   */
  async ask<E extends keyof Commands>(
    event: E,
    body: Commands[E]['body'],
    timeoutMs = 5000,
  ): Promise<CommandReply<Commands[E]['value']>> {
    const socket = this.socket;
    const lost = { ok: false as const, error: { code: 'LAYSO_NETWORK', message: NETWORK_ERROR } };
    if (!socket?.connected) return lost;
    try {
      return (await socket.timeout(timeoutMs).emitWithAck(event, body)) as CommandReply<Commands[E]['value']>;
    } catch {
      return lost;
    }
  }

  requestSnapshot(): void {
    const socket = this.socket;
    if (!socket || this.awaitingSnapshot) return;
    this.awaitingSnapshot = true;
    this.snapshotRequests += 1;
    socket.emit('snapshot:request', (reply: { ok: boolean; value?: Snapshot }) => {
      this.awaitingSnapshot = false;
      // Replies and events share one ordered socket: the reply is the state as of its own seq.
      if (reply?.ok && reply.value) {
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
