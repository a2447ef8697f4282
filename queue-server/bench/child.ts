/**
 * The server side of the queue-server benchmark, run as a child process by `run.ts` so the load generator and
 * the 500 client sockets don't share an event loop (or a CPU) with the server under test — as in production.
 *
 *   child.ts layso <dataDir>   the real server (demo center + a big-cap bench service) on 127.0.0.1:0
 *   child.ts bare              a bare node:http + Socket.IO server: POST /emit/:n broadcasts one event on /display
 *
 * It reports `{type:'ready', …}` over IPC, then obeys `{type:'stop'}` (and exits if the parent goes away).
 */
import { mkdirSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { WeeklyHours } from '@layso/protocol';
import { Server } from 'socket.io';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open.js';
import { Store } from '../src/db/store.js';
import { seedDemo } from '../src/demo/seed.js';
import { createServer, systemClock } from '../src/server.js';

export type ChildReady =
  | {
      type: 'ready';
      mode: 'layso';
      port: number;
      kioskToken: string;
      displayToken: string;
      officer: { username: string; password: string; counterId: number };
      benchServiceId: number;
      /** Many small services: the issue load spread so no queue grows long (diagnostic row). */
      spreadServiceIds: number[];
      /** A service the officer's counter serves: call-next picks from it. */
      counterServiceId: number;
    }
  | { type: 'ready'; mode: 'bare'; port: number };

export type ChildCommand =
  | { type: 'stop' }
  /** Bare mode: the event body to broadcast (a real `ticket:called` payload, so sizes match). */
  | { type: 'template'; event: Record<string, unknown> };

const ROUND_THE_CLOCK = Object.fromEntries(
  ['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ open: '00:00', close: '24:00' }]]),
) as WeeklyHours;

function send(msg: ChildReady): void {
  process.send?.(msg);
}

async function layso(dataDir: string): Promise<() => Promise<void>> {
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test' });
  mkdirSync(config.DATA_DIR, { recursive: true });
  const db = openDatabase(config.dbFile);
  const store = new Store(db);
  const credentials = await seedDemo(store, systemClock, config.publicUrl);
  // Big caps and round-the-clock hours so neither interferes: one service for the issue run (a), one more
  // served by the first officer's counter for the call runs (b) — the demo services cap at 300 a day.
  const bigService = (code: string, prefix: string) =>
    store.catalogue.saveService({
      code,
      name: `Benchmark ${code}`,
      nameEn: null,
      numberFormat: { prefix, digits: 6 },
      dailyCap: 999_999,
      hours: ROUND_THE_CLOCK,
      active: true,
    });
  const benchServiceId = bigService('BENCH', '9');
  const counterServiceId = bigService('BENCHCALL', '8');
  const spreadServiceIds = Array.from({ length: 32 }, (_, i) => bigService(`BSPREAD${i}`, '7'));
  const officer = credentials.officers[0];
  if (!officer) throw new Error('demo center has no officers');
  const counter = store.counters.byId(officer.counterId);
  if (!counter) throw new Error('the first officer has no counter');
  store.counters.configure(counter.id, counter.number, counter.name, [
    ...counter.serviceIds,
    counterServiceId,
  ]);
  const server = await createServer({ db, config, clock: systemClock });
  const port = await server.listen();
  send({
    type: 'ready',
    mode: 'layso',
    port,
    kioskToken: credentials.kioskToken,
    displayToken: credentials.displayToken,
    officer,
    benchServiceId,
    spreadServiceIds,
    counterServiceId,
  });
  return async () => {
    await server.close();
    db.close();
  };
}

async function bare(): Promise<() => Promise<void>> {
  let template: Record<string, unknown> = { number: '0000', counterName: 'Quầy 1' };
  let seq = 0;
  const http = createHttpServer((req, res) => {
    const m = /^\/emit\/(\d+)$/.exec(req.url ?? '');
    req.resume();
    if (req.method !== 'POST' || !m) {
      res.writeHead(404).end();
      return;
    }
    req.on('end', () => {
      const event = { ...template, ticketId: Number(m[1]), seq: ++seq };
      io.of('/display').emit('ticket:called', event);
      const body = JSON.stringify({ ticket: event });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  const io = new Server(http, { serveClient: false, cors: { origin: false } });
  io.of('/display').on('connection', () => undefined);
  process.on('message', (msg: ChildCommand) => {
    if (msg.type === 'template') template = msg.event;
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const addr = http.address();
  send({ type: 'ready', mode: 'bare', port: typeof addr === 'object' && addr ? addr.port : 0 });
  return () =>
    new Promise<void>((resolve) => {
      void io.close(() => resolve());
    });
}

async function main(): Promise<void> {
  const [mode, dataDir] = process.argv.slice(2);
  let stop: () => Promise<void>;
  if (mode === 'layso' && dataDir) stop = await layso(dataDir);
  else if (mode === 'bare') stop = await bare();
  else throw new Error(`usage: child.ts layso <dataDir> | bare (got ${mode})`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => process.exit(1), 5000);
    await stop();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('message', (msg: ChildCommand) => {
    if (msg.type === 'stop') void shutdown();
  });
  process.on('disconnect', () => void shutdown());
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
