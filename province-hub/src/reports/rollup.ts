import { DOSSIER_STATUS_CODES, HUB_WAIT_TARGETS, type HubFact } from '@layso/protocol';
import type { ClientBase } from 'pg';
import { reportDay, vietnamHour } from '../vietnam-time.js';
import { SUM_COLUMNS, SUM_FIELDS, WITHIN, ZERO_SUMS, type Sums } from './sums.js';

/**
 * The roll-ups of one batch (daily_totals, and migration 0050's), summed in the batch's own transaction so that a
 * report or the live view never sees facts without their sums, nor sums twice: the ingest calls this only for a
 * batch it stores, never for a resend.
 */

/**
 * The hour a served ticket arrived: its finish less its service and its wait. Counted on the finish's day (as every
 * other figure of the ticket is); a ticket that arrived the day before (past midnight) counts at hour 0.
 */
export function arrivalHour(at: string, waitSeconds: number, serviceSeconds: number): number {
  const issued = Date.parse(at) - (waitSeconds + serviceSeconds) * 1000;
  return reportDay(new Date(issued).toISOString()) < reportDay(at) ? 0 : vietnamHour(issued);
}

/** What a batch adds to one row of daily_totals. */
export interface DayServiceSums extends Sums {
  day: string;
  service: string;
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
      row = { day, service, ...ZERO_SUMS };
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
        dayOf(day, f.service).issued++;
        hourOf(day, vietnamHour(Date.parse(f.at))).arrivals++;
        break;
      case 'no_show':
        dayOf(day, f.service).noShow++;
        break;
      case 'cancelled':
        dayOf(day, f.service).cancelled++;
        break;
      case 'transferred':
        dayOf(day, f.service).transferred++;
        break;
      case 'finished': {
        const row = dayOf(day, f.service);
        row.served++;
        row.waitSum += f.waitSeconds;
        row.waitCount++;
        row.waitMax = Math.max(row.waitMax, f.waitSeconds);
        row.serviceSum += f.serviceSeconds;
        row.serviceCount++;
        for (const minutes of HUB_WAIT_TARGETS) {
          if (f.waitSeconds <= minutes * 60) row[WITHIN[minutes]]++;
        }
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

/** daily_totals' upsert: every figure of SUM_COLUMNS added to the row's (the longest wait: the greater kept). */
const DAILY_UPSERT = (() => {
  const columns = SUM_FIELDS.map((field) => SUM_COLUMNS[field]);
  const arrays = columns.map((c, i) => `$${i + 5}::${c.type}[]`).join(', ');
  const sets = columns.map(({ name, greatest }) =>
    greatest
      ? `${name} = greatest(daily_totals.${name}, EXCLUDED.${name})`
      : `${name} = daily_totals.${name} + EXCLUDED.${name}`,
  );
  return `INSERT INTO daily_totals (site_id, updated_at, day, service_code, ${columns.map((c) => c.name).join(', ')})
    SELECT $1, $2, t.* FROM unnest($3::date[], $4::text[], ${arrays}) AS t
    ON CONFLICT (site_id, day, service_code) DO UPDATE SET ${sets.join(', ')}, updated_at = EXCLUDED.updated_at`;
})();

/** Adds a stored batch's facts to the roll-ups, inside the batch's transaction (`db` is its client). */
export async function rollUp(
  db: ClientBase,
  siteId: number,
  facts: readonly HubFact[],
  now: Date,
): Promise<void> {
  const { days, hours, reported } = batchRollup(facts);
  if (days.length > 0) {
    await db.query(DAILY_UPSERT, [
      siteId,
      now,
      days.map((d) => d.day),
      days.map((d) => d.service),
      ...SUM_FIELDS.map((field) => days.map((d) => d[field])),
    ]);
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
