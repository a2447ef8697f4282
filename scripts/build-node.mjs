// Compiles the Node parts to JavaScript (`npm run build -w queue-server`, `-w printer-drivers`; the root's
// `npm run build` fans out to every workspace). One esbuild bundle per entry, flat in <workspace>/dist/:
//   - our workspaces (@layso/*, which export TypeScript source) are bundled in;
//   - every third-party package stays an import, resolved at run time from node_modules: the native ones
//     (better-sqlite3, @node-rs/argon2, node-hid, serialport) must, and the rest then load exactly as from source;
//   - files read at run time beside the code (demo catalogue, simulation profile) are copied to the same place
//     under dist/ as under src/, so `assetPath()` (queue-server/src/paths.ts) finds them either way;
//   - worker threads' entries (`src/<x>.worker.ts`) are bundled to the same place under dist/ (`dist/<x>.worker.js`),
//     where `workerUrl()` (queue-server/src/workers.ts) looks for them beside the compiled server.
// Usage: node scripts/build-node.mjs <workspace>   (from any folder)
import { execFileSync } from 'node:child_process';
import { cp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** What each workspace ships: entry name → source file, and the assets its code reads from disk. */
const TARGETS = {
  'queue-server': {
    entries: {
      main: 'src/main.ts',
      'create-admin': 'src/cli/create-admin.ts',
      simulate: 'src/cli/simulate.ts',
      'provincial-mock': 'src/sync/provincial-mock-cli.ts',
      'notify-mock': 'src/notify/mock-cli.ts',
      'sim/whatif.worker': 'src/sim/whatif.worker.ts',
      'catalogue/parse.worker': 'src/catalogue/parse.worker.ts',
    },
    assets: ['demo/catalogue.csv', 'sim/demo-profile.json'],
  },
  'province-hub': {
    entries: {
      main: 'src/main.ts',
      province: 'src/cli/province.ts',
      'create-admin': 'src/cli/create-admin.ts',
    },
    assets: [],
  },
  'printer-drivers': {
    entries: { print: 'src/cli/print.ts', 'virtual-printer': 'src/cli/virtual-printer.ts' },
    assets: [],
  },
};

const name = process.argv[2];
const target = TARGETS[name];
if (!target) {
  console.error(`build-node: unknown workspace "${name}" (${Object.keys(TARGETS).join(', ')})`);
  process.exit(2);
}
const root = fileURLToPath(new URL('../', import.meta.url));
const dir = `${root}${name}/`;

/** The commit being built, or 'unknown' outside a git checkout (a tarball, a CI cache). */
function commit() {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

/** Bare imports that are not ours stay imports; relative paths and @layso/* are bundled. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@layso/') ? undefined : { path: args.path, external: true },
    );
  },
};

await rm(`${dir}dist`, { recursive: true, force: true });
await build({
  entryPoints: Object.entries(target.entries).map(([out, src]) => ({ out, in: `${dir}${src}` })),
  outdir: `${dir}dist`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  plugins: [externalPackages],
  define: {
    __LAYSO_BUILD__: JSON.stringify({ commit: commit(), builtAt: new Date().toISOString() }),
  },
  logLevel: 'warning',
});
for (const asset of target.assets) await cp(`${dir}src/${asset}`, `${dir}dist/${asset}`);
console.log(`build-node: ${name}/dist (${Object.keys(target.entries).join(', ')})`);
