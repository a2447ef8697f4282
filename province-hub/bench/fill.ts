import type { Pool } from 'pg';

/**
 * A year of a province's roll-ups, made set-wise in SQL (one INSERT … SELECT per table, never row by row): `sites`
 * sites open Monday to Friday, each with its own size (100–520 visits a day, ~310 on average, so 125 sites make
 * ~10 M tickets a year), 8 services from the busiest to the quietest, 10 opening hours shaped like a morning rush.
 * Deterministic (setseed). What the facts themselves would be is not made: the report never reads them.
 */
export async function fillYear(
  pool: Pool,
  sites: number,
  year: number,
): Promise<{ tickets: number; rows: number }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO sites (code, name, commune, key_hash)
       SELECT 'xa-' || g, 'Trung tâm xã ' || g, 'Xã ' || g, md5(g::text) FROM generate_series(1, $1::integer) g`,
      [sites],
    );
    await client.query('SELECT setseed(0.2025)');
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    // Per site, working day and service: the day's tickets and what became of them, in plausible shares.
    await client.query(
      `INSERT INTO daily_totals (site_id, day, service_code, issued, served, no_show, cancelled, transferred,
         wait_sum_seconds, wait_count, wait_max_seconds, service_sum_seconds, service_count, wait_within_10,
         wait_within_15, wait_within_20, wait_within_30, rating_very_satisfied, rating_satisfied,
         rating_unsatisfied, dossiers_received, dossiers_returned, returned_early, returned_on_time, returned_late)
       SELECT site_id, day, 'S' || svc, issued, served, round(issued * 0.05), round(issued * 0.03),
              round(issued * 0.04), served * wait, served, wait * 4, served * 420, served,
              round(served * 0.45), round(served * 0.62), round(served * 0.76), round(served * 0.92),
              round(served * 0.40), round(served * 0.30), round(served * 0.03), round(served * 0.60),
              round(served * 0.55), round(served * 0.20), round(served * 0.30), round(served * 0.05)
         FROM (SELECT site_id, day, svc, issued, round(issued * 0.88)::integer AS served,
                      (240 + random() * 900)::integer AS wait
                 FROM (SELECT s.id AS site_id, d::date AS day, svc,
                              round((100 + (s.id * 37 % 100) * 4.2) * (9 - svc) / 36.0
                                    * (0.8 + random() * 0.4))::integer AS issued
                         FROM sites s
                        CROSS JOIN generate_series($1::date, $2::date, interval '1 day') d
                        CROSS JOIN generate_series(1, 8) svc
                        WHERE extract(isodow FROM d) <= 5) a) b`,
      [from, to],
    );
    // Per site, working day and opening hour (7h–16h): arrivals peaking mid-morning, waits longer at the peak.
    await client.query(
      `INSERT INTO hourly_totals (site_id, day, hour, arrivals, wait_sum_seconds, wait_count)
       SELECT site_id, day, hour, arrivals, round(arrivals * 0.88) * (200 + peak * 900 + random() * 300),
              round(arrivals * 0.88)
         FROM (SELECT t.site_id, t.day, h AS hour, 1 - abs(h - 9.5) / 5 AS peak,
                      round(t.issued * (1.2 - abs(h - 9.5) / 5) / 7.5)::integer AS arrivals
                 FROM (SELECT site_id, day, sum(issued) AS issued FROM daily_totals GROUP BY 1, 2) t
                CROSS JOIN generate_series(7, 16) h) x`,
    );
    // The sites' own reports: here they agree with the hub's sums.
    await client.query(
      `INSERT INTO site_daily_totals (site_id, day, service_code, issued, served, no_show, cancelled, seq)
       SELECT site_id, day, service_code, issued, served, no_show, cancelled, 1 FROM daily_totals`,
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
  // What autovacuum would have done by the time a year of data is there: statistics and the visibility map.
  await pool.query('VACUUM ANALYZE daily_totals, hourly_totals, site_daily_totals, sites');
  const { rows } = await pool.query<{ tickets: string; rows: string }>(
    `SELECT (SELECT sum(issued) FROM daily_totals) AS tickets,
            (SELECT count(*) FROM daily_totals) + (SELECT count(*) FROM hourly_totals)
              + (SELECT count(*) FROM site_daily_totals) AS rows`,
  );
  return { tickets: Number(rows[0]?.tickets), rows: Number(rows[0]?.rows) };
}
