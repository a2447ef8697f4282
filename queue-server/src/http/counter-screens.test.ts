import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CounterChanged, Snapshot } from '@layso/protocol';
import { startHarness, type Harness } from '../testing/harness.js';
import { issue, login, next, socket } from '../testing/kit.js';

/** What the officer's console, the lobby display and the counter-top screen need from the server. */
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const tokenOf = (url: string) => new URL(url).hash.replace('#token=', '');

describe('confirming the counter', () => {
  it('lists who holds each seat, refuses a held one by name, and moves the session to a free one', async () => {
    const a = await login(h, 0);
    const b = await login(h, 1);
    const counters = await h.api('/api/counters', { token: a.token });
    expect(counters.body.find((c: { id: number }) => c.id === b.counterId).officerName).toBe(
      b.user.displayName,
    );

    const held = await h.api('/api/auth/seat', { token: a.token, body: { counterId: b.counterId } });
    expect(held.status).toBe(409);
    expect(held.body.error).toMatchObject({
      code: 'LAYSO_COUNTER_TAKEN',
      details: { holder: b.user.displayName },
    });
    expect(h.store.counters.byId(a.counterId)!.officerId).not.toBeNull();

    // The last demo officer's counter: nobody in this file signs in there.
    const free = h.store.counters.byId(h.credentials.officers.at(-1)!.counterId)!;
    expect(free.officerId).toBeNull();
    const screen = socket(h, '/counter', { token: a.token });
    await next(screen, 'snapshot');
    const dropped = next(screen, 'disconnect');
    const moved = await h.api('/api/auth/seat', { token: a.token, body: { counterId: free.id } });
    expect(moved.status).toBe(200);
    expect(moved.body.counterId).toBe(free.id);
    // The socket that followed the old counter is dropped so it reconnects into the new one.
    await dropped;
    expect(h.store.counters.byId(a.counterId)!.officerId).toBeNull();
    expect(h.store.counters.byId(free.id)!.officerId).not.toBeNull();
    const queue = await h.api(`/api/counters/${free.id}/queue`, { token: a.token });
    expect(queue.body.counter).toMatchObject({
      id: free.id,
      status: 'open',
      officerName: a.user.displayName,
    });
    const bad = await h.api('/api/auth/seat', { token: a.token, body: { counterId: 999_999 } });
    expect(bad.body.error.code).toBe('LAYSO_COUNTER_NOT_FOUND');
    expect(h.store.counters.byId(free.id)!.officerId).not.toBeNull();
  });
});

describe('signing in before choosing a counter', () => {
  it('counterId null signs in unseated, whoever holds the usual counter; leaving a counter ends its pause', async () => {
    const o = h.credentials.officers[6]!;
    const holder = await login(h, 6);
    const r = await h.api('/api/auth/login', {
      body: { username: o.username, password: o.password, counterId: null },
    });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ counterId: null, homeCounterId: o.counterId });
    // Unseated, it cannot act anywhere yet.
    const act = await h.api(`/api/counters/${o.counterId}/call-next`, {
      token: r.body.token,
      method: 'POST',
    });
    expect(act.body.error.code).toBe('LAYSO_WRONG_COUNTER');

    await h.api(`/api/counters/${holder.counterId}/pause`, {
      token: holder.token,
      body: { paused: true, reason: 'Họp' },
    });
    await h.api('/api/auth/logout', { token: holder.token, method: 'POST' });
    expect(h.store.counters.byId(holder.counterId)).toMatchObject({
      officerId: null,
      paused: false,
      pauseReason: null,
    });
  });

  it('an officer with a citizen at the counter cannot move to another before finishing', async () => {
    const o = await login(h, 7);
    const serviceId = h.store.counters.byId(o.counterId)!.serviceIds[0]!;
    await issue(h, serviceId);
    await h.api(`/api/counters/${o.counterId}/call-next`, { token: o.token, method: 'POST' });
    const other = h.credentials.officers.at(-2)!.counterId;
    const moved = await h.api('/api/auth/seat', { token: o.token, body: { counterId: other } });
    expect(moved.body.error.code).toBe('LAYSO_COUNTER_BUSY');
    expect(h.store.counters.byId(o.counterId)!.officerId).not.toBeNull();
  });
});

