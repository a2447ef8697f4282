/**
 * The provincial sync worker: delivers each outbox row as one national record to `${url}/dossiers`
 * (DESIGN.md, "Provincial sync"). At-least-once: a row is marked delivered only after a 2xx or 409 reply, so a
 * crash between the POST and that mark re-sends it, and the provincial side dedupes by `Idempotency-Key`
 * (= MaHoSo). Failures back off exponentially. Errors kept in the outbox and logs never carry personal data.
 */
import type { Config } from '../config.js';
import type { OutboxEntry, OutboxRepo } from '../db/outbox.js';
import type { Clock } from '../domain/types.js';
import { buildRecord, RecordError, type NationalRecord } from './record.js';

/** The part of the outbox the worker uses (a real `OutboxRepo` in production). */
export type SyncRepo = Pick<OutboxRepo, 'due' | 'load' | 'markDelivered' | 'markFailed'>;

/** Pino-style (fastify's `app.log` fits): an object of facts, then a message. */
export interface SyncLogger {
  info(facts: object, message: string): void;
  warn(facts: object, message: string): void;
}

export interface ProvincialSyncOptions {
  repo: SyncRepo;
  clock: Clock;
  /** Base URL of the provincial system; unset or empty = nothing is ever sent. */
  url: string | undefined;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string | undefined;
  fetchImpl?: typeof fetch;
  /** Rows per run (default 20). */
  batch?: number;
  /** Per request, headers and body included (default 10 s). */
  timeoutMs?: number;
  /** Pause between the end of one run and the start of the next (default 15 s). */
  intervalMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  logger?: SyncLogger;
}

export interface RunResult {
  delivered: number;
  failed: number;
}

export const DEFAULT_BACKOFF = { baseMs: 30_000, maxMs: 60 * 60_000 };

/** Delay before the next attempt of a row that has now failed `failuresBefore + 1` times: base × 2^n, capped. */
export function backoffMs(failuresBefore: number, backoff = DEFAULT_BACKOFF): number {
  const n = Math.max(0, Math.min(failuresBefore, 30));
  return Math.min(backoff.baseMs * 2 ** n, backoff.maxMs);
}

const MAX_ERROR = 300;
const silent: SyncLogger = { info: () => undefined, warn: () => undefined };

/** Describes a failed request without anything the reply or the record might hold about a person. */
function describeFailure(e: unknown, timeoutMs: number): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
    return `timeout after ${timeoutMs} ms`;
  }
  if (e instanceof Error) {
    // undici: TypeError('fetch failed') with the socket error as cause (ECONNREFUSED, ECONNRESET, …).
    const cause = (e as { cause?: unknown }).cause;
    const code =
      cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string'
        ? cause.code
        : null;
    return `network error: ${e.name}${code ? ` ${code}` : ''}`.slice(0, MAX_ERROR);
  }
  return 'network error';
}

type Attempt = { ok: true; status: number } | { ok: false; error: string };

export class ProvincialSync {
  private readonly endpoint: string | null;
  private readonly fetchImpl: typeof fetch;
  private readonly batch: number;
  private readonly timeoutMs: number;
  private readonly intervalMs: number;
  private readonly backoff: { baseMs: number; maxMs: number };
  private readonly log: SyncLogger;
  private inFlight: Promise<RunResult> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  /** Bumped by every start() and stop(): a loop of an earlier start never schedules again. */
  private generation = 0;

  constructor(private readonly options: ProvincialSyncOptions) {
    const base = options.url?.trim().replace(/\/+$/, '');
    this.endpoint = base ? `${base}/dossiers` : null;
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.batch = Math.max(1, options.batch ?? 20);
    this.timeoutMs = Math.max(1, options.timeoutMs ?? 10_000);
    this.intervalMs = Math.max(1, options.intervalMs ?? 15_000);
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.log = options.logger ?? silent;
  }

  /** False when no provincial URL is configured: runs do nothing. */
  get enabled(): boolean {
    return this.endpoint !== null;
  }

