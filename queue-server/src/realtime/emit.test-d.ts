/**
 * Type tests, checked by `tsc -p queue-server` (not run): the gateway's only way to send refuses an event the
 * streams table does not route to a namespace, and a payload that is not the event's. Each `@ts-expect-error`
 * fails the typecheck the day it stops being an error.
 */
import type { FloorState, Snapshot } from '@layso/protocol';
import type { Outbox, IoSocket } from './emit.js';

export function refusals(out: Outbox, socket: IoSocket, floor: FloorState, snap: Snapshot): void {
  const ask = { ticketId: 1, number: '1001', counterId: 2 };
  out.stamp('/counter', 'counter:2', 1, { type: 'rating:request', data: ask });
  // @ts-expect-error a rating request goes to counters only, never to a kiosk
  out.stamp('/kiosk', 'all', 1, { type: 'rating:request', data: ask });
  // @ts-expect-error a queue change is not a rating request
  out.stamp('/counter', 'counter:2', 1, { type: 'queue:changed', data: ask });
  // @ts-expect-error the body is stamped with its room's seq: it carries none of its own
  out.stamp('/counter', 'counter:2', 1, { type: 'rating:request', data: { ...ask, seq: 3 } });

  out.broadcast('/admin', 'floor', floor);
  // @ts-expect-error the floor is for supervisors (/admin) only
  out.broadcast('/display', 'floor', floor);
  // @ts-expect-error numbered events go to rooms through stamp(), never to every socket
  out.broadcast('/display', 'ticket:updated', {
    ticketId: 1,
    number: '1',
    serviceId: 1,
    status: 'done',
    counterId: null,
  });
  out.broadcast('/kiosk', 'day:changed', { day: '2026-12-08', at: '2026-12-08T00:00:05+07:00' });
  // @ts-expect-error the day is a YYYY-MM-DD string, and `at` is required
  out.broadcast('/kiosk', 'day:changed', { day: 20261208 });

  out.send('/kiosk', socket, 'snapshot', snap);
  // @ts-expect-error a snapshot is not a floor
  out.send('/admin', socket, 'floor', snap);
}
