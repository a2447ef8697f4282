import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_CONSENT, PushPayload, type Ticket } from '@layso/protocol';
import { seedSmallCenter } from '../testing/center.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { issue, login, type Session } from '../testing/kit.js';
import { startNotifyMock, type NotifyMock } from './mock.js';

/**
 * "N ahead" (default 5) follows the queue as it moves: a ticket leaving from its phone moves those behind it up, and a
 * notice held back by an outage goes out with the figure of when it is sent, not of when it was planned.
 */
let h: Harness;
let mock: NotifyMock;
let officer: Session;
let serviceId: number;

beforeAll(async () => {
  mock = await startNotifyMock({ port: 0 });
  h = await startHarness({
    seed: seedSmallCenter,
    env: { ALLOW_HTTP_UPSTREAM: 'true' },
    notices: { dispatch: { backoff: { baseMs: 5, capMs: 50 }, idleMs: 100, maxStrikes: 1000 } },
  });
  officer = await login(h, 0);
  serviceId = h.store.counters.byId(officer.counterId)?.serviceIds[0] ?? 0;
});

afterAll(async () => {
  await h.close();
  await mock.close();
});

async function callNext(): Promise<Ticket> {
  const r = await h.api(`/api/counters/${officer.counterId}/call-next`, {
    token: officer.token,
    method: 'POST',
  });
  expect(r.status).toBe(200);
  return r.body.ticket as Ticket;
}
async function noShow(id: number): Promise<void> {
  const r = await h.api(`/api/tickets/${id}/no-show`, { token: officer.token, method: 'POST' });
  expect(r.status).toBe(200);
}
async function drainQueue(): Promise<void> {
  const current = h.store.counters.byId(officer.counterId)?.currentTicketId;
  if (current) await noShow(current);
  for (let i = 0; i < 100; i += 1) {
    const r = await h.api(`/api/counters/${officer.counterId}/call-next`, {
      token: officer.token,
      method: 'POST',
    });
    if (r.status === 204) return;
    await noShow((r.body.ticket as Ticket).id);
  }
}
async function subscribe(t: Ticket): Promise<string> {
  const sub = mock.push.subscribe();
  const r = await h.api(`/api/public/tickets/${t.trackingCode}/push`, {
    method: 'POST',
    body: { endpoint: sub.endpoint, keys: sub.keys, consentVersion: NOTICE_CONSENT.version },
  });
  expect(r.status).toBe(200);
  return sub.id;
}
async function queueOf(n: number): Promise<Ticket[]> {
  const tickets: Ticket[] = [];
  for (let i = 0; i < n; i += 1) tickets.push(await issue(h, serviceId));
  return tickets;
}
const aheadRows = (t: Ticket) => h.store.notices.forKey(`t${t.id}:ahead`);

describe('"N ahead" as the queue moves', { timeout: 30_000 }, () => {
  it('is planned when tickets ahead leave from their phones, without waiting for the next call', async () => {
    await drainQueue();
    const tickets = await queueOf(8);
    const mine = tickets[7] as Ticket;
    expect(mine.ahead).toBe(7);
    await subscribe(mine);
    expect(aheadRows(mine)).toHaveLength(0);
    for (const t of tickets.slice(0, 2)) {
      const r = await h.api(`/api/public/tickets/${t.trackingCode}/leave`, { method: 'POST' });
      expect(r.status).toBe(200);
    }
    // Planned in the leave's own transaction: 7 → 5.
    expect(aheadRows(mine).map((n) => n.params.ahead)).toEqual(['5']);
  });

  it('goes out after an outage with the people ahead at sending, not at planning', async () => {
    await drainQueue();
    mock.setFaults('push', { down: true });
    const tickets = await queueOf(8);
    const mine = tickets[7] as Ticket;
    const sub = await subscribe(mine);
    for (let i = 0; i < 2; i += 1) await noShow((await callNext()).id);
    expect(aheadRows(mine).map((n) => n.params.ahead)).toEqual(['5']);
    // The push service is still down while four more are called: 5 → 1.
    for (let i = 0; i < 4; i += 1) await noShow((await callNext()).id);
    expect(aheadRows(mine).map((n) => n.params.ahead)).toEqual(['1']);
    mock.setFaults('push', { down: false });
    await mock.until(() => mock.push.received(sub).length >= 1);
    const got = mock.push.received(sub).map((m) => PushPayload.parse(JSON.parse(m.text)));
    expect(got.map((p) => p.event)).toEqual(['ahead']);
    expect(got[0]?.body).toContain(`Số ${mine.number}: còn 1 người`);
  });
});
