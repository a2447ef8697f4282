/**
 * Reports over the tickets of a range of Vietnam days: pure functions over rows (the SQL read is
 * `db/reports.ts`; CSV and XLSX are `app/report-export.ts`). What every figure means is written on
 * `ReportFigures` in `@layso/protocol` (protocol/src/reports.ts).
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

/** Nearest-rank percentile of ascending `sorted` (`p` in 0..1); null when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] ?? null;
}

function average(xs: ArrayLike<number>): number | null {
  if (xs.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i] ?? 0;
  return sum / xs.length;
}

/** Whole seconds (the report's unit). */
const secs = (v: number | null): number | null => (v === null ? null : Math.round(v));

class Tally {
  issued = 0;
  called = 0;
  served = 0;
  noShow = 0;
  transferred = 0;
  leftWaiting = 0;
  withinTarget = 0;
  readonly waits: number[] = [];
  readonly services: number[] = [];
  readonly ratings: RatingCounts = { verySatisfied: 0, satisfied: 0, unsatisfied: 0, none: 0 };

  add(t: ReportTicket, o: ReportOptions): void {
    if (!t.transferredIn) this.issued++;
    if (t.status === 'done') {
      this.served++;
      if (t.rating === 'very-satisfied') this.ratings.verySatisfied++;
      else if (t.rating === 'satisfied') this.ratings.satisfied++;
      else if (t.rating === 'unsatisfied') this.ratings.unsatisfied++;
      else this.ratings.none++;
      const start = t.servedAt ?? t.calledAt;
      if (start !== null && t.finishedAt !== null) this.services.push((t.finishedAt - start) / 1000);
    } else if (t.status === 'no-show') this.noShow++;
    else if (t.status === 'transferred') this.transferred++;
    else if (OPEN.has(t.status) && t.day < o.today) this.leftWaiting++;
    if (t.calledAt !== null) {
      this.called++;
      const wait = Math.max(0, (t.calledAt - t.issuedAt) / 1000);
      this.waits.push(wait);
      if (wait <= o.targetWaitMinutes * 60) this.withinTarget++;
    }
  }

  figures(): ReportFigures {
    const waits = Float64Array.from(this.waits).sort();
    const services = Float64Array.from(this.services).sort();
    return {
      called: this.called,
      served: this.served,
      noShow: this.noShow,
      transferred: this.transferred,
      leftWaiting: this.leftWaiting,
      avgWaitSeconds: secs(average(waits)),
      p90WaitSeconds: secs(percentile(waits, 0.9)),
      avgServiceSeconds: secs(average(services)),
      p90ServiceSeconds: secs(percentile(services, 0.9)),
      servedWithinTarget: this.called === 0 ? null : this.withinTarget / this.called,
      ratings: { ...this.ratings },
    };
  }

  totals(): ReportTotals {
    return { issued: this.issued, ...this.figures() };
  }
}

function tallyOf(map: Map<number, Tally>, key: number): Tally {
  let t = map.get(key);
  if (!t) map.set(key, (t = new Tally()));
  return t;
}

/** The report of `tickets` (those whose day is in `from..to`; others are ignored). */
export function buildReport(
  tickets: Iterable<ReportTicket>,
  options: ReportOptions,
  names: ReportNames,
): ReportReply {
  const total = new Tally();
  const byService = new Map<number, Tally>();
  const byCounter = new Map<number, Tally>();
  const byOfficer = new Map<number, Tally>();
  const arrivals = new Array<number>(7 * 24).fill(0);
  for (const t of tickets) {
    if (t.day < options.from || t.day > options.to) continue;
    total.add(t, options);
    tallyOf(byService, t.serviceId).add(t, options);
    if (t.counterId !== null && t.calledAt !== null) tallyOf(byCounter, t.counterId).add(t, options);
    if (t.officerId !== null && t.calledAt !== null) tallyOf(byOfficer, t.officerId).add(t, options);
    if (!t.transferredIn) {
      const cell = hourCell(t.issuedAt);
      arrivals[cell] = (arrivals[cell] ?? 0) + 1;
    }
  }

  const serviceIds = new Set([...names.services.map((s) => s.id), ...byService.keys()]);
  const services: ServiceReport[] = [...serviceIds].map((id) => {
    const s = names.services.find((x) => x.id === id);
    return {
      serviceId: id,
      code: s?.code ?? `#${id}`,
      name: s?.name ?? `#${id}`,
      ...(byService.get(id) ?? new Tally()).totals(),
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
      ...(byCounter.get(id) ?? new Tally()).figures(),
    };
  });
  counters.sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity) || a.counterId - b.counterId);

  const officers: OfficerReport[] = [...byOfficer.entries()].map(([id, tally]) => ({
    officerId: id,
    displayName: names.officers.find((x) => x.id === id)?.displayName ?? `#${id}`,
    ...tally.figures(),
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
    totals: total.totals(),
    byService: services,
    byCounter: counters,
    byOfficer: officers,
    byHour,
  };
}
