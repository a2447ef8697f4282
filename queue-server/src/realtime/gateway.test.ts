import { describe, expect } from 'vitest';
import type { Snapshot } from '@layso/protocol';
import { it } from '../testing/fixture.js';
import { login, next, socket } from '../testing/kit.js';

/** On the small center: services TC, TP, CA; officers 0–2 at counters 1–3. */

describe('realtime gateway', () => {
  it('numbers each stream without gaps, and answers snapshot:request with the current seq', async ({
    center: h,
  }) => {
    const display = socket(h, '/display', { token: h.credentials.displayToken });
    const snap = await next<Snapshot>(display, 'snapshot');
    const seqs: number[] = [];
    display.onAny((_event, payload: { seq?: number }) => {
      if (typeof payload?.seq === 'number') seqs.push(payload.seq);
    });
    const serviceId = h.store.services()[2]!.id;
    const done = new Promise<void>((resolve) => {
      let n = 0;
      display.on('queue:changed', () => {
        if (++n === 3) resolve();
      });
    });
    for (let i = 0; i < 3; i++)
      await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId } });
    await done;
    expect(seqs).toEqual(seqs.map((_, i) => snap.seq + 1 + i));
    const again = await display.emitWithAck('snapshot:request');
    expect(again.ok).toBe(true);
    expect(again.value.seq).toBe(seqs.at(-1));
    expect(
      again.value.services.find((s: { id: number }) => s.id === serviceId).waiting,
    ).toBeGreaterThanOrEqual(3);
  });

  it('gives screens that connect together one reading, and a screen connecting after a change that change', async ({
    center: h,
  }) => {
    const serviceId = h.store.services()[1]!.id;
    const auth = { token: h.credentials.displayToken, serviceId };
    const [a, b] = await Promise.all([
      next<Snapshot>(socket(h, '/display', auth), 'snapshot'),
      next<Snapshot>(socket(h, '/display', auth), 'snapshot'),
    ]);
    expect(b).toEqual({ ...a, at: b.at });
    const waiting = (s: Snapshot) => s.services.find((x) => x.id === serviceId)!.waiting;
    expect(
      (await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId } })).status,
    ).toBe(201);
    // Well within the reuse window of a's reading: c must not be handed it.
    const c = await next<Snapshot>(socket(h, '/display', auth), 'snapshot');
    expect(waiting(c)).toBe(waiting(a) + 1);
    expect(c.seq).toBe(a.seq + 1);
  });

  it('a display narrowed to one service hears only that service', async ({ center: h }) => {
    const [a, b] = h.store.services();
    const display = socket(h, '/display', { token: h.credentials.displayToken, serviceId: a!.id });
    const snap = await next<Snapshot>(display, 'snapshot');
    expect(snap.services.map((s) => s.id)).toEqual([a!.id]);
    const heard: number[] = [];
    display.on('queue:changed', (e: { serviceId: number }) => heard.push(e.serviceId));
    const mine = next(display, 'queue:changed');
    await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId: b!.id } });
    await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId: a!.id } });
    await mine;
    expect(heard).toEqual([a!.id]);
  });

  it('a counter-top screen gets its calls and a rating request; only it may rate, once', async ({
    center: h,
  }) => {
    const o = await login(h, 1);
    const admin = await login(h, 'admin');
    const device = await h.api('/api/admin/devices', {
      token: admin.token,
      body: { kind: 'counter', name: 'Màn hình quầy', counterId: o.counterId },
    });
    const screen = socket(h, '/counter', { token: device.body.token });
    const consoleSocket = socket(h, '/counter', { token: o.token });
    await Promise.all([next(screen, 'snapshot'), next(consoleSocket, 'snapshot')]);
    const serviceId = h.store.counter(o.counterId)!.serviceIds[0]!;
    const issued = await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId } });
    const called = next<{ counterId: number }>(screen, 'ticket:called');
    let ticketId = 0;
    for (let i = 0; i < 100 && ticketId !== issued.body.id; i++) {
      const r = await h.api(`/api/counters/${o.counterId}/call-next`, { token: o.token, method: 'POST' });
      ticketId = r.body.ticket.id;
      if (ticketId !== issued.body.id)
        await h.api(`/api/tickets/${ticketId}/no-show`, { token: o.token, method: 'POST' });
    }
    expect((await called).counterId).toBe(o.counterId);
    const asked = next<{ ticketId: number }>(screen, 'rating:request');
    await h.api(`/api/tickets/${ticketId}/finish`, { token: o.token, body: { outcome: 'guidance' } });
    expect((await asked).ticketId).toBe(ticketId);
    const self = await consoleSocket.emitWithAck('rating:submit', { ticketId, rating: 'very-satisfied' });
    expect(self).toMatchObject({ ok: false, error: { code: 'LAYSO_FORBIDDEN' } });
    const bad = await screen.emitWithAck('rating:submit', { ticketId, rating: 'great' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'LAYSO_VALIDATION' } });
    const ok = await screen.emitWithAck('rating:submit', { ticketId, rating: 'satisfied' });
    expect(ok).toEqual({ ok: true, value: { ticketId } });
    const again = await screen.emitWithAck('rating:submit', { ticketId, rating: 'unsatisfied' });
    expect(again).toMatchObject({ ok: false, error: { code: 'LAYSO_ALREADY_RATED' } });
    expect(h.store.ticket(ticketId)!.rating).toBe('satisfied');
  });

  it('drops the sockets of a session that logs out and of a revoked device', async ({ center: h }) => {
    const o = await login(h, 2);
    const consoleSocket = socket(h, '/counter', { token: o.token });
    await next(consoleSocket, 'snapshot');
    const gone = next(consoleSocket, 'disconnect');
    await h.api('/api/auth/logout', { token: o.token, method: 'POST' });
    await gone;
    const admin = await login(h, 'admin');
    const device = await h.api('/api/admin/devices', {
      token: admin.token,
      body: { kind: 'display', name: 'Tạm' },
    });
    const screen = socket(h, '/display', { token: device.body.token });
    await next(screen, 'snapshot');
    const dropped = next(screen, 'disconnect');
    await h.api(`/api/admin/devices/${device.body.device.id}`, { token: admin.token, method: 'DELETE' });
    await dropped;
    expect(screen.connected).toBe(false);
  });

  it('never puts personal data on a public stream', async ({ center: h }) => {
    const display = socket(h, '/display', { token: h.credentials.displayToken });
    await next(display, 'snapshot');
    const payloads: string[] = [];
    display.onAny((_e, p) => payloads.push(JSON.stringify(p)));
    const serviceId = h.store.services()[2]!.id;
    const heard = next(display, 'queue:changed');
    await h.api('/api/tickets', {
      token: h.credentials.kioskToken,
      body: {
        serviceId,
        intake: { consent: true, fullName: 'Trần Thị Bích', phone: '0987654321', idNumber: '086190000123' },
      },
    });
    await heard;
    const snap = await display.emitWithAck('snapshot:request');
    const all = payloads.join() + JSON.stringify(snap);
    for (const secret of ['Trần Thị Bích', '0987654321', '086190000123']) expect(all).not.toContain(secret);
  });
});