describe("the officer's queue", () => {
  it('lists waiting tickets in exactly the order call-next then takes them, priority mix included', async () => {
    const o = await login(h, 2);
    const serviceId = h.store.counters.byId(o.counterId)!.serviceIds[0]!;
    const issued = [];
    for (const p of [
      null,
      'nguoi-cao-tuoi',
      null,
      'nguoi-cao-tuoi',
      'nguoi-cao-tuoi',
      'nguoi-cao-tuoi',
      null,
    ]) {
      issued.push((await issue(h, serviceId, p ? { priority: p } : {})).id);
    }
    const q = await h.api(`/api/counters/${o.counterId}/queue`, { token: o.token });
    expect(q.status).toBe(200);
    expect(q.body.recallLimit).toBe(h.config.RECALL_LIMIT);
    expect(q.body.waitingTotal).toBe(q.body.waiting.length);
    const listed = q.body.waiting.map((t: { id: number }) => t.id);
    // The list's people-ahead figures, computed from the lists in hand, equal the ticket's own.
    for (const w of q.body.waiting as { id: number; ahead: number }[]) {
      const one = await h.api(`/api/tickets/${w.id}`, { token: o.token });
      expect(w.ahead).toBe(one.body.ahead);
    }
    expect([...listed].sort()).toEqual([...issued].sort());
    const called: number[] = [];
    for (;;) {
      const r = await h.api(`/api/counters/${o.counterId}/call-next`, { token: o.token, method: 'POST' });
      if (r.status === 204) break;
      called.push(r.body.ticket.id);
      await h.api(`/api/tickets/${r.body.ticket.id}/no-show`, { token: o.token, method: 'POST' });
    }
    expect(called).toEqual(listed);
    // Priority first, but never more than MAX_PRIORITY_IN_ROW while normals wait: not simply FIFO.
    expect(listed).not.toEqual(issued);
  });
});

describe('the lobby after a reconnect', () => {
  it('a recall is the newest call in a fresh snapshot', async () => {
    const a = await login(h, 9);
    const b = await login(h, 10);
    const first = await issue(h, h.store.counters.byId(a.counterId)!.serviceIds[0]!);
    await issue(h, h.store.counters.byId(b.counterId)!.serviceIds[0]!);
    await h.api(`/api/counters/${a.counterId}/call-next`, { token: a.token, method: 'POST' });
    await h.api(`/api/counters/${b.counterId}/call-next`, { token: b.token, method: 'POST' });
    await h.api(`/api/tickets/${first.id}/recall`, { token: a.token, method: 'POST' });
    const s = await next<Snapshot>(socket(h, '/display', { token: h.credentials.displayToken }), 'snapshot');
    expect(s.recentCalls[0]).toMatchObject({ ticketId: first.id, recall: 1 });
  });
});

