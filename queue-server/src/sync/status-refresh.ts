/**
 * The register's background refresh (issue 18): the statuses worth knowing before a citizen asks — open dossiers
 * due within two working days (overdue ones included) or with a result waiting, learnt more than
 * `staleMinutes` ago — are pulled from the province one at a time, at most `ratePerSecond` requests a second (the
 * province is shared by every center of the province). A province that cannot answer ends the run: the next
 * one, an interval later, tries again. Stops on `stop()` with the request under way aborted.
 */
import type { ProvincialStatus } from '@layso/protocol';
import type { Clock } from '../domain/types.js';
import { addDays, serviceDay, vnInstant } from '../domain/time.js';
import { addWorkingDays, MON_TO_FRI, type WorkingCalendar } from '../domain/working-days.js';
import type { SyncLogger } from './provincial.js';
import { StatusUnavailable, type ProvincialStatusAdapter } from './status.js';

/** The part of the register the job uses (`store.dossiers` in production, a map in tests). */
export interface RefreshRegister {
  /** Open dossiers due by `dueBefore` or with a result waiting, learnt before `learntBefore`, oldest first. */
  stale(q: { dueBefore: Date; learntBefore: Date; limit: number }): string[];
  applyStatus(status: ProvincialStatus, source: 'pull', at: Date): unknown;
}

export interface StatusRefreshOptions {
  register: RefreshRegister;
  adapter: ProvincialStatusAdapter;
  clock: Clock;
  /** Requests a second, at most (PROVINCIAL_STATUS_RATE). */
  ratePerSecond: number;
  /** A status learnt this recently is not asked again (default 30). */
  staleMinutes?: number;
  /** The center's working days as they hold now (default Monday to Friday): the horizon counts them. */
  calendar?: () => WorkingCalendar;
  /** Between runs when nothing more is due (default 60 s). */
  intervalMs?: number;
  /** Dossiers asked in one run at most (default: a minute at the rate). */
  batch?: number;
  /** Monotonic milliseconds for the pacing (default performance.now); tests move it with their waits. */
  monotonic?: () => number;
  /** Waits `ms` or until `signal` aborts (default a timer); tests advance their clock instead. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  logger?: SyncLogger;
}

export interface RefreshResult {
  asked: number;
  updated: number;
  /** The province does not know the code (404): not asked again for `staleMinutes`. */
  unknown: number;
  /** The run ended early because the province could not answer. */
  unavailable: boolean;
}

const WORKING_DAYS_AHEAD = 2;

/** The last instant the refresh looks ahead to: the end of the second working day after today, Vietnam time. */
export function refreshHorizon(
  now: Date,
  workingDays = WORKING_DAYS_AHEAD,
  cal: WorkingCalendar = MON_TO_FRI,
): Date {
  const last = addWorkingDays(serviceDay(now), workingDays, cal);
  return new Date(vnInstant(addDays(last, 1)).getTime() - 1);
}

const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    signal.addEventListener('abort', done, { once: true });
  });

const silent: SyncLogger = { info: () => undefined, warn: () => undefined };

export class StatusRefresh {
  readonly name = 'provincial-status-refresh';
  private readonly gapMs: number;
  private readonly staleMs: number;
  private readonly intervalMs: number;
  private readonly batch: number;
  private readonly monotonic: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly log: SyncLogger;
  /** When the next request may start (monotonic ms): kept across runs, so the rate holds between them too. */
  private nextAt = -Infinity;
  /** Codes the province did not know, and until when they are left alone. */
  private readonly unknown = new Map<string, number>();
  private abort = new AbortController();
  private loop: Promise<void> | null = null;
  private inFlight: Promise<RefreshResult> | null = null;

  private readonly calendar: () => WorkingCalendar;

  constructor(private readonly options: StatusRefreshOptions) {
    this.calendar = options.calendar ?? (() => MON_TO_FRI);
    if (!(options.ratePerSecond > 0)) throw new RangeError('ratePerSecond must be above 0');
    this.gapMs = 1000 / options.ratePerSecond;
    this.staleMs = (options.staleMinutes ?? 30) * 60_000;
    this.intervalMs = Math.max(1, options.intervalMs ?? 60_000);
    this.batch = Math.max(1, options.batch ?? Math.ceil(options.ratePerSecond * 60));
    this.monotonic = options.monotonic ?? (() => performance.now());
    this.sleep = options.sleep ?? defaultSleep;
    this.log = options.logger ?? silent;
  }

  /** One run: asks the province about what is due, at the rate; a call while one runs joins it. */
  runOnce(): Promise<RefreshResult> {
    if (!this.inFlight) {
      this.inFlight = this.run().finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  start(): void {
    if (this.loop) return;
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.loop = (async () => {
      while (!signal.aborted) {
        let full = false;
        try {
          const r = await this.runOnce();
          full = r.asked >= this.batch && !r.unavailable;
        } catch (e) {
          // The register itself failed (the database): look again at the next interval.
          this.log.warn({ error: e instanceof Error ? e.name : 'unknown' }, 'status refresh failed');
        }
        // More due than one run asks: go on at once (the pacing still holds the rate).
        if (!full) await this.sleep(this.intervalMs, signal);
      }
    })();
  }

  /** Stops the loop, aborts the request under way and waits for the run to end. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    await this.inFlight?.catch(() => undefined);
    this.loop = null;
  }

  private async run(): Promise<RefreshResult> {
    const result: RefreshResult = { asked: 0, updated: 0, unknown: 0, unavailable: false };
    const { register, adapter, clock } = this.options;
    const signal = this.abort.signal;
    const now = clock.now();
    for (const [code, until] of this.unknown) if (until <= now.getTime()) this.unknown.delete(code);
    const codes = register
      .stale({
        dueBefore: refreshHorizon(now, WORKING_DAYS_AHEAD, this.calendar()),
        learntBefore: new Date(now.getTime() - this.staleMs),
        // Codes the province did not know stay stale: ask for more so they never crowd the others out.
        limit: this.batch + this.unknown.size,
      })
      .filter((code) => !this.unknown.has(code))
      .slice(0, this.batch);
    for (const code of codes) {
      await this.turn(signal);
      if (signal.aborted) break;
      result.asked += 1;
      let status: ProvincialStatus | null;
      try {
        status = await adapter.fetchStatus(code, signal);
      } catch (e) {
        if (!(e instanceof StatusUnavailable)) throw e;
        result.unavailable = true;
        if (!signal.aborted)
          this.log.warn({ error: e.message }, 'status refresh: the province cannot answer');
        break;
      }
      if (status) {
        register.applyStatus(status, 'pull', clock.now());
        result.updated += 1;
      } else {
        this.unknown.set(code, clock.now().getTime() + this.staleMs);
        result.unknown += 1;
      }
    }
    if (result.asked) this.log.info({ ...result }, 'status refresh run');
    return result;
  }

  /** Waits for the next request's turn: requests start at least 1/rate seconds apart. */
  private async turn(signal: AbortSignal): Promise<void> {
    const wait = this.nextAt - this.monotonic();
    if (wait > 0) await this.sleep(wait, signal);
    this.nextAt = Math.max(this.monotonic(), this.nextAt) + this.gapMs;
  }
}
