import type { Pool } from 'pg';
import { SUM_COLUMNS, SUM_FIELDS, ZERO_SUMS, type Sums } from './sums.js';

export interface SiteRow {
  id: number;
  code: string;
  name: string;
  commune: string;
}

export interface SiteServiceSums extends Sums {
  siteId: number;
  service: string;
}

export interface HourRow {
  weekday: number;
  hour: number;
  arrivals: number;
  waitSum: number;
  waitCount: number;
}

export interface ReportedRow {
  siteId: number;
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
}

export interface ReportData {
  sites: SiteRow[];
  sums: SiteServiceSums[];
  hours: HourRow[];
  reported: ReportedRow[];
}

/** Each figure summed (the longest wait: its max) per site and service over the days, aliased by its field. */
const SUM_SELECT = SUM_FIELDS.map((field) => {
  const { name, greatest } = SUM_COLUMNS[field];
  return `${greatest ? 'max' : 'sum'}(${name}) AS "${field}"`;
}).join(', ');

type Raw = Record<string, string | number | null | undefined>;

const num = (v: string | number | null | undefined): number =>
  v === null || v === undefined ? 0 : Number(v);

/** A group's figures from its row: numbers as numbers (PostgreSQL sums bigints as text). */
function sumsOf(r: Raw): Sums {
  const sums = { ...ZERO_SUMS };
  for (const field of SUM_FIELDS) sums[field] = num(r[field]);
  return sums;
}

/**
 * Everything a report over `from`..`to` (Vietnam days, both included) and `siteIds` needs, read in one
 * repeatable-read snapshot so a batch committed meanwhile is in all of its parts or none. Sites are sorted by code.
 */
export async function readReport(
  pool: Pool,
  from: string,
  to: string,
  siteIds: readonly number[],
): Promise<ReportData> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const params = [from, to, siteIds];
    const sites = await client.query<SiteRow>(
      'SELECT id, code, name, commune FROM sites WHERE id = ANY($1::integer[]) ORDER BY code',
      [siteIds],
    );
    const sums = await client.query<Raw>(
      `SELECT site_id, service_code, ${SUM_SELECT}
         FROM daily_totals
        WHERE day BETWEEN $1::date AND $2::date AND site_id = ANY($3::integer[])
        GROUP BY site_id, service_code`,
      params,
    );
    const hours = await client.query<Raw>(
      `SELECT extract(isodow FROM day)::integer AS weekday, hour, sum(arrivals) AS arrivals,
              sum(wait_sum_seconds) AS wait_sum, sum(wait_count) AS wait_count
         FROM hourly_totals
        WHERE day BETWEEN $1::date AND $2::date AND site_id = ANY($3::integer[])
        GROUP BY 1, 2`,
      params,
    );
    const reported = await client.query<Raw>(
      `SELECT site_id, sum(issued) AS issued, sum(served) AS served, sum(no_show) AS no_show,
              sum(cancelled) AS cancelled
         FROM site_daily_totals
        WHERE day BETWEEN $1::date AND $2::date AND site_id = ANY($3::integer[])
        GROUP BY site_id`,
      params,
    );
    await client.query('COMMIT');
    return {
      sites: sites.rows,
      sums: sums.rows.map((r) => ({ siteId: num(r.site_id), service: String(r.service_code), ...sumsOf(r) })),
      hours: hours.rows.map((r) => ({
        weekday: num(r.weekday),
        hour: num(r.hour),
        arrivals: num(r.arrivals),
        waitSum: num(r.wait_sum),
        waitCount: num(r.wait_count),
      })),
      reported: reported.rows.map((r) => ({
        siteId: num(r.site_id),
        issued: num(r.issued),
        served: num(r.served),
        noShow: num(r.no_show),
        cancelled: num(r.cancelled),
      })),
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}

/** Every site's id, for a viewer of the whole province who named none. */
export async function allSiteIds(pool: Pool): Promise<number[]> {
  const { rows } = await pool.query<{ id: number }>('SELECT id FROM sites ORDER BY id');
  return rows.map((r) => r.id);
}

/** Those of `ids` that are no site of the hub. */
export async function unknownSites(pool: Pool, ids: readonly number[]): Promise<number[]> {
  const { rows } = await pool.query<{ id: number }>(
    'SELECT u.id FROM unnest($1::integer[]) AS u(id) WHERE NOT EXISTS (SELECT FROM sites s WHERE s.id = u.id)',
    [ids],
  );
  return rows.map((r) => r.id);
}
