/**
 * The sums every report figure is computed from: a `Tally` of counts, sums of durations in ms and `Histogram`s of
 * durations at a resolution fine enough to give every figure exactly (see `durationKey`), and the nearest-rank
 * percentile. Stored per closed day (`TallyData`) and added up per report (`reports/build.ts`).
 */
import type { RatingCounts, ReportFigures, ReportTotals } from '@layso/protocol';
import { nearestRank } from '../domain/percentile.js';

/** What a report reads of one ticket (epoch ms times). */
export interface ReportTicket {
  serviceId: number;
  /** Its Vietnam service day, `yyyy-MM-dd`. */
  day: string;
  status: string;
  issuedAt: number;
  calledAt: number | null;
  servedAt: number | null;
  finishedAt: number | null;
  counterId: number | null;
  officerId: number | null;
  rating: string | null;
  /** Opened by a transfer from another service (not a new issue). */
  transferredIn: boolean;
}

const OPEN = new Set(['waiting', 'called', 'serving']);

/**
 * The histogram key of a duration in whole milliseconds (timestamps are integer epoch ms). Resolution: each whole
 * second `m` (what the report shows: `Math.round(ms / 1000)`) has two keys, `2m` for `[1000m − 500, 1000m]` ms
 * and `2m + 1` for `(1000m, 1000m + 500)` ms. Both things a report asks of a distribution are then exact, not
 * approximations:
 * - percentiles: rounding is monotonic, so the nearest-rank percentile of the rounded values is the rounded
 *   percentile — `keySeconds` of the key at that rank;
 * - the share within a target of T minutes: `ms ≤ 60 000 T` ⇔ `key ≤ 120 T` (the split at `1000m` exists for
 *   this: a wait of 900.3 s rounds to 900 but is over a 15-minute target).
 * So a report read from day histograms equals the one computed ticket by ticket, to the unit it shows.
 */
export function durationKey(ms: number): number {
  const m = Math.floor((ms + 500) / 1000);
  return 2 * m + (ms > 1000 * m ? 1 : 0);
}

/** The whole seconds (rounded) of every duration with this key. */
export const keySeconds = (key: number): number => Math.floor(key / 2);

/** Keys a histogram can count in a typed array: durations up to 4 hours. Others (rare) stay in its map. */
const DENSE_KEYS = durationKey(4 * 3_600_000);
/** A histogram keeps keys in a map while it has few (a day's group), in a typed array once it has more. */
const SPARSE_MAX = 256;

/**
 * A multiset of durations by `durationKey`: what a day stores and a report adds up. Small ones (a day's group of a
 * few dozen tickets) are a map; big ones (a year's total) a typed array, so adding a year of stored days costs an
 * array increment per stored key.
 */
export class Histogram {
  /** Every key while small; once dense, only keys outside `0 … DENSE_KEYS − 1`. */
  private readonly sparse = new Map<number, number>();
  private dense: Uint32Array | null = null;
  /** The highest key counted in `dense`. */
  private top = -1;
  count = 0;

  add(key: number, n = 1): void {
    if (n === 0) return;
    this.count += n;
    if (this.dense !== null && key >= 0 && key < DENSE_KEYS) {
      if (key >= this.dense.length) this.grow(key);
      this.dense[key] = (this.dense[key] as number) + n;
      if (key > this.top) this.top = key;
      return;
    }
    this.sparse.set(key, (this.sparse.get(key) ?? 0) + n);
    if (this.dense === null && this.sparse.size > SPARSE_MAX) this.densify();
  }

  /** Adds `[key, count, key, count, …]`. */
  addPairs(pairs: ArrayLike<number>): void {
    for (let i = 0; i + 1 < pairs.length; i += 2) this.add(pairs[i] as number, pairs[i + 1] as number);
  }

  /** Calls `fn` for each key present, in ascending order, until it returns true. */
  private scan(fn: (key: number, n: number) => boolean | void): void {
    const keys = [...this.sparse.keys()].sort((a, b) => a - b);
    let i = 0;
    for (; i < keys.length && (this.dense === null || (keys[i] as number) < 0); i++) {
      if (fn(keys[i] as number, this.sparse.get(keys[i] as number) as number)) return;
    }
    if (this.dense !== null) {
      for (let k = 0; k <= this.top; k++) {
        const n = this.dense[k] as number;
        if (n > 0 && fn(k, n)) return;
      }
    }
    for (; i < keys.length; i++)
      if (fn(keys[i] as number, this.sparse.get(keys[i] as number) as number)) return;
  }

  /** `[key, count, …]` in ascending key order, only keys present. */
  pairs(): number[] {
    const out: number[] = [];
    this.scan((key, n) => {
      out.push(key, n);
    });
    return out;
  }

  /** How many durations have a key ≤ `key`. */
  countAtMost(key: number): number {
    let n = 0;
    this.scan((k, c) => {
      if (k > key) return true;
      n += c;
      return false;
    });
    return n;
  }

  /** The nearest-rank `p` percentile in whole seconds; null when empty. */
  percentileSeconds(p: number): number | null {
    if (this.count === 0) return null;
    let left = nearestRank(p, this.count);
    let found: number | null = null;
    this.scan((key, n) => {
      left -= n;
      if (left > 0) return false;
      found = keySeconds(key);
      return true;
    });
    return found;
  }

