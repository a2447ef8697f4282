import { URGENT_NOTICE_EVENTS, type NoticeChannel } from '@layso/protocol';
import type { NoticeRow } from '../db/notices.js';
import { ProvinceHealth } from '../sync/health.js';
import type { SyncLogger } from '../sync/provincial.js';
import { isDead, type NoticeAdapter, type OutgoingNotice, type SendResult } from './adapter.js';
import type { Dispatcher, DispatcherOptions, NoticeStats } from './dispatcher.js';
import { nextWake } from './next-wake.js';
import { OriginHealth } from './origin-health.js';
import { quietUntil, readNoticeConfig, vnDayBounds } from './settings.js';

/**
 * One channel's worker of the notices dispatcher (./dispatcher.ts): the loop, the checks before each attempt, the
 * attempt under its budget, and what its outcome means for the notice and the provider's health.
 */

export type Outcome = 'sent' | 'failed' | 'dead' | 'dropped' | 'held';

export const urgent = (n: Pick<NoticeRow, 'event'>) => URGENT_NOTICE_EVENTS.includes(n.event);

/** Push attempts in flight at once. */
const PUSH_PARALLEL = 8;
/**
 * …and to one push service at once: most phones share one (Chrome's FCM), so it may take half; a service that
 * hangs holds no more than that while the others go on.
 */
const PUSH_PER_SERVICE = 4;
/** Due push notices looked at in one pass. */
const PUSH_BATCH = 256;
/** Attempts a 429 may take before its failures count against the notice (a provider that never lets it through). */
const RATE_LIMIT_FREE_TRIES = 3;

/** The dispatcher's options with every default filled. */
export type WorkerOptions = Required<Omit<DispatcherOptions, 'logger'>> & { logger: SyncLogger };

export class ChannelWorker {
  /** The provider's health (push: the channel as the admin sees it; each push service has its own in `origins`). */
  readonly health: ProvinceHealth;
  readonly origins: OriginHealth;
  readonly stats: NoticeStats = { sent: 0, failed: 0, dead: 0, dropped: 0, fallback: 0 };
  private inFlight: Promise<void> | null = null;
  private readonly aborts = new Set<AbortController>();
  /** Attempts under way (the daily quota counts them as spent). */
  private attempting = 0;
  private timer: NodeJS.Timeout | null = null;
  private wakeUp: (() => void) | null = null;
  /** Ends a push drain's wait for an attempt in flight: something new may go meanwhile. */
  private nudge: (() => void) | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  /** Send times within the last minute (the per-minute rate). */
  private readonly recent: number[] = [];

  constructor(
    readonly channel: NoticeChannel,
    private readonly d: Dispatcher,
    private readonly o: WorkerOptions,
  ) {
    const health = { ...o.backoff, maxRetryAfterMs: 15 * 60_000, random: o.random };
    this.health = new ProvinceHealth(health);
    this.origins = new OriginHealth(health);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  wake(): void {
    this.wakeUp?.();
    this.nudge?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const a of this.aborts) a.abort();
    this.wake();
    await this.loop?.catch(() => undefined);
    await this.inFlight?.catch(() => undefined);
  }

  /** Sends what may go now; joins a run under way. */
  runOnce(): Promise<void> {
    this.inFlight ??= (this.channel === 'push' ? this.drainPush() : this.drain()).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** How long the whole channel waits: its provider's health (push: never — each push service waits alone). */
  private gateWait(now: number): number {
    return this.channel === 'push' ? 0 : this.health.waitMs(now);
  }

  private async run(): Promise<void> {
    while (this.running) {
      let wait = this.o.idleMs;
      try {
        await this.runOnce();
        const now = this.o.clock.now().getTime();
        const fallbackOn = this.smsFallbackOn();
        wait = nextWake({
          now,
          blockedMs: Math.max(this.gateWait(now), this.rateWait(now)),
          nextDueAt: this.o.store.notices.nextDueAt(this.channel)?.getTime() ?? null,
          idleMs: this.o.idleMs,
          fallbackAfterMs: fallbackOn ? this.o.fallbackAfterMs : null,
          oldestUrgentAt: fallbackOn
            ? (this.o.store.notices.oldestPending(this.channel, URGENT_NOTICE_EVENTS)?.getTime() ?? null)
            : null,
        });
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
        this.wakeUp = this.gateWait(this.o.clock.now().getTime()) > 0 ? null : done;
        if (!this.running) done();
      });
    }
  }

