import type { Server, Socket } from 'socket.io';
import type {
  ClientToServer,
  EventOn,
  EventPayload,
  NamespaceName,
  NumberedEventOn,
  RoomKind,
  ServerEventName,
  TicketServerToClient,
  UnnumberedEventOn,
} from '@layso/protocol';
import type { Outgoing } from '../app/events.js';

/** What the gateway keeps on each socket. */
export interface SocketData {
  /** The handshake token, re-checked by `sweep()` (memory only, never logged). */
  token: string;
  /** Only those the table lets send `rating:submit` (counter-top devices) may rate. */
  mayRate: boolean;
  /** The device behind the socket (its presence); null for a user's session. */
  deviceId: number | null;
  /** The room it follows: one stream with its own `seq`. */
  stream: string;
  serviceId?: number;
  counterId?: number;
}

/**
 * What socket.io is told the server sends: an event of the protocol's table with a payload of the table.
 * socket.io's typed `emit` cannot follow a generic event name through its acknowledgement decorations, so the
 * exact pairing — this event, this payload, on this namespace — is held by {@link Outbox}, the gateway's only way
 * to send.
 */
type WireEvents = {
  [E in ServerEventName]: (payload: EventPayload<ServerEventName>) => void;
} & TicketServerToClient;
export type Io = Server<ClientToServer<NamespaceName>, WireEvents, Record<string, never>, SocketData>;
export type IoSocket = Socket<ClientToServer<NamespaceName>, WireEvents, Record<string, never>, SocketData>;

/** Rooms a socket can follow; each is one stream with its own `seq`. */
export const FLOOR_ROOM = 'all';
export const serviceRoom = (id: number): string => `service:${id}`;
export const counterRoom = (id: number): string => `counter:${id}`;

/**
 * The rooms of one kind an event goes to, from what its payload names (the protocol's `RoomKind`): a service's
 * area is the service it names, else the services of the counter it names; a counter is the counter it names
 * (none for `counterId: null`), else every counter serving the service it names.
 */
export function roomsFor(
  kind: RoomKind,
  about: object,
  counters: readonly { id: number; serviceIds: readonly number[] }[],
): string[] {
  const serviceId = 'serviceId' in about && typeof about.serviceId === 'number' ? about.serviceId : null;
  const counterId = 'counterId' in about && typeof about.counterId === 'number' ? about.counterId : null;
  switch (kind) {
    case 'floor':
      return [FLOOR_ROOM];
    case 'service':
      if (serviceId !== null) return [serviceRoom(serviceId)];
      return (counters.find((c) => c.id === counterId)?.serviceIds ?? []).map(serviceRoom);
    case 'counter':
      if ('counterId' in about) return counterId === null ? [] : [counterRoom(counterId)];
      return counters
        .filter((c) => serviceId !== null && c.serviceIds.includes(serviceId))
        .map((c) => counterRoom(c.id));
  }
}

/** Sends what the streams table lets each namespace carry, and nothing else. */
export class Outbox {
  constructor(private readonly io: Io) {}

  /** A numbered event into one room of `ns`, stamped with that room's `seq`. */
  stamp<N extends NamespaceName>(ns: N, room: string, seq: number, e: Outgoing<NumberedEventOn<N>>): void {
    const out: Outgoing = e;
    this.io
      .of(ns)
      .to(room)
      .emit(out.type, { ...out.data, seq });
  }

  /** An event outside the numbered streams to every socket of `ns`. */
  broadcast<N extends NamespaceName, E extends UnnumberedEventOn<N>>(
    ns: N,
    type: E,
    payload: EventPayload<E>,
  ): void {
    const name: ServerEventName = type;
    this.io.of(ns).emit(name, payload);
  }

  /** An event to one socket of `ns` (its snapshot as it connects, the floor). */
  send<N extends NamespaceName, E extends EventOn<N>>(
    ns: N,
    socket: IoSocket,
    type: E,
    payload: EventPayload<E>,
  ): void {
    if (socket.nsp.name !== ns) throw new Error(`${type} for ${ns} on a socket of ${socket.nsp.name}`);
    const name: ServerEventName = type;
    socket.emit(name, payload);
  }
}
