/**
 * The site → hub sender (issue 20): sends the facts of `store.hub` to `${HUB_URL}/api/hub/batches` in seq order, at
 * most MAX_BATCH_FACTS a batch, one request at a time, and drops what the hub acknowledged (it acknowledges only after
 * its commit, and ignores a seq it has: a crash between the send and the drop resends, harmlessly). It wakes shortly
 * after a commit that recorded facts, goes on while a backlog remains (a week offline catches up batch after batch),
 * and says it is alive with a heartbeat when idle. Never on the business path: commands only write rows.
 *
 * The hub's answers: 200 → drop up to `acknowledged`; 409 gap → resend from the hub's `expected` when we still hold
 * it, else stop (the hub expects facts we no longer have or never wrote: a restored hub or site) and say so — never
 * skip or renumber; 401/403 → the key is wrong or revoked: stop, try again rarely; 400 → the hub refuses a fact: keep
 * it (order), try again rarely; 5xx, network, timeout → exponential backoff with full jitter, capped.
 */
import {
  HUB_ENDPOINTS,
  HubBatchReply,
  MAX_BATCH_FACTS,
  type HubBatch,
  type HubHeartbeat,
} from '@layso/protocol';
import { z } from 'zod';
import { HubFactError, type HubFactsRepo } from '../db/hub-facts.js';
import type { Clock } from '../domain/types.js';
import { toIso } from '../domain/time.js';
import { ProvinceHealth, type HealthSnapshot } from '../sync/health.js';
import type { SyncLogger } from '../sync/provincial.js';

/** Why the sender stopped sending until things change (null: it sends). */
export type HubStop =
  /** 401/403: the site key is unknown, revoked or names another site. */
  | 'key'
  /** 400: the hub refuses the oldest fact; it is kept, the ones after it wait behind it. */
  | 'refused'
  /** 409 expecting a seq we no longer hold (the hub lost facts) or never wrote (the hub is ahead of this site). */
  | 'gap';

export interface HubLinkHealth extends HealthSnapshot {
  enabled: true;
  stopped: HubStop | null;
  lastHeartbeatAt: number | null;
}

export interface HubSenderOptions {
  repo: HubFactsRepo;
  /** Runs `fn` in one transaction (the store's): an acknowledgement's delete and its seq go together. */
  transaction: <T>(fn: () => T) => T;
  clock: Clock;
  /** The hub's base URL (HUB_URL). */
  url: string;
  /** HUB_SITE_KEY: `<site code>.<secret>`, sent as a bearer token. */
  siteKey: string;
  fetchImpl?: typeof fetch;
  /** Per request, reply included (default 10 s). */
  timeoutMs?: number;
  /** From a commit to the send: facts of commits close together go as one batch (default 150 ms). */
  coalesceMs?: number;
  /** When idle, a heartbeat this often (default 30 s). */
  heartbeatMs?: number;
  /** First step and cap of the backoff while the hub fails (default 0.5 s, 60 s). */
  backoff?: { baseMs: number; capMs: number };
  /** While stopped (key, refused fact, gap): how often to try again (default 10 min). */
  stoppedRetryMs?: number;
  random?: () => number;
  /**
   * The link's own time (ms since the epoch) for backoff, retries and heartbeats: the real one, never the business
   * clock, which may be wrong (or a test's) and must not hold the link up.
   */
  now?: () => number;
  logger?: SyncLogger;
}

/** The site's code is the key's part before the first '.'. */
export const siteOfKey = (key: string): string => key.slice(0, Math.max(0, key.indexOf('.')));

const silent: SyncLogger = { info: () => undefined, warn: () => undefined };

type Reply =
  | { kind: 'ok'; body: unknown }
  | { kind: 'http'; status: number; code: string | null; expected: number | null }
  | { kind: 'failed'; error: string };

interface Sleeper {
  resolve(): void;
  timer: NodeJS.Timeout;
  wakeable: boolean;
}

export class HubSender {
  readonly site: string;
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly coalesceMs: number;
  private readonly heartbeatMs: number;
  private readonly stoppedRetryMs: number;
  private readonly log: SyncLogger;
  private readonly now: () => number;
  private readonly hub: ProvinceHealth;
  private stopped: { why: HubStop; error: string; at: number; retryAt: number } | null = null;
  private lastHeartbeatAt: number | null = null;
  private started = false;
  private loop: Promise<void> | null = null;
  private sleeper: Sleeper | null = null;
  private woken = false;
  private request: AbortController | null = null;
  private unsubscribe: () => void = () => undefined;

  constructor(private readonly o: HubSenderOptions) {
    this.site = siteOfKey(o.siteKey);
    this.base = o.url.trim().replace(/\/+$/, '');
    this.fetchImpl = o.fetchImpl ?? fetch;
    this.timeoutMs = o.timeoutMs ?? 10_000;
    this.coalesceMs = o.coalesceMs ?? 150;
    this.heartbeatMs = o.heartbeatMs ?? 30_000;
    this.stoppedRetryMs = o.stoppedRetryMs ?? 10 * 60_000;
    this.log = o.logger ?? silent;
    this.now = o.now ?? Date.now;
    const backoff = o.backoff ?? { baseMs: 500, capMs: 60_000 };
    this.hub = new ProvinceHealth({ ...backoff, maxRetryAfterMs: 0, random: o.random ?? Math.random });
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.unsubscribe = this.o.repo.onRecord(() => this.wake());
    this.loop = this.run();
  }

