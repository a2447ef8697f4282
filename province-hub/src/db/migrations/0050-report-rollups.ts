import type { ClientBase } from 'pg';

/**
 * The roll-ups province reports read (issue 20, Deliver 4), kept by reports/rollup.ts in each batch's transaction.
 * Two grains, whose union answers every view of the report without touching the facts:
 * - `daily_totals` (site, Vietnam day, service), which the ingest already keeps for issued/served/waits, gains what
 *   the report also needs: served within each waiting target, ratings by level, dossiers received and returned
 *   early / on time / late. One row per grain, not a second table of the same key.
 * - `hourly_totals` (site, Vietnam day, hour 0–23): arrivals and the waits of the tickets that arrived in that
 *   hour, for the weekday × hour matrix. Without the service: no view crosses hour with service, and the cross would
 *   be ~10× the rows a year's report reads.
 * - `site_daily_totals`: what each site itself reported for a closed day (its daily_totals facts; the newest
 *   wins), to set beside what the hub summed.
 */
export async function up(db: ClientBase): Promise<void> {
  await db.query(`
    ALTER TABLE daily_totals
      ADD COLUMN wait_within_10 integer NOT NULL DEFAULT 0,
      ADD COLUMN wait_within_15 integer NOT NULL DEFAULT 0,
      ADD COLUMN wait_within_20 integer NOT NULL DEFAULT 0,
      ADD COLUMN wait_within_30 integer NOT NULL DEFAULT 0,
      ADD COLUMN rating_very_satisfied integer NOT NULL DEFAULT 0,
      ADD COLUMN rating_satisfied integer NOT NULL DEFAULT 0,
      ADD COLUMN rating_unsatisfied integer NOT NULL DEFAULT 0,
      ADD COLUMN dossiers_received integer NOT NULL DEFAULT 0,
      ADD COLUMN dossiers_returned integer NOT NULL DEFAULT 0,
      ADD COLUMN returned_early integer NOT NULL DEFAULT 0,
      ADD COLUMN returned_on_time integer NOT NULL DEFAULT 0,
      ADD COLUMN returned_late integer NOT NULL DEFAULT 0;

    CREATE TABLE hourly_totals (
      site_id integer NOT NULL REFERENCES sites (id),
      day date NOT NULL,
      hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
      arrivals integer NOT NULL DEFAULT 0,
      wait_sum_seconds bigint NOT NULL DEFAULT 0,
      wait_count integer NOT NULL DEFAULT 0,
      PRIMARY KEY (site_id, day, hour)
    );
    CREATE INDEX hourly_totals_day ON hourly_totals (day);

    CREATE TABLE site_daily_totals (
      site_id integer NOT NULL REFERENCES sites (id),
      day date NOT NULL,
      service_code text NOT NULL,
      issued integer NOT NULL,
      served integer NOT NULL,
      no_show integer NOT NULL,
      cancelled integer NOT NULL,
      -- The seq of the fact that reported it: a later report of the same day replaces an earlier one.
      seq bigint NOT NULL,
      PRIMARY KEY (site_id, day, service_code)
    );
  `);
}
