import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { page } from './routes-pages.js';

/** The built web apps, each under its own path (`npm run build:web` writes them to WEB_DIR/<app>). */
const APPS = [{ path: '/kiosk', dir: 'kiosk', name: 'Ki-ốt lấy số' }] as const;

/**
 * Pages are served with a strict Content-Security-Policy: only this server's scripts, styles, fonts and
 * sockets ('self' covers the same origin's ws:/wss: too). Hashed assets are cached for good; index.html never, so a rebuilt app reaches every screen.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' data: blob:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const webRoutes =
  (webDir: string): FastifyPluginAsync =>
  async (app) => {
    for (const a of APPS) {
      const root = join(webDir, a.dir);
      const built = existsSync(join(root, 'index.html'));
      if (built) {
        await app.register(fastifyStatic, {
          root,
          prefix: `${a.path}/`,
          decorateReply: false,
          index: false,
          wildcard: true,
          setHeaders(res, file) {
            res.setHeader(
              'cache-control',
              file.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
            );
            res.setHeader('content-security-policy', CSP);
            res.setHeader('x-content-type-options', 'nosniff');
          },
        });
      }
      // The app itself answers at /kiosk and /kiosk/ (a device token rides in the fragment, never sent here).
      for (const url of [a.path, `${a.path}/`]) {
        app.get(url, { schema: { hide: true } }, async (_req, reply) => {
          if (!built) {
            return reply
              .code(503)
              .type('text/html; charset=utf-8')
              .send(
                page(
                  a.name,
                  `<h1>${a.name}</h1><p>Giao diện chưa được dựng: chạy <code>npm run build:web</code> (hoặc <code>npm start</code>).</p>
<p class="muted">This screen has not been built: run <code>npm run build:web</code> (or <code>npm start</code>).</p>`,
                ),
              );
          }
          return reply
            .header('cache-control', 'no-cache')
            .header('content-security-policy', CSP)
            .header('x-content-type-options', 'nosniff')
            .type('text/html; charset=utf-8')
            .send(await readFile(join(root, 'index.html')));
        });
      }
    }
  };