  /** Ends the loop and aborts a request under way (its facts stay held), resolved when the loop has ended. */
  async stop(): Promise<void> {
    this.started = false;
    this.unsubscribe();
    this.request?.abort();
    this.sleeper?.resolve();
    await this.loop;
    this.loop = null;
  }

  /** Facts were recorded (in a transaction about to commit): send them shortly, with any others that follow. */
  wake(): void {
    if (this.woken) return;
    this.woken = true;
    const s = this.sleeper;
    if (s?.wakeable) {
      clearTimeout(s.timer);
      s.timer = setTimeout(s.resolve, this.coalesceMs);
      s.timer.unref();
    }
  }

  health(): HubLinkHealth {
    const now = this.now();
    const snapshot = this.hub.snapshot(now);
    const stopped = this.stopped;
    return {
      ...snapshot,
      // Stopped is failing, whatever the hub last answered: the facts do not reach it.
      ...(stopped
        ? {
            state: 'failing' as const,
            lastError: stopped.error,
            lastFailureAt: stopped.at,
            nextAttemptAt: stopped.retryAt > now ? stopped.retryAt : null,
          }
        : {}),
      enabled: true,
      stopped: stopped?.why ?? null,
      lastHeartbeatAt: this.lastHeartbeatAt,
    };
  }

  private async run(): Promise<void> {
    while (this.started) {
      let next: { ms: number; wakeable: boolean };
      try {
        next = await this.step();
      } catch (e) {
        if (e instanceof HubFactError) {
          // A held fact the protocol no longer takes: it stays in its place, and health says so.
          next = this.halt('refused', e.message.slice(0, 200));
        } else {
          // The database itself failed: nothing was dropped; look again later.
          this.log.warn({ error: e instanceof Error ? e.name : 'unknown' }, 'hub sender: outbox failed');
          next = { ms: this.heartbeatMs, wakeable: true };
        }
      }
      if (this.started && next.ms > 0) await this.pause(next.ms, next.wakeable);
    }
  }

  /** One request (a batch, or a heartbeat when idle); returns how long to wait before the next. */
  private async step(): Promise<{ ms: number; wakeable: boolean }> {
    const now = this.now();
    const wait = this.hub.waitMs(now);
    if (wait > 0) return { ms: wait, wakeable: false };
    this.woken = false;
    const stuck = this.stopped;
    if (stuck && stuck.why !== 'key' && now < stuck.retryAt) {
      // Stuck behind a refused fact or a gap: the hub still hears that this site lives, and how much waits.
      const beat = await this.heartbeat();
      return beat ?? { ms: Math.min(this.heartbeatMs, stuck.retryAt - now), wakeable: false };
    }
    const facts = this.o.repo.oldest(MAX_BATCH_FACTS);
    const first = facts[0];
    const last = facts.at(-1);
    if (!first || !last) {
      const due = this.lastHeartbeatAt === null || now - this.lastHeartbeatAt >= this.heartbeatMs;
      return (due ? await this.heartbeat() : null) ?? { ms: this.heartbeatMs, wakeable: true };
    }
    const batch: HubBatch = { site: this.site, firstSeq: first.seq, lastSeq: last.seq, facts };
    const reply = await this.post(HUB_ENDPOINTS.hubBatch.path, batch);
    return this.answer(reply, batch);
  }

  private answer(reply: Reply, batch: HubBatch): { ms: number; wakeable: boolean } {
    const now = new Date(this.now());
    if (reply.kind === 'ok') {
      const parsed = HubBatchReply.safeParse(reply.body);
      if (!parsed.success) return this.failed('unreadable reply');
      this.hub.succeeded(this.now());
      const acked = parsed.data.acknowledged;
      if (acked > this.o.repo.lastWritten())
        return this.halt('gap', `hub acknowledged ${acked}, ahead of this site`);
      if (acked >= batch.firstSeq) this.o.transaction(() => this.o.repo.acknowledge(acked, now));
      this.stopped = null;
      return { ms: 0, wakeable: false };
    }
    if (reply.kind === 'failed') return this.failed(reply.error);
    // Any other answer is the hub's: it is up, whatever it thinks of this batch.
    if (reply.status < 500) this.hub.succeeded(this.now());
    if (reply.status === 409 && reply.code === 'LAYSO_HUB_SEQ_GAP' && reply.expected !== null) {
      return this.gap(reply.expected, now);
    }
    if (reply.status === 401 || reply.status === 403) {
      return this.halt('key', `HTTP ${reply.status} ${reply.code ?? ''}`.trim());
    }
    if (reply.status === 400) {
      return this.halt('refused', `HTTP 400 ${reply.code ?? ''} at seq ${batch.firstSeq}`.trim());
    }
    return this.failed(`HTTP ${reply.status}${reply.code ? ` ${reply.code}` : ''}`);
  }

