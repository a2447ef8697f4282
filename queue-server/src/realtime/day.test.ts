import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayChanged, Snapshot } from '@layso/protocol';
import { ManualClock, startHarness, type Harness } from '../testing/harness.js';

const clock = new ManualClock(new Date('2026-12-07T16:59:00Z')); // 23:59 in Vietnam
let h: Harness;
const sockets: Socket[] = [];
beforeAll(async () => {
  h = await startHarness({ clock });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await h.close();
});

function connect(ns: string, token: string): Promise<{ socket: Socket; snapshot: Snapshot }> {
  const socket = io(`${h.url}${ns}`, { auth: { token }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  return new Promise((resolve) =>
    socket.once('snapshot', (snapshot: Snapshot) => resolve({ socket, snapshot })),
  );
}

describe('the service day turning', () => {
  it('tells every socket of every namespace once, and the next snapshot is the new day’s', async () => {
    const admin = await h.api('/api/auth/login', { body: h.credentials.admin });
    const o = h.credentials.officers[0]!;
    const officer = await h.api('/api/auth/login', { body: { username: o.username, password: o.password } });
    const serviceId = h.store.services()[0]!.id;
    const screens = await Promise.all([
      connect('/display', h.credentials.displayToken),
      connect('/kiosk', h.credentials.kioskToken),
      connect('/admin', admin.body.token),
      connect('/counter', officer.body.token),
    ]);
    // A display narrowed to one service is told too: it follows another room, not another namespace.
    const narrowed = io(`${h.url}/display`, {
      auth: { token: h.credentials.displayToken, serviceId },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(narrowed);
    await new Promise((resolve) => narrowed.once('snapshot', resolve));
    for (const { snapshot } of screens) expect(snapshot.day).toBe('2026-12-07');
    const heard: DayChanged[][] = [...screens.map(() => []), []];
    [...screens.map((s) => s.socket), narrowed].forEach((s, i) =>
      s.on('day:changed', (e) => heard[i]!.push(e)),
    );

    clock.set(new Date('2026-12-07T17:00:00Z')); // midnight in Vietnam
    expect(h.server.gateway.checkDay()).toBe(true);
    expect(h.server.gateway.checkDay()).toBe(false);
    // Within the snapshot reuse window: the reading kept from before midnight must not be handed out.
    for (const socket of [...screens.map((s) => s.socket), narrowed]) {
      const again = await socket.emitWithAck('snapshot:request');
      expect(again.value.day).toBe('2026-12-08');
    }
    // Each reply came after its socket's `day:changed` (one ordered link): all have been told by now.
    expect(heard).toEqual(heard.map(() => [{ day: '2026-12-08', at: '2026-12-08T00:00:00.000+07:00' }]));
  });
});
