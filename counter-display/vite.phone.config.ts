import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** A `.gz` beside each script and style: the server sends it as is to a phone that accepts gzip (preCompressed). */
const gzipAssets = {
  name: 'layso-gzip-assets',
  closeBundle() {
    const dir = here('../dist/web/phone/assets');
    for (const f of readdirSync(dir).filter((f) => /\.(js|css)$/.test(f)))
      writeFileSync(join(dir, `${f}.gz`), gzipSync(readFileSync(join(dir, f)), { level: 9 }));
  },
};

/**
 * The citizen's phone pages, a lean build of their own for an old phone on a slow link (budget: 60 KB of JS
 * gzipped; test/e2e/phone-ticket.test.ts checks it): the phone ticket `/t/:code`, the booking page `/dat-lich`,
 * a booking's page `/b/:code`, the feedback form `/pa` and a case's page `/pa/:code`. Its React runs on Preact's
 * compatible core (`preact/compat`, a few KB instead of react-dom's ~60), it imports ui-kit's components and
 * messages by their own entries and protocol's zod-free paths, never a schema. Built into dist/web/phone, with
 * the manifest and icons that make it installable; the queue server answers /t/:code with ticket.html,
 * /dat-lich with book.html, /b/:code with booking.html, /pa with feedback.html and /pa/:code with
 * feedback-case.html.
 */
export default defineConfig({
  root: here('./src/pages'),
  base: '/phone/',
  publicDir: here('./public-phone'),
  plugins: [react(), gzipAssets],
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  build: {
    outDir: here('../dist/web/phone'),
    emptyOutDir: true,
    target: 'es2019',
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        ticket: here('./src/pages/ticket.html'),
        book: here('./src/pages/book.html'),
        booking: here('./src/pages/booking.html'),
        feedback: here('./src/pages/feedback.html'),
        'feedback-case': here('./src/pages/feedback-case.html'),
      },
    },
  },
});
