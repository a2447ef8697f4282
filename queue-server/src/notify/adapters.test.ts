/**
 * The ZNS and SMS adapters against the real HTTP stand-ins (./mock.ts): what each answer means (sent, retry with
 * the provider's wait, dead with a reason and no personal data), the template check before any request, and
 * delivery under faults — retried until sent, every notice reaching the phone once per key even when replies are lost.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NoticeTemplate } from '@layso/protocol';
import { renderTemplate } from '@layso/protocol';
import webpush from 'web-push';
import { createRandom } from '../sim/random.js';
import { isDead, isRetry, type NoticeAdapter, type OutgoingNotice, type SendResult } from './adapter.js';
import { startNotifyMock, type NotifyMock } from './mock.js';
import { WebPushAdapter } from './push.js';
import { newUserAgentKeys } from './rfc8291.js';
import { smsAdapter, smsParts } from './sms.js';
import { znsAdapter } from './zns.js';

const PHONE = '0912345678';
const called: NoticeTemplate = {
  templateId: '301234',
  text: 'Số {number} mời đến {counter} — {center}',
  params: ['number', 'counter', 'center'],
};

function notice(key: string, over: Partial<OutgoingNotice> = {}): OutgoingNotice {
  const params = { number: '1004', counter: 'Quầy 4', center: 'TTPVHCC Vĩnh Long' };
  return {
    key,
    event: 'called',
    channel: 'zns',
    recipient: { kind: 'phone', phone: PHONE },
    template: called,
    params,
    text: renderTemplate(called.text, params),
    url: 'http://127.0.0.1/t/abc',
    ttlSeconds: 600,
    ...over,
  };
}

let mock: NotifyMock;
let zns: NoticeAdapter;
let sms: NoticeAdapter;
beforeEach(async () => {
  mock = await startNotifyMock({
    port: 0,
    // Seeded: the fault tests meet the same faults on every run.
    random: createRandom(19).next,
    zns: { accessToken: 'zns-token', templates: { [called.templateId]: called } },
    sms: { apiKey: 'sms-key', brandnames: ['TTHCC'] },
  });
  zns = znsAdapter({ url: mock.urls.zns, credential: 'zns-token', sender: null, timeoutMs: 2000 });
  sms = smsAdapter({ url: mock.urls.sms, credential: 'sms-key', sender: 'TTHCC', timeoutMs: 2000 });
});
afterEach(async () => {
  await mock.close();
});

/** Retries like the dispatcher would (no waiting: the stand-in's faults are random, not timed); bounded. */
async function deliver(adapter: NoticeAdapter, n: OutgoingNotice, limit = 60): Promise<SendResult[]> {
  const results: SendResult[] = [];
  for (let i = 0; i < limit; i += 1) {
    const r = await adapter.send(n);
    results.push(r);
    if (!isRetry(r)) return results;
  }
  throw new Error(`${n.key} not delivered in ${limit} attempts`);
}

