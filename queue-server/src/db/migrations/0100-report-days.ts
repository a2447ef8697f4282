import type { Database } from 'better-sqlite3';

/**
 * Reports over a year read closed days pre-aggregated, not a year of tickets (app/report-days.ts):
 * - `report_days`: per closed Vietnam day, one row per (service, counter, officer) of the tickets' counts, sums of
 *   durations in ms and histograms of durations (`waits`, `services`: BLOBs of int32 little-endian
 *   `key, count` pairs, keys as `durationKey` in app/reports.ts — exact to the figures a report shows);
 * - `report_closed_days`: the days aggregated (a closed day without a row here is aggregated before a report reads
 *   it), with the arrivals per weekday-hour cell (JSON `[[cell, n], …]`).
 * The triggers keep both true to `tickets`: a change to a report column of a ticket of an aggregated day (a ticket
 * finished or rated after midnight, one left at a counter and closed days later) or its deletion drops that day's
 * rows, and the next report aggregates it again. Erasing intake (retention) touches none of those columns. There is
 * deliberately no trigger on INSERT: tickets are only ever inserted on today's day (issue and transfer take it from
 * the clock) and today is never aggregated, while any insert trigger would make every issue a multi-row statement
 * (a trigger program, and SQLite's parent-side foreign-key checks on `tickets`) — the issue path stays as it was.
 * New tables only; nothing existing changes, nothing is backfilled (the first report that needs a day, or the
 * background job at start, aggregates it).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE report_days (
      day TEXT NOT NULL,
      service_id INTEGER NOT NULL,
      counter_id INTEGER,
      officer_id INTEGER,
      issued INTEGER NOT NULL,
      served INTEGER NOT NULL,
      no_show INTEGER NOT NULL,
      transferred INTEGER NOT NULL,
      left_waiting INTEGER NOT NULL,
      wait_ms INTEGER NOT NULL,
      service_ms INTEGER NOT NULL,
      very_satisfied INTEGER NOT NULL,
      satisfied INTEGER NOT NULL,
      unsatisfied INTEGER NOT NULL,
      unrated INTEGER NOT NULL,
      waits BLOB NOT NULL,
      services BLOB NOT NULL
    );
    CREATE INDEX report_days_day ON report_days(day);
    CREATE TABLE report_closed_days (
      day TEXT PRIMARY KEY,
      tickets INTEGER NOT NULL,
      arrivals TEXT NOT NULL,
      aggregated_at INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TRIGGER report_days_ticket_update
    AFTER UPDATE OF service_id, day, status, issued_at, called_at, served_at, finished_at, counter_id, officer_id,
      rating, transferred_from_id ON tickets
    WHEN EXISTS (SELECT 1 FROM report_closed_days WHERE day IN (OLD.day, NEW.day))
    BEGIN
      DELETE FROM report_days WHERE day IN (OLD.day, NEW.day);
      DELETE FROM report_closed_days WHERE day IN (OLD.day, NEW.day);
    END;
    CREATE TRIGGER report_days_ticket_delete AFTER DELETE ON tickets
    WHEN EXISTS (SELECT 1 FROM report_closed_days WHERE day = OLD.day)
    BEGIN
      DELETE FROM report_days WHERE day = OLD.day;
      DELETE FROM report_closed_days WHERE day = OLD.day;
    END;
  `);
}
