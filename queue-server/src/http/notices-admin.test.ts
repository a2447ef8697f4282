/**
 * The notices' admin side (issue 19) against the real server: credentials written but only ever read masked (also
 * in the audit), templates refused with what is wrong, channels not turned on half-configured, deliveries counted
 * by channel and event with nothing personal, dead letters retried by admins only and audited.
 */
import { describe, expect } from 'vitest';
import { it } from '../testing/fixture.js';
import type { Harness } from '../testing/harness.js';
import { login, next, socket } from '../testing/kit.js';

const ZNS_TOKEN = 'zns-oa-access-token-9f3c1a2b';
/** The supervisor is added once per file (the small center is shared by its tests). */
let supervisor = '';

async function tokens(h: Harness): Promise<{ admin: string; supervisor: string }> {
  const admin = (await login(h, h.credentials.admin.username)).token;
  if (!supervisor) {
    const added = await h.api('/api/admin/users', {
      token: admin,
      body: {
        username: 'giam.sat.tb',
        displayName: 'Giám sát',
        password: 'mat-khau-giam-sat',
        role: 'supervisor',
      },
    });
    expect(added.status).toBe(201);
  }
  supervisor = (await login(h, 'giam.sat.tb', 'mat-khau-giam-sat')).token;
  return { admin, supervisor };
}

const zns = (extra: Record<string, unknown> = {}) => ({
  enabled: true,
  url: 'https://business.openapi.zalo.me',
  sender: null,
  dailyQuota: 1000,
  ratePerMinute: 100,
  ...extra,
});

