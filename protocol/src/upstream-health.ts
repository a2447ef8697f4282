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
