import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const server = process.env.LAYSO_SERVER ?? 'http://127.0.0.1:8080';

/** The bundled fonts start loading with the script, not after the first render asks for them. */
const preloadFonts = (): Plugin => ({
  name: 'layso-preload-fonts',
  transformIndexHtml: {
    order: 'post',
    handler: (_html, ctx) =>
      Object.keys(ctx.bundle ?? {})
        .filter((file) => file.endsWith('.ttf'))
        .map((file) => ({
          tag: 'link',
          attrs: { rel: 'preload', as: 'font', type: 'font/ttf', href: `/kiosk/${file}`, crossorigin: '' },
          injectTo: 'head' as const,
        })),
  },
});

/**
 * The kiosk's renderer: built into dist/web/kiosk at the repository root, which the queue server serves at
 * /kiosk. `npm run dev -w kiosk-app` serves it with hot reload and forwards the API and sockets to a running
 * queue server (LAYSO_SERVER, default http://127.0.0.1:8080).
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: '/kiosk/',
  plugins: [react(), preloadFonts()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web/kiosk', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    proxy: {
      '/api': server,
      '/t/': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
