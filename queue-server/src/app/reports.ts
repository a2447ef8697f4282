/**
 * Reports over the tickets of a range of Vietnam days: pure functions over rows (the SQL reads are
 * `db/reports.ts` and `db/report-days.ts`; which days are read how is `app/report-days.ts`; CSV and XLSX are
 * `app/report-export.ts`). What every figure means is written on `ReportFigures` in `@layso/protocol`
 * (protocol/src/reports.ts).
 *
 * Every figure is computed from a `Tally`, a sum: counts, sums of durations in ms and histograms of durations at a
 * resolution fine enough to give every figure exactly (see `durationKey`). A closed day is summed once into stored
 * tallies (`aggregateDay`); a report adds up the stored days of its range and the tickets of the days still live.
 */
import type {
  CounterReport,
  HourArrivals,
  OfficerReport,
  RatingCounts,
  ReportFigures,
  ReportReply,
  ReportTotals,
  ServiceReport,
} from '@layso/protocol';
import { VN_OFFSET_MINUTES } from '../domain/time.js';

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

/** Names to show; nothing about citizens. */
export interface ReportNames {
  services: readonly { id: number; code: string; name: string }[];
  counters: readonly { id: number; number: number; name: string }[];
  officers: readonly { id: number; displayName: string }[];
}

export interface ReportOptions {
  from: string;
  to: string;
  /** Today's Vietnam day: open tickets of earlier days are `leftWaiting`, today's are in progress. */
  today: string;
  targetWaitMinutes: number;
}

const OPEN = new Set(['waiting', 'called', 'serving']);
const HOUR_MS = 3_600_000;
const VN_OFFSET_MS = VN_OFFSET_MINUTES * 60_000;

/**
 * The cell of `byHour` (weekday − 1) × 24 + hour of an instant, in Vietnam time (UTC+7 all year, as in
 * `domain/time.ts`); plain arithmetic because it runs once per ticket of a year. 1970-01-01 was a Thursday.
 */
export function hourCell(at: number): number {
  const hours = Math.floor((at + VN_OFFSET_MS) / HOUR_MS);
  const days = Math.floor(hours / 24);
  const weekday = (((days + 3) % 7) + 7) % 7; // 0 = Monday
  return weekday * 24 + (((hours % 24) + 24) % 24);
}

/** The 1-based nearest rank of the `p` percentile (0..1) among `n` values. */
function nearestRank(p: number, n: number): number {
  return Math.max(1, Math.ceil(p * n));
}

/** Nearest-rank percentile of ascending `sorted` (`p` in 0..1); null when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[nearestRank(p, sorted.length) - 1] ?? null;
}

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
    return { issued: this.issued, ...this.figures(targetWaitMinutes) };
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
  waitMs: number;
  serviceMs: number;
  waitPairs: ArrayLike<number>;
  servicePairs: ArrayLike<number>;
  ratings: RatingCounts;
}

/**
 * One stored row of a closed day: the tally of the tickets of one service counted at one counter by one officer.
 * `counterId` and `officerId` are null for tickets no counter called (they count in the service and the totals
 * only), exactly as `buildReport` splits tickets.
 */
export interface DayGroup extends TallyData {
  day: string;
  serviceId: number;
  counterId: number | null;
  officerId: number | null;
}

/** What a closed day stores: its groups and its arrivals per `hourCell`. */
export interface DayAggregate {
  day: string;
  tickets: number;
  groups: DayGroup[];
  arrivals: [cell: number, arrivals: number][];
}

/** Where a ticket counts beside the totals and its service: the counter and officer that called it, if any. */
const calledBy = (t: ReportTicket) => ({
  counterId: t.calledAt !== null ? t.counterId : null,
  officerId: t.calledAt !== null ? t.officerId : null,
});

