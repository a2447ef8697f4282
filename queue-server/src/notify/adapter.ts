import type { NoticeChannel, NoticeEvent, NoticeTemplate } from '@layso/protocol';

/**
 * The seam between the notices dispatcher and a provider (issue 19): Web Push, Zalo ZNS, SMS brandname. The
 * dispatcher owns the outbox, retries, health, quotas and staleness; an adapter makes one attempt and says what it
 * means. Adapters never log the recipient or the body, and their error texts hold no personal data.
 */

/** Where a notice goes: a browser's push subscription, or a phone number (as the kiosk took it: 0… or +84…). */
export type NoticeRecipient =
  { kind: 'push'; endpoint: string; p256dh: string; auth: string } | { kind: 'phone'; phone: string };

/** One notice, ready to send: the template already chosen, its parameters filled by the server. */
export interface OutgoingNotice {
  /** The idempotency key `<ticket|dossier>:<event>[:n]` (also ZNS `tracking_id`, the push tag). */
  key: string;
  event: NoticeEvent;
  channel: NoticeChannel;
  recipient: NoticeRecipient;
  template: NoticeTemplate;
  /** Values for the template's declared parameters. */
  params: Record<string, string>;
  /** The template's text with its parameters filled (push and SMS bodies; NFC). */
  text: string;
  /** Where a tap on a push leads (never put in an SMS or ZNS body). */
  url: string;
  /** Push only: seconds the push service may keep it (a notice past that is stale anyway). */
  ttlSeconds: number;
}

/**
 * Why a notice is given up. `gone`: the push service says the subscription no longer exists (404/410) — the
 * subscription is removed; `no_zalo`: the phone has no Zalo account — the same notice goes by SMS;
 * `quota`: the provider's quota is spent for today; `template`: the template or its parameters are refused;
 * `rejected`: any other final refusal.
 */
export type DeadCode = 'gone' | 'no_zalo' | 'quota' | 'template' | 'rejected';

/**
 * One attempt's outcome. `retry`: short error, no personal data ("HTTP 503", "timeout after 10000 ms"); `after` =
 * the provider's own wait in ms (Retry-After). `dead`: final; `reason` is short, no personal data.
 */
export type SendResult = 'sent' | { retry: string; after?: number } | { dead: DeadCode; reason: string };

export interface NoticeAdapter {
  readonly channel: NoticeChannel;
  send(notice: OutgoingNotice, signal?: AbortSignal): Promise<SendResult>;
}

/** A provider as the admin configured it (ZNS, SMS): base URL, credential (token / API key), SMS brandname. */
export interface ProviderConfig {
  url: string;
  credential: string | null;
  sender: string | null;
  /** One attempt's budget, ms. */
  timeoutMs: number;
}

/**
 * The adapter of a channel whose configuration may not be used (e.g. a plain-http URL once ALLOW_HTTP_UPSTREAM is
 * off): every attempt fails with `reason` before anything is sent, so the channel shows unhealthy with it and its
 * notices wait (or go stale) until the admin fixes the settings.
 */
export function refusingAdapter(channel: NoticeChannel, reason: string): NoticeAdapter {
  return { channel, send: () => Promise.resolve({ retry: reason }) };
}

/** Builds an adapter for a configuration; the dispatcher rebuilds it when the admin changes the settings. */
export type AdapterFactory = (config: ProviderConfig) => NoticeAdapter;

/** "0912345678" / "+84912345678" → "84912345678", the form ZNS and most SMS gateways take. */
export function internationalPhone(phone: string): string {
  const digits = phone.replace(/[^\d]/g, '');
  if (digits.startsWith('84')) return digits;
  if (digits.startsWith('0')) return `84${digits.slice(1)}`;
  return digits;
}

export function isDead(r: SendResult): r is { dead: DeadCode; reason: string } {
  return typeof r === 'object' && 'dead' in r;
}

export function isRetry(r: SendResult): r is { retry: string; after?: number } {
  return typeof r === 'object' && 'retry' in r;
}
