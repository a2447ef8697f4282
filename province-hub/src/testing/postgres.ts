import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresCluster } from '../postgres/cluster.js';

export { findPostgresBin, freePort } from '../postgres/cluster.js';

/** A throwaway PostgreSQL cluster: a real server from Debian's package, on 127.0.0.1, gone after `stop()`. */
export interface TestPostgres {
  readonly port: number;
  /** The cluster's own folder (data, socket, log), removed by `stop()`. */
  readonly dir: string;
  /** A connection string to `database` (default: the `postgres` database). */
  url(database?: string): string;
  /** A new empty database, so each test starts from nothing without a cluster of its own. */
  createDatabase(): Promise<string>;
  /**
   * Stops the server as a crash would (`immediate`) or cleanly (`fast`) and starts it again on the same port:
   * what clients live through when the database restarts under load.
   */
  restart(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Stops the server at once (nothing in it is kept) and removes its folder. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Extra server settings (`-c name=value`). */
  settings?: Record<string, string>;
}

export async function startPostgres(options: StartPostgresOptions = {}): Promise<TestPostgres> {
  // A throwaway cluster needs no durability against an OS crash: fsync off saves most of the disk waits.
  const cluster = await PostgresCluster.init({
    dir: mkdtempSync(join(tmpdir(), 'layso-pg-')),
    settings: { fsync: 'off', ...options.settings },
  });
  // Only stopped on a normal end: if this process dies first, the exit hook still stops the server.
  const stopSync = () => {
    cluster.stopSync('immediate');
    cluster.remove();
  };
  try {
    await cluster.start();
  } catch (err) {
    stopSync();
    throw err;
  }
  process.once('exit', stopSync);
  let databases = 0;
  return {
    get port() {
      return cluster.port;
    },
    dir: cluster.dir,
    url: (database) => cluster.url(database),
    createDatabase: () => cluster.ensureDatabase(`test_${++databases}`),
    async restart(mode = 'immediate') {
      await cluster.stop(mode);
      await cluster.start();
    },
    async stop() {
      process.removeListener('exit', stopSync);
      try {
        await cluster.stop('immediate');
      } finally {
        cluster.remove();
      }
    },
  };
}
