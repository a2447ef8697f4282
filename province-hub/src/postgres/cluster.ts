import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of our own from Debian's package: initdb in a folder, pg_ctl to start and stop it, on
 * 127.0.0.1 with its socket in the same folder. The tests make a throwaway one per file; `npm run province` keeps
 * one under its data folder. A production hub uses a PostgreSQL server run by its operators (DATABASE_URL) instead.
 */
export interface ClusterOptions {
  /** The cluster's folder: `data/` (made by initdb when missing), `socket/`, `server.log`. */
  dir: string;
  /** Fixed port; default a free one (tried again on a new one if another process takes it first). */
  port?: number;
  /** Extra server settings (`-c name=value`). */
  settings?: Record<string, string>;
}

// initdb, a start and a stop each take seconds on a quiet machine; far more when it is loaded. Still bounded.
const COMMAND_TIMEOUT_MS = 90_000;
const PG_CTL_WAIT_S = '60';
const START_ATTEMPTS = 3;

/** The folder holding initdb and pg_ctl: `pg_config --bindir` when it has them, else the newest Debian cluster's. */
export function findPostgresBin(): string {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // pg_config comes with libpq-dev; the server package alone does not put it on the PATH.
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) {
    throw new Error(
      'Không tìm thấy PostgreSQL (initdb/pg_ctl): cài bằng `apt-get install postgresql` / ' +
        'PostgreSQL not found (no initdb/pg_ctl): install it with `apt-get install postgresql` (.ci/run does)',
    );
  }
  return found;
}

/** A port free on 127.0.0.1 right now: the kernel's pick for port 0. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/**
 * PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` system user (which the Debian
 * package creates) and its commands run through runuser; otherwise it is the current user's.
 */
function owner(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Whether the server's user can reach `dir` (when we are root the server runs as `postgres`, which cannot enter a
 * folder under root's 0700 home, for one). Always true when we are not root: the server is ours.
 */
export function reachableByServer(dir: string): boolean {
  if (process.getuid?.() !== 0) return true;
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dir]);
    return true;
  } catch {
    return false;
  }
}

export class PostgresCluster {
  readonly dir: string;
  private readonly data: string;
  private readonly socket: string;
  private readonly log: string;
  private readonly bin = findPostgresBin();
  private readonly asUser = owner();
  private currentPort: number;

  private constructor(private readonly options: ClusterOptions) {
    this.dir = options.dir;
    this.data = join(this.dir, 'data');
    this.socket = join(this.dir, 'socket');
    this.log = join(this.dir, 'server.log');
    this.currentPort = options.port ?? 0;
  }

  /** Makes the cluster if its folder has none (C locale, UTF-8, trust on 127.0.0.1 and the private socket only). */
  static async init(options: ClusterOptions): Promise<PostgresCluster> {
    const cluster = new PostgresCluster(options);
    mkdirSync(cluster.socket, { recursive: true });
    if (cluster.asUser) {
      for (const path of [cluster.dir, cluster.socket])
        chownSync(path, cluster.asUser.uid, cluster.asUser.gid);
    }
    if (!existsSync(join(cluster.data, 'PG_VERSION'))) {
      await cluster.command('initdb', [
        '-D',
        cluster.data,
        '-U',
        'postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--no-locale',
        '--no-sync',
      ]);
    }
    return cluster;
  }

  get port(): number {
    return this.currentPort;
  }

  /** A connection string to `database` (default: the `postgres` database). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.currentPort}/${database}`;
  }

  /** Starts the server and waits until it accepts connections; on the same port as before after a stop. */
  async start(): Promise<void> {
    const settings = { listen_addresses: '127.0.0.1', ...this.options.settings };
    for (let attempt = 1; ; attempt++) {
      if (!this.currentPort || (attempt > 1 && !this.options.port)) this.currentPort = await freePort();
      const serverArgs = [
        `-p ${this.currentPort}`,
        `-k ${this.socket}`,
        ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`),
      ].join(' ');
      try {
        await this.command('pg_ctl', [
          '-D',
          this.data,
          '-l',
          this.log,
          '-o',
          serverArgs,
          '-w',
          '-t',
          PG_CTL_WAIT_S,
          'start',
        ]);
        return;
      } catch (err) {
        if (attempt >= START_ATTEMPTS || this.options.port) throw this.withLog(err);
      }
    }
  }

  /**
   * Stops the server: `fast` ends sessions and checkpoints (a normal shut-down), `immediate` is a crash as far as
   * clients are concerned (recovery from the WAL at the next start).
   */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.command('pg_ctl', ['-D', this.data, '-m', mode, '-w', '-t', PG_CTL_WAIT_S, 'stop']);
  }

  /** The same stop for an exit hook, where nothing asynchronous runs; quiet when the server is not running. */
  stopSync(mode: 'fast' | 'immediate' = 'immediate'): void {
    const args = ['-D', this.data, '-m', mode, '-w', '-t', PG_CTL_WAIT_S, 'stop'];
    try {
      if (this.asUser) execFileSync('runuser', ['-u', 'postgres', '--', join(this.bin, 'pg_ctl'), ...args]);
      else execFileSync(join(this.bin, 'pg_ctl'), args);
    } catch {
      // Not running (never started, or stopped already).
    }
  }

  /** The server process's id while it runs (from postmaster.pid), else null. */
  pid(): number | null {
    const file = join(this.data, 'postmaster.pid');
    if (!existsSync(file)) return null;
    return Number(readFileSync(file, 'utf8').split('\n')[0]) || null;
  }

  /** Makes `name` unless it exists. */
  async ensureDatabase(name: string): Promise<string> {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!rowCount) await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  /** Removes the cluster's folder (stop it first). */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private command(tool: string, args: string[]) {
    return this.asUser
      ? run('runuser', ['-u', 'postgres', '--', join(this.bin, tool), ...args], {
          cwd: this.dir,
          timeout: COMMAND_TIMEOUT_MS,
        })
      : run(join(this.bin, tool), args, { cwd: this.dir, timeout: COMMAND_TIMEOUT_MS });
  }

  /** pg_ctl says only that the server did not start; the reason is in the server's log. */
  private withLog(err: unknown): Error {
    const tail = existsSync(this.log)
      ? readFileSync(this.log, 'utf8').split('\n').slice(-20).join('\n')
      : '(no log)';
    return new Error(
      `PostgreSQL did not start: ${err instanceof Error ? err.message : String(err)}\n${tail}`,
    );
  }
}