  /**
   * The hub expects `expected`: everything before it is in the hub. Resend from there when we hold it (or hold
   * nothing after it yet); otherwise stop — the hub lost facts we dropped, or expects facts never written here.
   */
  private gap(expected: number, now: Date): { ms: number; wakeable: boolean } {
    const written = this.o.repo.lastWritten();
    const held = this.o.repo.firstHeld();
    if (expected - 1 > written)
      return this.halt('gap', `hub expects seq ${expected}, this site wrote ${written}`);
    if (held !== null && expected < held)
      return this.halt('gap', `hub expects seq ${expected}, dropped here`);
    if (expected - 1 > 0) this.o.transaction(() => this.o.repo.acknowledge(expected - 1, now));
    this.stopped = null;
    return { ms: 0, wakeable: false };
  }

  private halt(why: HubStop, error: string): { ms: number; wakeable: boolean } {
    if (this.stopped?.why !== why) this.log.warn({ error }, `hub sender: stopped (${why})`);
    const now = this.now();
    this.stopped = { why, error, at: now, retryAt: now + this.stoppedRetryMs };
    // A revoked key hears nothing more until the retry; otherwise the heartbeats go on meanwhile.
    return {
      ms: why === 'key' ? this.stoppedRetryMs : Math.min(this.stoppedRetryMs, this.heartbeatMs),
      wakeable: false,
    };
  }

  private failed(error: string): { ms: number; wakeable: boolean } {
    const wait = this.hub.failed(this.now(), error);
    return { ms: Math.max(1, wait), wakeable: false };
  }

  /** A sign of life with the backlog; what to wait when the hub refused it (else null: the idle wait). */
  private async heartbeat(): Promise<{ ms: number; wakeable: boolean } | null> {
    const body: HubHeartbeat = {
      site: this.site,
      backlog: this.o.repo.backlog().count,
      at: toIso(this.o.clock.now()),
    };
    const reply = await this.post(HUB_ENDPOINTS.hubHeartbeat.path, body);
    const now = this.now();
    this.lastHeartbeatAt = now;
    if (reply.kind === 'ok') {
      this.hub.succeeded(now);
      // The key works again; a refused fact or a gap is not undone by a heartbeat.
      if (this.stopped?.why === 'key') this.stopped = null;
      return null;
    }
    if (reply.kind === 'failed') return this.failed(reply.error);
    if (reply.status === 401 || reply.status === 403) {
      this.hub.succeeded(now);
      return this.halt('key', `HTTP ${reply.status} ${reply.code ?? ''}`.trim());
    }
    return reply.status >= 500 ? this.failed(`HTTP ${reply.status}`) : null;
  }

  private async post(path: string, body: unknown): Promise<Reply> {
    const request = new AbortController();
    this.request = request;
    const timer = setTimeout(() => request.abort(), this.timeoutMs);
    try {
      const res = await this.fetchImpl(`${this.base}${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          Authorization: `Bearer ${this.o.siteKey}`,
        },
        body: JSON.stringify(body),
        signal: request.signal,
      });
      const text = await res.text();
      const json = parseJson(text);
      if (res.ok) return { kind: 'ok', body: json };
      const error = errorOf(json);
      return { kind: 'http', status: res.status, code: error.code, expected: error.expected };
    } catch (e) {
      if (request.signal.aborted) return { kind: 'failed', error: `timeout after ${this.timeoutMs} ms` };
      return {
        kind: 'failed',
        error: e instanceof Error ? `network: ${e.message.slice(0, 120)}` : 'network',
      };
    } finally {
      clearTimeout(timer);
      this.request = null;
    }
  }

  private pause(ms: number, wakeable: boolean): Promise<void> {
    // Facts recorded while a request was under way: look again after the coalescing delay, not the idle one.
    const delay = wakeable && this.woken ? Math.min(ms, this.coalesceMs) : ms;
    return new Promise<void>((resolve) => {
      const sleeper: Sleeper = {
        resolve: () => {
          clearTimeout(sleeper.timer);
          if (this.sleeper === sleeper) this.sleeper = null;
          resolve();
        },
        timer: setTimeout(() => sleeper.resolve(), delay),
        wakeable,
      };
      sleeper.timer.unref();
      this.sleeper = sleeper;
    });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The hub's error body: its code and, for a gap, the seq it expects. */
const ErrorReply = z.object({
  error: z.object({
    code: z.string(),
    details: z.object({ expected: z.number().int().positive() }).partial().nullish().catch(null),
  }),
});

function errorOf(json: unknown): { code: string | null; expected: number | null } {
  const parsed = ErrorReply.safeParse(json);
  if (!parsed.success) return { code: null, expected: null };
  return { code: parsed.data.error.code, expected: parsed.data.error.details?.expected ?? null };
}