  private rateWait(
    now: number,
    limit = readNoticeConfig(this.o.store).channels[this.channel].ratePerMinute,
  ): number {
    while (this.recent.length > 0 && (this.recent[0] ?? 0) <= now - 60_000) this.recent.shift();
    return this.recent.length < limit ? 0 : Math.max(1, (this.recent[0] ?? now) + 60_000 - now);
  }

  /**
   * ZNS, SMS: one at a time; a failure ends the pass (the provider's health decides when to look again). While ZNS
   * waits out its failures, what is due is still looked at: an urgent notice kept too long goes by SMS, the others
   * are held to ZNS's next try.
   */
  private async drain(): Promise<void> {
    const { store, clock } = this.o;
    for (;;) {
      if (this.loop !== null && !this.running) return;
      const now = clock.now();
      const gate = this.gateWait(now.getTime());
      if ((gate > 0 && !this.smsFallbackOn()) || this.rateWait(now.getTime()) > 0) return;
      const row = store.notices.next(this.channel, now);
      if (!row) return;
      if (gate > 0) {
        if (this.overdue(row, now)) this.fallBack(row, 'ZNS failing');
        else if (urgent(row)) return;
        else store.notices.hold(row.id, new Date(now.getTime() + gate), 'provider failing');
        this.d.changed();
        continue;
      }
      const outcome = await this.process(row, null);
      this.d.changed();
      if (outcome === 'failed') return;
    }
  }

  /**
   * Push: several at once, at most PUSH_PER_SERVICE to each push service. A notice to a failing service is held
   * until that service's next try; one whose service is busy is passed over in memory until an attempt ends (it
   * stays pending in the outbox: a crash meanwhile loses nothing); the rest keep going, whatever one service does.
   */
  private async drainPush(): Promise<void> {
    const { store, clock } = this.o;
    const running = new Set<Promise<void>>();
    /** Attempts in flight per push service. */
    const busy = new Map<string, number>();
    /** Looked at in this pass: a notice due again at once (a failure with no wait) waits for the next pass. */
    const seen = new Set<number>();
    /** Each notice's push service, looked up once a pass (a subscription's endpoint does not change). */
    const origins = new Map<number, string | null>();
    const originOf = (row: NoticeRow): string | null => {
      if (!origins.has(row.id)) origins.set(row.id, this.originOf(row));
      return origins.get(row.id) ?? null;
    };
    const settle = () =>
      Promise.race([
        ...running,
        new Promise<void>((resolve) => {
          this.nudge = resolve;
        }),
      ]).finally(() => {
        this.nudge = null;
      });
    for (;;) {
      if (this.loop !== null && !this.running) break;
      let started = false;
      const now = clock.now();
      const due = running.size < PUSH_PARALLEL ? store.notices.due(this.channel, now, PUSH_BATCH) : [];
      const ratePerMinute = readNoticeConfig(store).channels[this.channel].ratePerMinute;
      for (const row of due) {
        if (running.size >= PUSH_PARALLEL || this.rateWait(now.getTime(), ratePerMinute) > 0) break;
        if (seen.has(row.id)) continue;
        const origin = originOf(row);
        if (origin !== null) {
          const wait = this.origins.waitMs(origin, now.getTime());
          if (wait > 0) {
            seen.add(row.id);
            store.notices.hold(row.id, new Date(now.getTime() + wait), 'push service failing');
            continue;
          }
          const inFlight = busy.get(origin) ?? 0;
          if (inFlight >= PUSH_PER_SERVICE) continue;
          busy.set(origin, inFlight + 1);
        }
        seen.add(row.id);
        // Leased for one attempt's budget, so the next look passes it by (and a crash meanwhile loses nothing).
        store.notices.hold(row.id, new Date(now.getTime() + this.o.timeoutMs), 'sending');
        const attempt: Promise<void> = this.process(row, origin)
          .then(
            () => undefined,
            (e: unknown) =>
              this.o.logger.warn(
                { channel: this.channel, error: e instanceof Error ? e.name : 'unknown' },
                'notices: outbox failed',
              ),
          )
          .finally(() => {
            running.delete(attempt);
            if (origin !== null) {
              const left = (busy.get(origin) ?? 1) - 1;
              if (left > 0) busy.set(origin, left);
              else busy.delete(origin);
            }
            this.d.changed();
          });
        running.add(attempt);
        started = true;
      }
      if (!started) {
        if (running.size === 0) break;
        await settle();
      }
    }
    await Promise.all(running);
  }

  /** The push service of a push notice (its subscription's endpoint origin); null for others or one gone. */
  private originOf(row: NoticeRow): string | null {
    if (this.channel !== 'push') return null;
    const s = this.o.store.pushSubscriptions.forNotice(row.target, row.ticketId);
    return s ? OriginHealth.of(s.endpoint) : null;
  }

