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
