import { z } from 'zod';

/** Positive integer id, accepted as a number in bodies and as digits in path params. */
export const Id = z.number().int().positive().max(2_147_483_647);
export type Id = z.infer<typeof Id>;

export const IsoDateTime = z.string().datetime({ offset: true });
