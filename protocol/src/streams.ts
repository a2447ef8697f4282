import type { z } from 'zod';
import { FloorState } from './admin.js';
import type { DeviceKind, Role } from './enums.js';
import type { ErrorCode } from './errors.js';
import {
  CounterChanged,
  DayChanged,
  KioskPrinterChanged,
  PrinterFault,
  PrinterStatusChanged,
  QueueChanged,
  RatingAccepted,
  RatingRequest,
  RatingSubmit,
  SettingsChanged,
  Snapshot,
  TicketCalled,
  TicketUpdated,
  type Ack,
} from './events.js';
import { PublicTicket } from './rest.js';

/**
 * The realtime contract as one table: which namespaces exist and who may open them, every server → client event
 * (payload, where it goes, numbered or not) and every client → server request (body, reply, who may send it).
 * The event maps for socket.io, the gateway's routing and the screens' clients are derived from it.
 */

/** Who may open a namespace (or send a request): devices of these kinds, users of these roles. */
export interface Audience {
  devices: readonly DeviceKind[];
  roles: readonly Role[];
  /** Users only while signed in at a counter (an officer's console). */
  seated?: boolean;
}

/** Who knocks: a device of a kind, or a user of a role, signed in at a counter or not. */
export type Knocker = { device: DeviceKind } | { role: Role; seated: boolean };

export function admits(audience: Audience, who: Knocker): boolean {
  if ('device' in who) return audience.devices.includes(who.device);
  return audience.roles.includes(who.role) && (!audience.seated || who.seated);
}

/**
 * The rooms inside a namespace; each room is one stream with its own `seq`.
 * - `floor`: the whole center.
 * - `service`: one service's area — the service an event names, or, for an event that names only a counter,
 *   every service that counter serves.
 * - `counter`: one counter — the counter an event names (none when it names `counterId: null`), or, for an event
 *   that names only a service, every counter serving it.
 */
export type RoomKind = 'floor' | 'service' | 'counter';

export interface NamespaceDef {
  /** Who is admitted; anyone else is refused with `refusal`. */
  listeners: Audience;
  refusal: ErrorCode;
  /**
   * The rooms a socket may follow, its default first: a display narrows to a service with the handshake's
   * `serviceId`; a counter socket follows the counter its token is seated at.
   */
  rooms: readonly [RoomKind, ...RoomKind[]];
  /** Its snapshots carry the kiosk printer's last known state. */
  printer: boolean;
}

export const NAMESPACE_TABLE = {
  '/display': {
    listeners: { devices: ['display'], roles: ['admin', 'supervisor'] },
    refusal: 'LAYSO_FORBIDDEN',
    rooms: ['floor', 'service'],
    printer: false,
  },
  '/counter': {
    listeners: { devices: ['counter'], roles: ['admin', 'supervisor', 'officer'], seated: true },
    refusal: 'LAYSO_WRONG_COUNTER',
    rooms: ['counter'],
    printer: false,
  },
  '/kiosk': {
    listeners: { devices: ['kiosk'], roles: [] },
    refusal: 'LAYSO_FORBIDDEN',
    rooms: ['floor'],
    printer: true,
  },
  '/admin': {
    listeners: { devices: [], roles: ['admin', 'supervisor'] },
    refusal: 'LAYSO_FORBIDDEN',
    rooms: ['floor'],
    printer: true,
  },
} as const satisfies Record<string, NamespaceDef>;

export type NamespaceName = keyof typeof NAMESPACE_TABLE;
type RoomOf<N extends NamespaceName> = (typeof NAMESPACE_TABLE)[N]['rooms'][number];

/** The keys of a table, typed as its keys (`Object.keys` answers `string[]`). */
function keysOf<T extends object>(table: T): Extract<keyof T, string>[] {
  const keys: Extract<keyof T, string>[] = [];
  for (const key in table) keys.push(key);
  return keys;
}

export const NAMESPACES: readonly NamespaceName[] = keysOf(NAMESPACE_TABLE);

/** Stamped with the next `seq` of every room it goes to (its payload has `seq`). */
interface NumberedDef {
  payload: z.ZodType<{ seq: number }>;
  numbered: true;
  to: { readonly [N in NamespaceName]?: readonly RoomOf<N>[] };
}
/**
 * Outside the numbered streams: to every socket of each namespace at once, or to one socket as it connects or
 * asks. Stamped with the moment it was sent (`at`), never with a `seq` — but for the snapshot, which carries its
 * stream's current `seq` for the events after it.
 */
