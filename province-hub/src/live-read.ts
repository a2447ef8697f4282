import {
  HUB_STALE_AFTER_SECONDS,
  sortHubRows,
  type HubOverview,
  type HubOverviewSort,
  type HubSiteFloor,
  type HubSiteRow,
} from '@layso/protocol';
import type { Pool } from 'pg';

/** Reads of the live tables (written by live.ts in the ingest's transactions): the province's rows, one floor. */

export interface RowFilter {
  /** null = every site. */
  siteIds: readonly number[] | null;
  commune?: string;
}

interface SiteRecord {
  id: number;
  code: string;
  name: string;
  commune: string;
  day: string | null;
  last_seen_at: Date | null;
  backlog: number;
  clock_offset_ms: string | null;
  waiting: string;
  oldest_issued: Date | null;
  oldest_received: Date | null;
  open_counters: string;
  served: number | null;
  rated: number | null;
  satisfied: number | null;
  faults: string;
}

const ROWS = `
  SELECT s.id, s.code, s.name, s.commune, s.live_day::text AS day, s.last_seen_at, s.backlog, s.clock_offset_ms,
         w.waiting, w.oldest_issued, w.oldest_received,
         (SELECT count(*) FROM live_counters c WHERE c.site_id = s.id AND c.status = 'open') AS open_counters,
         d.served, d.rated, d.satisfied,
         (SELECT count(*) FROM live_faults f WHERE f.site_id = s.id) AS faults
    FROM sites s
    -- Served and ratings of the site's day: the roll-ups the reports read, kept by the same transactions.
    CROSS JOIN LATERAL (
      SELECT sum(t.served)::integer AS served,
             sum(t.rating_very_satisfied + t.rating_satisfied + t.rating_unsatisfied)::integer AS rated,
             sum(t.rating_very_satisfied + t.rating_satisfied)::integer AS satisfied
        FROM daily_totals t WHERE t.site_id = s.id AND t.day = s.live_day) d
    CROSS JOIN LATERAL (
      SELECT count(*) AS waiting, min(t.issued_at) AS oldest_issued, min(t.received_at) AS oldest_received
        FROM live_tickets t WHERE t.site_id = s.id AND t.day = s.live_day AND t.status = 'waiting') w
   WHERE s.revoked_at IS NULL`;

/**
 * The longest of the waits, in seconds at `now`: the larger of two lower bounds (see live.ts), one from the site's
 * clock corrected by its estimated offset, one from the hub's receive time. Null when nobody waits.
 */
export function longestWait(
  now: Date,
  oldestIssued: Date | null,
  oldestReceived: Date | null,
  offsetMs: number,
): number | null {
  if (!oldestIssued || !oldestReceived) return null;
  const bySite = now.getTime() - offsetMs - oldestIssued.getTime();
  const byHub = now.getTime() - oldestReceived.getTime();
  return Math.max(0, Math.floor(Math.max(bySite, byHub) / 1000));
}

function toRow(r: SiteRecord, now: Date): HubSiteRow {
  const rated = r.rated ?? 0;
  const heard = r.last_seen_at;
  return {
    siteId: r.id,
    code: r.code,
    name: r.name,
    commune: r.commune,
    day: r.day,
    waiting: Number(r.waiting),
    longestWaitSeconds: longestWait(now, r.oldest_issued, r.oldest_received, Number(r.clock_offset_ms ?? 0)),
    openCounters: Number(r.open_counters),
    servedToday: r.served ?? 0,
    ratingsToday: rated,
    satisfiedPercent: rated > 0 ? Math.round((100 * (r.satisfied ?? 0)) / rated) : null,
    openFaults: Number(r.faults),
    lastHeardAt: heard ? heard.toISOString() : null,
    stale: !heard || now.getTime() - heard.getTime() > HUB_STALE_AFTER_SECONDS * 1000,
    backlog: r.backlog,
    asOf: now.toISOString(),
  };
}

export async function readRows(pool: Pool, filter: RowFilter, now: Date): Promise<HubSiteRow[]> {
  const { rows } = await pool.query<SiteRecord>(
    `${ROWS} AND ($1::integer[] IS NULL OR s.id = ANY($1)) AND ($2::text IS NULL OR s.commune = $2)`,
    [filter.siteIds, filter.commune ?? null],
  );
  return rows.map((r) => toRow(r, now));
}

export async function readOverview(
  pool: Pool,
  filter: RowFilter,
  sort: HubOverviewSort,
  now: Date,
): Promise<HubOverview> {
  const rows = await readRows(pool, filter, now);
  const communes = await pool.query<{ commune: string }>(
    `SELECT DISTINCT commune FROM sites WHERE revoked_at IS NULL AND ($1::integer[] IS NULL OR id = ANY($1))`,
    [filter.siteIds],
  );
  return {
    asOf: now.toISOString(),
    rows: sortHubRows(rows, sort),
    communes: communes.rows.map((c) => c.commune).sort((a, b) => a.localeCompare(b, 'vi')),
  };
}

export async function siteIdOf(pool: Pool, code: string): Promise<number | null> {
  const { rows } = await pool.query<{ id: number }>(
    'SELECT id FROM sites WHERE code = $1 AND revoked_at IS NULL',
    [code],
  );
  return rows[0]?.id ?? null;
}

export async function readFloor(pool: Pool, siteId: number, now: Date): Promise<HubSiteFloor | null> {
  const [row] = await readRows(pool, { siteIds: [siteId] }, now);
  if (!row) return null;
  const counters = await pool.query<{
    counter: number;
    status: 'open' | 'paused' | 'closed';
    current: string | null;
  }>(
    'SELECT counter, status, current_number AS current FROM live_counters WHERE site_id = $1 ORDER BY counter',
    [siteId],
  );
  const services = await pool.query<{
    service: string;
    waiting: string;
    called: string;
    oldest_issued: Date | null;
    oldest_received: Date | null;
    offset: string | null;
  }>(
    `SELECT t.service_code AS service, count(*) FILTER (WHERE t.status = 'waiting') AS waiting,
            count(*) FILTER (WHERE t.status = 'called') AS called,
            min(t.issued_at) FILTER (WHERE t.status = 'waiting') AS oldest_issued,
            min(t.received_at) FILTER (WHERE t.status = 'waiting') AS oldest_received,
            min(s.clock_offset_ms) AS offset
       FROM live_tickets t JOIN sites s ON s.id = t.site_id AND t.day = s.live_day
      WHERE t.site_id = $1 GROUP BY t.service_code ORDER BY t.service_code`,
    [siteId],
  );
  return {
    row,
    counters: counters.rows.map((c) => ({ counter: c.counter, status: c.status, currentNumber: c.current })),
    services: services.rows.map((s) => ({
      service: s.service,
      waiting: Number(s.waiting),
      called: Number(s.called),
      longestWaitSeconds: longestWait(now, s.oldest_issued, s.oldest_received, Number(s.offset ?? 0)),
    })),
  };
}
