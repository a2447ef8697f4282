import { DOSSIER_STATUS_CODES, HUB_WAIT_TARGETS, type HubFact } from '@layso/protocol';
import type { ClientBase } from 'pg';
import { reportDay } from '../ingest.js';

/**
 * The report roll-ups of one batch (migration 0050), summed in the batch's own transaction so that a report never
 * sees facts without their sums, nor sums twice: the ingest calls this only for a batch it stores, never for a
 * resend. Issued, served, waits and the like per day and service stay the ingest's (`daily_totals`); this adds the
 * rest of what the report reads.
 */

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** The hour (0–23) of an instant in Asia/Ho_Chi_Minh (UTC+7 all year). */
function vietnamHour(ms: number): number {
  return new Date(ms + VIETNAM_OFFSET_MS).getUTCHours();
}

/**
 * The hour a served ticket arrived: its finish less its service and its wait. Counted on the finish's day (as every
 * other figure of the ticket is); a ticket that arrived the day before (past midnight) counts at hour 0.
 */
export function arrivalHour(at: string, waitSeconds: number, serviceSeconds: number): number {
  const issued = Date.parse(at) - (waitSeconds + serviceSeconds) * 1000;
  return reportDay(new Date(issued).toISOString()) < reportDay(at) ? 0 : vietnamHour(issued);
}

export interface DayServiceSums {
  day: string;
  service: string;
  /** Served within each of HUB_WAIT_TARGETS, in that order. */
  within: number[];
  verySatisfied: number;
  satisfied: number;
  unsatisfied: number;
  received: number;
  returned: number;
  early: number;
  onTime: number;
  late: number;
}

export interface HourSums {
  day: string;
  hour: number;
  arrivals: number;
  waitSum: number;
  waitCount: number;
}

export interface SiteReportedRow {
  day: string;
  service: string;
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  seq: number;
}

export interface BatchRollup {
  days: DayServiceSums[];
  hours: HourSums[];
  reported: SiteReportedRow[];
}

const RECEIVED = new Set(['received', String(DOSSIER_STATUS_CODES.received)]);
const RETURNED = new Set(['returned', String(DOSSIER_STATUS_CODES.returned)]);

/**
 * A dossier fact's status as the reports count it: sites send TrangThaiHoSo's number ("2" received, "10" result
 * returned); its name is taken as well. Every other status (in progress, supplement…) is no report figure.
 */
function dossierStatus(status: string): 'received' | 'returned' | null {
  return RECEIVED.has(status) ? 'received' : RETURNED.has(status) ? 'returned' : null;
}

/** What a batch adds to the roll-ups (pure: the tests compute it by hand). */
export function batchRollup(facts: readonly HubFact[]): BatchRollup {
  const days = new Map<string, DayServiceSums>();
  const hours = new Map<string, HourSums>();
  const reported = new Map<string, SiteReportedRow>();
  const dayOf = (day: string, service: string): DayServiceSums => {
    const key = `${day}|${service}`;
    let row = days.get(key);
    if (!row) {
      row = {
        day,
        service,
        within: HUB_WAIT_TARGETS.map(() => 0),
        verySatisfied: 0,
        satisfied: 0,
        unsatisfied: 0,
        received: 0,
        returned: 0,
        early: 0,
        onTime: 0,
        late: 0,
      };
      days.set(key, row);
    }
    return row;
  };
  const hourOf = (day: string, hour: number): HourSums => {
    const key = `${day}|${hour}`;
    let row = hours.get(key);
    if (!row) {
      row = { day, hour, arrivals: 0, waitSum: 0, waitCount: 0 };
      hours.set(key, row);
    }
    return row;
  };

  for (const f of facts) {
    const day = reportDay(f.at);
    switch (f.kind) {
      case 'issued':
        hourOf(day, vietnamHour(Date.parse(f.at))).arrivals++;
        break;
      case 'finished': {
        const row = dayOf(day, f.service);
        HUB_WAIT_TARGETS.forEach((minutes, i) => {
          if (f.waitSeconds <= minutes * 60) row.within[i] = (row.within[i] ?? 0) + 1;
        });
        const hour = hourOf(day, arrivalHour(f.at, f.waitSeconds, f.serviceSeconds));
        hour.waitSum += f.waitSeconds;
        hour.waitCount++;
        break;
      }
      case 'rating': {
        const row = dayOf(day, f.service);
        if (f.rating === 'very-satisfied') row.verySatisfied++;
        else if (f.rating === 'satisfied') row.satisfied++;
        else row.unsatisfied++;
        break;
      }
      case 'dossier': {
        const status = dossierStatus(f.status);
        if (!status) break;
        const row = dayOf(day, f.service ?? '');
        if (status === 'received') {
          row.received++;
          break;
        }
        row.returned++;
        // Days as YYYY-MM-DD compare as text.
        if (f.due === undefined) break;
        if (day < f.due) row.early++;
        else if (day === f.due) row.onTime++;
        else row.late++;
        break;
      }
      case 'daily_totals': {
        // The site's own figures for a closed day: a later report of the same day replaces the earlier one.
        const { seq, issued, served, noShow, cancelled } = f;
        reported.set(`${f.day}|${f.service}`, {
          day: f.day,
          service: f.service,
          issued,
          served,
          noShow,
          cancelled,
          seq,
        });
        break;
      }
      default:
        break;
    }
  }
  return { days: [...days.values()], hours: [...hours.values()], reported: [...reported.values()] };
}

