import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  NAMESPACES,
  QueueChanged as QueueChangedSchema,
  SettingsChanged,
  NAMESPACE_TABLE,
  REQUESTS,
  STREAMS,
  admits,
  numberedEventsOn,
  roomsOf,
  type AdminServerToClient,
  type CounterClientToServer,
  type CounterServerToClient,
  type DayChanged,
  type DisplayClientToServer,
  type DisplayServerToClient,
  type EventDef,
  type EventPayload,
  type FloorState,
  type KioskServerToClient,
  type NumberedEventName,
  type QueueChanged,
  type RatingRequest,
  type Snapshot,
  type StreamBody,
  type TicketCalled,
} from './index.js';

type Flat<T> = { [K in keyof T]: T[K] };
const numbered = Object.values(STREAMS).filter((d) => d.numbered);

describe('streams table', () => {
  it('routes every numbered event to the rooms the gateway has always sent it to', () => {
    const routes = Object.fromEntries(
      [...new Set(NAMESPACES.flatMap((ns) => numberedEventsOn(ns)))].map((e) => [
        e,
        Object.fromEntries(NAMESPACES.map((ns) => [ns, roomsOf(e, ns).join('+')])),
      ]),
    );
    const screens = { '/display': 'floor+service', '/counter': 'counter', '/kiosk': '', '/admin': 'floor' };
    expect(routes).toEqual({
      'ticket:called': screens,
      'ticket:updated': screens,
      'counter:changed': screens,
      'queue:changed': { ...screens, '/kiosk': 'floor' },
      'rating:request': { '/display': '', '/counter': 'counter', '/kiosk': '', '/admin': '' },
      'printer:fault': { '/display': '', '/counter': '', '/kiosk': '', '/admin': 'floor' },
      'kiosk:printer': { '/display': '', '/counter': '', '/kiosk': '', '/admin': 'floor' },
      'printer:status': { '/display': '', '/counter': '', '/kiosk': 'floor', '/admin': 'floor' },
    });
    expect(numberedEventsOn('/kiosk')).toEqual(['queue:changed', 'printer:status']);
  });

  it('numbers what it routes to rooms, and names the service or counter a room of either is found by', () => {
    for (const def of numbered) {
      const keys = Object.keys(def.payload.shape);
      expect(keys).toContain('seq');
      const rooms: string[] = Object.values(def.to).flat();
      if (rooms.includes('service') || rooms.includes('counter'))
        expect(keys.includes('serviceId') || keys.includes('counterId')).toBe(true);
    }
    for (const def of Object.values(STREAMS).filter(
      (d) => !d.numbered && d.payload !== STREAMS.snapshot.payload,
    ))
      expect(Object.keys(def.payload.shape)).not.toContain('seq');
  });

  it('admits each namespace’s listeners and no one else', () => {
    const display = { device: 'display' } as const;
    const officer = { role: 'officer', seated: true } as const;
    expect(admits(NAMESPACE_TABLE['/display'].listeners, display)).toBe(true);
    expect(admits(NAMESPACE_TABLE['/display'].listeners, officer)).toBe(false);
    expect(admits(NAMESPACE_TABLE['/counter'].listeners, officer)).toBe(true);
    expect(admits(NAMESPACE_TABLE['/counter'].listeners, { ...officer, seated: false })).toBe(false);
    expect(admits(NAMESPACE_TABLE['/admin'].listeners, { role: 'supervisor', seated: false })).toBe(true);
    expect(admits(NAMESPACE_TABLE['/kiosk'].listeners, display)).toBe(false);
    expect(admits(REQUESTS['rating:submit'].senders, { device: 'counter' })).toBe(true);
    expect(admits(REQUESTS['rating:submit'].senders, officer)).toBe(false);
  });

  it('derives the socket.io maps from the table', () => {
    expectTypeOf<Parameters<KioskServerToClient['day:changed']>[0]>().toEqualTypeOf<DayChanged>();
    expectTypeOf<Parameters<AdminServerToClient['floor']>[0]>().toEqualTypeOf<FloorState>();
    expectTypeOf<Parameters<CounterServerToClient['rating:request']>[0]>().toEqualTypeOf<RatingRequest>();
    expectTypeOf<Parameters<DisplayServerToClient['snapshot']>[0]>().toEqualTypeOf<Snapshot>();
    expectTypeOf<keyof KioskServerToClient>().toEqualTypeOf<
      'snapshot' | 'queue:changed' | 'printer:status' | 'settings:changed' | 'day:changed'
    >();
    expectTypeOf<keyof DisplayClientToServer>().toEqualTypeOf<'snapshot:request'>();
    // A published body plus the seq the gateway stamps is exactly the event's payload, for every numbered event.
    expectTypeOf<{ [E in NumberedEventName]: Flat<StreamBody<E> & { seq: number }> }>().toEqualTypeOf<{
      [E in NumberedEventName]: EventPayload<E>;
    }>();

    const hear = (_call: Parameters<DisplayServerToClient['ticket:called']>[0]) => {};
    const queue: QueueChanged = { serviceId: 1, waiting: 2, estimatedWaitMinutes: 10, seq: 3 };
    // @ts-expect-error a queue change is not a call
    hear(queue);
    // @ts-expect-error kiosks are not sent calls
    expectTypeOf<KioskServerToClient['ticket:called']>().toBeFunction();
    // @ts-expect-error the floor is for supervisors only
    expectTypeOf<DisplayServerToClient['floor']>().toBeFunction();
    // @ts-expect-error only counter screens rate
    expectTypeOf<DisplayClientToServer['rating:submit']>().toBeFunction();
    const rate: CounterClientToServer['rating:submit'] = () => {};
    // @ts-expect-error a rating is one of the three levels
    rate({ ticketId: 1, rating: 'great' }, () => {});
    expectTypeOf<TicketCalled>().toEqualTypeOf<EventPayload<'ticket:called'>>();
  });

  it('refuses an entry that breaks its rules', () => {
    const entries: EventDef[] = [
      // @ts-expect-error a numbered event's payload carries its seq
      { payload: SettingsChanged, numbered: true, to: { '/admin': ['floor'] } },
      // @ts-expect-error a kiosk follows the whole floor: it has no service rooms
      { payload: QueueChangedSchema, numbered: true, to: { '/kiosk': ['service'] } },
      // @ts-expect-error outside the numbered streams, a payload has no seq
      { payload: QueueChangedSchema, numbered: false, to: ['/kiosk'] },
    ];
    expect(entries).toHaveLength(3);
  });
});
