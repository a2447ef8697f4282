import { z } from 'zod';
import type { ErrorCode } from '../errors.js';

/**
 * A citizen's page or picture (the phone's lean pages, a poster, a QR): a GET anyone may load, answered with HTML or
 * an SVG, kept out of the OpenAPI document. One shape for every such entry of the table.
 */
const MEDIA = { html: 'text/html; charset=utf-8', svg: 'image/svg+xml' } as const;

/** A page answers any code with something a citizen can read (a 404 page for a malformed one): its handler checks it. */
export const PageCode = z.object({ code: z.string().max(64) });

export function citizenPage<
  const P extends `/${string}`,
  const O extends { params?: z.ZodType; query?: z.ZodType; errors?: readonly ErrorCode[] },
>(path: P, summary: string, media: keyof typeof MEDIA, options: O) {
  return {
    method: 'GET',
    path,
    summary,
    tag: 'public',
    who: 'anyone',
    reply: { 200: z.string() },
    produces: MEDIA[media],
    errors: [],
    hidden: true,
    ...options,
  } as const;
}
