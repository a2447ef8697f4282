import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_CONSENT, PushPayload, type Ticket } from '@layso/protocol';
import type { Harness } from '../testing/harness.js';
import { issue, type Session } from '../testing/kit.js';
import type { NotifyMock } from './mock.js';
import { startNoticesLab, type NoticesLab } from './notices-lab.js';
import { applyDossierStatus } from './planner.js';
import { readNoticeConfig, saveNoticeConfig } from './settings.js';

/** Web Push end to end (issue 19), on the notices lab (./notices-lab.ts); ZNS and SMS: ./notices-phone.test.ts. */
let lab: NoticesLab;
let h: Harness;
let mock: NotifyMock;
let serviceId: number;
let counterName: string;
let officer: Session;

beforeAll(async () => {
  lab = await startNoticesLab();
  ({ h, mock, officer, serviceId, counterName } = lab);
});

afterAll(() => lab.close());

const callNext = () => lab.callNext();
const noShow = (id: number) => lab.noShow(id);
const drainQueue = () => lab.drainQueue();
const settled = (done: () => boolean) => lab.settled(done);
/** Subscribes a new browser of the push stand-in to `t`'s notices; `at`: another push service's base URL. */
async function subscribe(t: Ticket, at?: string): Promise<string> {
  const sub = mock.push.subscribe();
  const endpoint = at ? `${at}/push/s/${sub.id}` : sub.endpoint;
  const r = await h.api(`/api/public/tickets/${t.trackingCode}/push`, {
    method: 'POST',
    body: { endpoint, keys: sub.keys, consentVersion: NOTICE_CONSENT.version },
  });
  expect(r.status).toBe(200);
  expect(r.body.subscribed).toBe(true);
  return sub.id;
}
/** Another push service on 127.0.0.1 (another origin than the stand-in): counts requests, answers with `reply`. */
async function pushService(reply: (res: ServerResponse) => void) {
  let hits = 0;
  let reached = (): void => undefined;
  const first = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const server = createServer((req, res) => {
    hits += 1;
    reached();
    req.resume();
    req.on('end', () => reply(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    reached: first,
    hits: () => hits,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
const pushes = (id: string) => mock.push.received(id).map((m) => PushPayload.parse(JSON.parse(m.text)));
const rowsOf = (ticketId: number) =>
  h.store.notices.forKey(`t${ticketId}:ahead`).concat(h.store.notices.forKey(`t${ticketId}:called`));

describe('Web Push to the phone page', { timeout: 30_000 }, () => {
  it('tells "5 ahead" once, then "called" with the counter; the stand-in decrypts both', async () => {
    await drainQueue();
    const tickets: Ticket[] = [];
    for (let i = 0; i < 8; i += 1) tickets.push(await issue(h, serviceId));
    const mine = tickets[7] as Ticket;
    expect(mine.ahead).toBe(7);
    const sub = await subscribe(mine);
    // 7 → 6: nothing yet; 6 → 5: "ahead"; 5 → 4: nothing more (once per ticket).
    for (let i = 0; i < 3; i += 1) await noShow((await callNext()).id);
    await mock.until(() => mock.push.received(sub).length >= 1);
    for (let i = 0; i < 4; i += 1) await noShow((await callNext()).id);
    const called = await callNext();
    expect(called.id).toBe(mine.id);
    await mock.until(() => mock.push.received(sub).length >= 2);
    const got = pushes(sub);
    expect(got.map((p) => p.event)).toEqual(['ahead', 'called']);
    expect(got[0]?.body).toContain(`Số ${mine.number}: còn 5 người`);
    expect(got[1]).toMatchObject({ number: mine.number, counter: counterName, tag: `t${mine.id}:called` });
    expect(got[1]?.body).toContain(counterName);
    expect(got[1]?.url).toBe(`${h.config.publicUrl}/t/${mine.trackingCode}`);
    // VAPID was sent with the server's own subject; the keys live in DATA_DIR.
    expect(mock.push.received(sub)[0]?.vapidSubject).toBe(h.config.VAPID_SUBJECT);
    await noShow(called.id);
  });

  it('drops "ahead" that could not go before the call (stale), and sends "called" once the push service is back', async () => {
    await drainQueue();
    const tickets: Ticket[] = [];
    for (let i = 0; i < 3; i += 1) tickets.push(await issue(h, serviceId));
    mock.setFaults('push', { down: true });
    const mine = tickets[2] as Ticket;
    const sub = await subscribe(mine);
    // 2 ahead ≤ 5: "ahead" planned at once, but the push service is down.
    await noShow((await callNext()).id);
    await noShow((await callNext()).id);
    expect((await callNext()).id).toBe(mine.id);
    mock.setFaults('push', { down: false });
    await mock.until(() => mock.push.received(sub).length >= 1);
    const rows = rowsOf(mine.id);
    const ahead = rows.find((r) => r.event === 'ahead');
    // Let the dispatcher settle on the stale one: it is dropped the first time it is looked at after the call.
    await settled(() => h.store.notices.byId(ahead?.id ?? 0)?.droppedAt != null);
    expect(h.store.notices.byId(ahead?.id ?? 0)?.lastError).toMatch(/^stale/);
    expect(pushes(sub).map((p) => p.event)).toEqual(['called']);
    await noShow(mine.id);
  });

  it('a push service that hangs, or says to wait 10 minutes, holds only its own notices: others are called at once', async () => {
    await drainQueue();
    const hanging = await pushService(() => undefined);
    const waiting = await pushService((res) => res.writeHead(503, { 'retry-after': '600' }).end());
    try {
      const [a, c, b] = [await issue(h, serviceId), await issue(h, serviceId), await issue(h, serviceId)];
      // Each within "5 ahead": its "ahead" is planned at subscribing and tried at once.
      await subscribe(a, hanging.url);
      await hanging.reached;
      await subscribe(c, waiting.url);
      await waiting.reached;
      const sub = await subscribe(b);
      for (const t of [a, c]) {
        expect((await callNext()).id).toBe(t.id);
        await noShow(t.id);
      }
      expect((await callNext()).id).toBe(b.id);
      // The hanging attempt is still open (NOTICES_TIMEOUT_SECONDS=30) and the other service said 600 s.
      await mock.until(() => pushes(sub).some((p) => p.event === 'called'), 15_000);
      expect(pushes(sub).map((p) => p.event)).toEqual(['ahead', 'called']);
      expect(waiting.hits()).toBe(1);
      const held = h.store.notices.forKey(`t${c.id}:called`)[0];
      expect(held?.sentAt).toBeNull();
      await noShow(b.id);
    } finally {
      await hanging.close();
      await waiting.close();
    }
  });

  it('keeps at most 3 browsers a ticket (the oldest gives way)', async () => {
    const t = await issue(h, serviceId);
    const notices = h.server.ctx.notices;
    const endpoints: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const sub = mock.push.subscribe();
      endpoints.push(sub.endpoint);
      const body = { endpoint: sub.endpoint, keys: sub.keys, consentVersion: NOTICE_CONSENT.version };
      notices.subscribe(t.trackingCode, body, h.server.ctx.queue.aheadOf);
    }
    expect(h.store.pushSubscriptions.byTicket(t.id).map((s) => s.endpoint)).toEqual(endpoints.slice(1));
  });

  it('removes a subscription the push service says is gone (410); nothing more is sent to it', async () => {
    await drainQueue();
    const mine = await issue(h, serviceId);
    const sub = mock.push.subscribe();
    mock.push.unsubscribe(sub.id);
    const r = await h.api(`/api/public/tickets/${mine.trackingCode}/push`, {
      method: 'POST',
      body: { endpoint: sub.endpoint, keys: sub.keys, consentVersion: NOTICE_CONSENT.version },
    });
    expect(r.status).toBe(200);
    // Nobody ahead: "ahead" is planned at once, and the push service answers 410.
    const ahead = () => h.store.notices.forKey(`t${mine.id}:ahead`)[0];
    await settled(() => ahead()?.deadAt != null);
    expect(ahead()?.deadReason).toBe('gone (410)');
    expect(h.store.pushSubscriptions.byTicket(mine.id)).toHaveLength(0);
    await callNext();
    expect(h.store.notices.forKey(`t${mine.id}:called`)).toHaveLength(0);
    await noShow(mine.id);
  });

  it('tells a recall, then "result ready" when the province says the dossier is processed', async () => {
    await drainQueue();
    const c = readNoticeConfig(h.store);
    // Result-ready is not urgent: quiet hours would hold it (tested in settings.test.ts).
    saveNoticeConfig(h.store, { ...c, quietHours: null });
    const mine = await issue(h, serviceId);
    const sub = await subscribe(mine);
    expect((await callNext()).id).toBe(mine.id);
    const recall = await h.api(`/api/tickets/${mine.id}/recall`, { token: officer.token, method: 'POST' });
    expect(recall.status).toBe(200);
    const code = '000.00.01.H61-261207-0042';
    const done = await h.api(`/api/tickets/${mine.id}/finish`, {
      token: officer.token,
      method: 'POST',
      body: { outcome: 'received', dossier: { code } },
    });
    expect(done.status).toBe(200);
    h.store.transaction(() =>
      applyDossierStatus(
        h.store,
        h.server.ctx.notices.planner,
        { MaHoSo: code, TrangThaiHoSo: 9, NgayHenTra: null, NoiTraKetQua: 'Quầy trả kết quả số 2' },
        'push',
        new Date(),
      ),
    );
    h.server.ctx.notices.dispatcher.wake();
    await mock.until(() => pushes(sub).some((p) => p.event === 'result_ready'));
    const got = pushes(sub);
    expect(got.map((p) => p.event)).toEqual(['ahead', 'called', 'recalled', 'result_ready']);
    expect(got[3]?.body).toBe(`Hồ sơ ${code} đã có kết quả. Mời nhận tại Quầy trả kết quả số 2.`);
    expect(got[3]?.url).toBe(`${h.config.publicUrl}/h/${encodeURIComponent(code)}`);
    saveNoticeConfig(h.store, c);
  });

  it('refuses a subscription with an unusable key, to an unknown ticket, or to an endpoint that is not a public https name', async () => {
    const t = await issue(h, serviceId);
    const sub = mock.push.subscribe();
    const post = (code: string, body: object) =>
      h.api(`/api/public/tickets/${code}/push`, { method: 'POST', body });
    const good = { endpoint: sub.endpoint, keys: sub.keys, consentVersion: NOTICE_CONSENT.version };
    expect((await post('nosuchcode1', good)).status).toBe(404);
    const badKey = { ...good, keys: { p256dh: 'A'.repeat(87), auth: sub.keys.auth } };
    expect((await post(t.trackingCode, badKey)).body.error.code).toBe('LAYSO_PUSH_ENDPOINT_REFUSED');
    // Anyone with the QR may subscribe: nothing that points the server into its own network (SSRF).
    for (const endpoint of [
      'http://push.example.com/s/1',
      'https://10.0.0.5/push',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.1.1/push',
      'https://[fd00::1]/push',
      'https://8.8.8.8/push',
      'https://metadata/computeMetadata',
      'https://printer.local/push',
      'https://db.internal/push',
      'https://nas.lan/push',
    ]) {
      const r = await post(t.trackingCode, { ...good, endpoint });
      expect(r.status, endpoint).toBe(400);
      expect(r.body.error.code, endpoint).toBe('LAYSO_PUSH_ENDPOINT_REFUSED');
      expect(r.body.error.message).toBe(
        "Địa chỉ nhận thông báo của trình duyệt không được chấp nhận / The browser's push endpoint is not accepted",
      );
    }
    expect(h.store.pushSubscriptions.byTicket(t.id)).toHaveLength(0);
    const off = await h.api(`/api/public/tickets/${t.trackingCode}/push`, {
      method: 'DELETE',
      body: { endpoint: sub.endpoint },
    });
    expect(off.body).toEqual({ subscribed: false, events: [] });
    const key = await h.api('/api/public/push-key');
    expect(key.body).toMatchObject({ enabled: true });
    expect(Buffer.from(String(key.body.publicKey), 'base64url')).toHaveLength(65);
  });
});
