import type { HubHourCell, HubReportFigures, HubReportReply, HubWaitTarget } from '@layso/protocol';
import type { ReportData } from './read.js';
import { addSums, WITHIN, ZERO_SUMS, type Sums } from './sums.js';

/** A share to 4 decimals, null when nothing to share out. */
function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** Seconds to one decimal, null when nothing was counted. */
function average(sum: number, count: number): number | null {
  return count > 0 ? Math.round((sum / count) * 10) / 10 : null;
}

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
    servedWithinTarget: share(s[WITHIN[target]], s.served),
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
  let totals: Sums = ZERO_SUMS;
  for (const row of data.sums) {
    bySite.set(row.siteId, addSums(bySite.get(row.siteId) ?? ZERO_SUMS, row));
    byService.set(row.service, addSums(byService.get(row.service) ?? ZERO_SUMS, row));
    totals = addSums(totals, row);
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
        ...figures(bySite.get(site.id) ?? ZERO_SUMS, target),
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
