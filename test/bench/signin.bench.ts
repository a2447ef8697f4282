/**
 * Sign-in under a flood (issue 17, item 2): real users sign in one after another, from their own desks, while
 * 2,000 bogus sign-ins with unknown usernames pour in, against the queue server in its own process (the demo center).
 *   - "no flood": the same sign-ins alone, for comparison;
 *   - "one desk": the whole flood from one address (the per-address limits answer it);
 *   - "20 desks": the flood spread over 20 addresses with the spraying limit raised, so the bounded hashing queue
 *     alone holds it (the worst case).
 * Reports the real users' sign-in time (p50 / p99 / max, target p99 ≤ 1 s), apart the slowest sign-in of a desk
 * never used before (a flood from N new addresses can delay it by up to N password checks: each address's first
 * attempt looks like a new desk's) and the p99 of desks used before (they go ahead of the flood), and how the
 * flood was answered.
 * SIGNIN_FLOOD=2000, SIGNIN_ROUNDS=3 change it. Everything on 127.0.0.0/8; every loop bounded. A real user refused
 * exits 1; a missed target is reported, not failed (benches measure, tests assert).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, killAllServerProcesses, readCredentials, startServerProcess } from '../support/child.js';

function num(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name}: 1 … ${max}, not ${raw}`);
  return n;
}
const FLOOD = num('SIGNIN_FLOOD', 2000, 20_000);
const ROUNDS = num('SIGNIN_ROUNDS', 3, 20);
const TARGET_P99_MS = 1000;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

/** POST /api/auth/login through `agent` (which fixes the source address); the status and the time taken. */
function signIn(
  url: string,
  agent: Agent,
  body: Record<string, unknown>,
): Promise<{ status: number; ms: number }> {
  const text = JSON.stringify(body);
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/api/auth/login`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

const agentFor = (address: string, maxSockets: number) =>
  new Agent({ keepAlive: true, maxSockets, localAddress: address });

interface Row {
  scenario: string;
  realSignIns: number;
  realP50Ms: number;
  realP99Ms: number;
  realMaxMs: number;
  /** The slowest first sign-in of a desk (nobody had signed in there before). */
  newDeskMaxMs: number;
  /** p99 of sign-ins at desks where someone had signed in before. */
  knownDeskP99Ms: number;
  floodSeconds: number;
  floodRefused429: number;
  floodBadCredentials401: number;
  floodOther: number;
}

async function scenario(name: string, desks: number, env: Record<string, string>): Promise<Row> {
  const dataDir = mkdtempSync(join(tmpdir(), 'layso-bench-signin-'));
  const server = await startServerProcess(dataDir, env);
  try {
    const creds = readCredentials(dataDir);
    const accounts = [creds.admin, ...creds.officers].slice(0, 10);
    // Each real user at their own desk: 127.0.0.2, .3, …
    const realAgents = accounts.map((_, i) => agentFor(`127.0.0.${2 + i}`, 1));
    const real: number[] = [];
    const firstAtDesk: number[] = [];
    const atKnownDesk: number[] = [];
    const used = new Set<number>();
    const sample = (desk: number, ms: number) => {
      real.push(ms);
      (used.has(desk) ? atKnownDesk : firstAtDesk).push(ms);
      used.add(desk);
    };
    const flood: Record<string, number> = {};
    let floodMs = 0;
    // No flood: the same real users, 30 sign-ins, for comparison.
    for (let i = 0; desks === 0 && i < 30; i++) {
      const a = accounts[i % accounts.length];
      const agent = realAgents[i % accounts.length];
      if (!a || !agent) break;
      const r = await signIn(server.url, agent, {
        username: a.username,
        password: a.password,
        counterId: null,
      });
      if (r.status !== 200) throw new Error(`${name}: a real sign-in (${a.username}) answered ${r.status}`);
      sample(i % accounts.length, r.ms);
    }
    for (let round = 0; desks > 0 && round < ROUNDS; round++) {
      // Fresh flood addresses each round (127.0.<round+1>.x), so a round is not refused by the last one's limits.
      // The flood from its own process, so its 2,000 requests do not slow the clock of the real users' samples.
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
        cwd: REPO_ROOT,
        env: { ...process.env, SIGNIN_FLOOD_OF: JSON.stringify({ url: server.url, round, desks }) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      let go = (): void => undefined;
      const started = new Promise<void>((r) => (go = r));
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString('utf8');
        if (out.includes('flooding\n')) go();
      });
      let done = false;
      const bogus = new Promise<FloodResult>((resolve, reject) =>
        child.once('exit', (code) => {
          done = true;
          go();
          const last = out.trim().split('\n').pop() ?? '';
          if (code === 0) resolve(JSON.parse(last) as FloodResult);
          else reject(new Error(`flood process exited ${code}: ${out.slice(-2000)}`));
        }),
      );
      await started;
      // Real users one after another while the flood lasts (at most 200 sign-ins a round).
      for (let i = 0; !done && i < 200; i++) {
        const a = accounts[i % accounts.length];
        const agent = realAgents[i % accounts.length];
        if (!a || !agent) break;
        const r = await signIn(server.url, agent, {
          username: a.username,
          password: a.password,
          counterId: null,
        });
        if (r.status !== 200) throw new Error(`${name}: a real sign-in (${a.username}) answered ${r.status}`);
        sample(i % accounts.length, r.ms);
      }
      const f = await bogus;
      floodMs += f.ms;
      for (const [status, n] of Object.entries(f.statuses)) flood[status] = (flood[status] ?? 0) + n;
    }
    for (const a of realAgents) a.destroy();
    const { 401: bad = 0, 429: refused = 0, ...other } = flood;
    return {
      scenario: name,
      realSignIns: real.length,
      realP50Ms: Math.round(pct(real, 50)),
      realP99Ms: Math.round(pct(real, 99)),
      realMaxMs: Math.round(Math.max(...real)),
      newDeskMaxMs: Math.round(Math.max(...firstAtDesk)),
      knownDeskP99Ms: Math.round(pct(atKnownDesk, 99)),
      floodSeconds: Number((floodMs / 1000 / ROUNDS).toFixed(2)),
      floodRefused429: refused,
      floodBadCredentials401: bad,
      floodOther: Object.values(other).reduce((s, n) => s + n, 0),
    };
  } finally {
    server.signal('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface FloodResult {
  ms: number;
  statuses: Record<string, number>;
}

/** The flood process: FLOOD bogus sign-ins over `desks` addresses, at most 100 in flight; prints its result. */
async function floodFrom(spec: { url: string; round: number; desks: number }): Promise<FloodResult> {
  // Fresh flood addresses each round (127.0.<round+1>.x), so a round is not refused by the last one's limits.
  const agents = Array.from({ length: spec.desks }, (_, d) =>
    agentFor(`127.0.${spec.round + 1}.${10 + d}`, Math.max(1, Math.floor(100 / spec.desks))),
  );
  const statuses: Record<string, number> = {};
  const t = performance.now();
  console.log('flooding');
  await Promise.all(
    Array.from({ length: FLOOD }, (_, i) =>
      signIn(spec.url, agents[i % spec.desks] as Agent, {
        username: `bot-${spec.round}-${i}`,
        password: `doan-${i}`,
      }).then((r) => {
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      }),
    ),
  );
  for (const a of agents) a.destroy();
  return { ms: performance.now() - t, statuses };
}

process.on('uncaughtException', (e) => {
  console.error('sign-in bench:', e);
  void killAllServerProcesses().finally(() => process.exit(1));
});

const floodSpec = process.env.SIGNIN_FLOOD_OF;
if (floodSpec) {
  console.log(
    JSON.stringify(await floodFrom(JSON.parse(floodSpec) as { url: string; round: number; desks: number })),
  );
} else {
  await main();
}

async function main(): Promise<void> {
  const rows = [
    await scenario('no flood', 0, {}),
    await scenario('one desk', 1, {}),
    await scenario('20 desks, queue only', 20, { LOGIN_MAX_USERNAMES: '100000' }),
  ];
  console.log(
    `\nsign-in during a flood of ${FLOOD} bogus sign-ins × ${ROUNDS} rounds; ${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
  );
  for (const r of rows) {
    const met = r.realP99Ms <= TARGET_P99_MS ? 'met' : 'MISSED';
    console.log(
      `  ${r.scenario.padEnd(22)} real users: ${r.realSignIns} sign-ins, p50 ${r.realP50Ms} ms, p99 ${r.realP99Ms} ms ` +
        `(target ≤ ${TARGET_P99_MS}: ${met}), max ${r.realMaxMs} ms; a new desk's first at most ` +
        `${r.newDeskMaxMs} ms, desks used before p99 ${r.knownDeskP99Ms} ms · flood: ${r.floodSeconds} s a round, ` +
        `${r.floodRefused429} × 429, ${r.floodBadCredentials401} × 401, ${r.floodOther} other`,
    );
  }
  const out = join(REPO_ROOT, 'bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'signin.json'), JSON.stringify({ flood: FLOOD, rounds: ROUNDS, rows }, null, 2));
  if (rows.some((r) => r.floodOther > 0)) {
    console.error('some flood requests were answered neither 401 nor 429');
    process.exit(1);
  }
}