  private async process(row: NoticeRow, origin: string | null): Promise<Outcome> {
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
    if (quota > 0 && store.notices.sentSince(this.channel, day.start) + this.attempting >= quota) {
      // An urgent notice tomorrow is stale; a result-ready one can wait for the quota to come back.
      if (urgent(row)) {
        return this.smsFallbackOn()
          ? this.fallBack(row, 'ZNS daily quota reached')
          : this.drop(row, 'daily quota reached');
      }
      store.notices.hold(row.id, day.end, 'daily quota reached');
      return 'held';
    }
    const adapter = this.o.adapters(this.channel, config);
    if (!adapter) return this.drop(row, 'channel not configured');
    const notice = this.d.outgoing(row, config);
    if (typeof notice === 'string') return this.drop(row, notice);
    if (!this.health.answering && this.overdue(row, now)) return this.fallBack(row, 'ZNS failing');
    // Did the provider answer others since this notice last failed? Then a failure now is the notice's own.
    const answering =
      origin !== null
        ? !this.origins.isFailing(origin)
        : row.lastAttemptAt
          ? (this.health.snapshot(now.getTime()).lastSuccessAt ?? -Infinity) > row.lastAttemptAt.getTime()
          : this.health.answering;
    this.recent.push(now.getTime());
    this.attempting += 1;
    const result = await this.attempt(adapter, notice).finally(() => {
      this.attempting -= 1;
    });
    const at = clock.now();
    if (result === 'sent' || isDead(result)) {
      this.health.succeeded(at.getTime());
      if (origin !== null) this.origins.succeeded(origin);
    }
    if (result === 'sent') {
      store.notices.markSent(row.id, at, now);
      this.stats.sent += 1;
      return 'sent';
    }
    if (isDead(result)) return this.bury(row, result.dead, result.reason, true);
    this.stats.failed += 1;
    this.health.failed(at.getTime(), result.retry, result.after ?? null);
    // A push service's own wait: its notices are held, nobody else's.
    const wait =
      origin === null ? 0 : this.origins.failed(origin, at.getTime(), result.retry, result.after ?? null);
    // "Too many requests" is the provider answering: after a few, each one counts (a 429 for ever is bounded).
    const strike = result.retry.includes('429') ? row.attempts + 1 >= RATE_LIMIT_FREE_TRIES : answering;
    if (strike && row.strikes + 1 >= this.o.maxStrikes) {
      return this.bury(row, 'rejected', `${result.retry} (${row.strikes + 1} attempts)`, true);
    }
    if (this.overdue(row, at)) return this.fallBack(row, 'ZNS failing');
    store.notices.markFailed(row.id, at, result.retry, new Date(at.getTime() + wait), strike);
    return 'failed';
  }

  private async attempt(adapter: NoticeAdapter, notice: OutgoingNotice): Promise<SendResult> {
    const abort = new AbortController();
    this.aborts.add(abort);
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
      this.aborts.delete(abort);
    }
  }

  private drop(row: NoticeRow, reason: string): 'dropped' {
    this.o.store.notices.markDropped(row.id, this.o.clock.now(), reason);
    this.stats.dropped += 1;
    return 'dropped';
  }

  /** ZNS with SMS on: an urgent notice ZNS cannot deliver in time may go by SMS. */
  private smsFallbackOn(): boolean {
    return this.channel === 'zns' && readNoticeConfig(this.o.store).channels.sms.enabled;
  }

  /** An urgent ZNS notice planned `fallbackAfterMs` ago or more (with SMS on): it should go by SMS now. */
  private overdue(row: NoticeRow, now: Date): boolean {
    return (
      urgent(row) && now.getTime() - row.createdAt.getTime() >= this.o.fallbackAfterMs && this.smsFallbackOn()
    );
  }

  /**
   * ZNS cannot deliver an urgent notice in time (an outage, the local daily quota spent): the same key by SMS, once
   * (as a dead letter's fallback), and the ZNS row dropped in the same transaction, so it never also goes later.
   */
  private fallBack(row: NoticeRow, reason: string): 'dropped' {
    const { store, clock } = this.o;
    const now = clock.now();
    store.transaction(() => {
      store.notices.markDropped(row.id, now, `sent by SMS: ${reason}`);
      if (store.notices.plan({ ...row, channel: 'sms', at: now })) this.stats.fallback += 1;
    });
    this.stats.dropped += 1;
    this.d.wake('sms');
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