interface UnnumberedDef {
  payload: z.ZodType<{ at: string; seq?: never }> | typeof Snapshot;
  numbered: false;
  to: readonly NamespaceName[];
}
export type EventDef = NumberedDef | UnnumberedDef;

const EVERYWHERE = NAMESPACES;
/** The calls, the queue and the counters: the whole floor, each service's area, and the counter concerned. */
const SCREENS = { '/display': ['floor', 'service'], '/admin': ['floor'], '/counter': ['counter'] } as const;

export const STREAMS = {
  snapshot: { payload: Snapshot, numbered: false, to: EVERYWHERE },
  'ticket:called': { payload: TicketCalled, numbered: true, to: SCREENS },
  'ticket:updated': { payload: TicketUpdated, numbered: true, to: SCREENS },
  'counter:changed': { payload: CounterChanged, numbered: true, to: SCREENS },
  'queue:changed': { payload: QueueChanged, numbered: true, to: { ...SCREENS, '/kiosk': ['floor'] } },
  'rating:request': { payload: RatingRequest, numbered: true, to: { '/counter': ['counter'] } },
  'printer:fault': { payload: PrinterFault, numbered: true, to: { '/admin': ['floor'] } },
  'kiosk:printer': { payload: KioskPrinterChanged, numbered: true, to: { '/admin': ['floor'] } },
  'printer:status': {
    payload: PrinterStatusChanged,
    numbered: true,
    to: { '/kiosk': ['floor'], '/admin': ['floor'] },
  },
  'settings:changed': { payload: SettingsChanged, numbered: false, to: EVERYWHERE },
  'day:changed': { payload: DayChanged, numbered: false, to: EVERYWHERE },
  /** The live floor (supervisors' monitor): whole, on connect and after every change. */
  floor: { payload: FloorState, numbered: false, to: ['/admin'] },
} as const satisfies Record<string, EventDef>;

/** A client → server request, acknowledged with `{ok: true, value: reply} | {ok: false, error}`. */
interface RequestDef {
  /** What it sends before its ack callback; null when it sends nothing. */
  body: z.ZodType | null;
  reply: z.ZodType;
  on: readonly NamespaceName[];
  /** Who may send it among the namespace's listeners; every listener when absent. */
  senders?: Audience;
}

export const REQUESTS = {
  'snapshot:request': { body: null, reply: Snapshot, on: EVERYWHERE },
  /** Only the counter-top screen, for the ticket its counter just finished. */
  'rating:submit': {
    body: RatingSubmit,
    reply: RatingAccepted,
    on: ['/counter'],
    senders: { devices: ['counter'], roles: [] },
  },
  'floor:request': { body: null, reply: FloorState, on: ['/admin'] },
} as const satisfies Record<string, RequestDef>;

type Streams = typeof STREAMS;
type Requests = typeof REQUESTS;

export type ServerEventName = keyof Streams;
type PayloadMap = { [E in ServerEventName]: z.output<Streams[E]['payload']> };
export type EventPayload<E extends ServerEventName> = PayloadMap[E];

export type NumberedEventName = {
  [E in ServerEventName]: Streams[E]['numbered'] extends true ? E : never;
}[ServerEventName];
export type UnnumberedEventName = Exclude<ServerEventName, NumberedEventName>;

type NamespacesOf<E extends ServerEventName> = Streams[E]['to'] extends readonly NamespaceName[]
  ? Streams[E]['to'][number]
  : keyof Streams[E]['to'];
/** The events that may go to namespace `N`. */
export type EventOn<N extends NamespaceName> = {
  [E in ServerEventName]: N extends NamespacesOf<E> ? E : never;
}[ServerEventName];
export type NumberedEventOn<N extends NamespaceName> = EventOn<N> & NumberedEventName;
export type UnnumberedEventOn<N extends NamespaceName> = EventOn<N> & UnnumberedEventName;

type BodyMap = { [E in NumberedEventName]: Omit<EventPayload<E>, 'seq'> };
/** A numbered event as the server publishes it: its payload without `seq`, which the gateway stamps per room. */
export type StreamBody<E extends NumberedEventName> = BodyMap[E];

