/**
 * ui-kit's FloorClient (the supervisors' live monitor) against a real queue server: it gets the floor on connect,
 * follows changes, and is refused with an officer's session.
 */
import { describe, expect } from 'vitest';
import { FloorState } from '@layso/protocol';
import { FloorClient } from '@layso/ui-kit';
import { it, login } from '@layso/queue-server/testing';
import { until } from './support/until.js';

describe('FloorClient', () => {
  it('follows the floor of a real server', async ({ center: h }) => {
    const { token } = await login(h, 'admin');
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

  it('is refused with an officer’s session', async ({ center: h }) => {
    const { token } = await login(h, 0);
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
