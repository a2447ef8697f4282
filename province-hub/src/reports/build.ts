import type { HubHourCell, HubReportFigures, HubReportReply, HubWaitTarget } from '@layso/protocol';
import type { ReportData, Sums } from './read.js';

const ZERO: Sums = {
  issued: 0,
  served: 0,
  noShow: 0,
  cancelled: 0,
  transferred: 0,
  waitSum: 0,
  waitCount: 0,
  waitMax: 0,
  serviceSum: 0,
  serviceCount: 0,
  within10: 0,
  within15: 0,
  within20: 0,
  within30: 0,
  verySatisfied: 0,
  satisfied: 0,
  unsatisfied: 0,
  received: 0,
  returned: 0,
  early: 0,
  onTime: 0,
  late: 0,
};

function add(a: Sums, b: Sums): Sums {
  return {
    issued: a.issued + b.issued,
    served: a.served + b.served,
    noShow: a.noShow + b.noShow,
    cancelled: a.cancelled + b.cancelled,
    transferred: a.transferred + b.transferred,
    waitSum: a.waitSum + b.waitSum,
    waitCount: a.waitCount + b.waitCount,
    waitMax: Math.max(a.waitMax, b.waitMax),
    serviceSum: a.serviceSum + b.serviceSum,
    serviceCount: a.serviceCount + b.serviceCount,
    within10: a.within10 + b.within10,
    within15: a.within15 + b.within15,
    within20: a.within20 + b.within20,
    within30: a.within30 + b.within30,
    verySatisfied: a.verySatisfied + b.verySatisfied,
    satisfied: a.satisfied + b.satisfied,
    unsatisfied: a.unsatisfied + b.unsatisfied,
    received: a.received + b.received,
    returned: a.returned + b.returned,
    early: a.early + b.early,
    onTime: a.onTime + b.onTime,
    late: a.late + b.late,
  };
}

/** A share to 4 decimals, null when nothing to share out. */
function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** Seconds to one decimal, null when nothing was counted. */
function average(sum: number, count: number): number | null {
  return count > 0 ? Math.round((sum / count) * 10) / 10 : null;
}

const WITHIN: Record<HubWaitTarget, (s: Sums) => number> = {
  10: (s) => s.within10,
  15: (s) => s.within15,
  20: (s) => s.within20,
  30: (s) => s.within30,
};

/** The figures of a group, as HubReportFigures documents them. */
export function figures(s: Sums, target: HubWaitTarget): HubReportFigures {
  const rated = s.verySatisfied + s.satisfied + s.unsatisfied;
  const dated = s.early + s.onTime + s.late;
  return {
    issued: s.issued,
    served: s.served,
    noShow: s.noShow,
    cancelled: s.cancelled,
    transferred: s.transferred,
    noShowRate: share(s.noShow, s.served + s.noShow + s.transferred),
    avgWaitSeconds: average(s.waitSum, s.waitCount),
    maxWaitSeconds: s.waitCount > 0 ? s.waitMax : null,
    avgServiceSeconds: average(s.serviceSum, s.serviceCount),
    servedWithinTarget: share(WITHIN[target](s), s.served),
    ratings: { verySatisfied: s.verySatisfied, satisfied: s.satisfied, unsatisfied: s.unsatisfied },
    satisfaction: share(s.verySatisfied + s.satisfied, rated),
    dossiers: {
      received: s.received,
      returned: s.returned,
      returnedEarly: s.early,
      returnedOnTime: s.onTime,
      returnedLate: s.late,
      onTimeRate: share(s.early + s.onTime, dated),
    },
  };
}

export interface BuildOptions {
  from: string;
  to: string;
  targetWaitMinutes: HubWaitTarget;
}

/** The report from what readReport read: every selected site (a silent one with zeros), services by code. */
export function buildReport(data: ReportData, options: BuildOptions): HubReportReply {
  const target = options.targetWaitMinutes;
  const bySite = new Map<number, Sums>();
  const byService = new Map<string, Sums>();
  let totals = ZERO;
  for (const row of data.sums) {
    bySite.set(row.siteId, add(bySite.get(row.siteId) ?? ZERO, row));
    byService.set(row.service, add(byService.get(row.service) ?? ZERO, row));
    totals = add(totals, row);
  }
  const reported = new Map(data.reported.map((r) => [r.siteId, r]));
  const hours = new Map(data.hours.map((h) => [`${h.weekday}|${h.hour}`, h]));
  const byHour: HubHourCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const h = hours.get(`${weekday}|${hour}`);
      byHour.push({
        weekday,
        hour,
        arrivals: h?.arrivals ?? 0,
        avgWaitSeconds: h ? average(h.waitSum, h.waitCount) : null,
      });
    }
  }
  return {
    from: options.from,
    to: options.to,
    targetWaitMinutes: target,
    totals: figures(totals, target),
    bySite: data.sites.map((site) => {
      const own = reported.get(site.id);
      return {
        siteId: site.id,
        code: site.code,
        name: site.name,
        commune: site.commune,
        ...figures(bySite.get(site.id) ?? ZERO, target),
        siteReported: own
          ? { issued: own.issued, served: own.served, noShow: own.noShow, cancelled: own.cancelled }
          : null,
      };
    }),
    byService: [...byService.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([code, sums]) => ({ code, ...figures(sums, target) })),
    byHour,
  };
}
