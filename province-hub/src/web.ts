import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build` puts the hub's screens (province-hub/web → dist/web/hub at the repository root). */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../dist/web/hub', import.meta.url));

/**
 * The headers of every page and file the hub sends, as the queue server's (queue-server/src/http/security.ts —
 * the hub may not import it; the shared server kit will hold one copy): only this origin's scripts, styles,
 * fonts and sockets, no sniffing, never framed, no referrer.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': [
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self' data: blob:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "script-src 'self'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
});

function html(reply: FastifyReply, body: string | Buffer, status = 200): FastifyReply {
  return reply
    .code(status)
    .headers(SECURITY_HEADERS)
    .header('cache-control', 'no-cache')
    .type('text/html; charset=utf-8')
    .send(body);
}

/** The hub's screens at `/` (their files under /assets/, cached for good: their names carry their hash). */
export async function registerWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const index = join(webDir, 'index.html');
  if (existsSync(join(webDir, 'assets'))) {
    await app.register(fastifyStatic, {
      root: join(webDir, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      index: false,
      setHeaders(res) {
        res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
      },
    });
  }
  app.get('/', async (_req, reply) => {
    if (!existsSync(index))
      return html(
        reply,
        `<!doctype html><html lang="vi"><meta charset="utf-8"><title>LấySố — Toàn tỉnh</title>
<h1>Giao diện chưa được dựng</h1><p>Chạy <code>npm run build</code>.</p>
<p lang="en">The hub's screens have not been built: run <code>npm run build</code>.</p></html>`,
        503,
      );
    return html(reply, await readFile(index));
  });
}
