import {
  checkTemplate,
  DEFAULT_NOTICE_TEMPLATES,
  NOTICE_CHANNELS,
  NOTICE_EVENTS,
  NoticeSettings,
  type NoticeChannel,
  type NoticeChannelSettings,
  type NoticeSettingsInput,
} from '@layso/protocol';
import type { Store } from '../db/store.js';
import { addDays, serviceDay, vnInstant, vnLocal } from '../domain/time.js';
import { isAllowedUpstream } from '../upstream-url.js';

/**
 * The notices' settings as the server uses them (issue 19): NoticeSettings with the credentials in clear. Stored as
 * one JSON value in `center_settings` (key `notices`); read at use time, so an admin's change applies at once.
 * The admin reads them masked (`noticeSettingsView`), writes them through `applyNoticeInput`.
 */
export type NoticeConfig = NoticeSettings;
export const NOTICES_KEY = 'notices';

const channel = (enabled: boolean, dailyQuota: number, ratePerMinute: number): NoticeChannelSettings => ({
  enabled,
  url: null,
  credential: null,
  sender: null,
  dailyQuota,
  ratePerMinute,
});

/** Push is free and needs nothing from the admin; ZNS and SMS need a provider, a credential and templates. */
export const DEFAULT_NOTICE_CONFIG: NoticeConfig = {
  channels: { push: channel(true, 0, 6000), zns: channel(false, 2000, 600), sms: channel(false, 2000, 600) },
  templates: DEFAULT_NOTICE_TEMPLATES,
  quietHours: { from: '21:00', to: '07:00' },
  aheadThreshold: 5,
  aheadByService: {},
};

export function readNoticeConfig(store: Store): NoticeConfig {
  const row = store.settings.centerValues().find((r) => r.key === NOTICES_KEY);
  if (!row) return DEFAULT_NOTICE_CONFIG;
  const parsed = NoticeSettings.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : DEFAULT_NOTICE_CONFIG;
}

export function saveNoticeConfig(store: Store, config: NoticeConfig): void {
  store.settings.putCenterValue(NOTICES_KEY, JSON.stringify(config));
}

/** "••••1a2b": enough to tell two keys apart, never enough to use one. */
export function maskCredential(c: string | null): string | null {
  if (c === null) return null;
  return `••••${c.length > 8 ? c.slice(-4) : ''}`;
}

/** What the admin reads: credentials masked. */
export function noticeSettingsView(c: NoticeConfig): NoticeSettings {
  const masked = (ch: NoticeChannel): NoticeChannelSettings => ({
    ...c.channels[ch],
    credential: maskCredential(c.channels[ch].credential),
  });
  return { ...c, channels: { push: masked('push'), zns: masked('zns'), sms: masked('sms') } };
}

/** The problem of a channel pointed at a new provider URL while its stored credential would be kept. */
export const NEW_URL_NEEDS_CREDENTIAL = 'a new provider URL needs its credential entered again';

/**
 * The settings after an admin's change, or the problems that refuse it (templates checked against the parameters
 * their event declares, no links, lengths). A credential absent from the input is kept — but not for a new provider
 * URL: a stored token must never be sent to a host it was not entered for.
 */
export function applyNoticeInput(
  current: NoticeConfig,
  input: NoticeSettingsInput,
): { ok: true; config: NoticeConfig } | { ok: false; problems: string[] } {
  const next: NoticeConfig = structuredClone(current);
  const problems: string[] = [];
  for (const ch of NOTICE_CHANNELS) {
    const given = input.channels?.[ch];
    if (!given) continue;
    const { credential, ...rest } = given;
    const was = current.channels[ch];
    if (credential === undefined && was.credential !== null && rest.url !== null && rest.url !== was.url) {
      problems.push(`${ch}: ${NEW_URL_NEEDS_CREDENTIAL}`);
    }
    next.channels[ch] = {
      ...rest,
      credential: credential === undefined ? current.channels[ch].credential : credential,
    };
  }
  if (input.templates) next.templates = input.templates;
  if (input.quietHours !== undefined) next.quietHours = input.quietHours;
  if (input.aheadThreshold !== undefined) next.aheadThreshold = input.aheadThreshold;
  if (input.aheadByService) next.aheadByService = input.aheadByService;
  for (const event of NOTICE_EVENTS) {
    for (const ch of NOTICE_CHANNELS) {
      const t = next.templates[event]?.[ch];
      if (t) for (const p of checkTemplate(event, ch, t)) problems.push(`${event}/${ch}: ${p}`);
    }
  }
  for (const ch of ['zns', 'sms'] as const) {
    const c = next.channels[ch];
    if (c.enabled && !c.url) problems.push(`${ch}: provider URL missing`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config: next };
}

/**
 * Why a provider URL may not be used, or null: it carries a credential and phone numbers, so https as every
 * upstream; plain http only to this machine with ALLOW_HTTP_UPSTREAM (the notify-mock stand-ins). Checked when the
 * admin saves and again each time an adapter is made, so turning ALLOW_HTTP_UPSTREAM off stops a stored http URL.
 */
export function providerUrlProblem(url: string, allowHttp: boolean): string | null {
  if (isAllowedUpstream(url, allowHttp)) return null;
  return allowHttp ? 'provider URL must be https' : 'provider URL must be https (ALLOW_HTTP_UPSTREAM is off)';
}

/** "N ahead" for a service: its own override, else the center's. */
export function aheadThresholdFor(c: NoticeConfig, serviceId: number): number {
  return c.aheadByService[String(serviceId)] ?? c.aheadThreshold;
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** When quiet hours end, if `now` is inside them (Vietnam time); null outside them or without quiet hours. */
export function quietUntil(c: NoticeConfig, now: Date): Date | null {
  if (!c.quietHours) return null;
  const from = minutesOf(c.quietHours.from);
  const to = minutesOf(c.quietHours.to);
  const { minutes, day } = vnLocal(now);
  const inside = from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
  if (!inside) return null;
  // Spanning midnight, the evening part ends tomorrow morning.
  const endDay = from > to && minutes >= from ? addDays(day, 1) : day;
  return vnInstant(endDay, to);
}

/** Vietnam midnight starting `now`'s day, and the next one (the daily quota's window). */
export function vnDayBounds(now: Date): { start: Date; end: Date } {
  const day = serviceDay(now);
  return { start: vnInstant(day), end: vnInstant(addDays(day, 1)) };
}
