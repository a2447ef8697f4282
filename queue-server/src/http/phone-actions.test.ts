import { NOTICE_CONSENT } from '@layso/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSmallCenter } from '../testing/center.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { issue, login } from '../testing/kit.js';

/**
 * The phone page's actions: limited per ticket and address (PHONE_ACTIONS_PER_TICKET) and per address
 * (PHONE_ACTIONS_PER_SOURCE), and "on my way" told once.
 */
let h: Harness;
let serviceId: number;

beforeAll(async () => {
  h = await startHarness({
    seed: seedSmallCenter,
    env: { PHONE_ACTIONS_PER_TICKET: '3/10m', PHONE_ACTIONS_PER_SOURCE: '5/10m' },
  });
  const officer = await login(h, 0);
  serviceId = h.store.counters.byId(officer.counterId)?.serviceIds[0] ?? 0;
});

afterAll(async () => {
  await h.close();
});

describe('phone actions', () => {
  it('are limited per ticket, then per address: on my way, leave, notices on and off share the windows', async () => {
    const [a, b, c] = [await issue(h, serviceId), await issue(h, serviceId), await issue(h, serviceId)];
    const path = (t: { trackingCode: string }) => `/api/public/tickets/${t.trackingCode}`;
    for (let i = 0; i < 3; i += 1) {
      expect((await h.api(`${path(a)}/on-my-way`, { method: 'POST' })).status).toBe(200);
    }
    // Ticket a's window is spent; the same address acts on another ticket (phones sharing a hall's Wi-Fi).
    const refusedA = await h.api(`${path(a)}/leave`, { method: 'POST' });
    expect(refusedA.status).toBe(429);
    expect((await h.api(`${path(b)}/on-my-way`, { method: 'POST' })).status).toBe(200);
    // Five from the address now: every action on any ticket is refused until the window ends.
    const refused = [
      refusedA,
      await h.api(`${path(b)}/on-my-way`, { method: 'POST' }),
      await h.api(`${path(c)}/leave`, { method: 'POST' }),
      await h.api(`${path(c)}/push`, {
        method: 'DELETE',
        body: { endpoint: 'https://push.example.invalid/s/1' },
      }),
      await h.api(`${path(c)}/push`, {
        method: 'POST',
        body: {
          endpoint: 'https://push.example.com/s/1',
          keys: { p256dh: 'B'.repeat(87), auth: 'A'.repeat(22) },
          consentVersion: NOTICE_CONSENT.version,
        },
      }),
    ];
    for (const r of refused) {
      expect(r.status).toBe(429);
      expect(r.body.error.code).toBe('LAYSO_PHONE_ACTION_LIMIT');
      expect(r.body.error.message).toMatch(/^Quá nhiều thao tác .+ \/ Too many actions/);
    }
    // Refused means not done: the tickets still wait.
    expect(h.store.tickets.byId(a.id)?.status).toBe('waiting');
    expect(h.store.tickets.byId(c.id)?.status).toBe('waiting');
  });

  it('"on my way" said again tells the screens nothing new', async () => {
    const t = await issue(h, serviceId);
    const first = h.server.ctx.queue.onMyWayFrom(t.trackingCode);
    expect(first.events.map((e) => e.type)).toEqual(['ticket:updated']);
    expect(h.server.ctx.queue.onMyWayFrom(t.trackingCode).events).toEqual([]);
  });

  it('"on my way" shows on the ticket while it is called, and no longer once the citizen was let go', async () => {
    const queue = h.server.ctx.queue;
    const t = await issue(h, serviceId);
    queue.onMyWayFrom(t.trackingCode);
    const officer = await login(h, 0);
    const actor = { counterId: officer.counterId, officerId: officer.user.id };
    // Call (and let go) whoever is ahead of it, until it is called.
    for (let called = queue.callNext(actor).value; called; called = queue.callNext(actor).value) {
      if (called.id === t.id) break;
      queue.noShow(called.id, actor);
    }
    const row = () => h.store.tickets.byId(t.id) ?? expect.unreachable('ticket gone');
    expect(row().status).toBe('called');
    expect(queue.view(row()).onMyWayAt).not.toBeNull();
    queue.noShow(t.id, actor);
    expect(queue.view(row()).onMyWayAt).toBeNull();
  });
});
