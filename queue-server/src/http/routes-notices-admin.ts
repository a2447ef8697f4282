import { daysInRange, NOTICE_CHANNELS, REPORT_MAX_DAYS } from '@layso/protocol';
import type { Context } from '../context.js';
import { serviceDay, toIso } from '../domain/time.js';
import { fail } from '../errors.js';
import {
  applyNoticeInput,
  NEW_URL_NEEDS_CREDENTIAL,
  noticeSettingsView,
  providerUrlProblem,
  readNoticeConfig,
  saveNoticeConfig,
  type NoticeConfig,
} from '../notify/settings.js';
import type { SomeHandlers } from './endpoint.js';
import { userIdOf } from './guard.js';

/**
 * Provider URLs carry a credential and phone numbers: https, as every upstream; plain http only to this machine
 * with ALLOW_HTTP_UPSTREAM (the notify-mock stand-ins), as push subscriptions.
 */
function insecureUrls(c: NoticeConfig, allowHttp: boolean): string[] {
  return (['zns', 'sms'] as const).flatMap((ch) => {
    const url = c.channels[ch].url;
    const problem = url ? providerUrlProblem(url, allowHttp) : null;
    return problem ? [`${ch}: ${problem}`] : [];
  });
}

/**
 * What a channel needs before it may be turned on: a provider URL (checked by the settings), a credential, and for
 * SMS its brandname. Push needs nothing from the admin (VAPID keys are the server's own).
 */
function incomplete(c: NoticeConfig): string[] {
  const problems: string[] = [];
  for (const ch of ['zns', 'sms'] as const) {
    const s = c.channels[ch];
    if (!s.enabled) continue;
    if (!s.url) problems.push(`${ch}: provider URL missing`);
    if (!s.credential) problems.push(`${ch}: credential missing`);
    if (ch === 'sms' && !s.sender?.trim()) problems.push('sms: brandname missing');
  }
  return problems;
}

/**
 * The notices' admin side (issue 19): settings with credentials write-only (read masked, audited masked), the
 * deliveries by channel and event with this month's count per channel and each provider's health, and retrying
 * dead letters — audited, the dispatcher woken.
 */
export function noticeAdminHandlers(ctx: Context) {
  return {
    noticeSettings: async () => noticeSettingsView(readNoticeConfig(ctx.store)),

    saveNoticeSettings: async (req) => {
      const now = ctx.clock.now();
      const saved = ctx.store.transaction(() => {
        for (const id of Object.keys(req.body.aheadByService ?? {})) {
          if (!ctx.store.catalogue.service(Number(id)))
            fail('LAYSO_SERVICE_NOT_FOUND', { serviceId: Number(id) });
        }
        const before = readNoticeConfig(ctx.store);
        const applied = applyNoticeInput(before, req.body);
        if (!applied.ok) {
          const rekey = applied.problems.filter((p) => p.endsWith(NEW_URL_NEEDS_CREDENTIAL));
          if (rekey.length) fail('LAYSO_NOTICE_CREDENTIAL_REQUIRED', { problems: rekey });
          const channel = applied.problems.filter((p) => /^(zns|sms|push): /.test(p));
          if (channel.length < applied.problems.length) {
            fail('LAYSO_NOTICE_TEMPLATE_INVALID', {
              problems: applied.problems.filter((p) => !channel.includes(p)),
            });
          }
          fail('LAYSO_NOTICE_CHANNEL_INCOMPLETE', { problems: channel });
        }
        const insecure = insecureUrls(applied.config, ctx.config.ALLOW_HTTP_UPSTREAM);
        if (insecure.length) fail('LAYSO_NOTICE_PROVIDER_URL_REFUSED', { problems: insecure });
        const missing = incomplete(applied.config);
        if (missing.length) fail('LAYSO_NOTICE_CHANNEL_INCOMPLETE', { problems: missing });
        saveNoticeConfig(ctx.store, applied.config);
        // The audit holds what an admin reads: credentials masked, never in clear.
        ctx.audit.record(now, userIdOf(req), 'notices.settings', {
          before: noticeSettingsView(before),
          after: noticeSettingsView(applied.config),
        });
        return {
          config: applied.config,
          switched: NOTICE_CHANNELS.some(
            (ch) => before.channels[ch].enabled !== applied.config.channels[ch].enabled,
          ),
        };
      });
      // A channel turned on or off changes what screens offer (the kiosk's "Get text notices"): they read again.
      if (saved.switched) ctx.publisher.settingsChanged({ at: toIso(now) });
      return noticeSettingsView(saved.config);
    },

    noticeDeliveries: async (req) => {
      const now = ctx.clock.now();
      const today = serviceDay(now);
      const from = req.query.from ?? `${today.slice(0, 8)}01`;
      const to = req.query.to ?? today;
      const days = daysInRange(from, to);
      if (days < 1 || days > REPORT_MAX_DAYS) {
        fail('LAYSO_REPORT_RANGE_INVALID', { from, to, problem: days < 1 ? 'order' : 'length' });
      }
      return ctx.notices.summary({ ...req.query, from, to });
    },

    retryNotices: async (req) => {
      const now = ctx.clock.now();
      const { ids, channel } = req.body;
      const retried = ctx.store.transaction(() => {
        const n = ids
          ? ctx.notices.retryDead(ids, null)
          : (channel ? [channel] : NOTICE_CHANNELS).reduce(
              (sum, ch) => sum + ctx.notices.retryDead(null, ch),
              0,
            );
        ctx.audit.record(now, userIdOf(req), 'notices.retry', {
          ids: ids ?? null,
          channel: channel ?? null,
          retried: n,
        });
        return n;
      });
      return { retried };
    },
  } satisfies SomeHandlers;
}