  /**
   * Delivers the rows due now, one at a time, oldest first. A call while a run is in progress joins that run
   * instead of starting a second one, so no row is ever sent twice at once.
   */
  runOnce(): Promise<RunResult> {
    if (!this.inFlight) {
      this.inFlight = this.run().finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  /** Runs now, then again `intervalMs` after each run ends (runs never overlap). The timer keeps no process alive. */
  start(): void {
    if (this.started || !this.enabled) return;
    this.started = true;
    this.generation += 1;
    this.schedule(0, this.generation);
  }

  /** Stops the timer and waits for a run in progress, so the database can be closed after it. */
  async stop(): Promise<void> {
    this.started = false;
    this.generation += 1;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight?.catch(() => undefined);
  }

  private schedule(delay: number, generation: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runOnce()
        .catch((e: unknown) =>
          this.log.warn({ error: e instanceof Error ? e.name : 'unknown' }, 'provincial sync run failed'),
        )
        .finally(() => {
          if (this.started && this.generation === generation) this.schedule(this.intervalMs, generation);
        });
    }, delay);
    this.timer.unref();
  }

  private async run(): Promise<RunResult> {
    const result: RunResult = { delivered: 0, failed: 0 };
    if (!this.endpoint) return result;
    for (const entry of this.options.repo.due(this.options.clock.now(), this.batch)) {
      try {
        if (await this.deliver(this.endpoint, entry)) result.delivered += 1;
        else result.failed += 1;
      } catch (e) {
        // The outbox itself failed (e.g. the database): the row stays due and is sent again next run.
        result.failed += 1;
        this.log.warn(
          { outboxId: entry.id, dossier: entry.dossierCode, error: e instanceof Error ? e.name : 'unknown' },
          'provincial sync: outbox update failed',
        );
      }
    }
    if (result.delivered || result.failed) this.log.info({ ...result }, 'provincial sync run');
    return result;
  }

  /** One row: true when delivered. Errors of the outbox itself (the database) propagate. */
  private async deliver(endpoint: string, entry: OutboxEntry): Promise<boolean> {
    const { repo, clock } = this.options;
    const attempt = await this.attempt(endpoint, entry);
    const now = clock.now();
    if (attempt.ok) {
      repo.markDelivered(entry.id, now);
      return true;
    }
    const next = new Date(now.getTime() + backoffMs(entry.attempts, this.backoff));
    repo.markFailed(entry.id, now, attempt.error, next);
    this.log.warn(
      {
        outboxId: entry.id,
        dossier: entry.dossierCode,
        attempts: entry.attempts + 1,
        error: attempt.error,
        nextAttemptAt: next.toISOString(),
      },
      'provincial sync: delivery failed',
    );
    return false;
  }

  private async attempt(endpoint: string, entry: OutboxEntry): Promise<Attempt> {
    const source = this.options.repo.load(entry.id);
    if (!source) return { ok: false, error: `outbox row ${entry.id} has no ticket` };
    let record: NationalRecord;
    try {
      record = buildRecord(source);
    } catch (e) {
      if (e instanceof RecordError) return { ok: false, error: e.message.slice(0, MAX_ERROR) };
      throw e;
    }
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'Idempotency-Key': record.MaHoSo,
    };
    if (this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
    try {
      const res = await this.fetchImpl(endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify(record),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // Read the reply to the end (frees the connection) but keep none of it: it may echo personal data.
      await res.arrayBuffer();
      if ((res.status >= 200 && res.status < 300) || res.status === 409)
        return { ok: true, status: res.status };
      return { ok: false, error: `HTTP ${res.status}` };
    } catch (e) {
      return { ok: false, error: describeFailure(e, this.timeoutMs) };
    }
  }
}

/** The worker `main.ts` runs, or null when `PROVINCIAL_URL` is unset (then nothing is ever sent). */
export function provincialSyncFromConfig(
  config: Pick<Config, 'PROVINCIAL_URL' | 'PROVINCIAL_TOKEN'>,
  deps: Pick<ProvincialSyncOptions, 'repo' | 'clock' | 'logger' | 'fetchImpl'>,
): ProvincialSync | null {
  if (!config.PROVINCIAL_URL) return null;
  return new ProvincialSync({ ...deps, url: config.PROVINCIAL_URL, token: config.PROVINCIAL_TOKEN });
}
