import type { HubFact, HubHeartbeat } from '@layso/protocol';
import type { ClientBase } from 'pg';
import { reportDay } from './vietnam-time.js';

/**
 * The live state of each site, kept from its facts inside the batch's own transaction (so it commits with them,
 * and a resend — answered before this is called — changes nothing). A batch is folded in memory first: each
 * ticket, counter and fault it touches ends in one row written or deleted, a handful of statements per batch
 * whatever its size, so a week's backlog catching up costs no more per fact than a live site.
 *
 * A site's current day is the newest Vietnam day its facts or heartbeats speak of: tickets of an earlier day are
 * no longer live (the site's numbering started again) — a backlog from last week arriving today is history for
 * the reports, not people waiting now.
 *
 * The site's clock. Waits are counted from the site's `at` of the ticket's issue, and a site's clock may be wrong
 * by minutes or hours. The hub keeps an estimate of that error, `clock_offset_ms` = hub time − site time,
 * measured as (hub's receive time − the site's time of sending): exact but for the network's delay on each
 * heartbeat (which carries the site's clock at sending), and from a batch as receive time − its newest fact's time
 * (only ever lowering the estimate: a batch may have waited in the outbox). Both measures are upper bounds of the
 * true offset, so `now − offset − issued_at` never overstates a wait; nor does `now − received_at` (the ticket
 * was issued before the hub heard of it). The longest wait shown is the larger of the two lower bounds: a site
 * clock an hour fast or slow neither hides a queue nor invents one.
 */

interface TicketChange {
  day: string;
  ticket: string;
  service: string;
  status: 'waiting' | 'called';
  counter: number | null;
  /** Known when the batch carries the issue: the row is then made, else only changed if it exists. */
  issuedAt: string | null;
  gone: boolean;
}

interface CounterChange {
  status: string | null;
  /** Set in this batch (a string, or null when it finished): written as is. */
  current: string | null | undefined;
  /** Finished in this batch with no call seen in it: cleared only if it is still the counter's number. */
  clearIf: string | null;
}

/** A ticket transferred whose row the hub may already hold: it moves to its new number and service, keeping its
 * issue time (the citizen's place and wait), back to waiting. */
interface Rename {
  day: string;
  from: string;
  to: string;
  service: string;
}

interface Fold {
  tickets: Map<string, TicketChange>;
  renames: Rename[];
  counters: Map<number, CounterChange>;
  faults: Map<string, { device: string; deviceId: number; code: string; since: string; cleared: boolean }>;
  newestDay: string;
  newestAt: number;
}

/** The batch's net effect on the live tables; tickets of days before `currentDay` are left out. */
export function foldFacts(
  facts: readonly HubFact[],
  currentDay: string | null,
  latestDay = '9999-12-31',
): Fold {
  const newest = facts.reduce((d, f) => (reportDay(f.at) > d ? reportDay(f.at) : d), currentDay ?? '');
  const newestDay = newest > latestDay ? latestDay : newest;
  const fold: Fold = {
    tickets: new Map(),
    renames: [],
    counters: new Map(),
    faults: new Map(),
    newestDay,
    newestAt: Math.max(...facts.map((f) => Date.parse(f.at))),
  };
  const counter = (n: number): CounterChange => {
    let c = fold.counters.get(n);
    if (!c) {
      c = { status: null, current: undefined, clearIf: null };
      fold.counters.set(n, c);
    }
    return c;
  };
  const release = (n: number | undefined, ticket: string) => {
    if (n === undefined) return;
    const c = counter(n);
    if (c.current === undefined) c.clearIf = ticket;
    else if (c.current === ticket) c.current = null;
  };
  for (const f of facts) {
    const d = reportDay(f.at);
    if (f.kind === 'counter') counter(f.counter).status = f.status;
    else if (f.kind === 'fault') {
      const key = `${f.device}|${f.deviceId}|${f.code}`;
      const seen = fold.faults.get(key);
      fold.faults.set(key, {
        device: f.device,
        deviceId: f.deviceId,
        code: f.code,
        since: seen && !seen.cleared ? seen.since : f.at,
        cleared: f.cleared,
      });
    }
    if (!('ticket' in f) || f.kind === 'rating' || d < newestDay) continue;
    const key = `${d}|${f.ticket}`;
    const prior = fold.tickets.get(key);
    const change: TicketChange = prior ?? {
      day: d,
      ticket: f.ticket,
      service: f.service,
      status: 'waiting',
      counter: null,
      issuedAt: null,
      gone: false,
    };
    fold.tickets.set(key, change);
    switch (f.kind) {
      case 'issued':
        Object.assign(change, {
          service: f.service,
          status: 'waiting',
          counter: null,
          issuedAt: f.at,
          gone: false,
        });
        break;
      case 'called':
      case 'recalled':
        Object.assign(change, { service: f.service, status: 'called', counter: f.counter });
        counter(f.counter).current = f.ticket;
        break;
      case 'transferred': {
        // The citizen waits on under the new number: a row made in this batch moves now, a stored one is renamed.
        fold.tickets.delete(key);
        release(f.counter, f.ticket);
        const moved = {
          ...change,
          ticket: f.toTicket,
          service: f.toService,
          status: 'waiting' as const,
          counter: null,
        };
        if (change.issuedAt === null)
          fold.renames.push({ day: d, from: f.ticket, to: f.toTicket, service: f.toService });
        fold.tickets.set(`${d}|${f.toTicket}`, moved);
        break;
      }
      case 'finished':
      case 'no_show':
        change.gone = true;
        release(f.counter, f.ticket);
        break;
      case 'cancelled':
        change.gone = true;
        break;
    }
  }
  return fold;
}

