import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = process.env.LAYSO_SERVER ?? 'http://127.0.0.1:8080';
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The screens around the counters, one build with pages sharing their code: the lobby display, the officer's
 * console, the counter-top screen, and the citizen's dossier page on a phone (the admin is admin-app's own
 * build). Built into dist/web/screens at the repository root; the queue server answers /display, /counter,
 * /counter-top/:id and /h/:code with these pages. The default voice pack (public/voice/default) ships with the build.
 * `npm run dev -w counter-display` serves them with hot reload and forwards the API and sockets to a running
 * queue server (LAYSO_SERVER).
 */
export default defineConfig({
  root: here('./src/pages'),
  base: '/screens/',
  publicDir: here('./public'),
  plugins: [react()],
  build: {
    outDir: here('../dist/web/screens'),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        display: here('./src/pages/display.html'),
        counter: here('./src/pages/counter.html'),
        'counter-top': here('./src/pages/counter-top.html'),
        // The citizen's phone page of a dossier (`/h/:code`, from the slip's QR).
        dossier: here('./src/pages/dossier.html'),
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5174,
    strictPort: true,
    fs: { allow: [here('..')] },
    proxy: {
      '/api': server,
      '/voice-pack': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
