import { z } from 'zod';
import { Id, IsoDateTime } from './scalars.js';
import { UpstreamHealth } from './upstream-health.js';

/**
 * Notices to the citizen (issue 19): Web Push from the phone page, Zalo ZNS and SMS brandname where the citizen gave
 * a phone number at the kiosk and agreed. One outbox like provincial sync; each notice has an idempotency key
 * `<ticket|dossier>:<event>[:n]`; a notice stale when it would go out is dropped, never sent late.
 */

/**
 * What a notice tells: N people ahead (once), called, recalled, the dossier's result ready, an appointment soon; and
 * for bookings (issue 21) the one-time code that confirms the phone, and the reminder of a booked slot.
 */
export const NoticeEvent = z.enum([
  'ahead',
  'called',
  'recalled',
  'result_ready',
  'appointment_reminder',
  'booking_code',
  'booking_reminder',
  'feedback_answered',
]);
export type NoticeEvent = z.infer<typeof NoticeEvent>;
export const NOTICE_EVENTS = NoticeEvent.options;

/** How it goes: Web Push to the phone page, Zalo ZNS, SMS brandname (ZNS first, SMS as its fallback). */
export const NoticeChannel = z.enum(['push', 'zns', 'sms']);
export type NoticeChannel = z.infer<typeof NoticeChannel>;
export const NOTICE_CHANNELS = NoticeChannel.options;

/** Events that may not wait for the end of quiet hours (the citizen is in the hall, being called). */
export const URGENT_NOTICE_EVENTS: readonly NoticeEvent[] = ['ahead', 'called', 'recalled', 'booking_code'];

/**
 * The parameters each event's template may use, and nothing else (ZNS templates are approved with fixed
 * parameters). Values are filled by the server: never a name, ID number or phone.
 */
export const NOTICE_PARAMS = {
  ahead: ['number', 'ahead', 'service', 'center'],
  called: ['number', 'counter', 'service', 'center'],
  recalled: ['number', 'counter', 'service', 'center'],
  result_ready: ['dossier', 'procedure', 'place', 'center'],
  appointment_reminder: ['dossier', 'date', 'time', 'center'],
  booking_code: ['code', 'minutes', 'center'],
  booking_reminder: ['service', 'date', 'time', 'booking', 'center'],
  // Issue 22: a feedback case was answered; the answer is read on its page /pa/<case>.
  feedback_answered: ['case', 'center'],
} as const satisfies Record<NoticeEvent, readonly string[]>;
export type NoticeParam<E extends NoticeEvent = NoticeEvent> = (typeof NOTICE_PARAMS)[E][number];

export { FEEDBACK_CONSENT, NOTICE_CONSENT } from './notice-consent.js';

export const ConsentVersion = z.string().regex(/^[A-Za-z0-9._-]{1,40}$/);

/** At the kiosk (inside the ticket's intake, which must hold a phone): "Nhận tin nhắn thông báo / Get text notices". */
export const IntakeNoticeConsent = z.object({ consentVersion: ConsentVersion }).strict();
export type IntakeNoticeConsent = z.infer<typeof IntakeNoticeConsent>;

// ---------- Web Push subscription (the phone page) ----------

const Base64Url = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/);

/**
 * The browser's PushSubscription as `toJSON()` gives it, plus the consent version shown. The endpoint is https;
 * plain http is accepted by the server only for 127.0.0.1 with ALLOW_HTTP_UPSTREAM (the stand-in).
 */
export const PushSubscriptionBody = z
  .object({
    endpoint: z
      .string()
      .max(2000)
      .regex(/^https?:\/\/[^\s]+$/),
    /** P-256 public key, uncompressed (65 bytes → 87 base64url characters). */
    keys: z.object({ p256dh: Base64Url(80, 100), auth: Base64Url(16, 32) }).strict(),
    consentVersion: ConsentVersion,
  })
  .strict();
export type PushSubscriptionBody = z.infer<typeof PushSubscriptionBody>;

/** Unsubscribe: the endpoint the browser drops. */
export const PushUnsubscribeBody = z.object({ endpoint: PushSubscriptionBody.shape.endpoint }).strict();
export type PushUnsubscribeBody = z.infer<typeof PushUnsubscribeBody>;

