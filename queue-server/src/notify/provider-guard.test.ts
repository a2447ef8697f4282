import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_CONSENT, type Ticket } from '@layso/protocol';
import { seedSmallCenter } from '../testing/center.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { issue, login, type Session } from '../testing/kit.js';
import { startNotifyMock, type NotifyMock } from './mock.js';
import { readNoticeConfig, saveNoticeConfig } from './settings.js';

/**
 * A provider URL stored while ALLOW_HTTP_UPSTREAM was on (the stand-ins) stops being used once it is off: the https
 * rule is checked when the adapter is made, not only when the admin saves. Nothing reaches the provider; the channel
 * shows unhealthy with the reason.
 */
let h: Harness;
let mock: NotifyMock;
let officer: Session;

beforeAll(async () => {
  mock = await startNotifyMock({ port: 0 });
  h = await startHarness({
    seed: seedSmallCenter,
    env: { ALLOW_HTTP_UPSTREAM: 'false' },
    notices: { dispatch: { backoff: { baseMs: 5, capMs: 50 }, idleMs: 50 } },
  });
  officer = await login(h, 0);
  const c = readNoticeConfig(h.store);
  saveNoticeConfig(h.store, {
    ...c,
    quietHours: null,
    channels: {
      ...c.channels,
      zns: { ...c.channels.zns, enabled: true, url: mock.urls.zns, credential: 'zns-token' },
    },
  });
});

afterAll(async () => {
  await h.close();
  await mock.close();
});

describe('a stored plain-http provider URL without ALLOW_HTTP_UPSTREAM', { timeout: 30_000 }, () => {
  it('sends nothing and reports the channel failing with the reason', async () => {
    const serviceId = h.store.counters.byId(officer.counterId)?.serviceIds[0] ?? 0;
    const intake = {
      consent: true as const,
      phone: '0912345678',
      notices: { consentVersion: NOTICE_CONSENT.version },
    };
    const mine: Ticket = await issue(h, serviceId, { intake });
    const called = await h.api(`/api/counters/${officer.counterId}/call-next`, {
      token: officer.token,
      method: 'POST',
    });
    expect(called.body.ticket.id).toBe(mine.id);
    const dispatcher = h.server.ctx.notices.dispatcher;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the channel never failed')), 20_000);
      const check = () => {
        if (dispatcher.health('zns').consecutiveFailures < 2) return;
        off();
        clearTimeout(timer);
        resolve();
      };
      const off = dispatcher.onChange(check);
      check();
    });
    const health = dispatcher.health('zns');
    expect(health.state).toBe('failing');
    expect(health.lastError).toBe('provider URL must be https (ALLOW_HTTP_UPSTREAM is off)');
    expect(mock.zns.stats().requests).toBe(0);
    // Held, not lost: it goes once the admin points the channel at an https provider.
    expect(h.store.notices.forKey(`t${mine.id}:called`).map((n) => n.sentAt)).toEqual([null]);
  });
});
