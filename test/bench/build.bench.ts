/**
 * The compiled build against the TypeScript source through tsx (issue 16, item 5), in one run: time to ready
 * (spawn → /api/health 200, a seeded DATA_DIR, median of 3 starts), RSS idle after the start, and RSS through the
 * short soak (test/soak.test.ts's 1,000-ticket day with paper-out, a provincial outage and a `kill -9`), also in the
 * process started after the kill. Targets: idle ≤ 120 MB, ≤ 250 MB through the short soak. The compiled build runs
 * twice: as is, and with V8's young generation capped (`--max-semi-space-size=8`, 16 MB by default on 64-bit: its
 * two semi-spaces, grown during the start, stay committed — ~30 MB of an idle server's RSS). Writes
 * bench-results/build.json; a missed target is reported, not failed (benches measure, tests assert).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { rssMb } from '../soak/metrics.js';
import { SHORT } from '../soak/options.js';
import { runSoak, type SoakResult } from '../soak/soak.js';
import { freePort, REPO_ROOT, startServerProcess, type ServerEntry } from '../support/child.js';

const TARGET_IDLE_MB = 120;
const TARGET_SOAK_MB = 250;
const STARTS = 3;
/** How long a started server is left alone before its idle RSS is read. */
const IDLE_MS = 5000;

const t0 = performance.now();
const log = (line: string) =>
  console.log(`[build bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function stop(s: Awaited<ReturnType<typeof startServerProcess>>): Promise<void> {
  s.signal('SIGTERM');
  await s.exited;
}

/** Starts on a seeded DATA_DIR: spawn → the first 200 of /api/health, and the RSS once idle. */
async function starts(entry: ServerEntry) {
  const dataDir = mkdtempSync(join(tmpdir(), 'layso-build-bench-'));
  try {
    const env = { PORT: String(await freePort()) };
    await stop(await startServerProcess(dataDir, env, entry)); // seeds the demo center
    const readyMs: number[] = [];
    const idleMb: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      const spawned = performance.now();
      const s = await startServerProcess(dataDir, env, entry);
      const health = await fetch(`${s.url}/api/health`);
      if (health.status !== 200) throw new Error(`${entry}: /api/health answered ${health.status}`);
      readyMs.push(Math.round(performance.now() - spawned));
      await sleep(IDLE_MS);
      idleMb.push(rssMb(s.pid) ?? NaN);
      await stop(s);
    }
    return { readyMs: median(readyMs), readyRuns: readyMs, idleMb: median(idleMb), idleRuns: idleMb };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** RSS through the short soak: the whole run, and from the first phase after the `kill -9` part. */
function soakRss(r: SoakResult) {
  const points = r.rss.points;
  const kill = points.findIndex((p) => p.phase.endsWith(': kill'));
  const after = kill < 0 ? [] : points.slice(kill).filter((p) => !p.phase.endsWith(': kill'));
  const max = (ps: typeof points) => ps.reduce((m, p) => Math.max(m, p.mb), 0);
  const byPhase: Record<string, number> = {};
  for (const p of points) byPhase[p.phase] = Math.max(byPhase[p.phase] ?? 0, p.mb);
  return {
    maxMb: max(points),
    beforeKillMaxMb: max(kill < 0 ? points : points.slice(0, kill)),
    afterRestartMaxMb: max(after),
    byPhase,
    failures: r.failures,
  };
}

execFileSync(process.execPath, ['scripts/build-node.mjs', 'queue-server'], {
  cwd: REPO_ROOT,
  stdio: 'inherit',
});
const load = loadavg().map((l) => Math.round(l * 10) / 10);
log(`load average ${load.join(' ')} (the machine is shared: times and RSS move with it)`);
const VARIANTS: { name: string; entry: ServerEntry; nodeArgs: string }[] = [
  { name: 'compiled', entry: 'compiled', nodeArgs: '' },
  { name: 'compiled, --max-semi-space-size=8', entry: 'compiled', nodeArgs: '--max-semi-space-size=8' },
  { name: 'tsx', entry: 'source', nodeArgs: '' },
];
const results: Record<string, unknown> = {};
for (const { name, entry, nodeArgs } of VARIANTS) {
  // startServerProcess passes these node flags to the server (and only to it).
  process.env.LAYSO_SERVER_NODE_ARGS = nodeArgs;
  log(`${name}: ${STARTS} starts`);
  const start = await starts(entry);
  log(`${name}: ready ${start.readyMs} ms, idle ${start.idleMb} MB; short soak…`);
  const soak = soakRss(await runSoak({ ...SHORT, entry, log: () => undefined }));
  log(
    `${name}: soak max ${soak.maxMb} MB (before the kill ${soak.beforeKillMaxMb}, after the restart ${soak.afterRestartMaxMb})` +
      (soak.failures.length ? `; FAILURES: ${soak.failures.join('; ')}` : ''),
  );
  results[name] = {
    entry,
    nodeArgs,
    ...start,
    soak,
    targets: { idleMet: start.idleMb <= TARGET_IDLE_MB, soakMet: soak.maxMb <= TARGET_SOAK_MB },
  };
}

const dir = join(REPO_ROOT, 'bench-results');
mkdirSync(dir, { recursive: true });
const file = join(dir, 'build.json');
writeFileSync(
  file,
  `${JSON.stringify(
    {
      at: new Date().toISOString(),
      node: process.version,
      loadAverageAtStart: load,
      loadAverageAtEnd: loadavg().map((l) => Math.round(l * 10) / 10),
      targets: { idleMbMax: TARGET_IDLE_MB, soakMbMax: TARGET_SOAK_MB },
      ...results,
    },
    null,
    2,
  )}\n`,
);
console.log(`\n${JSON.stringify(results, null, 2)}\nwritten: ${file}`);
