import type { ClientBase } from 'pg';

/**
 * The live province view (issue 20, Deliver 4), kept by the ingest in each batch's own transaction (src/live.ts):
 * what is true at a site now, so the dashboard reads a few small tables instead of the day's facts.
 *
 * - sites gains the site's current day (its newest fact's or heartbeat's Vietnam day), the backlog its heartbeat
 *   reported, and the estimated offset of its clock from the hub's (see live.ts: why waits are not fooled by it);
 * - live_tickets: the tickets of the site's current day still waiting or at a counter (a finished, no-show or
 *   cancelled one is deleted, a day's rows when the site's day moves on); issued_at is the site's clock,
 *   received_at the hub's;
 * - live_counters: each counter's last reported status and the number called to it;
 * - live_faults: the device faults reported and not yet cleared.
 * Served and ratings today are daily_totals' (kept by the same transaction for the reports), not a second count.
 *
 * And the table @socket.io/postgres-adapter writes a packet to when it is too large for a NOTIFY (its documented
 * setup, made here so that no hub process needs CREATE rights at run time).
 */
export async function up(db: ClientBase): Promise<void> {
  await db.query(`
    ALTER TABLE sites
      ADD COLUMN live_day date,
      ADD COLUMN backlog integer NOT NULL DEFAULT 0 CHECK (backlog >= 0),
      ADD COLUMN clock_offset_ms bigint;

    CREATE TABLE live_tickets (
      site_id integer NOT NULL REFERENCES sites (id),
      day date NOT NULL,
      ticket_number text NOT NULL,
      service_code text NOT NULL,
      status text NOT NULL CHECK (status IN ('waiting', 'called')),
      counter integer,
      issued_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL,
      PRIMARY KEY (site_id, day, ticket_number)
    );

    CREATE TABLE live_counters (
      site_id integer NOT NULL REFERENCES sites (id),
      counter integer NOT NULL,
      status text NOT NULL DEFAULT 'closed' CHECK (status IN ('open', 'paused', 'closed')),
      current_number text,
      PRIMARY KEY (site_id, counter)
    );

    CREATE TABLE live_faults (
      site_id integer NOT NULL REFERENCES sites (id),
      device text NOT NULL,
      device_id integer NOT NULL,
      code text NOT NULL,
      since timestamptz NOT NULL,
      PRIMARY KEY (site_id, device, device_id, code)
    );

    CREATE TABLE IF NOT EXISTS socket_io_attachments (
      id bigserial UNIQUE,
      created_at timestamptz DEFAULT now(),
      payload bytea
    );
  `);
}
