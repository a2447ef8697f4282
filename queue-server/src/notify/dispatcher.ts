import {
  DEFAULT_NOTICE_TEMPLATES,
  DOSSIER_STATUS_CODES,
  NOTICE_CHANNELS,
  renderTemplate,
  URGENT_NOTICE_EVENTS,
  type NoticeChannel,
} from '@layso/protocol';
import type { NoticeRow } from '../db/notices.js';
import type { Store } from '../db/store.js';
import { serviceDay } from '../domain/time.js';
import type { Clock } from '../domain/types.js';
import { ProvinceHealth, type HealthSnapshot } from '../sync/health.js';
import type { SyncLogger } from '../sync/provincial.js';
import { isDead, type NoticeAdapter, type OutgoingNotice, type SendResult } from './adapter.js';
import { quietUntil, readNoticeConfig, vnDayBounds, type NoticeConfig } from './settings.js';

/**
 * The notices dispatcher (issue 19): one worker per channel, modelled on the provincial sync. At-least-once — a
 * notice is marked sent only after the provider took it, and carries its idempotency key so the provider (and the
 * phone, by the push tag) dedupes a repeat. One health per provider: while it fails the worker waits (full jitter,
 * capped, longer when it said Retry-After) and probes. Before each attempt the notice is checked again: stale ones
 * (e.g. "ahead" after the call, anything past its ticket's day) are dropped, non-urgent ones wait out quiet hours,
 * the daily quota and the per-minute rate hold. Dead letters keep a reason with no personal data.
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
  random?: () => number;
  logger?: SyncLogger;
}

type Outcome = 'sent' | 'failed' | 'dead' | 'dropped' | 'held';

/** Counters since start, for `/metrics`. */
export interface NoticeStats {
  sent: number;
  failed: number;
  dead: number;
  dropped: number;
  fallback: number;
}

const silent: SyncLogger = { info: () => undefined, warn: () => undefined };
const urgent = (n: NoticeRow) => URGENT_NOTICE_EVENTS.includes(n.event);

class ChannelWorker {
  readonly health: ProvinceHealth;
  readonly stats: NoticeStats = { sent: 0, failed: 0, dead: 0, dropped: 0, fallback: 0 };
  private inFlight: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private timer: NodeJS.Timeout | null = null;
  private wakeUp: (() => void) | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  /** Send times within the last minute (the per-minute rate). */
  private readonly recent: number[] = [];

