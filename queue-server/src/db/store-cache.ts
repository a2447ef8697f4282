import type { Database, Statement } from 'better-sqlite3';
import type { CounterRow, ServiceRow } from './store.js';

/**
 * What the store keeps parsed between reads, one per database connection so that two Stores on it (the server's,
 * a CLI's or a test's) never disagree. Services change only through `saveService`, which drops them. Every event
 * sent to the screens and every estimate reads the counters, which change far less often: any statement that
 * writes `counters` or `counter_services` drops them (see dropOnWrite); likewise the procedures per
 * service, read by every service list, with `procedures`. A transaction that rolls back
 * drops all of it, so nothing kept was never committed. Writes to these tables outside a Store are not seen.
 */
export interface Cache {
  services: Map<number, ServiceRow>;
  counters: readonly CounterRow[] | null;
  /** Procedures per service (the catalogue changes by import or mapping only). */
  procedureCounts: ReadonlyMap<number, number> | null;
}
const caches = new WeakMap<Database, Cache>();

/** Statements that change the counters or the services they serve, or the catalogue (see {@link Cache}). */
const WRITES_COUNTERS = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b[\s\S]*\bcounter(s|_services)\b/i;
const WRITES_PROCEDURES = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b[\s\S]*\bprocedures\b/i;

/** The cache of this connection, made on first use. */
export function cacheOf(db: Database): Cache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { services: new Map(), counters: null, procedureCounts: null }));
  return cache;
}

/** Wraps `run` of every statement that writes the cached tables so that it drops what it makes stale. */
export function dropOnWrite(statements: Statement[], cache: Cache): void {
  for (const st of statements) {
    const counters = WRITES_COUNTERS.test(st.source);
    const procedures = WRITES_PROCEDURES.test(st.source);
    if (!counters && !procedures) continue;
    const run = st.run.bind(st);
    st.run = ((...args: unknown[]) => {
      if (counters) cache.counters = null;
      if (procedures) cache.procedureCounts = null;
      return run(...args);
    }) as Statement['run'];
  }
}

/** After a rollback: nothing kept may hold what was not committed. */
export function dropAll(cache: Cache): void {
  cache.counters = null;
  cache.procedureCounts = null;
  cache.services.clear();
}
