import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_CONSENT, type Ticket } from '@layso/protocol';
import type { Harness } from '../testing/harness.js';
import { issue } from '../testing/kit.js';
import type { NotifyMock } from './mock.js';
import { startNoticesLab, type NoticesLab } from './notices-lab.js';
import { readNoticeConfig, saveNoticeConfig } from './settings.js';

/** ZNS first, SMS as its fallback, end to end (issue 19) on the notices lab (./notices-lab.ts). */
let lab: NoticesLab;
let h: Harness;
let mock: NotifyMock;
let serviceId: number;

beforeAll(async () => {
  lab = await startNoticesLab();
  ({ h, mock, serviceId } = lab);
});

afterAll(() => lab.close());

const callNext = () => lab.callNext();
const noShow = (id: number) => lab.noShow(id);
const drainQueue = () => lab.drainQueue();
const settled = (done: () => boolean) => lab.settled(done);

describe(
  'ZNS first, SMS as fallback, through stand-ins that fail half their requests',
  { timeout: 60_000 },
  () => {
    const phone = '0912345678';
    const intake = { consent: true, phone, notices: { consentVersion: NOTICE_CONSENT.version } } as const;

    beforeAll(() => {
      const c = readNoticeConfig(h.store);
      saveNoticeConfig(h.store, {
        ...c,
        channels: {
          ...c.channels,
          zns: { ...c.channels.zns, enabled: true, url: mock.urls.zns, credential: 'zns-token' },
          sms: {
            ...c.channels.sms,
            enabled: true,
            url: mock.urls.sms,
            credential: 'sms-key',
            sender: 'LAYSO',
          },
        },
      });
    });

    it('delivers every "called" once per key, with none after it went stale', async () => {
      await drainQueue();
      mock.reset();
      mock.setFaults('zns', { errorRate: 0.5 });
      const tickets: Ticket[] = [];
      for (let i = 0; i < 6; i += 1) tickets.push(await issue(h, serviceId, { intake }));
      for (let i = 0; i < 6; i += 1) {
        const t = await callNext();
        // Leave each called ticket called until its notice went (or was dropped), then the next.
        await settled(() => {
          const r = h.store.notices.forKey(`t${t.id}:called`).find((n) => n.channel === 'zns');
          return r !== undefined && (r.sentAt !== null || r.deadAt !== null);
        });
        await noShow(t.id);
      }
      mock.setFaults('zns', { errorRate: 0 });
      const zns = mock.zns.received();
      const called = zns.filter((m) => m.trackingId.endsWith(':called'));
      // received() keeps one message per tracking id: the provider's own count says whether any came twice.
      expect(new Set(called.map((m) => m.trackingId)).size).toBe(6);
      expect(called.map((m) => m.count)).toEqual([1, 1, 1, 1, 1, 1]);
      expect(mock.zns.stats().duplicates).toBe(0);
      // "ahead" notices of tickets called before they went out were dropped, never sent late: one sent was checked
      // (and its attempt begun) before the call — it may land while the call is made, never start after it.
      for (const t of tickets) {
        const ahead = h.store.notices.forKey(`t${t.id}:ahead`).find((n) => n.channel === 'zns');
        if (ahead?.sentAt)
          expect(ahead.lastAttemptAt?.getTime()).toBeLessThanOrEqual(
            h.store.tickets.byId(t.id)?.calledAt?.getTime() ?? 0,
          );
      }
      expect(mock.sms.received()).toHaveLength(0);
    });

    it('a reply lost after the provider kept the message: the retry is a duplicate it absorbs, shown once', async () => {
      await drainQueue();
      mock.reset();
      const send = async (provider: 'zns' | 'sms', mode: 'error' | 'drop') => {
        mock.setFaults(provider, { failAfterStoreRate: 1, failAfterStoreMode: mode });
        const t = await issue(h, serviceId, { intake });
        expect((await callNext()).id).toBe(t.id);
        const key = `t${t.id}:called`;
        const kept = () =>
          provider === 'zns'
            ? mock.zns.received().filter((m) => m.trackingId === key)
            : mock.sms.received().filter((m) => m.requestId === key);
        // Kept, its reply lost; then the provider answers again and the dispatcher's retry gets the first message.
        await mock.until(() => kept().length > 0);
        mock.setFaults(provider, { failAfterStoreRate: 0 });
        await settled(() =>
          h.store.notices.forKey(key).some((r) => r.channel === provider && r.sentAt !== null),
        );
        expect(kept()).toHaveLength(1);
        expect(kept()[0]?.count).toBeGreaterThanOrEqual(2);
        await noShow(t.id);
        return key;
      };
      const byZns = await send('zns', 'error');
      expect(mock.zns.stats().duplicates).toBeGreaterThanOrEqual(1);
      expect(mock.zns.stats().sent).toBe(1);
      mock.zns.setNoZalo('84912345678');
      const bySms = await send('sms', 'drop');
      mock.zns.setNoZalo('84912345678', false);
      expect(mock.sms.stats().duplicates).toBeGreaterThanOrEqual(1);
      expect(mock.sms.received().map((m) => m.requestId)).toEqual([bySms]);
      expect(mock.zns.received().map((m) => m.trackingId)).toEqual([byZns]);
    });

    it('sends by SMS, once, what ZNS cannot deliver (the phone has no Zalo)', async () => {
      await drainQueue();
      mock.reset();
      mock.zns.setNoZalo('84912345678');
      mock.setFaults('sms', { errorRate: 0.5 });
      const t = await issue(h, serviceId, { intake });
      await callNext();
      await mock.until(() => mock.sms.received().some((m) => m.requestId === `t${t.id}:called`), 20_000);
      const rows = h.store.notices.forKey(`t${t.id}:called`);
      expect(rows.find((r) => r.channel === 'zns')?.deadReason).toMatch(/Zalo/i);
      expect(rows.filter((r) => r.channel === 'sms')).toHaveLength(1);
      const sms = mock.sms.received().filter((m) => m.requestId === `t${t.id}:called`);
      expect(sms).toHaveLength(1);
      expect(sms[0]?.text).toContain(t.number);
      expect(sms[0]?.text).not.toMatch(/https?:/);
      expect(sms[0]?.to).toBe('84912345678');
      mock.zns.setNoZalo('84912345678', false);
      mock.setFaults('sms', { errorRate: 0 });
      await noShow(t.id);
    });

    it('ZNS down: "called" goes by SMS once; ZNS back: nothing more by ZNS for that key', async () => {
      await drainQueue();
      mock.reset();
      mock.setFaults('zns', { down: true });
      const t = await issue(h, serviceId, { intake });
      expect((await callNext()).id).toBe(t.id);
      const key = `t${t.id}:called`;
      await mock.until(() => mock.sms.received().some((m) => m.requestId === key), 20_000);
      mock.setFaults('zns', { down: false });
      expect(h.store.notices.forKey(key).find((r) => r.channel === 'zns')?.lastError).toBe(
        'sent by SMS: ZNS failing',
      );
      // ZNS answers again: the next ticket's call goes by ZNS, and the first key never does.
      await noShow(t.id);
      const next = await issue(h, serviceId, { intake });
      expect((await callNext()).id).toBe(next.id);
      await mock.until(() => mock.zns.received().some((m) => m.trackingId === `t${next.id}:called`), 20_000);
      expect(mock.zns.received().filter((m) => m.trackingId === key)).toHaveLength(0);
      expect(mock.sms.received().filter((m) => m.requestId === key)).toHaveLength(1);
      expect(mock.sms.stats().duplicates).toBe(0);
      await noShow(next.id);
    });

    it('keeps no phone in the outbox rows, dead-letter reasons or /metrics', async () => {
      const rows = h.store.db.prepare('SELECT * FROM notices').all();
      expect(JSON.stringify(rows)).not.toContain('912345678');
      const metrics = await fetch(`${h.url}/metrics`).then((r) => r.text());
      expect(metrics).toMatch(/layso_notices\{channel="zns",state="sent"\} [1-9]/);
      expect(metrics).toContain('layso_notice_attempts_total{channel="zns",outcome="failed"}');
      expect(metrics).not.toContain('912345678');
    });
  },
);