/** Aggregates the tickets of one closed day (`day` < `today`; tickets of other days are ignored). */
export function aggregateDay(tickets: Iterable<ReportTicket>, day: string, today: string): DayAggregate {
  if (day >= today) throw new RangeError(`day ${day} is not closed on ${today}`);
  const groups = new Map<string, { key: Omit<DayGroup, keyof TallyData>; tally: Tally }>();
  const arrivals = new Map<number, number>();
  let count = 0;
  for (const t of tickets) {
    if (t.day !== day) continue;
    count++;
    const by = calledBy(t);
    const id = `${t.serviceId}|${by.counterId}|${by.officerId}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { key: { day, serviceId: t.serviceId, ...by }, tally: new Tally() }));
    g.tally.add(t, today);
    if (!t.transferredIn) {
      const cell = hourCell(t.issuedAt);
      arrivals.set(cell, (arrivals.get(cell) ?? 0) + 1);
    }
  }
  return {
    day,
    tickets: count,
    groups: [...groups.values()].map((g) => ({ ...g.key, ...g.tally.data() })),
    arrivals: [...arrivals.entries()].sort((a, b) => a[0] - b[0]),
  };
}

/** Closed days read from storage: their groups and arrivals, already summed per cell or not. */
export interface StoredDays {
  groups: Iterable<DayGroup>;
  arrivals: Iterable<[cell: number, arrivals: number]>;
}

function tallyOf(map: Map<number, Tally>, key: number): Tally {
  let t = map.get(key);
  if (!t) map.set(key, (t = new Tally()));
  return t;
}

/**
 * The report of `tickets` (those whose day is in `from..to`; others are ignored) and of `stored`, the closed days of
 * the range read from storage (`aggregateDay` made them; the caller passes no day twice and none of `today` or
 * later, whose open tickets are still in progress).
 */
export function buildReport(
  tickets: Iterable<ReportTicket>,
  options: ReportOptions,
  names: ReportNames,
  stored: StoredDays = { groups: [], arrivals: [] },
): ReportReply {
  const target = options.targetWaitMinutes;
  const total = new Tally();
  const byService = new Map<number, Tally>();
  const byCounter = new Map<number, Tally>();
  const byOfficer = new Map<number, Tally>();
  const arrivals = new Array<number>(7 * 24).fill(0);
  for (const t of tickets) {
    if (t.day < options.from || t.day > options.to) continue;
    const by = calledBy(t);
    total.add(t, options.today);
    tallyOf(byService, t.serviceId).add(t, options.today);
    if (by.counterId !== null) tallyOf(byCounter, by.counterId).add(t, options.today);
    if (by.officerId !== null) tallyOf(byOfficer, by.officerId).add(t, options.today);
    if (!t.transferredIn) {
      const cell = hourCell(t.issuedAt);
      arrivals[cell] = (arrivals[cell] ?? 0) + 1;
    }
  }
  for (const g of stored.groups) {
    total.merge(g);
    tallyOf(byService, g.serviceId).merge(g);
    if (g.counterId !== null) tallyOf(byCounter, g.counterId).merge(g);
    if (g.officerId !== null) tallyOf(byOfficer, g.officerId).merge(g);
  }
  for (const [cell, n] of stored.arrivals) arrivals[cell] = (arrivals[cell] ?? 0) + n;

  const serviceIds = new Set([...names.services.map((s) => s.id), ...byService.keys()]);
  const services: ServiceReport[] = [...serviceIds].map((id) => {
    const s = names.services.find((x) => x.id === id);
    return {
      serviceId: id,
      code: s?.code ?? `#${id}`,
      name: s?.name ?? `#${id}`,
      ...(byService.get(id) ?? new Tally()).totals(target),
    };
  });
  services.sort((a, b) => a.code.localeCompare(b.code, 'vi') || a.serviceId - b.serviceId);

  const counterIds = new Set([...names.counters.map((c) => c.id), ...byCounter.keys()]);
  const counters: CounterReport[] = [...counterIds].map((id) => {
    const c = names.counters.find((x) => x.id === id);
    return {
      counterId: id,
      number: c?.number ?? null,
      name: c?.name ?? `#${id}`,
      ...(byCounter.get(id) ?? new Tally()).figures(target),
    };
  });
  counters.sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity) || a.counterId - b.counterId);

  const officers: OfficerReport[] = [...byOfficer.entries()].map(([id, tally]) => ({
    officerId: id,
    displayName: names.officers.find((x) => x.id === id)?.displayName ?? `#${id}`,
    ...tally.figures(target),
  }));
  officers.sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi') || a.officerId - b.officerId);

  const byHour: HourArrivals[] = arrivals.map((n, i) => ({
    weekday: Math.floor(i / 24) + 1,
    hour: i % 24,
    arrivals: n,
  }));

  return {
    from: options.from,
    to: options.to,
    targetWaitMinutes: options.targetWaitMinutes,
    totals: total.totals(target),
    byService: services,
    byCounter: counters,
    byOfficer: officers,
    byHour,
  };
}
