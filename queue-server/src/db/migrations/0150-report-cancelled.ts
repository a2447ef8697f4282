import type { Database } from 'better-sqlite3';

/**
 * Reports count the tickets a citizen released from the phone page (issue 19, status `cancelled`): a column of
 * `report_days` (0 for the groups stored before), and the closed days that hold such a ticket are dropped from the
 * stored aggregates, so the next report (or the background job) aggregates them again with it counted. Number
 * 0140 was never used and never may be: a database at 0150 would skip it.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE report_days ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 0;
    CREATE TEMP TABLE cancelled_days AS SELECT DISTINCT day FROM tickets WHERE status = 'cancelled';
    DELETE FROM report_days WHERE day IN (SELECT day FROM cancelled_days);
    DELETE FROM report_closed_days WHERE day IN (SELECT day FROM cancelled_days);
    DROP TABLE cancelled_days;
  `);
}
