import type { Database } from 'better-sqlite3';
import type { ServiceRow } from './catalogue.js';
import type { CounterRow } from './counters.js';

/**
 * What the store keeps parsed between reads, one per database connection so that two Stores on it (the server's,
 * a CLI's or a test's) never disagree. Each part belongs to one aggregate, whose write methods say what they drop:
 * services (`CatalogueRepo.saveService`), the procedures per service (the catalogue's procedure writes), the
 * counters (`CountersRepo` writes; `save` patches the kept list). A transaction that rolls back drops all of it
 * (`Store.transaction`), so nothing kept was never committed. Writes to these tables outside the store are not seen.
 */
export interface Cache {
  services: Map<number, ServiceRow>;
  /** Every counter with its services: read by every event sent to the screens and every estimate. */
  counters: readonly CounterRow[] | null;
  /** Procedures per service (the catalogue changes by import or mapping only). */
  procedureCounts: ReadonlyMap<number, number> | null;
}
const caches = new WeakMap<Database, Cache>();

/** The cache of this connection, made on first use. */
export function cacheOf(db: Database): Cache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { services: new Map(), counters: null, procedureCounts: null }));
  return cache;
}

/** After a rollback: nothing kept may hold what was not committed. */
export function dropAll(cache: Cache): void {
  cache.counters = null;
  cache.procedureCounts = null;
  cache.services.clear();
}
