import type { Database } from 'better-sqlite3';

/**
 * Makes the reads done on every issue and call cheap:
 * - one index serves a service's waiting tickets of the day in call order, without a temp sort, and counts a
 *   ticket's place in its class from the index alone (it covers the old (day, service_id, status) index,
 *   which goes);
 * - `service_days.issued` counts tickets handed out by kiosks (the daily cap), kept with `last_seq` instead of
 *   counted on each issue; existing days are backfilled.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE INDEX tickets_waiting ON tickets(day, service_id, status, queued_at, seq, id, priority);
    DROP INDEX tickets_queue;
    ALTER TABLE service_days ADD COLUMN issued INTEGER NOT NULL DEFAULT 0;
    UPDATE service_days SET issued = (
      SELECT count(*) FROM tickets t
      WHERE t.service_id = service_days.service_id AND t.day = service_days.day AND t.transferred_from_id IS NULL
    );
  `);
}