  private grow(key: number): void {
    const dense = this.dense as Uint32Array;
    const grown = new Uint32Array(Math.min(DENSE_KEYS, Math.max(key + 1, dense.length * 2)));
    grown.set(dense);
    this.dense = grown;
  }

  private densify(): void {
    this.dense = new Uint32Array(1024);
    for (const [key, n] of [...this.sparse]) {
      if (key < 0 || key >= DENSE_KEYS) continue;
      this.sparse.delete(key);
      if (key >= this.dense.length) this.grow(key);
      this.dense[key] = n;
      if (key > this.top) this.top = key;
    }
  }
}

/**
 * The additive figures of a group of tickets: counts, sums of durations in ms and their histograms. A report is
 * a sum of tallies (a ticket's, a stored day's), and its figures are computed once from the sum — so a range read
 * from stored days and one computed ticket by ticket give the same figures.
 */
export class Tally {
  issued = 0;
  served = 0;
  noShow = 0;
  transferred = 0;
  leftWaiting = 0;
  cancelled = 0;
  waitMs = 0;
  serviceMs = 0;
  readonly waits = new Histogram();
  readonly services = new Histogram();
  readonly ratings: RatingCounts = { verySatisfied: 0, satisfied: 0, unsatisfied: 0, none: 0 };

  /** Tickets called to a counter: each has exactly one wait. */
  get called(): number {
    return this.waits.count;
  }

  add(t: ReportTicket, today: string): void {
    if (!t.transferredIn) this.issued++;
    if (t.status === 'done') {
      this.served++;
      if (t.rating === 'very-satisfied') this.ratings.verySatisfied++;
      else if (t.rating === 'satisfied') this.ratings.satisfied++;
      else if (t.rating === 'unsatisfied') this.ratings.unsatisfied++;
      else this.ratings.none++;
      const start = t.servedAt ?? t.calledAt;
      if (start !== null && t.finishedAt !== null) {
        const ms = t.finishedAt - start;
        this.serviceMs += ms;
        this.services.add(durationKey(ms));
      }
    } else if (t.status === 'no-show') this.noShow++;
    else if (t.status === 'transferred') this.transferred++;
    else if (t.status === 'cancelled') this.cancelled++;
    else if (OPEN.has(t.status) && t.day < today) this.leftWaiting++;
    if (t.calledAt !== null) {
      const ms = Math.max(0, t.calledAt - t.issuedAt);
      this.waitMs += ms;
      this.waits.add(durationKey(ms));
    }
  }

  /** Adds another tally (or a stored day's): every field is a sum. */
  merge(o: TallyData): void {
    this.issued += o.issued;
    this.served += o.served;
    this.noShow += o.noShow;
    this.transferred += o.transferred;
    this.leftWaiting += o.leftWaiting;
    this.cancelled += o.cancelled;
    this.waitMs += o.waitMs;
    this.serviceMs += o.serviceMs;
    this.waits.addPairs(o.waitPairs);
    this.services.addPairs(o.servicePairs);
    this.ratings.verySatisfied += o.ratings.verySatisfied;
    this.ratings.satisfied += o.ratings.satisfied;
    this.ratings.unsatisfied += o.ratings.unsatisfied;
    this.ratings.none += o.ratings.none;
  }

  data(): TallyData {
    return {
      issued: this.issued,
      served: this.served,
      noShow: this.noShow,
      transferred: this.transferred,
      leftWaiting: this.leftWaiting,
      cancelled: this.cancelled,
      waitMs: this.waitMs,
      serviceMs: this.serviceMs,
      waitPairs: this.waits.pairs(),
      servicePairs: this.services.pairs(),
      ratings: { ...this.ratings },
    };
  }

  figures(targetWaitMinutes: number): ReportFigures {
    const called = this.waits.count;
    const served = this.services.count;
    return {
      called,
      served: this.served,
      noShow: this.noShow,
      transferred: this.transferred,
      leftWaiting: this.leftWaiting,
      avgWaitSeconds: called === 0 ? null : Math.round(this.waitMs / 1000 / called),
      p90WaitSeconds: this.waits.percentileSeconds(0.9),
      avgServiceSeconds: served === 0 ? null : Math.round(this.serviceMs / 1000 / served),
      p90ServiceSeconds: this.services.percentileSeconds(0.9),
      servedWithinTarget:
        called === 0 ? null : this.waits.countAtMost(durationKey(targetWaitMinutes * 60_000)) / called,
      ratings: { ...this.ratings },
    };
  }

  totals(targetWaitMinutes: number): ReportTotals {
    return { issued: this.issued, cancelled: this.cancelled, ...this.figures(targetWaitMinutes) };
  }
}

/** A tally as stored: plain numbers and the histograms as `[key, count, …]` pairs. */
export interface TallyData {
  issued: number;
  served: number;
  noShow: number;
  transferred: number;
  /** Open tickets of the group: stored for closed days only, where every open ticket was left waiting. */
  leftWaiting: number;
  /** Tickets the citizen released from the phone page before any call (never called: service and totals only). */
  cancelled: number;
  waitMs: number;
  serviceMs: number;
  waitPairs: ArrayLike<number>;
  servicePairs: ArrayLike<number>;
  ratings: RatingCounts;
}
