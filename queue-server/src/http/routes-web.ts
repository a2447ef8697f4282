import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { page } from './routes-pages.js';
import { SECURITY_HEADERS, sendHtml } from '@layso/server-kit';

interface WebApp {
  /** Folder under WEB_DIR, served at `/<dir>/` (scripts, styles, fonts, clips). */
  dir: string;
  /** Page URLs → the HTML file that answers them. */
  pages: { urls: string[]; file: string; name: string }[];
  /** Its build writes a `.gz` beside each script and style, sent to browsers that accept gzip. */
  preCompressed?: boolean;
}

/** The built web apps (`npm run build:web` writes them to WEB_DIR/<dir>). */
const APPS: WebApp[] = [
  { dir: 'kiosk', pages: [{ urls: ['/kiosk', '/kiosk/'], file: 'index.html', name: 'Ki-ốt lấy số' }] },
  {
    dir: 'screens',
    pages: [
      { urls: ['/display', '/display/'], file: 'display.html', name: 'Màn hình gọi số' },
      { urls: ['/counter', '/counter/'], file: 'counter.html', name: 'Bàn làm việc của cán bộ' },
      { urls: ['/counter-top/:counterId'], file: 'counter-top.html', name: 'Màn hình quầy' },
      // The slip's QR on a citizen's phone: the page reads the code from its address (no login).
      { urls: ['/h/:code'], file: 'dossier.html', name: 'Tra cứu hồ sơ' },
    ],
  },
  { dir: 'admin', pages: [{ urls: ['/admin', '/admin/'], file: 'index.html', name: 'Quản trị' }] },
  // The citizen's phone pages (their lean build): `/t/:code` is answered by routes-pages.ts (it fills the ticket in).
  { dir: 'phone', pages: [], preCompressed: true },
];

/** Static files carry the same security headers as the pages (see security.ts). */
const secure = (res: { setHeader(k: string, v: string): unknown }) => {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
};

const notBuilt = (reply: FastifyReply, name: string) =>
  sendHtml(
    reply,
    page(
      name,
      `<h1>${name}</h1><p>Giao diện chưa được dựng: chạy <code>npm run build:web</code> (hoặc <code>npm start</code>).</p>
<p class="muted">This screen has not been built: run <code>npm run build:web</code> (or <code>npm start</code>).</p>`,
    ),
    { status: 503 },
  );

export const webRoutes =
  (webDir: string, voicePackDir: string | undefined): FastifyPluginAsync =>
  async (app) => {
    for (const a of APPS) {
      const root = join(webDir, a.dir);
      if (existsSync(root)) {
        await app.register(fastifyStatic, {
          root,
          prefix: `/${a.dir}/`,
          decorateReply: false,
          index: false,
          wildcard: true,
          preCompressed: a.preCompressed ?? false,
          setHeaders(res, file) {
            res.setHeader(
              'cache-control',
              file.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
            );
            secure(res);
          },
        });
      }
      // A device token rides in the fragment (`/display#token=…`), never sent here.
      for (const p of a.pages) {
        const file = join(root, p.file);
        for (const url of p.urls) {
          app.get(url, { schema: { hide: true } }, async (_req, reply) => {
            if (!existsSync(file)) return notBuilt(reply, p.name);
            return sendHtml(reply, await readFile(file));
          });
        }
      }
    }

    // The announcer's voice: a center's own recordings when configured, else the default pack of the build.
    const voice = voicePackDir ?? join(webDir, 'screens', 'voice', 'default');
    if (existsSync(voice)) {
      await app.register(fastifyStatic, {
        root: voice,
        prefix: '/voice-pack/',
        decorateReply: false,
        index: false,
        setHeaders(res) {
          res.setHeader('cache-control', 'no-cache');
          secure(res);
        },
      });
    }
  };
