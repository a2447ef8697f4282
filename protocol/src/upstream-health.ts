import { z } from 'zod';
import { IsoDateTime } from './scalars.js';

/**
 * How the queue server sees a system it sends to right now — the province, a notice provider: off (not set up),
 * unknown (nothing sent yet), up (it answers), failing (it does not: retrying at nextAttemptAt).
 */
export const UpstreamHealth = z.object({
  state: z.enum(['off', 'unknown', 'up', 'failing']),
  consecutiveFailures: z.number().int().nonnegative(),
  lastSuccessAt: IsoDateTime.nullable(),
  lastFailureAt: IsoDateTime.nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: IsoDateTime.nullable(),
});
export type UpstreamHealth = z.infer<typeof UpstreamHealth>;

/**
 * The site's link to the province hub (issue 20): the upstream's health, plus what waits to be sent. `stopped` says
 * why sending stopped until someone acts: the site key (401/403), a fact the hub refuses (400), or a gap the site
 * cannot fill (the hub expects facts this site no longer holds or never wrote).
 */
export const HubLinkHealth = UpstreamHealth.extend({
  stopped: z.enum(['key', 'refused', 'gap']).nullable(),
  /** Facts written and not yet acknowledged, and the oldest one's time. */
  backlog: z.number().int().nonnegative(),
  oldestUnsentAt: IsoDateTime.nullable(),
  /** The highest seq the hub acknowledged (0 before the first). */
  acknowledgedSeq: z.number().int().nonnegative(),
  lastAcknowledgedAt: IsoDateTime.nullable(),
  lastHeartbeatAt: IsoDateTime.nullable(),
});
export type HubLinkHealth = z.infer<typeof HubLinkHealth>;

/**
 * A site's view of what the province manages (its admin's screens, `/api/health`): the pull's state — off (not
 * joined), unknown (not pulled since start), current (the last pull answered), failing (it did not: the site keeps
 * the catalogue it last applied) — and what the applied version manages.
 */
export const ProvinceCatalogueStatus = z.strictObject({
  state: z.enum(['off', 'unknown', 'current', 'failing']),
  /** The version applied here (0: none yet) and its ETag. */
  version: z.number().int().nonnegative(),
  etag: z.string().nullable(),
  appliedAt: IsoDateTime.nullable(),
  /** The last pull the hub answered (200 or 304), and what it brought. */
  lastCheckedAt: IsoDateTime.nullable(),
  lastResult: z.enum(['updated', 'unchanged']).nullable(),
  lastFailureAt: IsoDateTime.nullable(),
  lastError: z.string().nullable(),
  managed: z.strictObject({
    procedures: z.number().int().nonnegative(),
    announce: z.boolean(),
    priorityGroups: z.boolean(),
  }),
});
export type ProvinceCatalogueStatus = z.infer<typeof ProvinceCatalogueStatus>;