/** Adds a stored batch's facts to the roll-ups, inside the batch's transaction (`db` is its client). */
export async function rollUp(db: ClientBase, siteId: number, facts: readonly HubFact[]): Promise<void> {
  const { days, hours, reported } = batchRollup(facts);
  if (days.length > 0) {
    const within = HUB_WAIT_TARGETS.map((_, i) => days.map((d) => d.within[i] ?? 0));
    await db.query(
      `INSERT INTO daily_totals (site_id, day, service_code, wait_within_10, wait_within_15, wait_within_20,
         wait_within_30, rating_very_satisfied, rating_satisfied, rating_unsatisfied, dossiers_received,
         dossiers_returned, returned_early, returned_on_time, returned_late)
       SELECT $1, t.* FROM unnest($2::date[], $3::text[], $4::integer[], $5::integer[], $6::integer[],
         $7::integer[], $8::integer[], $9::integer[], $10::integer[], $11::integer[], $12::integer[],
         $13::integer[], $14::integer[], $15::integer[]) AS t
       ON CONFLICT (site_id, day, service_code) DO UPDATE SET
         wait_within_10 = daily_totals.wait_within_10 + EXCLUDED.wait_within_10,
         wait_within_15 = daily_totals.wait_within_15 + EXCLUDED.wait_within_15,
         wait_within_20 = daily_totals.wait_within_20 + EXCLUDED.wait_within_20,
         wait_within_30 = daily_totals.wait_within_30 + EXCLUDED.wait_within_30,
         rating_very_satisfied = daily_totals.rating_very_satisfied + EXCLUDED.rating_very_satisfied,
         rating_satisfied = daily_totals.rating_satisfied + EXCLUDED.rating_satisfied,
         rating_unsatisfied = daily_totals.rating_unsatisfied + EXCLUDED.rating_unsatisfied,
         dossiers_received = daily_totals.dossiers_received + EXCLUDED.dossiers_received,
         dossiers_returned = daily_totals.dossiers_returned + EXCLUDED.dossiers_returned,
         returned_early = daily_totals.returned_early + EXCLUDED.returned_early,
         returned_on_time = daily_totals.returned_on_time + EXCLUDED.returned_on_time,
         returned_late = daily_totals.returned_late + EXCLUDED.returned_late`,
      [
        siteId,
        days.map((d) => d.day),
        days.map((d) => d.service),
        ...within,
        days.map((d) => d.verySatisfied),
        days.map((d) => d.satisfied),
        days.map((d) => d.unsatisfied),
        days.map((d) => d.received),
        days.map((d) => d.returned),
        days.map((d) => d.early),
        days.map((d) => d.onTime),
        days.map((d) => d.late),
      ],
    );
  }
  if (hours.length > 0) {
    await db.query(
      `INSERT INTO hourly_totals (site_id, day, hour, arrivals, wait_sum_seconds, wait_count)
       SELECT $1, t.* FROM unnest($2::date[], $3::smallint[], $4::integer[], $5::bigint[], $6::integer[]) AS t
       ON CONFLICT (site_id, day, hour) DO UPDATE SET
         arrivals = hourly_totals.arrivals + EXCLUDED.arrivals,
         wait_sum_seconds = hourly_totals.wait_sum_seconds + EXCLUDED.wait_sum_seconds,
         wait_count = hourly_totals.wait_count + EXCLUDED.wait_count`,
      [
        siteId,
        hours.map((h) => h.day),
        hours.map((h) => h.hour),
        hours.map((h) => h.arrivals),
        hours.map((h) => h.waitSum),
        hours.map((h) => h.waitCount),
      ],
    );
  }
  if (reported.length > 0) {
    await db.query(
      `INSERT INTO site_daily_totals (site_id, day, service_code, issued, served, no_show, cancelled, seq)
       SELECT $1, t.* FROM unnest($2::date[], $3::text[], $4::integer[], $5::integer[], $6::integer[],
         $7::integer[], $8::bigint[]) AS t
       ON CONFLICT (site_id, day, service_code) DO UPDATE SET
         issued = EXCLUDED.issued, served = EXCLUDED.served, no_show = EXCLUDED.no_show,
         cancelled = EXCLUDED.cancelled, seq = EXCLUDED.seq
       WHERE site_daily_totals.seq < EXCLUDED.seq`,
      [
        siteId,
        reported.map((r) => r.day),
        reported.map((r) => r.service),
        reported.map((r) => r.issued),
        reported.map((r) => r.served),
        reported.map((r) => r.noShow),
        reported.map((r) => r.cancelled),
        reported.map((r) => r.seq),
      ],
    );
  }
}