describe('notice settings', () => {
  it('refuses a new provider URL without its credential (the stored token would go to the new host)', async ({
    center: h,
  }) => {
    const t = await tokens(h);
    const put = (zns: Record<string, unknown>) =>
      h.api('/api/admin/notices/settings', { token: t.admin, method: 'PUT', body: { channels: { zns } } });
    expect((await put(zns({ credential: ZNS_TOKEN }))).status).toBe(200);
    const moved = await put(zns({ url: 'https://zns.attacker.example' }));
    expect(moved.status).toBe(400);
    expect(moved.body.error.code).toBe('LAYSO_NOTICE_CREDENTIAL_REQUIRED');
    expect(moved.body.error.message).toMatch(/^Đổi địa chỉ nhà cung cấp .+ \/ A new provider URL/);
    const read = await h.api('/api/admin/notices/settings', { token: t.admin });
    expect(read.body.channels.zns.url).toBe('https://business.openapi.zalo.me');
    expect((await put(zns({ url: 'https://zns2.example', credential: 'new-zns-token-77aa' }))).status).toBe(
      200,
    );
    // Back as the center started (the small center is shared by this file's tests).
    const reset = zns({ enabled: false, url: null, credential: null, dailyQuota: 2000, ratePerMinute: 600 });
    expect((await put(reset)).status).toBe(200);
  });

  it('keeps a credential write-only: masked on read, in the reply and in the audit; kept when left out', async ({
    center: h,
  }) => {
    const t = await tokens(h);
    const first = await h.api('/api/admin/notices/settings', { token: t.supervisor });
    expect(first.status).toBe(200);
    expect(first.body.channels.zns).toMatchObject({ enabled: false, credential: null });
    const kiosk = async () =>
      (await h.api('/api/kiosk/settings', { token: h.credentials.kioskToken })).body.textNotices;
    expect(await kiosk()).toBe(false);

    const saved = await h.api('/api/admin/notices/settings', {
      token: t.admin,
      method: 'PUT',
      body: { channels: { zns: zns({ credential: ZNS_TOKEN }) } },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.channels.zns.credential).toBe('••••1a2b');
    // The kiosk offers text notices once a channel that sends them is on.
    expect(await kiosk()).toBe(true);
    const read = await h.api('/api/admin/notices/settings', { token: t.supervisor });
    expect(JSON.stringify(read.body)).not.toContain(ZNS_TOKEN);
    expect(read.body.channels.zns).toMatchObject({ enabled: true, credential: '••••1a2b' });
    const audit = await h.api('/api/admin/audit?limit=5', { token: t.admin });
    const entry = audit.body.find((e: { action: string }) => e.action === 'notices.settings');
    expect(entry).toBeDefined();
    expect(JSON.stringify(audit.body)).not.toContain(ZNS_TOKEN);

    // Left out: kept. null: cleared — and a channel without its credential cannot stay on.
    const kept = await h.api('/api/admin/notices/settings', {
      token: t.admin,
      method: 'PUT',
      body: { channels: { zns: zns({ dailyQuota: 500 }) } },
    });
    expect(kept.body.channels.zns).toMatchObject({ credential: '••••1a2b', dailyQuota: 500 });
    const cleared = await h.api('/api/admin/notices/settings', {
      token: t.admin,
      method: 'PUT',
      body: { channels: { zns: zns({ credential: null }) } },
    });
    expect(cleared.status).toBe(400);
    expect(cleared.body.error.code).toBe('LAYSO_NOTICE_CHANNEL_INCOMPLETE');
    const off = await h.api('/api/admin/notices/settings', {
      token: t.admin,
      method: 'PUT',
      body: { channels: { zns: zns({ enabled: false, credential: null }) } },
    });
    expect(off.body.channels.zns).toMatchObject({ enabled: false, credential: null });

    // Supervisors read, never change.
    const refused = await h.api('/api/admin/notices/settings', {
      token: t.supervisor,
      method: 'PUT',
      body: { aheadThreshold: 3 },
    });
    expect(refused.status).toBe(403);
  });

  it('refuses SMS without its brandname, a template with an undeclared parameter or a link, an unknown service', async ({
    center: h,
  }) => {
    const t = await tokens(h);
    const put = (body: unknown) =>
      h.api('/api/admin/notices/settings', { token: t.admin, method: 'PUT', body });
    const before = (await h.api('/api/admin/notices/settings', { token: t.admin })).body;

    const sms = await put({
      channels: { sms: { ...zns({ credential: 'sms-gateway-key-123456' }), url: 'https://sms.example.vn' } },
    });
    expect(sms.status).toBe(400);
    expect(sms.body.error.code).toBe('LAYSO_NOTICE_CHANNEL_INCOMPLETE');
    expect(JSON.stringify(sms.body)).toContain('brandname');

    const undeclared = await put({
      templates: {
        called: {
          sms: {
            templateId: '',
            text: 'Số {number} mời đến {counter}, ĐT {phone}',
            params: ['number', 'counter'],
          },
        },
      },
    });
    expect(undeclared.status).toBe(400);
    expect(undeclared.body.error.code).toBe('LAYSO_NOTICE_TEMPLATE_INVALID');
    expect(JSON.stringify(undeclared.body.error.details)).toContain('phone');

    const notAllowed = await put({
      templates: {
        ahead: {
          push: { templateId: '', text: 'Còn {ahead} người, {counter}', params: ['ahead', 'counter'] },
        },
      },
    });
    expect(notAllowed.status).toBe(400);
    expect(JSON.stringify(notAllowed.body.error.details)).toContain('counter');

    const link = await put({
      templates: {
        called: { sms: { templateId: '', text: 'Số {number}: xem https://layso.vn/t', params: ['number'] } },
      },
    });
    expect(link.body.error.code).toBe('LAYSO_NOTICE_TEMPLATE_INVALID');

    // A provider gets a credential and phone numbers: https only (http to this machine only in a lab).
    const plain = await put({
      channels: { zns: zns({ url: 'http://zns.example.vn', credential: 'zns-token-123456789' }) },
    });
    expect(plain.status).toBe(400);
    expect(plain.body.error.code).toBe('LAYSO_NOTICE_PROVIDER_URL_REFUSED');
    const local = await put({
      channels: { zns: zns({ url: 'http://127.0.0.1:9555', credential: 'zns-token-123456789' }) },
    });
    expect(local.body.error.code).toBe('LAYSO_NOTICE_PROVIDER_URL_REFUSED');

    const unknown = await put({ aheadByService: { '99999': 3 } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('LAYSO_SERVICE_NOT_FOUND');

    // Nothing refused was kept.
    expect((await h.api('/api/admin/notices/settings', { token: t.admin })).body).toEqual(before);

    const serviceId = h.store.catalogue.services()[0]!.id;
    const good = await put({
      quietHours: { from: '22:00', to: '06:00' },
      aheadThreshold: 4,
      aheadByService: { [String(serviceId)]: 2 },
      templates: {
        called: {
          sms: { templateId: '', text: 'Mời số {number} đến {counter}', params: ['number', 'counter'] },
        },
      },
    });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({
      quietHours: { from: '22:00', to: '06:00' },
      aheadThreshold: 4,
      aheadByService: { [String(serviceId)]: 2 },
    });
    expect(good.body.templates.called.sms.text).toBe('Mời số {number} đến {counter}');
  });

  it('tells open screens when a channel is turned on or off: a kiosk then offers text notices', async ({
    center: h,
  }) => {
    const t = await tokens(h);
    const kiosk = socket(h, '/kiosk', { token: h.credentials.kioskToken });
    await next(kiosk, 'snapshot');
    const put = (on: boolean) =>
      h.api('/api/admin/notices/settings', {
        token: t.admin,
        method: 'PUT',
        body: { channels: { zns: zns({ enabled: on, credential: on ? ZNS_TOKEN : null }) } },
      });
    for (const on of [true, false]) {
      const heard = next(kiosk, 'settings:changed');
      expect((await put(on)).status).toBe(200);
      await heard;
      const read = await h.api('/api/kiosk/settings', { token: h.credentials.kioskToken });
      expect(read.body.textNotices).toBe(on);
    }
  });
});

describe('deliveries', () => {
  it('counts by channel and event, this month per channel, lists without personal data; admins retry dead ones, audited', async ({
    center: h,
  }) => {
    const t = await tokens(h);
    const now = new Date();
    const n = h.store.notices;
    const plan = (key: string, event: 'ahead' | 'called', channel: 'push' | 'zns' | 'sms') => {
      expect(
        n.plan({
          key,
          event,
          channel,
          target: 'phone',
          ticketId: null,
          dossierCode: null,
          params: { number: '1001' },
          at: now,
        }),
      ).toBe(true);
      return n.forKey(key).find((r) => r.channel === channel)!.id;
    };
    const sent = plan('t-admin-1:called', 'called', 'zns');
    n.markFailed(sent, now, 'HTTP 503', now, true);
    n.markSent(sent, now);
    const dead = plan('t-admin-2:called', 'called', 'sms');
    n.markDead(dead, now, 'rejected: HTTP 400', true);
    const deadToo = plan('t-admin-3:ahead', 'ahead', 'sms');
    n.markDead(deadToo, now, 'quota', false);
    const dropped = plan('t-admin-4:ahead', 'ahead', 'push');
    n.markDropped(dropped, now, 'stale: called');

    const r = await h.api('/api/admin/notices/deliveries', { token: t.supervisor });
    expect(r.status).toBe(200);
    expect(r.body.byChannel.zns.byEvent.called).toMatchObject({ sent: 1, failed: 1, dead: 0 });
    expect(r.body.byChannel.sms.total).toMatchObject({ dead: 2, sent: 0 });
    expect(r.body.byChannel.push.byEvent.ahead).toMatchObject({ dropped: 1 });
    expect(r.body.month).toMatchObject({ zns: 1, sms: 0, push: 0 });
    expect(r.body.health.sms.state).toBe('off');
    const item = r.body.items.find((i: { id: number }) => i.id === dead);
    expect(item).toMatchObject({
      state: 'dead',
      lastError: 'rejected: HTTP 400',
      event: 'called',
      channel: 'sms',
    });
    expect(Object.keys(item).sort()).toEqual(
      [
        'attempts',
        'channel',
        'createdAt',
        'doneAt',
        'event',
        'id',
        'key',
        'lastError',
        'nextAttemptAt',
        'state',
      ].sort(),
    );
    const deadOnly = await h.api('/api/admin/notices/deliveries?state=dead&channel=sms', {
      token: t.supervisor,
    });
    expect(deadOnly.body.items.map((i: { id: number }) => i.id).sort()).toEqual([dead, deadToo].sort());

    const range = await h.api('/api/admin/notices/deliveries?from=2026-02-01&to=2026-01-01', {
      token: t.supervisor,
    });
    expect(range.body.error.code).toBe('LAYSO_REPORT_RANGE_INVALID');

    expect(
      (await h.api('/api/admin/notices/retry', { token: t.supervisor, body: { ids: [dead] } })).status,
    ).toBe(403);
    const one = await h.api('/api/admin/notices/retry', { token: t.admin, body: { ids: [dead, sent] } });
    expect(one.body).toEqual({ retried: 1 });
    expect(h.store.notices.byId(dead)).toMatchObject({ deadAt: null });
    expect(h.store.notices.byId(sent)?.sentAt).not.toBeNull();
    const rest = await h.api('/api/admin/notices/retry', { token: t.admin, body: { channel: 'sms' } });
    expect(rest.body).toEqual({ retried: 1 });
    const audit = (await h.api('/api/admin/audit?limit=5', { token: t.admin })).body as {
      action: string;
      detail: { retried: number };
    }[];
    expect(audit.filter((e) => e.action === 'notices.retry').map((e) => e.detail.retried)).toEqual([1, 1]);
  });
});