/** Applies a committed-to-be batch to the live tables, in the batch's transaction (the site's row is locked). */
export async function applyLive(
  db: ClientBase,
  siteId: number,
  facts: readonly HubFact[],
  now: Date,
): Promise<void> {
  const site = await db.query<{ day: string | null }>(
    'SELECT live_day::text AS day FROM sites WHERE id = $1',
    [siteId],
  );
  const currentDay = site.rows[0]?.day ?? null;
  const fold = foldFacts(facts, currentDay, latestLiveDay(now));
  await advanceDay(db, siteId, currentDay, fold.newestDay);
  // least() passes over a NULL: the first batch sets the estimate.
  await db.query(
    `UPDATE sites SET clock_offset_ms = least(clock_offset_ms, $2::bigint), live_day = $3::date WHERE id = $1`,
    [siteId, now.getTime() - fold.newestAt, fold.newestDay],
  );

  // Renames first: what the batch says later of the new numbers applies to the moved rows.
  if (fold.renames.length > 0) {
    await db.query(
      `UPDATE live_tickets t SET ticket_number = u.to_ticket, service_code = u.service, status = 'waiting',
         counter = NULL
         FROM unnest($2::date[], $3::text[], $4::text[], $5::text[]) AS u(day, from_ticket, to_ticket, service)
        WHERE t.site_id = $1 AND t.day = u.day AND t.ticket_number = u.from_ticket`,
      [
        siteId,
        fold.renames.map((r) => r.day),
        fold.renames.map((r) => r.from),
        fold.renames.map((r) => r.to),
        fold.renames.map((r) => r.service),
      ],
    );
  }
  const changes = [...fold.tickets.values()];
  const gone = changes.filter((t) => t.gone);
  const made = changes.filter((t) => !t.gone && t.issuedAt !== null);
  const changed = changes.filter((t) => !t.gone && t.issuedAt === null);
  if (gone.length > 0) {
    await db.query(
      `DELETE FROM live_tickets t USING unnest($2::date[], $3::text[]) AS g(day, ticket)
        WHERE t.site_id = $1 AND t.day = g.day AND t.ticket_number = g.ticket`,
      [siteId, gone.map((t) => t.day), gone.map((t) => t.ticket)],
    );
  }
  const columns = (list: TicketChange[]) => [
    siteId,
    list.map((t) => t.day),
    list.map((t) => t.ticket),
    list.map((t) => t.service),
    list.map((t) => t.status),
    list.map((t) => t.counter),
  ];
  if (made.length > 0) {
    await db.query(
      `INSERT INTO live_tickets (site_id, day, ticket_number, service_code, status, counter, issued_at, received_at)
       SELECT $1, u.*, $8 FROM unnest($2::date[], $3::text[], $4::text[], $5::text[], $6::integer[],
         $7::timestamptz[]) AS u
       ON CONFLICT (site_id, day, ticket_number) DO UPDATE SET service_code = EXCLUDED.service_code,
         status = EXCLUDED.status, counter = EXCLUDED.counter`,
      [...columns(made), made.map((t) => t.issuedAt), now],
    );
  }
  if (changed.length > 0) {
    await db.query(
      `UPDATE live_tickets t SET service_code = u.service, status = u.status, counter = u.counter
         FROM unnest($2::date[], $3::text[], $4::text[], $5::text[], $6::integer[])
           AS u(day, ticket, service, status, counter)
        WHERE t.site_id = $1 AND t.day = u.day AND t.ticket_number = u.ticket`,
      columns(changed),
    );
  }

  const counters = [...fold.counters.entries()];
  if (counters.length > 0) {
    const params = [
      siteId,
      counters.map(([n]) => n),
      counters.map(([, c]) => c.status),
      counters.map(([, c]) => c.current !== undefined),
      counters.map(([, c]) => c.current ?? null),
      counters.map(([, c]) => c.clearIf),
    ];
    // A counter first heard of through a call (or a finish) is open: a closed one calls nobody.
    await db.query(
      `INSERT INTO live_counters (site_id, counter, status)
       SELECT $1, u.counter, coalesce(u.status, 'open') FROM unnest($2::integer[], $3::text[]) AS u(counter, status)
       ON CONFLICT DO NOTHING`,
      params.slice(0, 3),
    );
    await db.query(
      `UPDATE live_counters c SET status = coalesce(u.status, c.status),
         current_number = CASE WHEN u.is_set THEN u.current
                               WHEN c.current_number = u.clear_if THEN NULL
                               ELSE c.current_number END
         FROM unnest($2::integer[], $3::text[], $4::boolean[], $5::text[], $6::text[])
           AS u(counter, status, is_set, current, clear_if)
        WHERE c.site_id = $1 AND c.counter = u.counter`,
      params,
    );
  }

  const faults = [...fold.faults.values()];
  const cleared = faults.filter((f) => f.cleared);
  const open = faults.filter((f) => !f.cleared);
  if (cleared.length > 0) {
    await db.query(
      `DELETE FROM live_faults f USING unnest($2::text[], $3::integer[], $4::text[]) AS u(device, device_id, code)
        WHERE f.site_id = $1 AND f.device = u.device AND f.device_id = u.device_id AND f.code = u.code`,
      [siteId, cleared.map((f) => f.device), cleared.map((f) => f.deviceId), cleared.map((f) => f.code)],
    );
  }
  if (open.length > 0) {
    await db.query(
      `INSERT INTO live_faults (site_id, device, device_id, code, since)
       SELECT $1, u.* FROM unnest($2::text[], $3::integer[], $4::text[], $5::timestamptz[]) AS u
       ON CONFLICT DO NOTHING`,
      [
        siteId,
        open.map((f) => f.device),
        open.map((f) => f.deviceId),
        open.map((f) => f.code),
        open.map((f) => f.since),
      ],
    );
  }
}

