/**
 * Call → every screen, against a bare Socket.IO broadcast under the same arrangement of clients (issue 16, item 6).
 *
 * The real queue server runs in its own process (support/child.ts); N whole-lobby displays — ui-kit's
 * RealtimeClient, the code the lobby screens run — run in ⌈N / 250⌉ screen workers (fleet.ts). One officer calls
 * over the real HTTP API one ticket at a time: the time from sending `call-next` to the moment the last screen has
 * applied the `ticket:called` is one sample (clock.ts: one monotonic clock across processes). Between two calls the
 * officer marks the ticket a no-show and every screen shows the counter free again, so no call waits behind the
 * last one's messages. The baseline: a bare Socket.IO server in its own process (bare-server.ts) and N plain
 * sockets in the same workers, broadcasting (a) one `ticket:called` and (b) a call's three messages
 * (ticket:called, queue:changed, counter:changed, the bytes the real screens got), each timed from the HTTP
 * request to the last socket's receipt. Both servers and both sets of screens run at once and the samples
 * interleave (a call, an (a), a (b)), so load on the machine that comes and goes weighs on all three alike.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, readCredentials, startServerProcess } from '../support/child.js';
import { api } from '../support/http.js';
import { Samples } from '../soak/metrics.js';
import { monoMs } from './clock.js';
import { ScreenFleet, SCREENS_PER_WORKER } from './fleet.js';
import type { BareEmit, BareReady } from './bare-server.js';
import type { HeardCall } from './messages.js';

type Summary = ReturnType<Samples['summary']>;

export interface FanoutOptions {
  screens: number;
  perWorker?: number;
  /** Calls measured (and as many rounds of each bare baseline). */
  calls: number;
  /** Calls (and bare rounds) before the measured ones, not counted: the JIT and the sockets warm up. */
  warmup: number;
  /** How long anything awaited may take before the run fails with what was missing. */
  timeoutMs: number;
  log?: (line: string) => void;
}

export interface FanoutResult {
  screens: number;
  workers: number;
  calls: number;
  callToAllMs: Summary;
  /** call-next → its HTTP reply: the server's own work for a call (auth, the durable commit, the emits). */
  callReplyMs: Summary;
  bareBroadcastMs: Summary;
  /** The bare broadcast of a call's three messages. */
  bareCallMs: Summary;
  /** call → every screen p99 / bare broadcast p99 (the target: ≤ 1.5). */
  p99Ratio: number;
  /** The same against the bare broadcast of a call's three messages: what is left once the protocol is counted. */
  p99RatioToCall: number;
  /** Every screen heard every call, once, in order, with its number: screens that did not, and one example. */
  wrongScreens: number;
  wrongExample: string;
}

