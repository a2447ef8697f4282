import {
  DEFAULT_NOTICE_TEMPLATES,
  DOSSIER_STATUS_CODES,
  NOTICE_CHANNELS,
  renderTemplate,
  type NoticeChannel,
} from '@layso/protocol';
import type { NoticeRow } from '../db/notices.js';
import type { Store } from '../db/store.js';
import { serviceDay } from '../domain/time.js';
import type { Clock } from '../domain/types.js';
import type { HealthSnapshot } from '../sync/health.js';
import type { SyncLogger } from '../sync/provincial.js';
import type { NoticeAdapter, OutgoingNotice } from './adapter.js';
import { ChannelWorker, urgent } from './channel-worker.js';
import type { NoticeConfig } from './settings.js';

/**
 * The notices dispatcher (issue 19): one worker per channel (./channel-worker.ts), modelled on the provincial sync.
 * At-least-once — a notice is marked sent only after the provider took it, and carries its idempotency key so the
 * provider (and the phone, by the push tag) dedupes a repeat. One health per provider: while it fails the worker
 * waits (full jitter, capped, longer when it said Retry-After) and probes — for push, one per push service
 * (./origin-health.ts), sent to in parallel, so one bad subscription holds only its own notices. Before each attempt
 * the notice is checked again: stale ones (e.g. "ahead" after the call, anything past its ticket's day) are dropped,
 * non-urgent ones wait out quiet hours, the daily quota and the per-minute rate hold. Dead letters keep a reason with
 * no personal data.
 */

/** Builds the adapter of a channel for the settings as they are now; null = not configured (nothing goes). */
export type AdapterFor = (channel: NoticeChannel, config: NoticeConfig) => NoticeAdapter | null;

export interface DispatcherOptions {
  store: Store;
  clock: Clock;
  adapters: AdapterFor;
  /** Base of the `/t/:code` and `/h/:code` links a push opens. */
  publicUrl: string;
  /** One attempt's budget (default 10 s). */
  timeoutMs?: number;
  backoff?: { baseMs: number; capMs: number };
  /** Failures while the provider answered others before a notice is given up (default 8). */
  maxStrikes?: number;
  /** Look again this often with nothing due and no wake() (default 2 s). */
  idleMs?: number;
  /**
   * An urgent ZNS notice still not delivered this long after it was planned, while ZNS fails, goes by SMS instead
   * (default 30 s): a call told late is a call missed.
   */
  fallbackAfterMs?: number;
  random?: () => number;
  logger?: SyncLogger;
}

/** Counters since start, for `/metrics`. */
export interface NoticeStats {
  sent: number;
  failed: number;
  dead: number;
  dropped: number;
  fallback: number;
}

const silent: SyncLogger = { info: () => undefined, warn: () => undefined };

