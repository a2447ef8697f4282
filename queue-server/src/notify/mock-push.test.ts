/**
 * The Web Push stand-in against the `web-push` library's own encryption and VAPID signing: what it decrypts is
 * what the library encrypted (RFC 8291 aes128gcm, RFC 8292 VAPID), it answers RFC 8030's 201 + Location, and a
 * removed subscription answers 410. web-push speaks https only, so the request it builds is sent with fetch.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { startNotifyMock, type NotifyMock } from './mock.js';
import { decryptAes128gcm, DecryptError, newUserAgentKeys } from './rfc8291.js';

const vapid = webpush.generateVAPIDKeys();
const vapidDetails = { subject: 'mailto:admin@example.vn', ...vapid };

let mock: NotifyMock;
beforeEach(async () => {
  mock = await startNotifyMock({ port: 0 });
});
afterEach(async () => {
  await mock.close();
});

/** Encrypts and signs with web-push, then POSTs what it built. */
async function send(
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } },
  payload: string,
  options: Record<string, unknown> = {},
): Promise<Response> {
  const details = webpush.generateRequestDetails(subscription, payload, {
    vapidDetails,
    TTL: 600,
    ...options,
  });
  return fetch(details.endpoint, {
    method: details.method,
    headers: details.headers as Record<string, string>,
    body: details.body ?? undefined,
  });
}

describe('Web Push stand-in', () => {
  it('decrypts what web-push encrypted and answers 201 with the message Location', async () => {
    const sub = mock.push.subscribe();
    const text = JSON.stringify({ event: 'called', body: 'Số 1004: mời đến Quầy 4', counter: 'Quầy 4' });
    const res = await send(sub, text, { urgency: 'high', topic: 'called-1004' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toMatch(new RegExp(`^${mock.url}/push/m/[0-9a-f-]{36}$`));
    const [message] = mock.push.received(sub.id);
    expect(message?.text).toBe(text);
    expect(message).toMatchObject({
      ttl: 600,
      urgency: 'high',
      topic: 'called-1004',
      vapidSubject: 'mailto:admin@example.vn',
    });
  });

  it('decrypts a payload near the 4096-byte limit', async () => {
    const sub = mock.push.subscribe();
    const long = `${'x'.repeat(3900)} Đã được gọi`;
    expect((await send(sub, long)).status).toBe(201);
    expect(mock.push.received(sub.id)[0]?.text).toBe(long);
  });

  it('a repeated Topic replaces the message instead of adding one', async () => {
    const sub = mock.push.subscribe();
    await send(sub, 'first', { topic: 'ticket-7-called' });
    await send(sub, 'again', { topic: 'ticket-7-called' });
    expect(mock.push.received(sub.id).map((m) => m.text)).toEqual(['again']);
    expect(mock.push.stats()).toMatchObject({ delivered: 2, replaced: 1 });
  });

  it('answers 410 once the subscription is gone and 404 for one it never made', async () => {
    const sub = mock.push.subscribe();
    mock.push.unsubscribe(sub.id);
    expect((await send(sub, 'x')).status).toBe(410);
    const unknown = { ...sub, endpoint: `${mock.url}/push/s/00000000-0000-0000-0000-000000000000` };
    expect((await send(unknown, 'x')).status).toBe(404);
    expect(mock.push.received()).toEqual([]);
  });

  it('refuses a push signed with VAPID keys other than the ones it names, and one without TTL', async () => {
    const sub = mock.push.subscribe();
    const other = webpush.generateVAPIDKeys();
    const details = webpush.generateRequestDetails(sub, 'x', { vapidDetails, TTL: 60 });
    const headers = details.headers as Record<string, string>;
    const forged = headers.Authorization?.replace(/k=.*/, `k=${other.publicKey}`) ?? '';
    const bad = await fetch(details.endpoint, {
      method: 'POST',
      headers: { ...headers, Authorization: forged },
      body: details.body ?? undefined,
    });
    expect(bad.status).toBe(403);
    const { TTL: _ttl, ...noTtl } = headers;
    const missing = await fetch(details.endpoint, {
      method: 'POST',
      headers: noTtl,
      body: details.body ?? undefined,
    });
    expect(missing.status).toBe(400);
    expect(mock.push.received()).toEqual([]);
  });

  it('decrypts with the browser key only: another key fails the auth tag', () => {
    const own = newUserAgentKeys();
    const sub = {
      endpoint: `${mock.url}/push/s/own`,
      keys: { p256dh: own.publicKey.toString('base64url'), auth: own.auth.toString('base64url') },
    };
    const details = webpush.generateRequestDetails(sub, 'bí mật', { vapidDetails, TTL: 60 });
    const body = Buffer.from(details.body ?? '');
    expect(decryptAes128gcm(body, own).toString('utf8')).toBe('bí mật');
    expect(() => decryptAes128gcm(body, newUserAgentKeys())).toThrow(DecryptError);
    expect(() => decryptAes128gcm(body.subarray(0, 30), own)).toThrow(DecryptError);
  });

  it('under faults: 503 while down, 429 with Retry-After, and nothing kept', async () => {
    const sub = mock.push.subscribe();
    mock.setFaults('push', { down: true });
    expect((await send(sub, 'x')).status).toBe(503);
    mock.setFaults('push', { down: false, rateLimitRate: 1, retryAfterSeconds: 7 });
    const limited = await send(sub, 'x');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(mock.push.received()).toEqual([]);
  });
});
