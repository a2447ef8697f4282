import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = process.env.LAYSO_SERVER ?? 'http://127.0.0.1:8080';
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The admin: built into dist/web/admin at the repository root, which the queue server serves at /admin (its
 * scripts and styles under /admin/assets/). `npm run dev -w admin-app` (or `npm run dev:admin`) serves it with
 * hot reload and forwards the API and sockets to a running queue server (LAYSO_SERVER, default
 * http://127.0.0.1:8080).
 */
export default defineConfig({
  root: here('.'),
  base: '/admin/',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: here('../dist/web/admin'),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    // Libraries in their own chunks (the charts alone are ~200 kB): they stay cached across our rebuilds.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'charts', test: /node_modules[\\/]chart\.js/, priority: 20 },
            { name: 'vendor', test: /node_modules/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5175,
    strictPort: true,
    fs: { allow: [here('..')] },
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
