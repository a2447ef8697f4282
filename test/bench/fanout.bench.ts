/**
 * The fan-out bench (issue 16, item 6): call → every screen at 500 and 2,000 lobby displays against a bare
 * Socket.IO broadcast to as many sockets in the same screen workers (fanout/fanout.ts says how it measures).
 * Target: call → every screen p99 ≤ 1.5 × the bare broadcast's p99. FANOUT_SCREENS=500,2000 (the sizes),
 * FANOUT_CALLS=200, FANOUT_WARMUP=5, FANOUT_PER_WORKER=250 change it; LAYSO_SERVER_NODE_ARGS reaches the server
 * and LAYSO_BARE_NODE_ARGS the bare one (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"). Prints a table and writes bench-results/fanout.json; a screen
 * that missed a call exits 1, a missed target is reported, not failed (benches measure, tests assert).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { runFanout, SCREENS_PER_WORKER, type FanoutResult } from '../fanout/fanout.js';
import { REPO_ROOT, killAllServerProcesses } from '../support/child.js';

const TARGET_RATIO = 1.5;

function num(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: a positive whole number, not ${raw}`);
  return n;
}

const sizes = (process.env.FANOUT_SCREENS ?? '500,2000').split(',').map((s) => {
  const n = Number(s.trim());
  if (!Number.isInteger(n) || n < 1 || n > 5000) throw new Error(`FANOUT_SCREENS: 1 … 5000 each, not ${s}`);
  return n;
});
// 200: the p99 of 100 samples would be the single worst one.
const calls = num('FANOUT_CALLS', 200);
const warmup = num('FANOUT_WARMUP', 5);
const perWorker = num('FANOUT_PER_WORKER', SCREENS_PER_WORKER);

const t0 = performance.now();
const log = (line: string) =>
  console.log(`[fan-out ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);
process.on('uncaughtException', (e) => {
  console.error('fan-out bench:', e);
  void killAllServerProcesses().finally(() => process.exit(1));
});

const rows: FanoutResult[] = [];
for (const screens of sizes) {
  log(`${screens} screens, ${Math.ceil(screens / perWorker)} workers of ≤ ${perWorker}`);
  rows.push(await runFanout({ screens, perWorker, calls, warmup, timeoutMs: 60_000, log }));
}

const ms = (s: { p50: number; p99: number }) => `${s.p50.toFixed(1)} / ${s.p99.toFixed(1)}`;
console.log(
  `\nfan-out, call → every screen (p50 / p99 ms), ${calls} calls each; ${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
);
for (const r of rows) {
  const met = r.p99Ratio <= TARGET_RATIO ? 'met' : 'MISSED';
  console.log(
    `  ${String(r.screens).padStart(5)} screens in ${r.workers} workers: LấySố ${ms(r.callToAllMs)} ` +
      `(its reply ${ms(r.callReplyMs)}) · ` +
      `bare 1 message ${ms(r.bareBroadcastMs)} · bare 3 messages ${ms(r.bareCallMs)} · ` +
      `p99 ratio ${r.p99Ratio} × (target ≤ ${TARGET_RATIO}: ${met}; ${r.p99RatioToCall} × the 3 messages)` +
      (r.wrongScreens ? ` · ${r.wrongScreens} SCREENS WRONG: ${r.wrongExample}` : ''),
  );
}
const dir = join(REPO_ROOT, 'bench-results');
mkdirSync(dir, { recursive: true });
const file = join(dir, 'fanout.json');
writeFileSync(
  file,
  `${JSON.stringify({ at: new Date().toISOString(), targetP99Ratio: TARGET_RATIO, calls, warmup, perWorker, rows }, null, 2)}\n`,
);
console.log(`\nwritten: ${file}`);
process.exit(rows.some((r) => r.wrongScreens > 0) ? 1 : 0);