export const PushSubscribeReply = z.object({
  subscribed: z.boolean(),
  /** The events this ticket will still be told of (e.g. no "ahead" once called). */
  events: z.array(NoticeEvent),
});
export type PushSubscribeReply = z.infer<typeof PushSubscribeReply>;

/** `applicationServerKey` for `pushManager.subscribe`: the VAPID public key, base64url (uncompressed P-256). */
export const PushKeyReply = z.object({ publicKey: z.string(), enabled: z.boolean() });
export type PushKeyReply = z.infer<typeof PushKeyReply>;

/** What a push message carries (encrypted, RFC 8291): what the phone's service worker shows. No personal data. */
export const PushPayload = z.object({
  event: NoticeEvent,
  /** The idempotency key, also the notification's tag (a repeat replaces, not adds). */
  tag: z.string(),
  title: z.string(),
  body: z.string(),
  /** Where a tap leads: the ticket's `/t/:code` or the dossier's `/h/:code` page. */
  url: z.string(),
  number: z.string().nullable(),
  counter: z.string().nullable(),
});
export type PushPayload = z.infer<typeof PushPayload>;

// ---------- settings (admin) ----------

/** "HH:mm" in Asia/Ho_Chi_Minh. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** Non-urgent notices wait out these hours; `from` after `to` spans midnight (e.g. 21:00–07:00). */
export const QuietHours = z
  .object({ from: ClockTime, to: ClockTime })
  .strict()
  .refine((q) => q.from !== q.to, 'from and to differ');
export type QuietHours = z.infer<typeof QuietHours>;

/**
 * A template for one event on one channel: the provider's approved id (ZNS), the text with `{param}` holes (push and
 * SMS; ZNS renders its own from `template_data`), and the parameters it declares (a subset of NOTICE_PARAMS[event]).
 */
export const NoticeTemplate = z
  .object({
    templateId: z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9_.-]*$/),
    text: z.string().min(1).max(400),
    params: z.array(z.string().regex(/^[a-z_]{1,24}$/)).max(8),
  })
  .strict();
export type NoticeTemplate = z.infer<typeof NoticeTemplate>;

export const NoticeTemplates = z.partialRecord(NoticeEvent, z.partialRecord(NoticeChannel, NoticeTemplate));
export type NoticeTemplates = z.infer<typeof NoticeTemplates>;

const Limits = {
  /** Messages per day (Vietnam day) on this channel; the provider's quota. 0 = no limit. */
  dailyQuota: z.number().int().min(0).max(10_000_000),
  /** Messages per minute at most. */
  ratePerMinute: z.number().int().min(1).max(100_000),
};

/** A channel as the admin reads it: the credential is never sent back, only whether one is set and its end. */
export const NoticeChannelSettings = z.object({
  enabled: z.boolean(),
  /** Provider base URL (ZNS, SMS); null for push (the subscription names its push service). */
  url: z.string().nullable(),
  /** ZNS OA access token or SMS gateway key, masked: "••••1a2b"; null when none is set. */
  credential: z.string().nullable(),
  /** SMS brandname (sender name), null elsewhere. */
  sender: z.string().nullable(),
  ...Limits,
});
export type NoticeChannelSettings = z.infer<typeof NoticeChannelSettings>;

/** Per-service "N ahead" overrides, keyed by service id. */
export const AheadByService = z.record(z.string().regex(/^\d{1,10}$/), z.number().int().min(1).max(50));

export const NoticeSettings = z.object({
  channels: z.object({ push: NoticeChannelSettings, zns: NoticeChannelSettings, sms: NoticeChannelSettings }),
  templates: NoticeTemplates,
  quietHours: QuietHours.nullable(),
  /** Notify when this many people are ahead (once per ticket); default 5. */
  aheadThreshold: z.number().int().min(1).max(50),
  aheadByService: AheadByService,
});
export type NoticeSettings = z.infer<typeof NoticeSettings>;

/**
 * A channel as the admin writes it: `credential` absent = keep, null = clear, a string = replace (write-only).
 */
