import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import { Store } from '../db/store.js';
import { ALWAYS_OPEN } from '../domain/testing.js';
import { DEFAULT_POLICY } from '../domain/types.js';
import { AppError } from '../errors.js';
import type { Outgoing } from './events.js';
import { IssueBatcher } from './issue-batcher.js';
import { QueueService } from './queue.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('IssueBatcher (group commit)', () => {
  it('commits concurrent requests together, each with its own number, and rejects only the bad one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'layso-batch-'));
    const store = new Store(openDatabase(join(dir, 'queue.db')));
    const serviceId = store.catalogue.saveService({
      code: 'CA',
      name: 'Công an tỉnh',
      nameEn: null,
      numberFormat: { prefix: '5', digits: 3 },
      dailyCap: 300,
      hours: ALWAYS_OPEN,
      active: true,
    });
    const queue = new QueueService(store, { now: () => new Date() }, DEFAULT_POLICY, 'http://127.0.0.1:8080');
    const published: Outgoing[][] = [];
    const batcher = new IssueBatcher(queue, (e) => published.push(e));
    let transactions = 0;
    const original = store.transaction.bind(store);
    store.transaction = <T>(fn: () => T): T => {
      transactions += 1;
      return original(fn);
    };
    const requests = Array.from({ length: 20 }, (_, i) =>
      batcher.issue({ body: { serviceId: i === 7 ? 424242 : serviceId }, deviceId: null }),
    );
    const settled = await Promise.allSettled(requests);
    const numbers = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value.value.number] : []));
    expect(numbers).toHaveLength(19);
    expect(new Set(numbers).size).toBe(19);
    expect(numbers[0]).toBe('5001');
    const refused = settled[7];
    expect(refused?.status).toBe('rejected');
    expect(refused?.status === 'rejected' && refused.reason instanceof AppError && refused.reason.code).toBe(
      'LAYSO_SERVICE_NOT_FOUND',
    );
    // One batch: one queue:changed for the one service touched.
    expect(published).toHaveLength(1);
    expect(published[0]).toEqual([
      { type: 'queue:changed', data: expect.objectContaining({ serviceId, waiting: 19 }) },
    ]);
    expect(transactions).toBe(1);
    store.db.close();
  });
});
