// Builds the Electron main process and preload into kiosk-app/dist/electron/ (what electron-builder.yml packages):
//   main.js      ES module with everything inlined (our workspaces, zod, qrcode, pngjs, opentype.js) except
//                electron and the native device packages (node-hid, serialport); the ticket fonts are read at
//                run time from @expo-google-fonts/be-vietnam-pro in the app's node_modules
//   preload.cjs  CommonJS, everything inlined but `electron` (a sandboxed preload can require nothing else)
// Usage (from the repository root): node kiosk-app/packaging/build-electron.mjs
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = `${root}kiosk-app/dist/electron`;
const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: false, logLevel: 'info' };

await rm(out, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: [`${root}kiosk-app/src/main/index.ts`],
  outfile: `${out}/main.js`,
  format: 'esm',
  // Native, or loaded by the library only when a device is used: resolved from the app's node_modules.
  external: ['electron', 'node-hid', 'serialport'],
  // CommonJS dependencies (pngjs, qrcode) call require() for Node built-ins; an ES module needs one made.
  banner: {
    js: "import { createRequire as __laysoCreateRequire } from 'node:module';\nconst require = __laysoCreateRequire(import.meta.url);",
  },
});
await build({
  ...common,
  entryPoints: [`${root}kiosk-app/src/preload/index.ts`],
  outfile: `${out}/preload.cjs`,
  format: 'cjs',
  external: ['electron'],
});
