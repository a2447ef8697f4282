import type { ReportReply } from '@layso/protocol';
import type { ReportDayStore } from './days-store.js';
import type { ReportReads } from './reads.js';
import type { Store } from '../db/store.js';
import { addDays, serviceDay } from '../domain/time.js';
import type { Clock } from '../domain/types.js';
import { aggregateDay, buildReport, type ReportNames, type StoredDays } from './build.js';
import { rawCodeOf, storageProblemOf } from '../errors.js';
import { HubFacts } from '../hub/facts.js';

export { addDays };

/** The last closed day of a range ending on `to`: `to` itself or the day before `today`, whichever is first. */
function lastClosed(to: string, today: string): string {
  const yesterday = addDays(today, -1);
  return to < yesterday ? to : yesterday;
}

/** How long one slice of aggregation may hold the event loop (and the database) before it lets others in. */
const SLICE_MS = 100;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface ReportRequest {
  from: string;
  to: string;
  targetWaitMinutes: number;
}

/**
 * Reports that stay fast over a year of history. A closed day (before today, Vietnam) is aggregated once from its
 * tickets into `report_days` (`aggregateDay`, in one transaction, skipped when already there) the first time a
 * report needs it; a report then reads the stored days of its range and only today's tickets (and any later day's)
 * live. The figures are the same either way (`Tally`). A day whose tickets change after it was aggregated (a
 * ticket finished or rated after midnight) loses its rows (triggers of migration 0100) and is aggregated again by
 * the next report.
 */
export class Reports {
  private readonly reads: ReportReads;
  private readonly days: ReportDayStore;
  private readonly facts: HubFacts;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {
    this.reads = store.reports;
    this.days = store.reportDays;
    this.facts = new HubFacts(store);
  }

  /** Aggregates `day` if it is closed and not stored yet, in one transaction; true when it did. */
  aggregate(day: string, now = this.clock.now()): boolean {
    if (this.days.isClosed(day)) return false;
    this.aggregateSome([day], now);
    return this.days.isClosed(day);
  }

  /**
   * Aggregates the days of `days` (in order) that are closed and not stored yet, in ONE transaction (one commit, one
   * fsync, for many days), until `budgetMs` of work is done; returns how many of `days` it went through (at least
   * one). A day stored meanwhile (another report) is skipped: each day is stored once, whole.
   */
  private aggregateSome(days: readonly string[], now: Date, budgetMs = Infinity): number {
    const today = serviceDay(now);
    const started = performance.now();
    return this.store.transaction(() => {
      let done = 0;
      for (const day of days) {
        if (done > 0 && performance.now() - started >= budgetMs) break;
        done++;
        if (day >= today || this.days.isClosed(day)) continue;
        const aggregate = aggregateDay(this.reads.day(day), day, today);
        this.days.write(aggregate, now.getTime());
        // A closed day's own figures go to the province hub with the day's aggregation (when joined).
        this.facts.dailyTotals(aggregate, now);
      }
      return done;
    });
  }

  /** The closed days of `from..to` not aggregated yet, in order. */
  pending(from: string, to: string, today = serviceDay(this.clock.now())): string[] {
    const last = lastClosed(to, today);
    if (from > last) return [];
    const done = this.days.closedDays(from, last);
    const out: string[] = [];
    for (let d = from; d <= last; d = addDays(d, 1)) if (!done.has(d)) out.push(d);
    return out;
  }

  /**
   * The report of a range. Days not aggregated yet are aggregated first, in slices of about `SLICE_MS` with a turn
   * of the event loop between them, so even the first report over a year of history (after an upgrade) keeps
   * kiosks and counters served meanwhile.
   */
  async report(q: ReportRequest): Promise<ReportReply> {
    const pending = this.pending(q.from, q.to);
    try {
      for (let i = 0; i < pending.length;) {
        i += this.aggregateSome(pending.slice(i), this.clock.now(), SLICE_MS);
        await turn();
      }
    } catch (e) {
      // Storage refuses the aggregates: `build` reads the range from its tickets.
      if (!storageProblemOf(rawCodeOf(e))) throw e;
    }
    return this.build(q);
  }

  /**
   * Aggregates every closed day since the oldest ticket that is not stored yet, in slices with a turn of the event
   * loop between them; stops early when `stopped()` says so. Returns how many days it went through.
   */
  async catchUp(stopped: () => boolean = () => false): Promise<number> {
    const first = this.reads.firstDay();
    if (first === null) return 0;
    const pending = this.pending(first, addDays(serviceDay(this.clock.now()), -1));
    let i = 0;
    while (i < pending.length && !stopped()) {
      i += this.aggregateSome(pending.slice(i), this.clock.now(), SLICE_MS);
      await turn();
    }
    return i;
  }

  /** The report from what is stored now; synchronous, so nothing changes between its reads. */
  build(q: ReportRequest): ReportReply {
    const now = this.clock.now();
    const today = serviceDay(now);
    // Normally none: only what changed (or a day that closed) while `report` was waiting for its turns.
    const pending = this.pending(q.from, q.to, today);
    try {
      if (pending.length > 0) this.aggregateSome(pending, now);
    } catch (e) {
      // A full disk or a read-only database (issue 17: reads keep working): the whole range is read from its
      // tickets instead — slower for a long range, the same figures — and nothing is stored.
      if (!storageProblemOf(rawCodeOf(e))) throw e;
      return buildReport(this.reads.tickets(q.from, q.to), { ...q, today }, this.names());
    }
    const last = lastClosed(q.to, today);
    const liveFrom = q.from > today ? q.from : today;
    const stored: StoredDays =
      q.from <= last
        ? { groups: this.days.groups(q.from, last), arrivals: this.days.arrivals(q.from, last) }
        : { groups: [], arrivals: [] };
    return buildReport(
      liveFrom <= q.to ? this.reads.tickets(liveFrom, q.to) : [],
      { ...q, today },
      this.names(),
      stored,
    );
  }

  private names(): ReportNames {
    return {
      services: this.store.catalogue.services(),
      counters: this.store.counters.all(),
      officers: this.store.accounts.users(),
    };
  }
}

/**
 * Keeps closed days aggregated ahead of reports, so no report waits for it: at start (the history a database had
 * before this version, after an upgrade) and every hour after (the day that just closed). In slices like
 * `Reports.report`, so kiosks and counters are served in between.
 */
export class ReportDayJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly reports: Reports,
    private readonly intervalMs = 3_600_000,
  ) {}

  start(onError: (e: unknown) => void): void {
    const tick = () => {
      this.running = this.running.then(() => this.reports.catchUp(() => this.stopped)).catch(onError);
    };
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
    tick();
  }

  /** No new slice starts after this; `idle()` resolves when the current one has ended. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  idle(): Promise<unknown> {
    return this.running;
  }
}