/** socket.io's server → client map for namespace `N`. */
export type ServerToClient<N extends NamespaceName> = {
  [E in EventOn<N>]: (payload: EventPayload<E>) => void;
};

export type RequestName = keyof Requests;
type ReplyMap = { [R in RequestName]: z.output<Requests[R]['reply']> };
export type RequestReply<R extends RequestName> = ReplyMap[R];
/** The requests that carry a body (commands), with the body a client sends. */
type BodyOf = {
  [
    R in RequestName as Requests[R]['body'] extends z.ZodType ? R : never
  ]: Requests[R]['body'] extends z.ZodType ? z.input<Requests[R]['body']> : never;
};
export type CommandName = keyof BodyOf;
export type RequestBody<R extends CommandName> = BodyOf[R];
type Handler<R extends RequestName> = R extends CommandName
  ? (body: RequestBody<R>, ack: Ack<RequestReply<R>>) => void
  : (ack: Ack<RequestReply<R>>) => void;
export type RequestOn<N extends NamespaceName> = {
  [R in RequestName]: N extends Requests[R]['on'][number] ? R : never;
}[RequestName];
/** socket.io's client → server map for namespace `N`. */
export type ClientToServer<N extends NamespaceName> = { [R in RequestOn<N>]: Handler<R> };

export type DisplayServerToClient = ServerToClient<'/display'>;
export type DisplayClientToServer = ClientToServer<'/display'>;
export type CounterServerToClient = ServerToClient<'/counter'>;
export type CounterClientToServer = ClientToServer<'/counter'>;
export type KioskServerToClient = ServerToClient<'/kiosk'>;
export type KioskClientToServer = ClientToServer<'/kiosk'>;
export type AdminServerToClient = ServerToClient<'/admin'>;
export type AdminClientToServer = ClientToServer<'/admin'>;

/** Namespace → event maps, for `io<S2C, C2S>(url + ns)` on clients. */
export type Namespaces = {
  [N in NamespaceName]: { s2c: ServerToClient<N>; c2s: ClientToServer<N> };
};

function goesTo<N extends NamespaceName>(event: ServerEventName, ns: N): event is EventOn<N> {
  const def: EventDef = STREAMS[event];
  return def.numbered ? def.to[ns] !== undefined : def.to.includes(ns);
}

/** The numbered events a socket of `ns` may hear, for a client to listen to. */
export function numberedEventsOn<N extends NamespaceName>(ns: N): NumberedEventOn<N>[] {
  return keysOf(STREAMS).filter((e): e is NumberedEventOn<N> => STREAMS[e].numbered && goesTo(e, ns));
}

/** The rooms of `ns` a numbered event goes to (none when it does not go to `ns`). */
export function roomsOf(event: NumberedEventName, ns: NamespaceName): readonly RoomKind[] {
  const to: NumberedDef['to'] = STREAMS[event].to;
  return to[ns] ?? [];
}

/** The namespaces an unnumbered event goes to (every socket of each). */
export function namespacesOf(event: UnnumberedEventName): readonly NamespaceName[] {
  return STREAMS[event].to;
}

/**
 * The citizen's phone (`/t/:code`): a public, read-only stream of ONE ticket, outside the device namespaces
 * above (none of their events, snapshots or requests reach it). The handshake names the ticket by its tracking
 * code; an unknown or forged code is refused and sees nothing. On connect and after every change of that ticket
 * or of the people ahead of it, the socket gets the ticket's {@link PublicTicket} — whole, so a phone back from a
 * lost link or a server restart is up to date with its first message.
 */
export const TICKET_STREAM = {
  namespace: '/ticket',
  event: 'ticket',
  payload: PublicTicket,
  refusal: 'LAYSO_TICKET_NOT_FOUND',
  /** The handshake's `auth.code`: a code of another shape is refused without a lookup. */
  code: /^[A-Za-z0-9_-]{6,32}$/,
} as const satisfies {
  namespace: string;
  event: string;
  payload: z.ZodType;
  refusal: ErrorCode;
  code: RegExp;
};

/** socket.io's server → client map of the phone's stream. */
export interface TicketServerToClient {
  ticket: (payload: PublicTicket) => void;
}
