import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/open.js';
import { createServer, type LaysoServer } from '../server.js';

export interface ProductionServer {
  url: string;
  server: LaysoServer;
  dataDir: string;
  /** JSON in and out; the status and the parsed body. */
  api(
    path: string,
    init?: { token?: string; body?: unknown; method?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/**
 * A production-mode server (no demo, nothing seeded) on `dataDir` (default: a fresh temp folder), at a free port
 * on 127.0.0.1 — what an installer gets on a first start.
 */
export async function startProductionServer(
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<ProductionServer> {
  const own = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'layso-prod-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    NO_DEMO: 'true',
    ...options.env,
  });
  const db = openDatabase(config.dbFile);
  const server = await createServer({ db, config, maintenance: false });
  const port = await server.listen();
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    server,
    dataDir,
    async api(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(url + path, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async close() {
      await server.close();
      db.close();
      if (own) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