describe('ZNS adapter', () => {
  it('sends the template with its data; the phone shows the rendered text', async () => {
    expect(await zns.send(notice('t1:called'))).toBe('sent');
    const [m] = mock.zns.received();
    expect(m).toMatchObject({ phone: '84912345678', templateId: '301234', trackingId: 't1:called' });
    expect(m?.text).toBe('Số 1004 mời đến Quầy 4 — TTPVHCC Vĩnh Long');
  });

  it('no Zalo account is dead with no_zalo (the SMS fallback), and the reason holds no phone', async () => {
    mock.zns.setNoZalo('84912345678');
    const r = await zns.send(notice('t2:called'));
    expect(r).toEqual({ dead: 'no_zalo', reason: 'ZNS -118: no Zalo account' });
  });

  it('refuses before any request: a link or a phone number in a value, a missing or extra parameter, too long', async () => {
    const bad: Record<string, string>[] = [
      { ...notice('a').params, center: 'xem zalo.me/abc' },
      { ...notice('a').params, counter: '0912 345 678' },
      { number: '1004', counter: 'Quầy 4' },
      { ...notice('a').params, name: 'Nguyễn Văn A' },
      { ...notice('a').params, center: 'x'.repeat(400) },
    ];
    for (const params of bad) {
      const r = await zns.send(notice('t3:called', { params }));
      expect(isDead(r) && r.dead).toBe('template');
      expect(JSON.stringify(r)).not.toMatch(/0912|Nguyễn|zalo\.me/);
    }
    expect(mock.zns.stats().requests).toBe(0);
  });

  it('a wrong token is retried (the configuration), the spent quota is dead', async () => {
    const wrong = znsAdapter({ url: mock.urls.zns, credential: 'old', sender: null, timeoutMs: 2000 });
    expect(await wrong.send(notice('t4:called'))).toEqual({ retry: 'ZNS -124: access token refused' });
    const tight = await startNotifyMock({ port: 0, zns: { dailyQuota: 1 } });
    try {
      const a = znsAdapter({ url: tight.urls.zns, credential: null, sender: null, timeoutMs: 2000 });
      expect(await a.send(notice('q:1'))).toBe('sent');
      expect(await a.send(notice('q:2'))).toMatchObject({ dead: 'quota' });
    } finally {
      await tight.close();
    }
  });

  it('429 is a retry after the Retry-After; a hang past the budget is a timeout; a refused port is a network retry', async () => {
    mock.setFaults('zns', { rateLimitRate: 1, retryAfterSeconds: 30 });
    expect(await zns.send(notice('t5:called'))).toEqual({ retry: 'HTTP 429', after: 30_000 });
    mock.setFaults('zns', { rateLimitRate: 0, hangRate: 1, hangMs: 5000 });
    const quick = znsAdapter({ url: mock.urls.zns, credential: 'zns-token', sender: null, timeoutMs: 100 });
    expect(await quick.send(notice('t5:called'))).toEqual({ retry: 'timeout after 100 ms' });
    const url = mock.urls.zns;
    await mock.close();
    const gone = znsAdapter({ url, credential: 'zns-token', sender: null, timeoutMs: 1000 });
    const r = await gone.send(notice('t5:called'));
    expect(isRetry(r) && r.retry).toMatch(/^network error/);
    mock = await startNotifyMock({ port: 0 });
  });

  it('half the requests failing (errors, drops, 429, lost replies): every notice reaches the phone once', async () => {
    mock.setFaults('zns', {
      errorRate: 0.2,
      dropRate: 0.1,
      rateLimitRate: 0.1,
      failAfterStoreRate: 0.3,
      retryAfterSeconds: 0,
    });
    const keys = Array.from({ length: 30 }, (_, i) => `t${100 + i}:called`);
    for (const key of keys) expect((await deliver(zns, notice(key))).at(-1)).toBe('sent');
    const received = mock.zns.received();
    expect(received.map((m) => m.trackingId).sort()).toEqual([...keys].sort());
    const stats = mock.zns.stats();
    expect(stats.requests).toBeGreaterThan(keys.length);
    expect(stats.duplicates).toBeGreaterThan(0);
  });
});

describe('SMS adapter', () => {
  it('sends with the brandname and counts Vietnamese at 70 characters a part', async () => {
    const n = notice('s1:called', { channel: 'sms' });
    expect(await sms.send(n)).toBe('sent');
    const [m] = mock.sms.received();
    expect(m).toMatchObject({
      to: '84912345678',
      brandname: 'TTHCC',
      requestId: 's1:called',
      text: n.text,
      parts: 1,
    });
    expect(smsParts('a'.repeat(160))).toBe(1);
    expect(smsParts('a'.repeat(161))).toBe(2);
    expect(smsParts('ư'.repeat(70))).toBe(1);
    expect(smsParts('ư'.repeat(71))).toBe(2);
  });

  it('a text over three parts or with a link is dead before any request', async () => {
    const long = notice('s2', { channel: 'sms', text: 'Đợi '.repeat(60) });
    expect(await sms.send(long)).toMatchObject({
      dead: 'template',
      reason: 'text takes 4 SMS parts, over 3',
    });
    const linked = { ...notice('s3').template, text: 'Xem https://x.vn/{number}', params: ['number'] };
    expect(
      await sms.send(notice('s3', { channel: 'sms', template: linked, params: { number: '1' } })),
    ).toMatchObject({
      dead: 'template',
    });
    expect(mock.sms.stats().requests).toBe(0);
  });

  it('a wrong key or an unregistered brandname is retried; a refused phone number is dead', async () => {
    const wrongKey = smsAdapter({ url: mock.urls.sms, credential: 'x', sender: 'TTHCC', timeoutMs: 2000 });
    expect(await wrongKey.send(notice('s4'))).toEqual({ retry: 'SMS HTTP 401: key refused' });
    const wrongName = smsAdapter({
      url: mock.urls.sms,
      credential: 'sms-key',
      sender: 'OTHER',
      timeoutMs: 2000,
    });
    expect(await wrongName.send(notice('s4'))).toEqual({ retry: 'SMS brandname not registered' });
    const r = await sms.send(notice('s4', { recipient: { kind: 'phone', phone: '12345' } }));
    expect(r).toEqual({ dead: 'rejected', reason: 'SMS HTTP 400 code 10' });
  });

  it('half the requests failing: every notice reaches the phone once', async () => {
    mock.setFaults('sms', {
      errorRate: 0.25,
      dropRate: 0.1,
      failAfterStoreRate: 0.3,
      failAfterStoreMode: 'drop',
    });
    const keys = Array.from({ length: 30 }, (_, i) => `s${100 + i}:ahead:5`);
    for (const key of keys) expect((await deliver(sms, notice(key, { channel: 'sms' }))).at(-1)).toBe('sent');
    expect(
      mock.sms
        .received()
        .map((m) => m.requestId)
        .sort(),
    ).toEqual([...keys].sort());
    expect(mock.sms.stats().duplicates).toBeGreaterThan(0);
  });
});