/**
 * The newest day a site's live view may be on: the hub's own Vietnam day, an hour ahead at most. A site whose clock
 * jumps a day or a year ahead must not carry its live view there (the day only moves forward, so every correct
 * fact after the clock is set right would be passed over as "yesterday's" until the real date caught up).
 */
function latestLiveDay(now: Date): string {
  return reportDay(new Date(now.getTime() + 3600_000).toISOString());
}

/** The site's day moved on: yesterday's tickets are not waiting any more, nor is any counter serving one. */
async function advanceDay(db: ClientBase, siteId: number, from: string | null, to: string): Promise<void> {
  if (from !== null && to <= from) return;
  await db.query('DELETE FROM live_tickets WHERE site_id = $1 AND day < $2::date', [siteId, to]);
  await db.query('UPDATE live_counters SET current_number = NULL WHERE site_id = $1', [siteId]);
}

/**
 * A heartbeat: last heard, the backlog it reports, a fresh measure of its clock's offset, and its day (a site
 * with nothing to send yet this morning still shows today's — empty — figures, not yesterday's).
 */
export async function applyHeartbeat(
  db: ClientBase,
  siteId: number,
  beat: HubHeartbeat,
  now: Date,
): Promise<void> {
  const site = await db.query<{ day: string | null }>(
    'SELECT live_day::text AS day FROM sites WHERE id = $1',
    [siteId],
  );
  const from = site.rows[0]?.day ?? null;
  const heard = reportDay(beat.at);
  const newest = from !== null && from > heard ? from : heard;
  const latest = latestLiveDay(now);
  const day = newest > latest ? latest : newest;
  await db.query(
    `UPDATE sites SET last_seen_at = $2, backlog = $3, clock_offset_ms = $4::bigint, live_day = $5::date
      WHERE id = $1`,
    [siteId, now, beat.backlog, now.getTime() - Date.parse(beat.at), day],
  );
  await advanceDay(db, siteId, from, day);
}
