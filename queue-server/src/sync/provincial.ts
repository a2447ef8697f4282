/**
 * The provincial sync worker: delivers each outbox row as one national record to `${url}/dossiers`
 * (DESIGN.md, "Provincial sync"; issue 8). At-least-once: a row is marked delivered only after a 2xx or 409, so a
 * crash between the POST and that mark re-sends it and the province dedupes by `Idempotency-Key`
 * (`<MaHoSo>:<TrangThaiHoSo>`). One request at a time, so one dossier's records never overtake each other.
 *
 * The province's health is one thing (`ProvinceHealth`): while it fails, the worker waits (full jitter, capped)
 * and probes with one request; the first answer releases every pending row at once. A failed row goes behind the
 * others; its failures while the province answers others ("strikes"), past `maxStrikes`, make it a dead letter; so do
 * final answers (4xx other than 408/409/429) and rows that cannot become a record. Nothing it stores or logs holds
 * personal data.
 */
import type { Config } from '../config.js';
import type { OutboxEntry, OutboxRepo } from '../db/outbox.js';
import type { Clock } from '../domain/types.js';
import { classifyStatus, classifyThrown, type DeadKind, type FailureKind, type Outcome } from './classify.js';
import { ProvinceHealth, parseRetryAfter, type HealthSnapshot } from './health.js';
import { buildRecord, RecordError, type NationalRecord } from './record.js';

/** The part of the outbox the worker uses (a real `OutboxRepo` in production). */
export type SyncRepo = Pick<
  OutboxRepo,
  'next' | 'nextDueAt' | 'load' | 'markDelivered' | 'markFailed' | 'markDead'
>;

/** Pino-style (fastify's `app.log` fits): an object of facts, then a message. */
export interface SyncLogger {
  info(facts: object, message: string): void;
  warn(facts: object, message: string): void;
}

export interface Backoff {
  baseMs: number;
  capMs: number;
}

export interface ProvincialSyncOptions {
  repo: SyncRepo;
  clock: Clock;
  /** Base URL of the provincial system; unset or empty = nothing is ever sent. */
  url: string | undefined;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string | undefined;
  fetchImpl?: typeof fetch;
  /** Per request, reply body included (default 10 s). */
  timeoutMs?: number;
  /** Wait between probes while the province fails (default 0.5 s doubling, capped at 8 s). */
  backoff?: Backoff;
  /** Strikes (failures while the province answered others) before a row becomes a dead letter (default 20). */
  maxStrikes?: number;
  /** The longest `Retry-After` honoured (default 15 min). */
  maxRetryAfterMs?: number;
  /** With nothing due, look again after this long even without a wake() (default 30 s). */
  idleMs?: number;
  random?: () => number;
  logger?: SyncLogger;
}

export interface RunResult {
  delivered: number;
  failed: number;
  dead: number;
}

/** Counters since the worker was made, for `/metrics`. */
export interface SyncStats {
  deliveries: { created: number; duplicate: number };
  failures: Record<FailureKind, number>;
  deadLetters: Record<DeadKind, number>;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 500, capMs: 8_000 };

/** The key the province dedupes by: one per record, and a dossier has two (received 2, returned 10). */
export const idempotencyKey = (r: Pick<NationalRecord, 'MaHoSo' | 'TrangThaiHoSo'>): string =>
  `${r.MaHoSo}:${r.TrangThaiHoSo}`;

const LOG_AFTER_FAILURES = 3;
const silent: SyncLogger = { info: () => undefined, warn: () => undefined };

interface Sleeper {
  resolve(): void;
  timer: NodeJS.Timeout;
  wakeable: boolean;
}

