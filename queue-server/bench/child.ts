/**
 * The server side of the queue-server benchmark, run as a child process by `run.ts` so the load generator
 * doesn't share an event loop (or a CPU) with the server under test — as in production.
 *
 *   child.ts layso <dataDir>   the real server (demo center + big-cap bench services) on 127.0.0.1:0
 *
 * It reports `{type:'ready', …}` over IPC, then obeys `{type:'stop'}` (and exits if the parent goes away).
 */
import { mkdirSync } from 'node:fs';
import type { WeeklyHours } from '@layso/protocol';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open.js';
import { Store } from '../src/db/store.js';
import { seedDemo } from '../src/demo/seed.js';
import { createServer, systemClock } from '../src/server.js';

export interface ChildReady {
  type: 'ready';
  port: number;
  kioskToken: string;
  benchServiceId: number;
  /** Many small services: the issue load spread so no queue grows long (diagnostic row). */
  spreadServiceIds: number[];
}

export type ChildCommand = { type: 'stop' };

const ROUND_THE_CLOCK = Object.fromEntries(
  ['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ open: '00:00', close: '24:00' }]]),
) as WeeklyHours;

function send(msg: ChildReady): void {
  process.send?.(msg);
}

async function layso(dataDir: string): Promise<() => Promise<void>> {
  // The issuing bench drives one kiosk token far beyond a person's pace: the kiosk limit is not what it measures.
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    KIOSK_ISSUE_RATE: 'off',
  });
  mkdirSync(config.DATA_DIR, { recursive: true });
  const db = openDatabase(config.dbFile);
  const store = new Store(db);
  const credentials = await seedDemo(store, systemClock, config.publicUrl);
  // Big caps and round-the-clock hours so neither interferes with the issue run (a) — the demo services cap at
  // 300 a day.
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
  const spreadServiceIds = Array.from({ length: 32 }, (_, i) => bigService(`BSPREAD${i}`, '7'));
  const server = await createServer({ db, config, clock: systemClock });
  const port = await server.listen();
  send({ type: 'ready', port, kioskToken: credentials.kioskToken, benchServiceId, spreadServiceIds });
  return async () => {
    await server.close();
    db.close();
  };
}

async function main(): Promise<void> {
  const [mode, dataDir] = process.argv.slice(2);
  let stop: () => Promise<void>;
  if (mode === 'layso' && dataDir) stop = await layso(dataDir);
  else throw new Error(`usage: child.ts layso <dataDir> (got ${mode})`);
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