export const NoticeChannelInput = z
  .object({
    enabled: z.boolean(),
    url: z
      .string()
      .max(500)
      .regex(/^https?:\/\/[^\s]+$/)
      .nullable(),
    credential: z.string().min(1).max(2000).nullable().optional(),
    sender: z
      .string()
      .max(11)
      .regex(/^[A-Za-z0-9 ._-]*$/)
      .nullable(),
    ...Limits,
  })
  .strict();
export type NoticeChannelInput = z.infer<typeof NoticeChannelInput>;

export const NoticeSettingsInput = z
  .object({
    channels: z
      .object({
        push: NoticeChannelInput.optional(),
        zns: NoticeChannelInput.optional(),
        sms: NoticeChannelInput.optional(),
      })
      .strict()
      .optional(),
    templates: NoticeTemplates.optional(),
    quietHours: QuietHours.nullable().optional(),
    aheadThreshold: z.number().int().min(1).max(50).optional(),
    aheadByService: AheadByService.optional(),
  })
  .strict();
export type NoticeSettingsInput = z.infer<typeof NoticeSettingsInput>;

// ---------- deliveries (admin) ----------

/** pending: waiting or retrying; sent; dead: given up (reason kept); dropped: stale or past quota, never sent. */
export const NoticeState = z.enum(['pending', 'sent', 'dead', 'dropped']);
export type NoticeState = z.infer<typeof NoticeState>;

/** One notice as the admin sees it: no phone, endpoint, name or message body. */
export const NoticeDelivery = z.object({
  id: Id,
  key: z.string(),
  event: NoticeEvent,
  channel: NoticeChannel,
  state: NoticeState,
  attempts: z.number().int().nonnegative(),
  createdAt: IsoDateTime,
  /** When it was sent, dropped or given up. */
  doneAt: IsoDateTime.nullable(),
  nextAttemptAt: IsoDateTime.nullable(),
  /** Short, no personal data: "HTTP 503", "stale: called", "gone (410)", "no Zalo account". */
  lastError: z.string().nullable(),
});
export type NoticeDelivery = z.infer<typeof NoticeDelivery>;

export const NoticeCounts = z.object({
  pending: z.number().int().nonnegative(),
  sent: z.number().int().nonnegative(),
  /** Attempts that failed (each retry counts), whether the notice went out later or not. */
  failed: z.number().int().nonnegative(),
  dead: z.number().int().nonnegative(),
  dropped: z.number().int().nonnegative(),
});
export type NoticeCounts = z.infer<typeof NoticeCounts>;

/** A provider's health, one per channel (like the province's). */
export const NoticeProviderHealth = UpstreamHealth;
export type NoticeProviderHealth = z.infer<typeof NoticeProviderHealth>;

export const NoticeDeliveryQuery = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  state: NoticeState.optional(),
  channel: NoticeChannel.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const NoticeSummary = z.object({
  /** Counts per channel, then per event within it, over the asked days (Vietnam time). */
  byChannel: z.record(
    NoticeChannel,
    z.object({ total: NoticeCounts, byEvent: z.partialRecord(NoticeEvent, NoticeCounts) }),
  ),
  /** Messages sent this calendar month per channel (what the provider bills). */
  month: z.object({
    month: z.string(),
    push: z.number().int(),
    zns: z.number().int(),
    sms: z.number().int(),
  }),
  health: z.record(NoticeChannel, NoticeProviderHealth),
  /** Newest first; dead letters first when `state=dead` is asked. */
  items: z.array(NoticeDelivery),
});
export type NoticeSummary = z.infer<typeof NoticeSummary>;

/** Retry dead letters: the ids given, or all dead ones of a channel. */
export const NoticeRetryBody = z
  .object({ ids: z.array(Id).max(1000).optional(), channel: NoticeChannel.optional() })
  .strict();
export type NoticeRetryBody = z.infer<typeof NoticeRetryBody>;
export const NoticeRetryReply = z.object({ retried: z.number().int().nonnegative() });

// ---------- templates: what is allowed ----------

/**
 * A link in a message: a URL or a bare domain (zalo.me/x, abc.vn, dichvucong.gov). Zalo and SMS brandname rules
 * forbid them (vietnam.md, "Notices"); links go on buttons. One rule for the admin's template check and the send-time
 * check of the values (queue-server notify/template.ts), so a template the admin saved is never refused at send.
 */
