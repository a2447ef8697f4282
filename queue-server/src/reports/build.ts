/**
 * Reports over the tickets of a range of Vietnam days: pure functions over rows (the SQL reads are
 * `reports/reads.ts` and `reports/days-store.ts`; which days are read how is `reports/service.ts`; CSV and XLSX are
 * `reports/export.ts`). What every figure means is written on `ReportFigures` in `@layso/protocol`
 * (protocol/src/reports.ts).
 *
 * Every figure is computed from a `Tally`, a sum: counts, sums of durations in ms and histograms of durations at a
 * resolution fine enough to give every figure exactly (see `durationKey`). A closed day is summed once into stored
 * tallies (`aggregateDay`); a report adds up the stored days of its range and the tickets of the days still live.
 */
import type { CounterReport, HourArrivals, OfficerReport, ReportReply, ServiceReport } from '@layso/protocol';
import { VN_OFFSET_MINUTES } from '../domain/time.js';
import { Tally, type ReportTicket, type TallyData } from './tally.js';

export type { ReportTicket } from './tally.js';

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