export class ProvincialSync {
  private readonly endpoint: string | null;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly maxStrikes: number;
  private readonly idleMs: number;
  private readonly random: () => number;
  private readonly log: SyncLogger;
  private readonly province: ProvinceHealth;
  private readonly counters: SyncStats = {
    deliveries: { created: 0, duplicate: 0 },
    failures: { http_5xx: 0, http_408: 0, http_429: 0, timeout: 0, network: 0 },
    deadLetters: { http_4xx: 0, record: 0, attempts: 0 },
  };
  private inFlight: Promise<RunResult> | null = null;
  private request: AbortController | null = null;
  private sleeper: Sleeper | null = null;
  private loop: Promise<void> | null = null;
  private started = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: ProvincialSyncOptions) {
    const base = options.url?.trim().replace(/\/+$/, '');
    this.endpoint = base ? `${base}/dossiers` : null;
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.timeoutMs = Math.max(1, options.timeoutMs ?? 10_000);
    this.maxStrikes = Math.max(1, options.maxStrikes ?? 20);
    this.idleMs = Math.max(1, options.idleMs ?? 30_000);
    this.random = options.random ?? Math.random;
    this.log = options.logger ?? silent;
    this.province = new ProvinceHealth({
      ...(options.backoff ?? DEFAULT_BACKOFF),
      maxRetryAfterMs: options.maxRetryAfterMs ?? 15 * 60_000,
      random: this.random,
    });
  }

  /** False when no provincial URL is configured: nothing is ever sent. */
  get enabled(): boolean {
    return this.endpoint !== null;
  }

  /** The province as the worker sees it now. */
  health(): HealthSnapshot & { enabled: boolean } {
    return { enabled: this.enabled, ...this.province.snapshot(this.options.clock.now().getTime()) };
  }

  stats(): SyncStats {
    return structuredClone(this.counters);
  }

  /**
   * Sends every row that may go now, one at a time, until none is left or the province fails (then it is for
   * the worker to wait). A call while a run is in progress joins it: no row is ever sent twice at once.
   */
  runOnce(): Promise<RunResult> {
    if (!this.inFlight) {
      this.inFlight = this.drain().finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  /** Starts the background loop. The timers keep no process alive. */
  start(): void {
    if (this.started || !this.enabled) return;
    this.started = true;
    this.loop = this.run();
  }

  /** A new record was written (or a dead letter retried): if the worker is idle, it looks now. */
  wake(): void {
    this.changed();
    if (this.sleeper?.wakeable) this.sleeper.resolve();
  }

  /**
   * Called after anything that may change the outbox's counts or the province's health: a record delivered,
   * failed or buried, and every `wake()` (a record written, a dead letter retried). Returns the unsubscribe.
   */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) {
      try {
        l();
      } catch {
        // A listener's trouble is its own: delivery goes on.
      }
    }
  }

  /** Stops the loop, aborts a request under way (its row stays pending) and waits, so the DB can close after. */
  async stop(): Promise<void> {
    this.started = false;
    this.sleeper?.resolve();
    this.request?.abort();
    await this.loop?.catch(() => undefined);
    await this.inFlight?.catch(() => undefined);
    this.loop = null;
  }

  private async run(): Promise<void> {
    while (this.started) {
      try {
        await this.runOnce();
        if (!this.started) return;
        const now = this.options.clock.now().getTime();
        const wait = this.province.waitMs(now);
        if (wait > 0) {
          await this.pause(wait, false);
          continue;
        }
        const due = this.options.repo.nextDueAt();
        await this.pause(due ? Math.min(Math.max(1, due.getTime() - now), this.idleMs) : this.idleMs, true);
      } catch (e) {
        // The outbox itself failed (the database): rows stay as they were; look again later.
        this.log.warn({ error: e instanceof Error ? e.name : 'unknown' }, 'provincial sync: outbox failed');
        await this.pause(this.idleMs, true);
      }
    }
  }

  private pause(ms: number, wakeable: boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(sleeper.timer);
        if (this.sleeper === sleeper) this.sleeper = null;
        resolve();
      };
      const sleeper: Sleeper = { resolve: done, timer: setTimeout(done, ms), wakeable };
      sleeper.timer.unref();
      this.sleeper = sleeper;
    });
  }

  private async drain(): Promise<RunResult> {
    const result: RunResult = { delivered: 0, failed: 0, dead: 0 };
    const { repo, clock } = this.options;
    if (!this.endpoint) return result;
    for (;;) {
      if (this.province.waitMs(clock.now().getTime()) > 0) break;
      const entry = repo.next(clock.now());
      if (!entry) break;
      const outcome = await this.deliver(this.endpoint, entry);
      result[outcome] += 1;
      this.changed();
      // After a failure the worker waits and probes; a run never hammers a failing province.
      if (outcome === 'failed' || (this.loop && !this.started)) break;
    }
    if (result.delivered || result.failed || result.dead) this.log.info({ ...result }, 'provincial sync run');
    return result;
  }

  /** One row. Errors of the outbox itself (the database) propagate. */
  private async deliver(endpoint: string, entry: OutboxEntry): Promise<keyof RunResult> {
    const { repo, clock } = this.options;
    const source = repo.load(entry.id);
    let record: NationalRecord;
    try {
      if (!source) throw new RecordError(`outbox row ${entry.id} has no ticket`);
      record = buildRecord(source);
    } catch (e) {
      if (!(e instanceof RecordError)) throw e;
      return this.bury(entry, 'record', e.message.slice(0, 300), false);
    }
    // Did the province answer since this record's last try? Then a failure now is the record's own (a strike).
    const health = this.province.snapshot(clock.now().getTime());
    const answering = entry.lastAttemptAt
      ? (health.lastSuccessAt ?? -Infinity) > entry.lastAttemptAt.getTime()
      : this.province.answering;
    const outcome = await this.post(endpoint, record);
    const now = clock.now();
    if (outcome.kind === 'delivered') {
      this.recovered(now);
      repo.markDelivered(entry.id, now);
      this.counters.deliveries[outcome.status === 409 ? 'duplicate' : 'created'] += 1;
      return 'delivered';
    }
    if (outcome.kind === 'dead') {
      this.recovered(now);
      return this.bury(entry, outcome.dead, outcome.error, true);
    }
    this.counters.failures[outcome.failure] += 1;
    const wait = this.province.failed(
      now.getTime(),
      outcome.error,
      parseRetryAfter(outcome.retryAfter, now.getTime()),
    );
    // One failure in a flaky link is routine; three in a row is worth a line in the log.
    if (this.province.snapshot(now.getTime()).consecutiveFailures === LOG_AFTER_FAILURES) {
      this.log.warn({ error: outcome.error, waitMs: wait }, 'provincial sync: the province is failing');
    }
    // 429 is the province setting the pace, never the record's fault.
    const strike = answering && outcome.failure !== 'http_429';
    const strikes = entry.strikes + (strike ? 1 : 0);
    if (strike && strikes >= this.maxStrikes) {
      return this.bury(entry, 'attempts', `${outcome.error} (${strikes} attempts)`, true);
    }
    // Due again at once, but behind every record due before it: a record the province refuses never holds up
    // the others, and the province's wait paces the retries.
    repo.markFailed(entry.id, now, outcome.error, now, strike);
    return 'failed';
  }

  private recovered(now: Date): void {
    if (this.province.snapshot(now.getTime()).consecutiveFailures >= LOG_AFTER_FAILURES) {
      this.log.info({}, 'provincial sync: the province answers again');
    }
    this.province.succeeded(now.getTime());
  }

  private bury(entry: OutboxEntry, kind: DeadKind, reason: string, attempted: boolean): 'dead' {
    this.options.repo.markDead(entry.id, this.options.clock.now(), reason, attempted);
    this.counters.deadLetters[kind] += 1;
    this.log.warn(
      { outboxId: entry.id, dossier: entry.dossierCode, reason },
      'provincial sync: dead letter (an admin can retry it)',
    );
    return 'dead';
  }

  private async post(endpoint: string, record: NationalRecord): Promise<Outcome> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'Idempotency-Key': idempotencyKey(record),
    };
    if (this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
    const request = new AbortController();
    this.request = request;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      request.abort();
    }, this.timeoutMs);
    try {
      const res = await this.fetchImpl(endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify(record),
        signal: request.signal,
      });
      // Read the reply to the end (frees the connection) but keep none of it: it may echo personal data.
      await res.arrayBuffer();
      return classifyStatus(res.status, res.headers.get('retry-after'));
    } catch (e) {
      return classifyThrown(e, timedOut, this.timeoutMs);
    } finally {
      clearTimeout(timer);
      this.request = null;
    }
  }
}

/** The worker of a configured server; disabled (never sends) when `PROVINCIAL_URL` is unset. */
export function provincialSyncFromConfig(
  config: Pick<
    Config,
    | 'PROVINCIAL_URL'
    | 'PROVINCIAL_TOKEN'
    | 'PROVINCIAL_TIMEOUT_SECONDS'
    | 'PROVINCIAL_BACKOFF_MAX_SECONDS'
    | 'PROVINCIAL_MAX_ATTEMPTS'
  >,
  deps: Pick<ProvincialSyncOptions, 'repo' | 'clock' | 'logger' | 'fetchImpl'>,
): ProvincialSync {
  return new ProvincialSync({
    ...deps,
    url: config.PROVINCIAL_URL,
    token: config.PROVINCIAL_TOKEN,
    timeoutMs: config.PROVINCIAL_TIMEOUT_SECONDS * 1000,
    backoff: { ...DEFAULT_BACKOFF, capMs: config.PROVINCIAL_BACKOFF_MAX_SECONDS * 1000 },
    maxStrikes: config.PROVINCIAL_MAX_ATTEMPTS,
  });
}
