/** The notice stand-ins' control API over HTTP (what `npm run notify-mock` users and cross-part tests call). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startNotifyMock, type NotifyMock } from './mock.js';

let mock: NotifyMock;
beforeEach(async () => {
  mock = await startNotifyMock({ port: 0 });
});
afterEach(async () => {
  await mock.close();
});

const post = (path: string, body?: unknown) =>
  fetch(`${mock.url}${path}`, {
    method: 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('notify-mock control API', () => {
  it('changes one provider’s faults, refuses a bad value, and keeps the others healthy', async () => {
    const set = await post('/_control/sms', { errorRate: 1 });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ errorRate: 1 });
    expect(mock.zns.gate.faults().errorRate).toBe(0);
    const bad = await post('/_control/sms', { errorRate: 2 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('MOCK_BAD_CONTROL');
    const sent = await post('/sms/send', {
      to: '84912345678',
      brandname: 'LAYSO',
      text: 'x',
      requestId: 'k',
    });
    expect([500, 502, 503]).toContain(sent.status);
    expect((await (await fetch(`${mock.url}/stats`)).json()) as unknown).toMatchObject({
      sms: { requests: 1, sent: 0, faults: { error: 1 } },
    });
  });

  it('makes subscriptions, lists what the phones got, registers templates and no-Zalo phones, resets', async () => {
    const sub = (await (await post('/_control/push/subscriptions')).json()) as {
      endpoint: string;
      keys: object;
    };
    expect(sub.endpoint).toMatch(new RegExp(`^${mock.url}/push/s/`));
    expect(Object.keys(sub.keys).sort()).toEqual(['auth', 'p256dh']);
    expect(
      (await post('/_control/zns/templates', { id: '9', text: 'Số {number}', params: ['number'] })).status,
    ).toBe(200);
    expect((await post('/_control/zns/no-zalo', { phone: '84900000000' })).status).toBe(200);
    const zns = (body: object) =>
      post('/zns/message/template', { phone: '84912345678', tracking_id: 'a', ...body }).then((r) =>
        r.json(),
      );
    expect(await zns({ template_id: '8', template_data: { number: '1' } })).toMatchObject({ error: -109 });
    expect(await zns({ template_id: '9', template_data: { number: '1', name: 'A' } })).toMatchObject({
      error: -112,
    });
    expect(
      await zns({ template_id: '9', template_data: { number: '1' }, phone: '84900000000' }),
    ).toMatchObject({
      error: -118,
    });
    expect(await zns({ template_id: '9', template_data: { number: '1001' } })).toMatchObject({ error: 0 });
    const messages = (await (await fetch(`${mock.url}/_control/zns/messages`)).json()) as { text: string }[];
    expect(messages.map((m) => m.text)).toEqual(['Số 1001']);
    expect((await post('/_control/reset')).status).toBe(200);
    expect(mock.zns.received()).toEqual([]);
    expect((await fetch(`${mock.url}/nowhere`)).status).toBe(404);
  });
});

describe('until', () => {
  it('resolves when a message arrives, and rejects at its bound', async () => {
    const arrived = mock.until(() => mock.sms.received().length === 1);
    await post('/sms/send', { to: '84912345678', brandname: 'LAYSO', text: 'Số 1001', requestId: 'r1' });
    await arrived;
    await expect(mock.until(() => mock.sms.received().length === 2, 50)).rejects.toThrow(/within 50 ms/);
  });
});
