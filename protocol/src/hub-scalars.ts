import { z } from 'zod';

/** A site's code as the hub's admin registers it (lower-case letters, digits, dashes). */
export const SiteCode = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