export const NOTICE_LINK = /(https?:\/\/|www\.|\b[a-z0-9-]+\.(vn|com|net|org|io|me|link|ly|gov|info)\b)/i;
const HOLE = /\{([a-z_]+)\}/g;

export const NOTICE_LIMITS = { zns: 400, sms: 160, smsParts: 3, push: 400 } as const;

/** The `{param}` holes of a text, in order of first use. */
export function templateHoles(text: string): string[] {
  return [...new Set([...text.matchAll(HOLE)].map((m) => m[1] ?? ''))];
}

/**
 * What is wrong with a template, as short reasons ([] = fine): parameters not declared for the event, holes not
 * declared by the template, a link in the body, too long for the channel (counting each parameter as 20
 * characters), no template id for ZNS.
 */
export function checkTemplate(event: NoticeEvent, channel: NoticeChannel, t: NoticeTemplate): string[] {
  const problems: string[] = [];
  const allowed: readonly string[] = NOTICE_PARAMS[event];
  for (const p of t.params) if (!allowed.includes(p)) problems.push(`param not allowed: ${p}`);
  for (const h of templateHoles(t.text)) if (!t.params.includes(h)) problems.push(`param not declared: ${h}`);
  if (NOTICE_LINK.test(t.text)) problems.push('link in body');
  const length = t.text.replace(HOLE, 'x'.repeat(20)).length;
  const max = channel === 'sms' ? NOTICE_LIMITS.sms * NOTICE_LIMITS.smsParts : NOTICE_LIMITS[channel];
  if (length > max) problems.push(`too long: ${length} > ${max}`);
  if (channel === 'zns' && t.templateId === '') problems.push('template id missing');
  return problems;
}

/** Fills a template's holes; a missing value leaves an empty string (never the raw `{hole}`). */
export function renderTemplate(text: string, values: Partial<Record<string, string>>): string {
  return text.replace(HOLE, (_, name: string) => values[name] ?? '').normalize('NFC');
}

const TEXTS: Record<NoticeEvent, { text: string; params: string[] }> = {
  ahead: {
    text: 'Số {number}: còn {ahead} người trước bạn tại {center}. Mời quay lại khu vực chờ.',
    params: ['number', 'ahead', 'center'],
  },
  called: { text: 'Mời số {number} đến {counter} - {center}.', params: ['number', 'counter', 'center'] },
  recalled: {
    text: 'Nhắc lại: mời số {number} đến {counter} - {center}.',
    params: ['number', 'counter', 'center'],
  },
  result_ready: {
    text: 'Hồ sơ {dossier} đã có kết quả. Mời nhận tại {place}.',
    params: ['dossier', 'place'],
  },
  appointment_reminder: {
    text: 'Nhắc lịch hẹn hồ sơ {dossier}: {date} lúc {time} tại {center}.',
    params: ['dossier', 'date', 'time', 'center'],
  },
  booking_code: {
    text: 'Mã xác nhận đặt lịch của bạn là {code} (hiệu lực {minutes} phút). Không chia sẻ mã này. {center}',
    params: ['code', 'minutes', 'center'],
  },
  booking_reminder: {
    text: 'Nhắc lịch hẹn {booking}: {service}, {time} ngày {date} tại {center}. Mời đến ki-ốt nhận số trước giờ hẹn.',
    params: ['booking', 'service', 'date', 'time', 'center'],
  },
  feedback_answered: {
    text: 'Phản ánh {case} của bạn tại {center} đã được trả lời. Mời xem trên trang tra cứu phản ánh bằng mã này.',
    params: ['case', 'center'],
  },
};

/** The templates a center starts with (the admin replaces them with the ones its providers approved). */
export const DEFAULT_NOTICE_TEMPLATES: NoticeTemplates = Object.fromEntries(
  NOTICE_EVENTS.map((e) => [
    e,
    Object.fromEntries(
      NOTICE_CHANNELS.map((c) => [c, { templateId: c === 'zns' ? `layso_${e}` : '', ...TEXTS[e] }]),
    ),
  ]),
);