describe('Retry-After, one reading for every adapter', () => {
  const date = new Date(Date.now() + 120_000).toUTCString();
  const answer = (status: number, retryAfter: string) =>
    (async () =>
      new Response(status === 200 ? '{}' : null, {
        status,
        headers: { 'retry-after': retryAfter, 'content-type': 'application/json' },
      })) as typeof fetch;

  it("a push service's Retry-After as an HTTP date is honoured, as delta-seconds is", async () => {
    const browser = newUserAgentKeys();
    const to = (retryAfter: string) =>
      new WebPushAdapter({
        vapid: webpush.generateVAPIDKeys(),
        subject: 'mailto:a@b.vn',
        lookup: async () => ['93.184.216.34'],
        fetchImpl: answer(429, retryAfter),
      });
    const n = notice('p1', {
      channel: 'push',
      recipient: {
        kind: 'push',
        endpoint: 'https://push.example.com/s/1',
        p256dh: browser.publicKey.toString('base64url'),
        auth: browser.auth.toString('base64url'),
      },
    });
    const byDate = await to(date).send(n);
    expect(isRetry(byDate) && byDate.after).toBeGreaterThan(100_000);
    expect(await to('30').send(n)).toEqual({ retry: 'HTTP 429', after: 30_000 });
    expect(await to('soon').send(n)).toEqual({ retry: 'HTTP 429' });
  });

  it("a provider's Retry-After as an HTTP date is honoured (ZNS, SMS)", async () => {
    const adapter = znsAdapter(
      { url: 'https://zns.example.com', credential: 't', sender: null, timeoutMs: 1000 },
      answer(429, date),
    );
    const r = await adapter.send(notice('z1'));
    expect(isRetry(r) && r.after).toBeGreaterThan(100_000);
  });
});

/** A plain-http server on 127.0.0.1 that counts what it receives and answers with `reply`. */
async function local(
  reply: (res: ServerResponse) => void,
): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits += 1;
    req.resume();
    req.on('end', () => reply(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('no request where an endpoint points us (SSRF)', () => {
  const browser = newUserAgentKeys();
  const pushTo = (endpoint: string): OutgoingNotice =>
    notice('p2', {
      channel: 'push',
      recipient: {
        kind: 'push',
        endpoint,
        p256dh: browser.publicKey.toString('base64url'),
        auth: browser.auth.toString('base64url'),
      },
    });
  const vapid = webpush.generateVAPIDKeys();

  it('a redirect is never followed: push gives the notice up, ZNS and SMS fail; the target gets nothing', async () => {
    const target = await local((res) => res.writeHead(201).end('{"error":0,"code":"00"}'));
    const redirector = await local((res) => res.writeHead(307, { location: `${target.url}/internal` }).end());
    try {
      const push = new WebPushAdapter({ vapid, subject: 'mailto:a@b.vn', allowLoopback: true });
      expect(await push.send(pushTo(`${redirector.url}/push/s/1`))).toEqual({
        dead: 'rejected',
        reason: 'HTTP 307 (redirect not followed)',
      });
      const provider = { url: redirector.url, credential: 'k', sender: 'TTHCC', timeoutMs: 2000 };
      expect(await znsAdapter(provider).send(notice('z2'))).toEqual({
        retry: 'HTTP 307: redirect not followed',
      });
      expect(await smsAdapter(provider).send(notice('s2', { channel: 'sms' }))).toEqual({
        retry: 'HTTP 307: redirect not followed',
      });
      expect(redirector.hits()).toBe(3);
      expect(target.hits()).toBe(0);
    } finally {
      await redirector.close();
      await target.close();
    }
  });

  it('checks a push endpoint again at send: an internal address, or a name resolving into our network', async () => {
    let requests = 0;
    const fetchImpl = (async () => {
      requests += 1;
      return new Response(null, { status: 201 });
    }) as typeof fetch;
    const lookup = async (host: string) => (host === 'push.evil.example' ? ['10.0.0.7'] : ['93.184.216.34']);
    const push = new WebPushAdapter({ vapid, subject: 'mailto:a@b.vn', lookup, fetchImpl });
    expect(await push.send(pushTo('https://169.254.169.254/latest'))).toEqual({
      dead: 'rejected',
      reason: 'endpoint refused: an IP address, not a name',
    });
    expect(await push.send(pushTo('http://127.0.0.1:9/push'))).toEqual({
      dead: 'rejected',
      reason: 'endpoint refused: this machine',
    });
    expect(await push.send(pushTo('https://push.evil.example/s/1'))).toEqual({
      dead: 'rejected',
      reason: 'endpoint refused: resolves to a private address',
    });
    expect(requests).toBe(0);
    expect(await push.send(pushTo('https://push.example.com/s/1'))).toBe('sent');
    expect(requests).toBe(1);
  });
});