const ROUND_THE_CLOCK = Object.fromEntries(
  ['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ open: '00:00', close: '24:00' }]]),
);

async function must(base: string, path: string, init: Parameters<typeof api>[2], status = 201) {
  const r = await api(base, path, init);
  if (r.status !== status) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  return r.body;
}

/** A service open round the clock, a counter serving it with its officer signed in, and `tickets` waiting. */
async function setUp(url: string, dataDir: string, tickets: number) {
  const creds = readCredentials(dataDir);
  const admin = (await must(url, '/api/auth/login', { body: creds.admin }, 200)).token as string;
  const service = await must(url, '/api/admin/services', {
    token: admin,
    body: {
      code: 'FANOUT',
      name: 'Dịch vụ đo phát sự kiện',
      nameEn: 'Fan-out bench service',
      numberFormat: { prefix: 'F', digits: 5 },
      dailyCap: 99_999,
      hours: ROUND_THE_CLOCK,
      active: true,
    },
  });
  const counter = await must(url, '/api/admin/counters', {
    token: admin,
    body: { number: 901, name: 'Quầy 901', serviceIds: [service.id] },
  });
  const password = `fanout-${Math.random().toString(36).slice(2, 12)}`;
  await must(url, '/api/admin/users', {
    token: admin,
    body: { username: 'fanout', displayName: 'Cán bộ đo', password, role: 'officer', counterId: counter.id },
  });
  const officer = await must(
    url,
    '/api/auth/login',
    { body: { username: 'fanout', password, counterId: counter.id } },
    200,
  );
  for (let i = 0; i < tickets; i++)
    await must(url, '/api/tickets', { token: creds.kioskToken, body: { serviceId: service.id } });
  return {
    counterId: counter.id as number,
    officer: officer.token as string,
    displayToken: creds.displayToken,
  };
}

/** Screens whose calls are not exactly `expected` (each once, in order, with its number). */
function checkHeard(screens: HeardCall[][], expected: HeardCall[]): { wrong: number; example: string } {
  const want = JSON.stringify(expected);
  let wrong = 0;
  let example = '';
  screens.forEach((got, i) => {
    if (JSON.stringify(got) === want) return;
    wrong += 1;
    example ||= `screen ${i} heard ${JSON.stringify(got.slice(0, 5))}… instead of ${JSON.stringify(expected.slice(0, 5))}…`;
  });
  return { wrong, example };
}

/** The real server with its screens and officer; `call()` makes one call and times it to the last screen. */
async function startServer(o: FanoutOptions) {
  const dataDir = mkdtempSync(join(tmpdir(), 'layso-fanout-'));
  const server = await startServerProcess(dataDir);
  let fleet: ScreenFleet | null = null;
  const stop = async () => {
    await fleet?.stop();
    server.signal('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const c = await setUp(server.url, dataDir, o.warmup + o.calls);
    const screens = await ScreenFleet.start({
      url: server.url,
      screens: {
        mode: 'layso',
        specs: Array.from({ length: o.screens }, () => ({ kind: 'display' as const, token: c.displayToken })),
      },
      perWorker: o.perWorker,
      timeoutMs: o.timeoutMs,
    });
    fleet = screens;
    const expected: HeardCall[] = [];
    const call = async (): Promise<{ all: number; reply: number }> => {
      const t0 = monoMs();
      const r = await api(server.url, `/api/counters/${c.counterId}/call-next`, {
        token: c.officer,
        method: 'POST',
      });
      if (r.status !== 200)
        throw new Error(`call-next ${expected.length + 1}: ${r.status} ${JSON.stringify(r.body)}`);
      const reply = monoMs() - t0;
      const t = r.body.ticket as { id: number; number: string };
      const all = (await screens.allHeard(t.id, o.timeoutMs)) - t0;
      expected.push([t.id, t.number, 0]);
      // The counter free again on every screen: the next call waits behind nothing of this one.
      await must(server.url, `/api/tickets/${t.id}/no-show`, { token: c.officer, method: 'POST' }, 200);
      const free = await screens.until({ kind: 'counter-free', counterId: c.counterId }, o.timeoutMs);
      if (free.failed)
        throw new Error(`after call ${expected.length}, ${free.failed} screens: ${free.example}`);
      return { all, reply };
    };
    /** Did every screen hear every call so far, once, in order, with its number? And the last payloads. */
    const check = async () => {
      const heard = await screens.report();
      return { last: heard.last, ...checkHeard(heard.screens, expected) };
    };
    return { call, check, workers: screens.workerCount, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * The bare server and `o.screens` plain sockets in the screen workers; `round(all)` broadcasts a `ticket:called`
 * (with `all`, the call's other two messages behind it: `last` holds the payloads the real screens got, the same
 * bytes) and times it to the last socket.
 */
async function startBare(
  o: Pick<FanoutOptions, 'screens' | 'perWorker' | 'timeoutMs'>,
  last: Record<string, object>,
) {
  // Node flags for the bare server only, as LAYSO_SERVER_NODE_ARGS for the real one (e.g. --cpu-prof).
  const extra = (process.env.LAYSO_BARE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = fork(fileURLToPath(new URL('./bare-server.ts', import.meta.url)), [], {
    cwd: REPO_ROOT,
    execArgv: [...extra, '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  let fleet: ScreenFleet | null = null;
  const stop = async () => {
    await fleet?.stop();
    if (proc.connected) proc.send({ type: 'stop' });
    await exited;
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      proc.once('message', (m: BareReady) => resolve(m.port));
      void exited.then(() => reject(new Error('the bare server exited before it was ready')));
    });
    const url = `http://127.0.0.1:${port}`;
    const sockets = await ScreenFleet.start({
      url,
      screens: { mode: 'bare', count: o.screens },
      perWorker: o.perWorker,
      timeoutMs: o.timeoutMs,
    });
    fleet = sockets;
    const call = last['ticket:called'] ?? { number: 'F00001', counterId: 1, counterName: 'Quầy 901' };
    const behind = (['queue:changed', 'counter:changed'] as const).flatMap((type) => {
      const data = last[type];
      return data ? [{ type, data }] : [];
    });
    let ticketId = 0;
    const round = async (all: boolean): Promise<number> => {
      ticketId += 1;
      const body: BareEmit = {
        messages: [{ type: 'ticket:called', data: { ...call, ticketId, recall: 0, seq: ticketId } }],
      };
      if (all) body.messages.push(...behind);
      const t0 = monoMs();
      const r = await api(url, '/emit', { body });
      if (r.status !== 204) throw new Error(`bare emit: ${r.status}`);
      return (await sockets.allHeard(ticketId, o.timeoutMs)) - t0;
    };
    return { round, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The bare baselines alone (the soak's, after its fan-out phase): rounds of (a) and (b), alternating. */
export async function measureBare(
  o: Pick<FanoutOptions, 'screens' | 'perWorker' | 'calls' | 'timeoutMs'>,
  last: Record<string, object>,
): Promise<{ one: Samples; three: Samples }> {
  const bare = await startBare(o, last);
  try {
    const one = new Samples();
    const three = new Samples();
    for (let i = 0; i < o.calls; i++) {
      one.add(await bare.round(false));
      three.add(await bare.round(true));
    }
    return { one, three };
  } finally {
    await bare.stop();
  }
}

/**
 * Both servers and both sets of screens at once, and the samples interleaved — a call, a bare (a), a bare (b) —
 * so a machine whose load moves (two cores shared with other work) moves all three alike.
 */
export async function runFanout(o: FanoutOptions): Promise<FanoutResult> {
  const log = o.log ?? (() => undefined);
  const real = await startServer(o);
  try {
    for (let i = 0; i < o.warmup; i++) await real.call();
    const { last } = await real.check();
    log(`${o.screens} screens in ${real.workers} workers; bare Socket.IO, ${o.screens} sockets beside them…`);
    const bare = await startBare(o, last);
    const fanS = new Samples();
    const replyS = new Samples();
    const oneS = new Samples();
    const threeS = new Samples();
    try {
      for (let i = 0; i < o.warmup; i++) {
        await bare.round(false);
        await bare.round(true);
      }
      log(`${o.calls} rounds of a call, a bare broadcast and a bare call's three messages…`);
      for (let i = 0; i < o.calls; i++) {
        const c = await real.call();
        fanS.add(c.all);
        replyS.add(c.reply);
        oneS.add(await bare.round(false));
        threeS.add(await bare.round(true));
      }
    } finally {
      await bare.stop();
    }
    const check = await real.check();
    const fan = fanS.summary();
    const bareOne = oneS.summary();
    const bareCall = threeS.summary();
    const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);
    return {
      screens: o.screens,
      workers: real.workers,
      calls: o.calls,
      callToAllMs: fan,
      callReplyMs: replyS.summary(),
      bareBroadcastMs: bareOne,
      bareCallMs: bareCall,
      p99Ratio: ratio(fan.p99, bareOne.p99),
      p99RatioToCall: ratio(fan.p99, bareCall.p99),
      wrongScreens: check.wrong,
      wrongExample: check.example,
    };
  } finally {
    await real.stop();
  }
}

export { SCREENS_PER_WORKER };
