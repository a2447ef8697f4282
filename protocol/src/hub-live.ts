import { z } from 'zod';
import { CounterStatus } from './enums.js';
import { IsoDateTime } from './scalars.js';

/**
 * The hub's live province view (issue 20, Deliver 4): one row per site for the province at a glance, one site's
 * floor, and the realtime events that carry them. Every event is state-carrying (a whole row, a whole floor): a
 * viewer that missed one is right again after the next, so nothing is numbered.
 */

/** Past this without a batch or a heartbeat a site is "Mất liên lạc": its figures are old, never shown as calm. */
export const HUB_STALE_AFTER_SECONDS = 180;

const Count = z.number().int().nonnegative();

export const HubSiteRow = z.strictObject({
  siteId: z.number().int().positive(),
  code: z.string(),
  name: z.string(),
  commune: z.string(),
  /** The site's current day (Asia/Ho_Chi_Minh) the figures below are of; null before its first fact. */
  day: z.string().nullable(),
  waiting: Count,
  /**
   * The longest wait of a ticket waiting now, in seconds, at `asOf`; null when nobody waits. Never longer than
   * what the site's clock and the hub's receive times together prove (see province-hub/src/live.ts).
   */
  longestWaitSeconds: Count.nullable(),
  openCounters: Count,
  servedToday: Count,
  /** Ratings today and the share of them "satisfied" or "very satisfied" (0–100, null with no rating). */
  ratingsToday: Count,
  satisfiedPercent: z.number().min(0).max(100).nullable(),
  openFaults: Count,
  /** The hub's time of the site's last batch or heartbeat; null = never heard. */
  lastHeardAt: IsoDateTime.nullable(),
  /** Silent past HUB_STALE_AFTER_SECONDS (or never heard). */
  stale: z.boolean(),
  /** Facts the site reported written and not yet acknowledged (from its heartbeat). */
  backlog: Count,
  /** The hub's time these figures were read at. */
  asOf: IsoDateTime,
});
export type HubSiteRow = z.infer<typeof HubSiteRow>;

export const HubOverviewSort = z.enum(['wait', 'name']);
export type HubOverviewSort = z.infer<typeof HubOverviewSort>;

export const HubOverviewQuery = z.strictObject({
  /** Only the sites of this commune (exact name). */
  commune: z.string().min(1).max(100).optional(),
  /** `wait` (default): the worst longest wait first, silent sites before calm ones; `name`: by commune and name. */
  sort: HubOverviewSort.optional(),
});
export type HubOverviewQuery = z.infer<typeof HubOverviewQuery>;

export const HubOverview = z.strictObject({
  asOf: IsoDateTime,
  rows: z.array(HubSiteRow),
  /** Every commune of the sites this viewer may see, for the filter. */
  communes: z.array(z.string()),
});
export type HubOverview = z.infer<typeof HubOverview>;

export const HubFloorCounter = z.strictObject({
  counter: z.number().int().positive(),
  status: CounterStatus,
  /** The ticket called to it and not yet finished, no-show or transferred. */
  currentNumber: z.string().nullable(),
});
export const HubFloorService = z.strictObject({
  service: z.string(),
  waiting: Count,
  /** Called and at a counter (the facts do not tell called from serving). */
  called: Count,
  longestWaitSeconds: Count.nullable(),
});
export const HubSiteFloor = z.strictObject({
  row: HubSiteRow,
  counters: z.array(HubFloorCounter),
  services: z.array(HubFloorService),
});
export type HubSiteFloor = z.infer<typeof HubSiteFloor>;

export const HubFloorParams = z.strictObject({ code: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/) });

/** The hub's one namespace; a socket's rooms follow from its viewer (province, or some sites) and what it watches. */
export const HUB_NAMESPACE = '/hub';

/**
 * Server → client events of the hub's namespace, and where each goes:
 * - `province`: every viewer of all sites; `sites`: a viewer of some sites, each site's row to its own room;
 * - `floor`: the sockets watching that site's floor (`floor:watch`).
 */
export const HUB_STREAMS = {
  /** On connect, and every half-minute from the process holding the socket: every row this viewer may see. */
  'hub:snapshot': { payload: HubOverview, to: ['self'] },
  /** One site's row, after each of its batches and heartbeats. */
  'site:row': { payload: HubSiteRow, to: ['province', 'sites'] },
  /** One site's floor, after each of its batches. */
  'site:floor': { payload: HubSiteFloor, to: ['floor'] },
} as const satisfies Record<
  string,
  { payload: z.ZodType; to: readonly ('self' | 'province' | 'sites' | 'floor')[] }
>;

export const HubWatch = z.strictObject({ site: z.number().int().positive() });

/** Client → server requests, acknowledged with `{ok: true, value} | {ok: false, error}`. */
export const HUB_REQUESTS = {
  /** Follows one site's floor (and leaves the one followed before); answered with it now. */
  'floor:watch': { body: HubWatch, reply: HubSiteFloor },
} as const;

type HubStreams = typeof HUB_STREAMS;
export type HubEventName = keyof HubStreams;
export type HubServerToClient = {
  [E in HubEventName]: (payload: z.output<HubStreams[E]['payload']>) => void;
};
export type HubAck<T> = (
  reply: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
) => void;
export type HubClientToServer = {
  'floor:watch': (body: z.input<typeof HubWatch>, ack: HubAck<HubSiteFloor>) => void;
};

/** The room names, shared by the gateway and its tests. */
export const hubRoom = {
  province: 'province',
  site: (siteId: number) => `site:${siteId}`,
  floor: (siteId: number) => `floor:${siteId}`,
} as const;

type RoomedEvent = {
  [E in HubEventName]: 'self' extends HubStreams[E]['to'][number] ? never : E;
}[HubEventName];

/** The rooms a site's event goes to, as HUB_STREAMS says: what the gateway emits to. */
export function hubRoomsOf(event: RoomedEvent, siteId: number): string[] {
  const to: readonly ('self' | 'province' | 'sites' | 'floor')[] = HUB_STREAMS[event].to;
  return to.map((r) =>
    r === 'province' ? hubRoom.province : r === 'floor' ? hubRoom.floor(siteId) : hubRoom.site(siteId),
  );
}

/**
 * The province's rows in the order a director reads them. `wait`: silent sites first (their figures are old,
 * whatever they say), then the longest wait, then the most waiting; `name`: by commune and name. The hub's
 * replies and its screen sort with this one function.
 */
export function sortHubRows(rows: readonly HubSiteRow[], sort: HubOverviewSort): HubSiteRow[] {
  const byName = (a: HubSiteRow, b: HubSiteRow) =>
    a.commune.localeCompare(b.commune, 'vi') || a.name.localeCompare(b.name, 'vi');
  if (sort === 'name') return [...rows].sort(byName);
  return [...rows].sort(
    (a, b) =>
      Number(b.stale) - Number(a.stale) ||
      (b.longestWaitSeconds ?? -1) - (a.longestWaitSeconds ?? -1) ||
      b.waiting - a.waiting ||
      byName(a, b),
  );
}
