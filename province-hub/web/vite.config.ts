import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const hub = process.env.LAYSO_HUB ?? 'http://127.0.0.1:8090';
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The province hub's screens: built into dist/web/hub at the repository root, which the hub serves at `/` (its
 * scripts and styles under /assets/). `npx vite province-hub/web` serves it with hot reload and forwards the
 * API and sockets to a running hub (LAYSO_HUB, default http://127.0.0.1:8090).
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: here('../../dist/web/hub'),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
  },
  server: {
    host: '127.0.0.1',
    port: 5176,
    strictPort: true,
    fs: { allow: [here('../..')] },
    proxy: {
      '/api': hub,
      '/socket.io': { target: hub, ws: true },
    },
  },
});
