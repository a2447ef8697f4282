import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A throwaway PostgreSQL cluster: a real server from Debian's package, on 127.0.0.1, gone after `stop()`. */
export interface TestPostgres {
  readonly port: number;
  /** The cluster's own folder (data, socket, log), removed by `stop()`. */
  readonly dir: string;
  /** A connection string to `database` (default: the `postgres` database). */
  url(database?: string): string;
  /** A new empty database, so each test starts from nothing without a cluster of its own. */
  createDatabase(): Promise<string>;
  /** Stops the server at once (nothing in it is kept) and removes its folder. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Extra server settings (`-c name=value`). */
  settings?: Record<string, string>;
}

// initdb, a start and a stop each take seconds on a quiet machine; far more when it is loaded. Still bounded.
const COMMAND_TIMEOUT_MS = 90_000;
const PG_CTL_WAIT_S = '60';
// Another process may take the port we found free before the server binds it: try again on a new one.
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

export async function startPostgres(options: StartPostgresOptions = {}): Promise<TestPostgres> {
  const bin = findPostgresBin();
  const asUser = owner();
  const dir = mkdtempSync(join(tmpdir(), 'layso-pg-'));
  const data = join(dir, 'data');
  const socket = join(dir, 'socket');
  const log = join(dir, 'server.log');
  mkdirSync(socket);
  if (asUser) {
    for (const path of [dir, socket]) chownSync(path, asUser.uid, asUser.gid);
  }
  const pgCommand = (tool: string, args: string[]) =>
    asUser
      ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], {
          cwd: dir,
          timeout: COMMAND_TIMEOUT_MS,
        })
      : run(join(bin, tool), args, { cwd: dir, timeout: COMMAND_TIMEOUT_MS });

  // Only stopped on a normal end: if this process dies first, the exit hook below still stops the server.
  const stopSync = () => {
    try {
      const args = ['-D', data, '-m', 'immediate', '-w', '-t', PG_CTL_WAIT_S, 'stop'];
      if (asUser) execFileSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args]);
      else execFileSync(join(bin, 'pg_ctl'), args);
    } catch {
      // Not running (never started, or stopped already).
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    // C locale: tests must not depend on the machine's locales; trust: the server listens on 127.0.0.1 and a
    // socket in a private folder only, for this process's tests.
    await pgCommand('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--no-locale',
      '--no-sync',
    ]);
    // A throwaway cluster needs no durability against an OS crash: fsync off saves most of the disk waits.
    const settings = { listen_addresses: '127.0.0.1', fsync: 'off', ...options.settings };
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const serverArgs = [
        `-p ${port}`,
        `-k ${socket}`,
        ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`),
      ].join(' ');
      try {
        await pgCommand('pg_ctl', [
          '-D',
          data,
          '-l',
          log,
          '-o',
          serverArgs,
          '-w',
          '-t',
          PG_CTL_WAIT_S,
          'start',
        ]);
        break;
      } catch (err) {
        if (attempt >= START_ATTEMPTS) throw withLog(err, log);
      }
    }
    process.once('exit', stopSync);
    const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
    let databases = 0;
    return {
      port,
      dir,
      url,
      async createDatabase() {
        const name = `test_${++databases}`;
        const client = new pg.Client({ connectionString: url() });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${name}`);
        } finally {
          await client.end();
        }
        return url(name);
      },
      async stop() {
        process.removeListener('exit', stopSync);
        try {
          await pgCommand('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', PG_CTL_WAIT_S, 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    stopSync();
    throw err;
  }
}

/** pg_ctl says only that the server did not start; the reason is in the server's log. */
function withLog(err: unknown, log: string): Error {
  const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '(no log)';
  return new Error(`PostgreSQL did not start: ${err instanceof Error ? err.message : String(err)}\n${tail}`);
}
