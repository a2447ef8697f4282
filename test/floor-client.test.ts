/**
 * ui-kit's FloorClient (the supervisors' live monitor) against a real queue server: it gets the floor on connect,
 * follows changes, and is refused with an officer's session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FloorState } from '@layso/protocol';
import { FloorClient, type FloorFollowState } from '@layso/ui-kit';
import { ManualClock, startHarness, type Harness } from '@layso/queue-server';

let h: Harness;
beforeAll(async () => {
  // A Wednesday morning: the demo's services are issuing whatever day the test runs.
  h = await startHarness({ clock: new ManualClock(new Date('2026-03-11T08:00:00+07:00')) });
});
afterAll(async () => {
  await h.close();
});

function until(client: FloorClient, pred: (s: FloorFollowState) => boolean): Promise<FloorFollowState> {
  return new Promise((resolve) => {
    if (pred(client.getState())) return resolve(client.getState());
    const off = client.subscribe(() => {
      if (pred(client.getState())) {
        off();
        resolve(client.getState());
      }
    });
  });
}

describe('FloorClient', () => {
  it('follows the floor of a real server', async () => {
    const login = await fetch(`${h.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(h.credentials.admin),
    });
    const { token } = (await login.json()) as { token: string };
    const client = new FloorClient({ url: h.url, token }).start();
    try {
      const first = await until(client, (s) => s.status === 'online' && s.floor !== null);
      const floor = FloorState.parse(first.floor);
      const service = floor.services.find((s) => s.issuing)!;
      const issued = await fetch(`${h.url}/api/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${h.credentials.kioskToken}` },
        body: JSON.stringify({ serviceId: service.id }),
      });
      expect(issued.status).toBe(201);
      const next = await until(
        client,
        (s) => s.floor?.services.find((x) => x.id === service.id)?.waiting === service.waiting + 1,
      );
      expect(next.status).toBe('online');
    } finally {
      client.stop();
    }
  });

  it('is refused with an officer’s session', async () => {
    const o = h.credentials.officers[0]!;
    const login = await fetch(`${h.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: o.username, password: o.password }),
    });
    const { token } = (await login.json()) as { token: string };
    const client = new FloorClient({ url: h.url, token }).start();
    try {
      const s = await until(client, (st) => st.status === 'refused');
      expect(s.error?.code).toBe('LAYSO_FORBIDDEN');
      expect(s.floor).toBeNull();
    } finally {
      client.stop();
    }
  });
});
