import {
  daysInRange,
  NOTICE_CHANNELS,
  NOTICE_EVENTS,
  REPORT_MAX_DAYS,
  type NoticeChannel,
  type NoticeCounts,
  type NoticeDelivery,
  type NoticeProviderHealth,
  type NoticeSummary,
} from '@layso/protocol';
import type { Context } from '../context.js';
import { noticeState, type NoticeRow } from '../db/notices.js';
import { addDays, serviceDay, toIso, vnInstant } from '../domain/time.js';
import { fail } from '../errors.js';
import {
  applyNoticeInput,
  noticeSettingsView,
  readNoticeConfig,
  saveNoticeConfig,
  type NoticeConfig,
} from '../notify/settings.js';
import type { SomeHandlers } from './endpoint.js';
import { userIdOf } from './guard.js';

const iso = (d: Date | null): string | null => (d ? toIso(d) : null);

/** A notice as the admin sees it: never the recipient, its parameters or a text. */
const deliveryView = (n: NoticeRow): NoticeDelivery => ({
  id: n.id,
  key: n.key,
  event: n.event,
  channel: n.channel,
  state: noticeState(n),
  attempts: n.attempts,
  createdAt: toIso(n.createdAt),
  doneAt: iso(n.sentAt ?? n.deadAt ?? n.droppedAt),
  nextAttemptAt: noticeState(n) === 'pending' ? toIso(n.nextAttemptAt) : null,
  lastError: n.lastError,
});

const zero = (): NoticeCounts => ({ pending: 0, sent: 0, failed: 0, dead: 0, dropped: 0 });
const add = (a: NoticeCounts, b: NoticeCounts): NoticeCounts => ({
  pending: a.pending + b.pending,
  sent: a.sent + b.sent,
  failed: a.failed + b.failed,
  dead: a.dead + b.dead,
  dropped: a.dropped + b.dropped,
});

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

/** A provider's health from its settings alone (off, or not used yet), until a dispatcher reports its own. */
function settingsHealth(ctx: Context, channel: NoticeChannel): NoticeProviderHealth {
  const on = readNoticeConfig(ctx.store).channels[channel].enabled;
  return {
    state: on ? 'unknown' : 'off',
    consecutiveFailures: 0,
    lastSuccessAt: null,
    lastFailureAt: null,
    lastError: null,
    nextAttemptAt: null,
  };
}

/**
 * The notices' admin side (issue 19): settings with credentials write-only (read masked, audited masked), the
 * deliveries by channel and event with this month's count per channel and each provider's health, and retrying
 * dead letters — audited, the dispatcher woken.
 */
export function noticeAdminHandlers(
  ctx: Context,
  health: (channel: NoticeChannel) => NoticeProviderHealth = (ch) => settingsHealth(ctx, ch),
) {
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
          const channel = applied.problems.filter((p) => /^(zns|sms|push): /.test(p));
          if (channel.length < applied.problems.length) {
            fail('LAYSO_NOTICE_TEMPLATE_INVALID', {
              problems: applied.problems.filter((p) => !channel.includes(p)),
            });
          }
          fail('LAYSO_NOTICE_CHANNEL_INCOMPLETE', { problems: channel });
        }
        const missing = incomplete(applied.config);
        if (missing.length) fail('LAYSO_NOTICE_CHANNEL_INCOMPLETE', { problems: missing });
        saveNoticeConfig(ctx.store, applied.config);
        // The audit holds what an admin reads: credentials masked, never in clear.
        ctx.audit.record(now, userIdOf(req), 'notices.settings', {
          before: noticeSettingsView(before),
          after: noticeSettingsView(applied.config),
        });
        return applied.config;
      });
      return noticeSettingsView(saved);
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
      const start = vnInstant(from);
      const end = vnInstant(addDays(to, 1));
      const empty = () => ({ total: zero(), byEvent: {} });
      const byChannel: NoticeSummary['byChannel'] = { push: empty(), zns: empty(), sms: empty() };
      for (const row of ctx.store.notices.counts(start, end)) {
        const c = byChannel[row.channel];
        if (!NOTICE_EVENTS.includes(row.event)) continue;
        const counts: NoticeCounts = {
          pending: row.pending,
          sent: row.sent,
          failed: row.failed,
          dead: row.dead,
          dropped: row.dropped,
        };
        c.total = add(c.total, counts);
        c.byEvent[row.event] = add(c.byEvent[row.event] ?? zero(), counts);
      }
      // The provider bills by calendar month, Vietnam time.
      const monthStart = vnInstant(`${today.slice(0, 8)}01`);
      const sent = (ch: NoticeChannel) => ctx.store.notices.sentSince(ch, monthStart);
      return {
        byChannel,
        month: { month: today.slice(0, 7), push: sent('push'), zns: sent('zns'), sms: sent('sms') },
        health: { push: health('push'), zns: health('zns'), sms: health('sms') },
        items: ctx.store.notices
          .list({
            from: start.getTime(),
            to: end.getTime(),
            state: req.query.state ?? null,
            channel: req.query.channel ?? null,
            limit: req.query.limit,
          })
          .map(deliveryView),
      };
    },

    retryNotices: async (req) => {
      const now = ctx.clock.now();
      const { ids, channel } = req.body;
      const retried = ctx.store.transaction(() => {
        const n = ids
          ? ctx.store.notices.retryDead(now, ids, null)
          : (channel ? [channel] : NOTICE_CHANNELS).reduce(
              (sum, ch) => sum + ctx.store.notices.retryDead(now, null, ch),
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