export class Dispatcher {
  private readonly workers: Map<NoticeChannel, ChannelWorker>;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly o: DispatcherOptions) {
    const full = {
      store: o.store,
      clock: o.clock,
      adapters: o.adapters,
      publicUrl: o.publicUrl.replace(/\/+$/, ''),
      timeoutMs: o.timeoutMs ?? 10_000,
      backoff: o.backoff ?? { baseMs: 500, capMs: 30_000 },
      maxStrikes: o.maxStrikes ?? 8,
      idleMs: o.idleMs ?? 2_000,
      fallbackAfterMs: o.fallbackAfterMs ?? 30_000,
      random: o.random ?? Math.random,
      logger: o.logger ?? silent,
    };
    this.workers = new Map(NOTICE_CHANNELS.map((c) => [c, new ChannelWorker(c, this, full)]));
  }

  start(): void {
    for (const w of this.workers.values()) w.start();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.workers.values()].map((w) => w.stop()));
  }

  /** Something was planned: idle workers look now (all channels, or one). */
  wake(channel?: NoticeChannel): void {
    for (const w of this.workers.values()) if (!channel || w.channel === channel) w.wake();
  }

  /** One pass over every channel (tests and the bench drive it without the loop). */
  async runOnce(): Promise<void> {
    for (const w of this.workers.values()) await w.runOnce();
  }

  health(channel: NoticeChannel): HealthSnapshot {
    return this.worker(channel).health.snapshot(this.o.clock.now().getTime());
  }

  stats(channel: NoticeChannel): NoticeStats {
    return { ...this.worker(channel).stats };
  }

  /** Called after each notice handled (counts or health may have changed). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const l of this.listeners) {
      try {
        l();
      } catch {
        // A listener's trouble is its own.
      }
    }
  }

  private worker(channel: NoticeChannel): ChannelWorker {
    const w = this.workers.get(channel);
    if (!w) throw new Error(`no worker for ${channel}`);
    return w;
  }

  /** Why a notice must not go now, or null: what it tells is no longer true, or its day is over. */
  staleReason(n: NoticeRow, now: Date): string | null {
    const { store } = this.o;
    if (n.target.startsWith('o') || n.target.startsWith('b')) return bookingStale(store, n, now);
    if (n.target.startsWith('f')) return feedbackStale(store, n);
    if (n.event === 'result_ready') {
      const d = n.dossierCode ? store.dossiers.byCode(n.dossierCode) : null;
      return d && d.status === DOSSIER_STATUS_CODES.processed ? null : 'stale: result no longer waiting';
    }
    const t = n.ticketId === null ? null : store.tickets.byId(n.ticketId);
    if (!t) return 'stale: no ticket';
    if (t.day !== serviceDay(now)) return 'stale: past its day';
    if (n.event === 'ahead' && t.status !== 'waiting') return `stale: ${t.status}`;
    if (n.event === 'called' && t.status !== 'called') return `stale: ${t.status}`;
    if (n.event === 'recalled') {
      if (t.status !== 'called') return `stale: ${t.status}`;
      if (n.key !== `t${t.id}:recalled:${t.recalls}`) return 'stale: recalled again';
    }
    return null;
  }

  /** The notice ready to send, or why it cannot go (a recipient gone, consent withdrawn by retention). */
  outgoing(n: NoticeRow, config: NoticeConfig): OutgoingNotice | string {
    const { store } = this.o;
    const t = n.ticketId === null ? null : store.tickets.byId(n.ticketId);
    let recipient: OutgoingNotice['recipient'];
    let url: string | null = null;
    if (n.target.startsWith('o') || n.target.startsWith('b') || n.target.startsWith('f')) {
      const to = n.target.startsWith('f')
        ? feedbackRecipient(store, n.target)
        : bookingRecipient(store, n.target);
      if (!to) return n.target.startsWith('f') ? 'no feedback phone' : 'no booking phone';
      recipient = { kind: 'phone', phone: to.phone };
      url = `${this.o.publicUrl}${to.path}`;
    } else if (n.target.startsWith('s')) {
      const s = store.pushSubscriptions.forNotice(n.target, n.ticketId);
      if (!s) return 'unsubscribed';
      recipient = { kind: 'push', endpoint: s.endpoint, p256dh: s.p256dh, auth: s.auth };
    } else {
      const intake = t?.intake;
      if (!intake || intake.consent !== true || !intake.phone || !intake.notices) return 'no consented phone';
      recipient = { kind: 'phone', phone: intake.phone };
    }
    const template = config.templates[n.event]?.[n.channel] ?? DEFAULT_NOTICE_TEMPLATES[n.event]?.[n.channel];
    if (!template) return 'no template';
    url ??= n.dossierCode
      ? `${this.o.publicUrl}/h/${encodeURIComponent(n.dossierCode)}`
      : `${this.o.publicUrl}/t/${t?.trackingCode ?? ''}`;
    return {
      key: n.key,
      event: n.event,
      channel: n.channel,
      recipient,
      template,
      // Only what the template declares: ZNS refuses any other parameter.
      params: Object.fromEntries(
        template.params.flatMap((p) => (p in n.params ? [[p, n.params[p] ?? '']] : [])),
      ),
      text: renderTemplate(template.text, n.params),
      url,
      ttlSeconds: urgent(n) ? 15 * 60 : 24 * 3600,
    };
  }
}

/**
 * A booking's notice (issue 21) is stale when what it tells no longer holds: a one-time code expired or used; a
 * reminder of a booking no longer booked, moved to another slot (its key names the slot), or whose slot has begun.
 */
function bookingStale(store: Store, n: NoticeRow, now: Date): string | null {
  if (n.target.startsWith('o')) {
    const otp = store.bookings.otp(n.target.slice(1));
    if (!otp) return 'stale: no code';
    if (otp.usedAt !== null) return 'stale: code used';
    return otp.expiresAt > now ? null : 'stale: code expired';
  }
  const b = store.bookings.byId(Number(n.target.slice(1)));
  if (!b) return 'stale: no booking';
  if (b.status !== 'booked') return `stale: ${b.status}`;
  if (!n.key.endsWith(`:${b.slotStart.getTime()}`)) return 'stale: moved';
  return b.slotStart > now ? null : 'stale: slot begun';
}

/** The phone a booking's notice goes to, and the page it links to; null once erased. */
function bookingRecipient(store: Store, target: string): { phone: string; path: string } | null {
  if (target.startsWith('o')) {
    const otp = store.bookings.otp(target.slice(1));
    return otp ? { phone: otp.phone, path: '/dat-lich' } : null;
  }
  const b = store.bookings.byId(Number(target.slice(1)));
  return b?.phone ? { phone: b.phone, path: `/b/${b.code}` } : null;
}

/** A feedback case's answer (issue 22) is stale once the case is gone or no longer answered or closed. */
function feedbackStale(store: Store, n: NoticeRow): string | null {
  const c = store.feedback.byId(Number(n.target.slice(1)));
  if (!c) return 'stale: no case';
  return c.status === 'answered' || c.status === 'closed' ? null : `stale: ${c.status}`;
}

/** The phone a feedback case's notice goes to, and its page; null once erased. */
function feedbackRecipient(store: Store, target: string): { phone: string; path: string } | null {
  const c = store.feedback.byId(Number(target.slice(1)));
  return c?.phone ? { phone: c.phone, path: `/pa/${c.code}` } : null;
}
