import { describe, expect } from 'vitest';
import type { PublicTicket } from '@layso/protocol';
import { it } from '../testing/fixture.js';
import { issue, login, next, socket } from '../testing/kit.js';

/** What a refused handshake says (or 'connected' if it was let in). */
const handshake = (s: ReturnType<typeof socket>) =>
  new Promise<string>((resolve) => {
    s.on('connect', () => resolve('connected'));
    s.on('connect_error', (e: Error & { data?: { code?: string } }) => resolve(e.data?.code ?? e.message));
  });

describe('the phone ticket stream (/ticket)', () => {
  it('refuses a forged, unknown or missing code: nothing is heard', async ({ center: h }) => {
    for (const auth of [{ code: 'forgedforged' }, { code: 'x' }, { code: '../../etc' }, {}]) {
      const s = socket(h, '/ticket', auth);
      const heard: unknown[] = [];
      s.onAny((...args: unknown[]) => heard.push(args));
      expect(await handshake(s)).toBe('LAYSO_TICKET_NOT_FOUND');
      expect(heard).toEqual([]);
    }
    // A device's token opens no ticket either: the stream knows only tracking codes.
    const display = socket(h, '/ticket', { token: h.credentials.displayToken });
    expect(await handshake(display)).toBe('LAYSO_TICKET_NOT_FOUND');
  });

  it('follows one ticket: its people ahead as others are called, its call, and only its own', async ({
    center: h,
  }) => {
    const officer = await login(h, 0);
    const serviceId = h.store.counters.byId(officer.counterId)?.serviceIds[0] ?? 0;
    const first = await issue(h, serviceId);
    const mine = await issue(h, serviceId);
    const other = await issue(h, serviceId);

    const phone = socket(h, '/ticket', { code: mine.trackingCode });
    const start = await next<PublicTicket>(phone, 'ticket');
    expect(start).toMatchObject({ number: mine.number, status: 'waiting', expired: false });
    expect(start.centerName).toBeTruthy();
    const heard: PublicTicket[] = [];
    phone.on('ticket', (t: PublicTicket) => heard.push(t));

    const call = () =>
      h.api(`/api/counters/${officer.counterId}/call-next`, { token: officer.token, body: {} });
    const one = next<PublicTicket>(phone, 'ticket');
    expect((await call()).body.ticket.number).toBe(first.number);
    expect((await one).ahead).toBe(start.ahead - 1);

    await h.api(
      `/api/tickets/${(await h.api(`/api/counters/${officer.counterId}/queue`, { token: officer.token })).body.current.id}/no-show`,
      {
        token: officer.token,
        body: {},
      },
    );
    const called = next<PublicTicket>(phone, 'ticket');
    expect((await call()).body.ticket.number).toBe(mine.number);
    expect(await called).toMatchObject({ status: 'called', counterName: expect.any(String), ahead: 0 });
    // Never another ticket's number, never an internal id or personal field.
    expect(heard.every((t) => t.number === mine.number)).toBe(true);
    for (const t of heard) expect(Object.keys(t)).not.toContain('id');
    expect(other.number).not.toBe(mine.number);
  });

  it('leaving the queue cancels the ticket: its phone hears it, the counter never calls it', async ({
    center: h,
  }) => {
    const officer = await login(h, 1);
    const serviceId = h.store.counters.byId(officer.counterId)?.serviceIds[0] ?? 0;
    const leaving = await issue(h, serviceId);
    const staying = await issue(h, serviceId);
    const phone = socket(h, '/ticket', { code: leaving.trackingCode });
    await next<PublicTicket>(phone, 'ticket');
    const cancelled = next<PublicTicket>(phone, 'ticket');
    const left = await h.api(`/api/public/tickets/${leaving.trackingCode}/leave`, { body: {} });
    expect(left.status).toBe(200);
    expect(left.body.status).toBe('cancelled');
    expect((await cancelled).status).toBe('cancelled');
    expect((await h.api(`/api/public/tickets/${leaving.trackingCode}/leave`, { body: {} })).status).toBe(409);
    expect((await h.api(`/api/public/tickets/${leaving.trackingCode}/on-my-way`, { body: {} })).status).toBe(
      409,
    );

    const numbers: string[] = [];
    for (let i = 0; i < 20; i++) {
      const q = await h.api(`/api/counters/${officer.counterId}/queue`, { token: officer.token });
      if (q.body.current)
        await h.api(`/api/tickets/${q.body.current.id}/no-show`, { token: officer.token, body: {} });
      const r = await h.api(`/api/counters/${officer.counterId}/call-next`, {
        token: officer.token,
        body: {},
      });
      if (r.status === 204) break;
      numbers.push(r.body.ticket.number);
    }
    expect(numbers).toContain(staying.number);
    expect(numbers).not.toContain(leaving.number);
  });
});
