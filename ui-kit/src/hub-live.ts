import { io as connect, type Socket } from 'socket.io-client';
import {
  HUB_NAMESPACE,
  type HubClientToServer,
  type HubOverview,
  type HubServerToClient,
  type HubSiteFloor,
  type HubSiteRow,
} from '@layso/protocol';
import { followLink, type ConnectionStatus } from './realtime.js';

export interface HubLiveState {
  status: ConnectionStatus;
  /** Every row this viewer may see, as last sent (kept while offline, so the screen can say how old it is). */
  overview: HubOverview | null;
  /** The floor followed with `watch`, once it has come. */
  floor: HubSiteFloor | null;
  error: { code: string; message: string } | null;
}

export interface HubLiveOptions {
  /** The hub's origin; '' = the page's own. */
  url: string;
  token: string;
  /** For tests: a socket.io-client `io` to use. */
  io?: typeof connect;
}

/** A row replaced in (or added to) the overview: the server sends whole rows, the screen only puts them in. */
export function withRow(overview: HubOverview, row: HubSiteRow): HubOverview {
  const rows = overview.rows.some((r) => r.siteId === row.siteId)
    ? overview.rows.map((r) => (r.siteId === row.siteId ? row : r))
    : [...overview.rows, row];
  return { ...overview, rows, asOf: row.asOf > overview.asOf ? row.asOf : overview.asOf };
}

type Listener = () => void;

/**
 * Follows the hub's live view: the rows on connect (and every half-minute), each site's row as it changes, and
 * the floor of the site being watched. Every event carries whole state, so nothing is numbered: a missed one is
 * made good by the next; after a reconnect the snapshot comes again and the watched floor is asked for anew.
 */
export class HubLiveClient {
  private socket: Socket<HubServerToClient, HubClientToServer> | null = null;
  private state: HubLiveState = { status: 'connecting', overview: null, floor: null, error: null };
  private readonly listeners = new Set<Listener>();
  private watched: number | null = null;

  constructor(private readonly options: HubLiveOptions) {}

  start(): this {
    if (this.socket) return this;
    const make = this.options.io ?? connect;
    const socket: Socket<HubServerToClient, HubClientToServer> = make(
      `${this.options.url.replace(/\/$/, '')}${HUB_NAMESPACE}`,
      { auth: { token: this.options.token }, transports: ['websocket'], reconnectionDelayMax: 5000 },
    );
    this.socket = socket;
    followLink(
      socket,
      (patch) => this.set(patch),
      () => this.socket === socket,
    );
    socket.on('connect', () => {
      if (this.watched !== null) this.askFloor(this.watched);
    });
    // Turned away without a code (the hub could not check the session: its database is down): socket.io does not
    // knock again after a refusal, so this does, a few seconds later.
    socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      if (err.data?.code || socket.active) return;
      setTimeout(() => {
        if (this.socket === socket && !socket.connected) socket.connect();
      }, 3000);
    });
    socket.on('hub:snapshot', (overview) => this.set({ status: 'online', overview, error: null }));
    socket.on('site:row', (row) => {
      const o = this.state.overview;
      if (o) this.set({ overview: withRow(o, row) });
    });
    socket.on('site:floor', (floor) => {
      if (floor.row.siteId === this.watched) this.set({ floor });
    });
    return this;
  }

  stop(): void {
    this.socket?.disconnect();
    this.socket = null;
  }

  /** Follows one site's floor (null: none). */
  watch(siteId: number | null): void {
    if (siteId === this.watched) return;
    this.watched = siteId;
    this.set({ floor: null });
    if (siteId !== null && this.socket?.connected) this.askFloor(siteId);
  }

  private askFloor(siteId: number): void {
    this.socket?.emit('floor:watch', { site: siteId }, (reply) => {
      if (siteId !== this.watched) return;
      if (reply.ok) this.set({ floor: reply.value });
      else this.set({ error: reply.error });
    });
  }

  getState = (): HubLiveState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<HubLiveState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}