describe('pause with a reason, transfer with a note', () => {
  it('screens hear the pause reason; resuming clears it', async () => {
    const o = await login(h, 3);
    const display = socket(h, '/display', { token: h.credentials.displayToken });
    await next<Snapshot>(display, 'snapshot');
    const changed = next<CounterChanged>(display, 'counter:changed');
    const paused = await h.api(`/api/counters/${o.counterId}/pause`, {
      token: o.token,
      body: { paused: true, reason: '  Nghỉ giải lao ' },
    });
    expect(paused.body).toMatchObject({ status: 'paused', pauseReason: 'Nghỉ giải lao' });
    expect(await changed).toMatchObject({
      counterId: o.counterId,
      status: 'paused',
      pauseReason: 'Nghỉ giải lao',
    });
    const snap = socket(h, '/display', { token: h.credentials.displayToken });
    const s = await next<Snapshot>(snap, 'snapshot');
    expect(s.counters.find((c) => c.id === o.counterId)).toMatchObject({
      status: 'paused',
      pauseReason: 'Nghỉ giải lao',
      officerName: o.user.displayName,
    });
    const tooLong = await h.api(`/api/counters/${o.counterId}/pause`, {
      token: o.token,
      body: { paused: true, reason: 'x'.repeat(81) },
    });
    expect(tooLong.body.error.code).toBe('LAYSO_VALIDATION');
    const resumed = await h.api(`/api/counters/${o.counterId}/pause`, {
      token: o.token,
      body: { paused: false },
    });
    expect(resumed.body).toMatchObject({ status: 'open', pauseReason: null });
  });

  it("the next officer reads the sending officer's note; the public ticket does not show it", async () => {
    const o = await login(h, 4);
    const from = h.store.counters.byId(o.counterId)!.serviceIds[0]!;
    const to = h.store.catalogue.services().find((s) => s.id !== from)!.id;
    for (;;) {
      const r = await h.api(`/api/counters/${o.counterId}/call-next`, { token: o.token, method: 'POST' });
      if (r.status === 204) break;
      await h.api(`/api/tickets/${r.body.ticket.id}/no-show`, { token: o.token, method: 'POST' });
    }
    await issue(h, from);
    const called = await h.api(`/api/counters/${o.counterId}/call-next`, { token: o.token, method: 'POST' });
    const moved = await h.api(`/api/tickets/${called.body.ticket.id}/transfer`, {
      token: o.token,
      body: { serviceId: to, note: 'Đã kiểm tra đủ giấy tờ' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.transferNote).toBe('Đã kiểm tra đủ giấy tờ');
    const page = await fetch(`${h.url}/t/${moved.body.trackingCode}`).then((r) => r.text());
    expect(page).not.toContain('Đã kiểm tra');
  });
});

describe('counter-top screens', () => {
  it('one paired screen per counter; it asks for a rating after finish and stores the reason', async () => {
    expect(h.credentials.counterTopUrls).toHaveLength(h.store.counters.all().length);
    const o = await login(h, 5);
    const top = h.credentials.counterTopUrls.find((c) => c.counterId === o.counterId)!;
    expect(top.url).toMatch(new RegExp(`/counter-top/${o.counterId}#token=`));
    const screen = socket(h, '/counter', { token: tokenOf(top.url) });
    const snap = await next<Snapshot>(screen, 'snapshot');
    expect(snap.counters.find((c) => c.id === o.counterId)?.officerName).toBe(o.user.displayName);

    const settings = await h.api('/api/screens/settings', { token: tokenOf(top.url) });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ ratingSeconds: 30, voicePackUrl: '/voice-pack/' });
    expect(settings.body.announce.template).toContain('{number}');
    expect((await h.api('/api/screens/settings', { token: h.credentials.kioskToken })).status).toBe(403);

    const serviceId = h.store.counters.byId(o.counterId)!.serviceIds[0]!;
    for (const [rating, reason, stored] of [
      ['unsatisfied', 'long-wait', 'long-wait'],
      ['satisfied', 'attitude', null],
    ] as const) {
      const t = await issue(h, serviceId);
      let called;
      do {
        called = await h.api(`/api/counters/${o.counterId}/call-next`, { token: o.token, method: 'POST' });
        if (called.body.ticket.id !== t.id)
          await h.api(`/api/tickets/${called.body.ticket.id}/no-show`, { token: o.token, method: 'POST' });
      } while (called.body.ticket.id !== t.id);
      const asked = next<{ ticketId: number }>(screen, 'rating:request');
      await h.api(`/api/tickets/${t.id}/finish`, { token: o.token, body: { outcome: 'guidance' } });
      expect((await asked).ticketId).toBe(t.id);
      const bad = await screen.emitWithAck('rating:submit', { ticketId: t.id, rating, reason: 'bored' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'LAYSO_VALIDATION' } });
      const ok = await screen.emitWithAck('rating:submit', { ticketId: t.id, rating, reason });
      // After "Không hài lòng", the feedback form's address for this ticket (issue 22).
      const form = `${h.server.ctx.queue.publicBase()}/pa?t=${t.trackingCode}&from=rating`;
      const feedback = rating === 'unsatisfied' ? { feedbackUrl: form } : {};
      expect(ok).toEqual({ ok: true, value: { ticketId: t.id, ...feedback } });
      const row = h.store.db.prepare('SELECT rating, rating_reason FROM tickets WHERE id = ?').get(t.id) as {
        rating: string;
        rating_reason: string | null;
      };
      expect(row).toEqual({ rating, rating_reason: stored });
    }
  });
});