  constructor(
    readonly channel: NoticeChannel,
    private readonly d: Dispatcher,
    private readonly o: Required<Omit<DispatcherOptions, 'logger'>> & { logger: SyncLogger },
  ) {
    this.health = new ProvinceHealth({
      ...o.backoff,
      maxRetryAfterMs: 15 * 60_000,
      random: o.random,
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort?.abort();
    this.wakeUp?.();
    await this.loop?.catch(() => undefined);
    await this.inFlight?.catch(() => undefined);
  }

  /** Sends what may go now, one at a time; joins a run under way. */
  runOnce(): Promise<void> {
    this.inFlight ??= this.drain().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let wait = this.o.idleMs;
      try {
        await this.runOnce();
        const now = this.o.clock.now().getTime();
        const due = this.o.store.notices.nextDueAt(this.channel);
        wait = Math.max(this.health.waitMs(now), this.rateWait(now));
        if (wait === 0)
          wait = due ? Math.min(Math.max(1, due.getTime() - now), this.o.idleMs) : this.o.idleMs;
      } catch (e) {
        this.o.logger.warn(
          { channel: this.channel, error: e instanceof Error ? e.name : 'unknown' },
          'notices: outbox failed',
        );
      }
      if (!this.running) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          if (this.timer) clearTimeout(this.timer);
          this.timer = null;
          this.wakeUp = null;
          resolve();
        };
        this.timer = setTimeout(done, wait);
        this.timer.unref();
        // While the provider fails, a new notice does not cut the wait short.
        this.wakeUp = this.health.waitMs(this.o.clock.now().getTime()) > 0 ? null : done;
        if (!this.running) done();
      });
    }
  }

  private rateWait(now: number): number {
    const config = readNoticeConfig(this.o.store);
    const limit = config.channels[this.channel].ratePerMinute;
    while (this.recent.length > 0 && (this.recent[0] ?? 0) <= now - 60_000) this.recent.shift();
    return this.recent.length < limit ? 0 : Math.max(1, (this.recent[0] ?? now) + 60_000 - now);
  }

  private async drain(): Promise<void> {
    const { store, clock } = this.o;
    for (;;) {
      if (this.loop !== null && !this.running) return;
      const now = clock.now();
      if (this.health.waitMs(now.getTime()) > 0 || this.rateWait(now.getTime()) > 0) return;
      const row = store.notices.next(this.channel, now);
      if (!row) return;
      const outcome = await this.process(row);
      this.d.changed();
      if (outcome === 'failed') return;
    }
  }

  private async process(row: NoticeRow): Promise<Outcome> {
    const { store, clock } = this.o;
    const now = clock.now();
    const config = readNoticeConfig(store);
    const stale = this.d.staleReason(row, now);
    if (stale) return this.drop(row, stale);
    if (!config.channels[this.channel].enabled) return this.drop(row, 'channel off');
    if (!urgent(row)) {
      const until = quietUntil(config, now);
      if (until) {
        store.notices.hold(row.id, until, 'quiet hours');
        return 'held';
      }
    }
    const quota = config.channels[this.channel].dailyQuota;
    const day = vnDayBounds(now);
    if (quota > 0 && store.notices.sentSince(this.channel, day.start) >= quota) {
      // An urgent notice tomorrow is stale; a result-ready one can wait for the quota to come back.
      if (urgent(row)) return this.drop(row, 'daily quota reached');
      store.notices.hold(row.id, day.end, 'daily quota reached');
      return 'held';
    }
    const adapter = this.o.adapters(this.channel, config);
    if (!adapter) return this.drop(row, 'channel not configured');
    const notice = this.d.outgoing(row, config);
    if (typeof notice === 'string') return this.drop(row, notice);
    const answering = row.lastAttemptAt
      ? (this.health.snapshot(now.getTime()).lastSuccessAt ?? -Infinity) > row.lastAttemptAt.getTime()
      : this.health.answering;
    this.recent.push(now.getTime());
    const result = await this.attempt(adapter, notice);
    const at = clock.now();
    if (result === 'sent') {
      this.health.succeeded(at.getTime());
      store.notices.markSent(row.id, at);
      this.stats.sent += 1;
      return 'sent';
    }
    if (isDead(result)) {
      this.health.succeeded(at.getTime());
      return this.bury(row, result.dead, result.reason, true);
    }
    this.stats.failed += 1;
    this.health.failed(at.getTime(), result.retry, result.after ?? null);
    const strike = answering && !result.retry.includes('429');
    if (strike && row.strikes + 1 >= this.o.maxStrikes) {
      return this.bury(row, 'rejected', `${result.retry} (${row.strikes + 1} attempts)`, true);
    }
    store.notices.markFailed(row.id, at, result.retry, at, strike);
    return 'failed';
  }

  private async attempt(adapter: NoticeAdapter, notice: OutgoingNotice): Promise<SendResult> {
    const abort = new AbortController();
    this.abort = abort;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<SendResult>((resolve) => {
      timer = setTimeout(() => {
        abort.abort();
        resolve({ retry: `timeout after ${this.o.timeoutMs} ms` });
      }, this.o.timeoutMs);
    });
    try {
      return await Promise.race([adapter.send(notice, abort.signal), late]);
    } catch (e) {
      // An adapter must answer, not throw; if one does, the provider is treated as failing.
      return { retry: `adapter error: ${e instanceof Error ? e.name : 'unknown'}` };
    } finally {
      clearTimeout(timer);
      this.abort = null;
    }
  }

  private drop(row: NoticeRow, reason: string): 'dropped' {
    this.o.store.notices.markDropped(row.id, this.o.clock.now(), reason);
    this.stats.dropped += 1;
    return 'dropped';
  }

  private bury(row: NoticeRow, code: string, reason: string, attempted: boolean): 'dead' {
    const { store, clock } = this.o;
    const now = clock.now();
    store.transaction(() => {
      store.notices.markDead(row.id, now, reason, attempted);
      if (code === 'gone' && row.target.startsWith('s')) {
        store.pushSubscriptions.removeById(Number(row.target.slice(1)));
      }
      // ZNS failed for good (or the phone has no Zalo): the same notice by SMS, once.
      if (row.channel === 'zns' && readNoticeConfig(store).channels.sms.enabled) {
        const planned = store.notices.plan({ ...row, channel: 'sms', at: now });
        if (planned) this.stats.fallback += 1;
      }
    });
    this.stats.dead += 1;
    this.o.logger.warn(
      { channel: row.channel, event: row.event, noticeId: row.id, reason },
      'notices: dead letter',
    );
    if (row.channel === 'zns') this.d.wake('sms');
    return 'dead';
  }
}

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
    if (n.target.startsWith('s')) {
      const s = store.pushSubscriptions.byId(Number(n.target.slice(1)));
      if (!s) return 'unsubscribed';
      recipient = { kind: 'push', endpoint: s.endpoint, p256dh: s.p256dh, auth: s.auth };
    } else {
      const intake = t?.intake;
      if (!intake || intake.consent !== true || !intake.phone || !intake.notices) return 'no consented phone';
      recipient = { kind: 'phone', phone: intake.phone };
    }
    const template = config.templates[n.event]?.[n.channel] ?? DEFAULT_NOTICE_TEMPLATES[n.event]?.[n.channel];
    if (!template) return 'no template';
    const url = n.dossierCode
      ? `${this.o.publicUrl}/h/${encodeURIComponent(n.dossierCode)}`
      : `${this.o.publicUrl}/t/${t?.trackingCode ?? ''}`;
    return {
      key: n.key,
      event: n.event,
      channel: n.channel,
      recipient,
      template,
      params: n.params,
      text: renderTemplate(template.text, n.params),
      url,
      ttlSeconds: urgent(n) ? 15 * 60 : 24 * 3600,
    };
  }
}
