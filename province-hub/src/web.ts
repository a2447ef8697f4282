import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { SECURITY_HEADERS, sendHtml } from '@layso/server-kit';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build` puts the hub's screens (province-hub/web → dist/web/hub at the repository root). */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../dist/web/hub', import.meta.url));

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
      return sendHtml(
        reply,
        `<!doctype html><html lang="vi"><meta charset="utf-8"><title>LấySố — Toàn tỉnh</title>
<h1>Giao diện chưa được dựng</h1><p>Chạy <code>npm run build</code>.</p>
<p lang="en">The hub's screens have not been built: run <code>npm run build</code>.</p></html>`,
        { status: 503 },
      );
    // The same headers as the queue server's pages (server-kit): only this origin's scripts, styles, fonts, sockets.
    return sendHtml(reply, await readFile(index));
  });
}
