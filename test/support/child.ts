/**
 * The queue server as a real child process, so a test can `kill -9` it and start it again on the same DATA_DIR:
 * its TypeScript source through the tsx loader (`node --import tsx queue-server/src/main.ts`), or the compiled
 * build as production runs it (`node queue-server/dist/main.js`, after `npm run build`). The child is the server
 * itself (no npx/tsx wrapper in between), so a signal sent to its pid reaches the process that holds the database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as netServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoCredentials } from '@layso/queue-server';

/** The monorepo root (tsx and the workspaces resolve from here). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Which server runs: its source through tsx, or the compiled build. */
export type ServerEntry = 'source' | 'compiled';

/** The node arguments that start each entry (relative to REPO_ROOT). */
export const SERVER_ENTRY_ARGS: Record<ServerEntry, string[]> = {
  source: ['--import', 'tsx', 'queue-server/src/main.ts'],
  compiled: ['queue-server/dist/main.js'],
};

// https when the server has TLS_CERT / TLS_KEY of its own.
const RUNNING = /running: (https?:\/\/127\.0\.0\.1:\d+)/;

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  proc: ChildProcess;
  pid: number;
  url: string;
  /** Resolves once the process has exited, however it ended. */
  exited: Promise<ServerExit>;
  /** Everything the child wrote to stdout and stderr so far (for failure messages). */
  output(): string;
  /** Sends a signal unless the process is already gone. */
  signal(sig: NodeJS.Signals): void;
  alive(): boolean;
}

const started = new Set<ServerProcess>();

/**
 * Starts the server on `dataDir` (a fresh one seeds the demo center) and resolves once it prints that it is
 * running; rejects if the process exits first. PORT, PRINTER_PORT and NOTIFY_MOCK_PORT are 0, so ports never clash.
 */
export function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
  entry: ServerEntry = 'source',
): Promise<ServerProcess> {
  // Extra node flags for the server only, e.g. LAYSO_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = (process.env.LAYSO_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...extra, ...SERVER_ENTRY_ARGS[entry]], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      PRINTER_PORT: '0',
      NOTIFY_MOCK_PORT: '0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      PUBLIC_URL: '',
      CONFIG_FILE: '',
      // Load and crash tests issue from one kiosk faster than any person.
      KIOSK_ISSUE_RATE: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let exit: ServerExit | null = null;
  const exited = new Promise<ServerExit>((resolve) => {
    proc.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
  });
  const handle: ServerProcess = {
    proc,
    pid: proc.pid ?? -1,
    url: '',
    exited,
    output: () => out,
    signal(sig) {
      if (exit === null && proc.pid !== undefined) proc.kill(sig);
    },
    alive: () => exit === null,
  };
  started.add(handle);
  void exited.then(() => started.delete(handle));

  return new Promise<ServerProcess>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      out += text;
      seen += text;
      const m = RUNNING.exec(seen);
      if (m?.[1] && !handle.url) {
        handle.url = m[1];
        resolve(handle);
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    proc.once('error', reject);
    void exited.then((e) => {
      if (!handle.url) {
        reject(
          new Error(
            `server exited before running (code ${e.code}, signal ${e.signal}):\n${out.slice(-4000)}`,
          ),
        );
      }
    });
  });
}

/** Kills every child this module started that is still alive, and waits for them to go. */
export async function killAllServerProcesses(): Promise<void> {
  const alive = [...started];
  for (const s of alive) s.signal('SIGKILL');
  await Promise.all(alive.map((s) => s.exited));
}

export function readCredentials(dataDir: string): DemoCredentials {
  return JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
}

/** A port free right now on 127.0.0.1, for a server that must come back on the same port after a restart. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = netServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
