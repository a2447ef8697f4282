import { describe, expect, it } from 'vitest';
import type { io as realIo } from 'socket.io-client';
import type { FloorState } from '@layso/protocol';
import { FloorClient } from './floor.js';

const floor = (at: string, waiting: number): FloorState => ({
  at,
  day: '2026-03-11',
  services: [
    {
      id: 1,
      code: 'tp',
      name: 'Sở Tư pháp',
      waiting,
      waitingPriority: 0,
      longestWaitingSince: waiting ? '2026-03-11T08:00:00.000+07:00' : null,
      estimatedWaitMinutes: waiting * 3,
      openCounters: 1,
      issuing: true,
      notIssuingReason: null,
      issuedToday: waiting,
      servedToday: 0,
    },
  ],
  counters: [],
  devices: [],
  outbox: { pending: 0, dead: 0, oldestPendingAt: null, province: 'off' },
  alerts: [],
});

/** A socket.io-client socket as far as FloorClient uses it; the test plays the server. */
class FakeSocket {
  readonly handlers = new Map<string, ((...a: any[]) => void)[]>();
  /** `floor:request` acks waiting for the "server". */
  readonly asks: ((reply: unknown) => void)[] = [];
  connects = 0;
  constructor(
    readonly url: string,
    readonly opts: { auth: { token: string } },
  ) {}
  on(event: string, fn: (...a: any[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  emit(event: string, ack: (reply: unknown) => void) {
    if (event === 'floor:request') this.asks.push(ack);
    return this;
  }
  connect() {
    this.connects += 1;
    return this;
  }
  disconnect() {
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const fn of this.handlers.get(event) ?? []) fn(...args);
  }
}

function start() {
  let socket: FakeSocket | undefined;
  const io = ((url: string, opts: { auth: { token: string } }) =>
    (socket = new FakeSocket(url, opts))) as unknown as typeof realIo;
  const client = new FloorClient({ url: 'http://server/', token: 's_abc', io }).start();
  return { client, socket: socket! };
}

describe('FloorClient', () => {
  it('follows /admin with the session token, keeps the latest floor, and asks for it on every (re)connect', () => {
    const { client, socket } = start();
    expect(socket.url).toBe('http://server/admin');
    expect(socket.opts.auth).toEqual({ token: 's_abc' });
    expect(client.getState()).toEqual({ status: 'connecting', floor: null, error: null });

    let renders = 0;
    client.subscribe(() => (renders += 1));
    socket.fire('connect');
    expect(socket.asks).toHaveLength(1);
    socket.fire('floor', floor('2026-03-11T08:00:00.000+07:00', 0));
    expect(client.getState()).toMatchObject({ status: 'online', error: null });
    socket.asks.shift()!({ ok: true, value: floor('2026-03-11T08:00:00.100+07:00', 1) });
    expect(client.getState().floor?.services[0]?.waiting).toBe(1);
    socket.fire('floor', floor('2026-03-11T08:00:01.000+07:00', 2));
    expect(client.getState().floor?.services[0]?.waiting).toBe(2);
    expect(renders).toBe(3);

    // The link drops: the last floor stays (the monitor says how old it is); a reconnect asks again.
    socket.fire('disconnect', 'transport close');
    expect(client.getState()).toMatchObject({
      status: 'offline',
      floor: { at: '2026-03-11T08:00:01.000+07:00' },
    });
    socket.fire('connect');
    expect(client.requests).toBe(2);
    socket.asks.shift()!({ ok: false, error: { code: 'LAYSO_INTERNAL', message: 'x' } });
    expect(client.getState().status).toBe('offline');
    socket.fire('floor', floor('2026-03-11T08:05:00.000+07:00', 0));
    expect(client.getState()).toMatchObject({
      status: 'online',
      floor: { at: '2026-03-11T08:05:00.000+07:00' },
    });
  });

  it('says when the server refuses the session, and knocks again after the server drops it', () => {
    const { client, socket } = start();
    socket.fire('disconnect', 'io server disconnect');
    expect(socket.connects).toBe(1);
    const refusal = Object.assign(new Error('Forbidden'), {
      data: { code: 'LAYSO_FORBIDDEN', message: 'Không có quyền' },
    });
    socket.fire('connect_error', refusal);
    expect(client.getState()).toMatchObject({
      status: 'refused',
      error: { code: 'LAYSO_FORBIDDEN', message: 'Không có quyền' },
    });
    // A reply that arrives after stop() changes nothing.
    socket.fire('connect');
    client.stop();
    socket.asks.shift()!({ ok: true, value: floor('2026-03-11T09:00:00.000+07:00', 4) });
    expect(client.getState().floor).toBeNull();
  });
});
