import { describe, expect, it } from 'vitest';
import { checkTemplate, DEFAULT_NOTICE_TEMPLATES, NOTICE_CHANNELS, NOTICE_EVENTS } from '@layso/protocol';
import { vnInstant } from '../domain/time.js';
import {
  aheadThresholdFor,
  applyNoticeInput,
  DEFAULT_NOTICE_CONFIG,
  maskCredential,
  noticeSettingsView,
  providerUrlProblem,
  quietUntil,
} from './settings.js';
import { templateProblem } from './template.js';

const channelInput = {
  enabled: true,
  url: 'https://zns.example/v3',
  sender: null,
  dailyQuota: 100,
  ratePerMinute: 60,
};

describe('notice settings', () => {
  it('ships default templates that pass their own checks on every channel', () => {
    for (const e of NOTICE_EVENTS)
      for (const c of NOTICE_CHANNELS) {
        const t = DEFAULT_NOTICE_TEMPLATES[e]?.[c];
        expect(t, `${e}/${c}`).toBeDefined();
        if (t) expect(checkTemplate(e, c, t), `${e}/${c}`).toEqual([]);
      }
  });

  it('refuses a template with an undeclared parameter, a link, or too long for ZNS', () => {
    const ok = { templateId: 'x', text: 'Mời số {number} đến {counter}', params: ['number', 'counter'] };
    expect(checkTemplate('called', 'zns', ok)).toEqual([]);
    expect(checkTemplate('called', 'zns', { ...ok, params: ['number', 'counter', 'phone'] })).toContain(
      'param not allowed: phone',
    );
    expect(checkTemplate('called', 'sms', { ...ok, text: 'Số {number} {dossier}' })).toContain(
      'param not declared: dossier',
    );
    expect(checkTemplate('called', 'sms', { ...ok, text: 'Xem https://x.vn/t/{number}' })).toContain(
      'link in body',
    );
    // The admin's check and the send-time check are one rule: a template saved is never refused at send.
    for (const text of ['Xem dichvucong.gov', 'Tra cứu tại tthc.info']) {
      expect(checkTemplate('called', 'sms', { ...ok, text }), text).toContain('link in body');
      expect(templateProblem({ text, params: [] }, {}, 400), text).toBe('template text holds a link');
    }
    expect(checkTemplate('called', 'zns', { ...ok, templateId: '' })).toContain('template id missing');
    expect(checkTemplate('called', 'zns', { ...ok, text: `${'a'.repeat(390)} {number}` }).join()).toMatch(
      /too long/,
    );
  });

  it('keeps a credential the admin does not send again, and never shows it back whole', () => {
    const set = applyNoticeInput(DEFAULT_NOTICE_CONFIG, {
      channels: { zns: { ...channelInput, credential: 'secret-access-token-1234' } },
    });
    expect(set.ok).toBe(true);
    if (!set.ok) return;
    const kept = applyNoticeInput(set.config, { channels: { zns: { ...channelInput, ratePerMinute: 30 } } });
    expect(kept.ok && kept.config.channels.zns.credential).toBe('secret-access-token-1234');
    const view = noticeSettingsView(set.config);
    expect(view.channels.zns.credential).toBe('••••1234');
    expect(JSON.stringify(view)).not.toContain('secret-access');
    expect(maskCredential('short')).toBe('••••');
    const cleared = applyNoticeInput(set.config, {
      channels: { zns: { ...channelInput, credential: null } },
    });
    expect(cleared.ok && cleared.config.channels.zns.credential).toBeNull();
  });

  it('refuses a new provider URL that would keep the stored credential; takes it with a credential of its own', () => {
    const set = applyNoticeInput(DEFAULT_NOTICE_CONFIG, {
      channels: { zns: { ...channelInput, credential: 'secret-access-token-1234' } },
    });
    if (!set.ok) throw new Error(set.problems.join());
    const moved = applyNoticeInput(set.config, {
      channels: { zns: { ...channelInput, url: 'https://evil.example/' } },
    });
    expect(moved).toEqual({
      ok: false,
      problems: ['zns: a new provider URL needs its credential entered again'],
    });
    const rekeyed = applyNoticeInput(set.config, {
      channels: {
        zns: { ...channelInput, url: 'https://zns2.example/v3', credential: 'another-token-5678' },
      },
    });
    expect(rekeyed.ok && rekeyed.config.channels.zns).toMatchObject({
      url: 'https://zns2.example/v3',
      credential: 'another-token-5678',
    });
    // Same URL, or the URL taken away: the token goes nowhere new.
    expect(applyNoticeInput(set.config, { channels: { zns: { ...channelInput, enabled: false } } }).ok).toBe(
      true,
    );
    const unset = applyNoticeInput(set.config, {
      channels: { zns: { ...channelInput, enabled: false, url: null } },
    });
    expect(unset.ok).toBe(true);
  });

  it('takes https provider URLs, and plain http only to this machine with ALLOW_HTTP_UPSTREAM', () => {
    expect(providerUrlProblem('https://sms.example/api', false)).toBeNull();
    expect(providerUrlProblem('http://127.0.0.1:9/zns', true)).toBeNull();
    expect(providerUrlProblem('http://127.0.0.1:9/zns', false)).toMatch(/https.*ALLOW_HTTP_UPSTREAM is off/);
    expect(providerUrlProblem('http://sms.example/api', true)).toMatch(/https/);
    expect(providerUrlProblem('not a url', true)).toMatch(/https/);
  });

  it('refuses ZNS or SMS turned on without a provider, and a bad template', () => {
    const r = applyNoticeInput(DEFAULT_NOTICE_CONFIG, {
      channels: { sms: { ...channelInput, url: null } },
      templates: { ahead: { sms: { templateId: '', text: 'Còn {ahead} {name}', params: ['ahead'] } } },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContain('sms: provider URL missing');
    expect(r.problems).toContain('ahead/sms: param not declared: name');
  });

  it('holds non-urgent notices through quiet hours spanning midnight, in Vietnam time', () => {
    const c = { ...DEFAULT_NOTICE_CONFIG, quietHours: { from: '21:00', to: '07:00' } };
    expect(quietUntil(c, vnInstant('2026-12-07', 12 * 60))).toBeNull();
    expect(quietUntil(c, vnInstant('2026-12-07', 22 * 60))).toEqual(vnInstant('2026-12-08', 7 * 60));
    expect(quietUntil(c, vnInstant('2026-12-08', 6 * 60))).toEqual(vnInstant('2026-12-08', 7 * 60));
    expect(quietUntil(c, vnInstant('2026-12-08', 7 * 60))).toBeNull();
    const noon = { ...c, quietHours: { from: '11:30', to: '13:00' } };
    expect(quietUntil(noon, vnInstant('2026-12-07', 12 * 60))).toEqual(vnInstant('2026-12-07', 13 * 60));
    expect(quietUntil({ ...c, quietHours: null }, vnInstant('2026-12-07', 23 * 60))).toBeNull();
  });

  it('takes a service\'s own "N ahead" over the center\'s', () => {
    const c = { ...DEFAULT_NOTICE_CONFIG, aheadByService: { '7': 2 } };
    expect(aheadThresholdFor(c, 7)).toBe(2);
    expect(aheadThresholdFor(c, 8)).toBe(5);
  });
});
