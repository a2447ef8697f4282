import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../config.js';
import { openDatabase } from '../db/open.js';
import { Store } from '../db/store.js';
import { seedDemo, type DemoCredentials } from '../demo/seed.js';
import type { Clock } from '../domain/types.js';
import { createServer, type LaysoServer, type ServerOptions } from '../server.js';
import type { ProvincialStatusAdapter } from '../sync/status.js';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private t: Date) {}
  now(): Date {
    return new Date(this.t.getTime());
  }
  set(d: Date): void {
    this.t = d;
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export interface Harness {
  url: string;
  port: number;
  server: LaysoServer;
  store: Store;
  config: Config;
  credentials: DemoCredentials;
  dataDir: string;
  /** Closes the server: first what was left to `onClose` (sockets, sessions opened outside a test). */
  close(): Promise<void>;
  /** Runs `fn` when the harness closes, before the server does. */
  onClose(fn: () => unknown): void;
  /** fetch against the server with JSON in and out. */
  api(
    path: string,
    init?: {
      method?: string;
      token?: string;
      body?: unknown;
      raw?: string;
      headers?: Record<string, string>;
    },
  ): Promise<{ status: number; body: any }>;
}

/** The demo center on a real SQLite file in a temp folder, served on 127.0.0.1 at a free port. */
export async function startHarness(
  options: {
    clock?: Clock;
    env?: Record<string, string>;
    printerUrl?: string;
    receiptPrinterUrl?: string;
    /** What to seed the empty store with (the demo center by default; see `seedSmallCenter`). */
    seed?: (store: Store, clock: Clock, publicUrl: string) => Promise<DemoCredentials>;
    /** A fake province for dossier statuses (none by default). */
    provincialStatus?: ProvincialStatusAdapter;
    /** Notice providers and dispatcher tuning (issue 19). */
    notices?: ServerOptions['notices'];
    /** Captures the server's log lines (the logger is off otherwise). */
    logStream?: ServerOptions['logStream'];
  } = {},
): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'layso-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    // Tests drive the one seeded kiosk faster than any person: the kiosk pace is tested where it is set.
    KIOSK_ISSUE_RATE: 'off',
    ...options.env,
  });
  const db = openDatabase(config.dbFile);
  const store = new Store(db);
  const clock = options.clock ?? { now: () => new Date() };
  const credentials = await (options.seed ?? seedDemo)(store, clock, config.publicUrl);
  const server = await createServer({
    db,
    config,
    clock,
    printerUrl: options.printerUrl ?? null,
    receiptPrinterUrl: options.receiptPrinterUrl ?? null,
    ...(options.provincialStatus ? { provincialStatus: options.provincialStatus } : {}),
    ...(options.notices ? { notices: options.notices } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  const port = await server.listen();
  const url = `http://127.0.0.1:${port}`;
  const closing: (() => unknown)[] = [];
  return {
    url,
    port,
    server,
    store,
    config,
    credentials,
    dataDir,
    onClose(fn) {
      closing.push(fn);
    },
    async close() {
      for (const fn of closing.splice(0).reverse()) await fn();
      await server.close();
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async api(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      let body: string | undefined = init.raw;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['content-type'] = 'application/json';
      }
      const res = await fetch(url + path, {
        method: init.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        body,
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed };
    },
  };
}
