/**
 * A service's screen reconnecting gets that service's own last 20 calls in its snapshot — as many as a screen
 * that followed the events keeps — however busy the other services were (found by the soak: at a large center
 * the center's last calls, filtered, held one or two of a given service).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import { Store } from '../db/store.js';
import { ALWAYS_OPEN } from '../domain/testing.js';
import { vnInstant } from '../domain/time.js';
import { DEFAULT_POLICY } from '../domain/types.js';
import { ManualClock } from '../testing/harness.js';
import { QueueService } from './queue.js';

let dir: string;
let store: Store;
let queue: QueueService;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'layso-snapshot-'));
  store = new Store(openDatabase(join(dir, 'queue.db')));
  queue = new QueueService(
    store,
    new ManualClock(vnInstant('2026-11-30', 8 * 60)),
    DEFAULT_POLICY,
    'http://127.0.0.1:8080',
  );
});
afterEach(() => {
  store.db.close();
  rmSync(dir, { recursive: true, force: true });
});

it("gives a service's screen its own last 20 calls, whatever the other services did since", () => {
  const [quiet, busy] = ['HT', 'TP'].map((code, i) => {
    const serviceId = store.catalogue.saveService({
      code,
      name: code,
      nameEn: code,
      numberFormat: { prefix: String(i + 1), digits: 3 },
      dailyCap: 500,
      hours: ALWAYS_OPEN,
      active: true,
    });
    store.accounts.addUser({
      username: `canbo${i}`,
      displayName: code,
      role: 'officer',
      passwordHash: 'x',
      counterId: null,
    });
    const counterId = store.counters.add(i + 1, `Quầy ${i + 1}`, [serviceId]);
    queue.occupy(counterId, i + 1);
    return { serviceId, actor: { counterId, officerId: i + 1 } };
  });
  const serve = (s: NonNullable<typeof quiet>, n: number) => {
    const called: number[] = [];
    for (let k = 0; k < n; k += 1) {
      queue.issue({ serviceId: s.serviceId }, null);
      const t = queue.callNext(s.actor).value!;
      queue.finish(t.id, { outcome: 'guidance' }, s.actor);
      called.push(t.id);
    }
    return called;
  };
  const quietCalls = serve(quiet!, 25);
  const busyCalls = serve(busy!, 70);

  const own = queue.snapshot(0, quiet!.serviceId).recentCalls;
  expect(own.map((c) => c.ticketId)).toEqual(quietCalls.slice(-20).reverse());
  const lobby = queue.snapshot(0).recentCalls;
  expect(lobby.map((c) => c.ticketId)).toEqual(busyCalls.slice(-20).reverse());
});
