import { io as connect, type Socket } from 'socket.io-client';
import type { AdminClientToServer, AdminServerToClient, FloorState } from '@layso/protocol';
import { followLink, type ConnectionStatus } from './realtime.js';

export interface FloorFollowState {
  status: ConnectionStatus;
  /** The latest floor; kept while offline so the monitor can say how old it is (`floor.at`). */
  floor: FloorState | null;
  /** Why the server refused the connection (expired session, not a supervisor), with its code. */
  error: { code: string; message: string } | null;
}

export interface FloorClientOptions {
  /** Origin of the queue server; '' = the page's own origin. */
  url: string;
  /** A supervisor's or admin's session token. */
  token: string;
  /** For tests: a socket.io-client `io` to use. */
  io?: typeof connect;
}

type Listener = () => void;

/**
 * Follows the live floor on `/admin` for the supervisors' monitor: the server sends the whole `floor` on connect
 * and after every change (coalesced), outside the numbered stream, so the latest one received is the truth. On
 * every (re)connect it also asks `floor:request`, so a monitor never shows a floor from before a lost link.
 */
export class FloorClient {
  private socket: Socket<AdminServerToClient, AdminClientToServer> | null = null;
  private state: FloorFollowState = { status: 'connecting', floor: null, error: null };
  private readonly listeners = new Set<Listener>();
  /** `floor:request`s sent; counted for tests and diagnostics. */
  requests = 0;

  constructor(private readonly options: FloorClientOptions) {}

  start(): this {
    if (this.socket) return this;
    const make = this.options.io ?? connect;
    const socket: Socket<AdminServerToClient, AdminClientToServer> = make(
      `${this.options.url.replace(/\/$/, '')}/admin`,
      {
        auth: { token: this.options.token },
        transports: ['websocket'],
        reconnectionDelay: 500,
        reconnectionDelayMax: 5000,
      },
    );
    this.socket = socket;
    socket.on('connect', () => this.request());
    followLink(
      socket,
      (patch) => this.set(patch),
      () => this.socket === socket,
    );
    socket.on('floor', (floor) => this.set({ status: 'online', floor, error: null }));
    return this;
  }

  stop(): void {
    this.socket?.disconnect();
    this.socket = null;
  }

  getState = (): FloorFollowState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Asks for the floor now (done on every connect); the answer replaces what is shown. */
  request(): void {
    const socket = this.socket;
    if (!socket) return;
    this.requests += 1;
    socket.emit('floor:request', (reply) => {
      if (reply?.ok && this.socket === socket)
        this.set({ status: 'online', floor: reply.value, error: null });
    });
  }

  private set(patch: Partial<FloorFollowState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}
