import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALWAYS_OPEN } from '../domain/testing.js';
import { openDatabase } from './open.js';
import { Store } from './store.js';

let dir: string;
let store: Store;
let tp: number;
let ca: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'layso-counters-'));
  store = new Store(openDatabase(join(dir, 'queue.db')));
  const service = (code: string, prefix: string) =>
    store.catalogue.saveService({
      code,
      name: code,
      nameEn: null,
      numberFormat: { prefix, digits: 3 },
      dailyCap: 300,
      hours: ALWAYS_OPEN,
      active: true,
    });
  tp = service('TP', '1');
  ca = service('CA', '2');
});
afterEach(() => {
  store.db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What the counters are on disk, read past the store's cache. */
const onDisk = () =>
  (
    store.db.prepare('SELECT id, paused, current_ticket_id AS t FROM counters ORDER BY number').all() as {
      id: number;
      paused: number;
      t: number | null;
    }[]
  ).map((r) => ({ id: r.id, paused: r.paused === 1, currentTicketId: r.t }));
const cached = () =>
  store.counters.all().map((c) => ({ id: c.id, paused: c.paused, currentTicketId: c.currentTicketId }));

describe('Store.counters() (read once, kept until a write)', () => {
  it('sees every write to the counters and the services they serve', () => {
    const a = store.counters.add(1, 'Quầy 1', [tp]);
    expect(store.counters.all().map((c) => c.id)).toEqual([a]);
    const b = store.counters.add(2, 'Quầy 2', [ca, tp]);
    expect(store.counters.all().map((c) => [c.id, c.serviceIds])).toEqual([
      [a, [tp]],
      [b, [ca, tp]],
    ]);

    store.counters.save({ id: a, paused: true, pauseReason: 'Họp', currentTicketId: null, officerId: null });
    expect(store.counters.all()[0]).toMatchObject({ paused: true, pauseReason: 'Họp' });
    expect(cached()).toEqual(onDisk());

    store.counters.configure(b, 3, 'Quầy 3', [ca]);
    expect(store.counters.all().find((c) => c.id === b)).toMatchObject({
      number: 3,
      name: 'Quầy 3',
      serviceIds: [ca],
    });
  });

  it('agrees with another Store on the same connection (a CLI, a test)', () => {
    const other = new Store(store.db);
    const a = store.counters.add(1, 'Quầy 1', [tp]);
    expect(other.counters.all().map((c) => c.paused)).toEqual([false]);
    store.counters.save({ id: a, paused: true, pauseReason: null, currentTicketId: null, officerId: null });
    expect(other.counters.all().map((c) => c.paused)).toEqual([true]);
  });

  it('hands out rows nobody can change by mistake', () => {
    store.counters.add(1, 'Quầy 1', [tp]);
    const [row] = store.counters.all();
    expect(() => {
      (row as { paused: boolean }).paused = true;
    }).toThrow(TypeError);
    expect(store.counters.all()[0]!.paused).toBe(false);
  });

  it('never keeps what a rolled-back transaction wrote', () => {
    const a = store.counters.add(1, 'Quầy 1', [tp]);
    expect(() =>
      store.transaction(() => {
        store.counters.save({
          id: a,
          paused: true,
          pauseReason: null,
          currentTicketId: null,
          officerId: null,
        });
        // Read inside the transaction: the cache now holds the uncommitted pause…
        expect(store.counters.all()[0]!.paused).toBe(true);
        throw new Error('the command fails after its write');
      }),
    ).toThrow('the command fails');
    // …and the rollback dropped it.
    expect(store.counters.all()[0]!.paused).toBe(false);
    expect(cached()).toEqual(onDisk());
  });
});
