/**
 * A catalogue import being parsed when the server closes (issue 17): the close ends its worker instead of waiting
 * for the parse, the admin's request is answered 503 LAYSO_SERVER_CLOSING, and nothing is written — before, the
 * parse went on after the close and its result was written to a closed database, the process kept alive meanwhile.
 */
import { rmSync } from 'node:fs';
import { afterAll, expect, it, vi } from 'vitest';
import { ERRORS } from '@layso/protocol';
import { bigCatalogueCsv } from '../testing/big-catalogue.js';
import { startHarness } from '../testing/harness.js';
import { login } from '../testing/kit.js';
import type * as Workers from '../workers.js';
import type { WorkerRun } from '../workers.js';

/** Each worker run the server starts, handed to the test the moment it starts. */
const started = vi.hoisted(() => {
  let hand: (run: WorkerRun<unknown>) => void = () => undefined;
  const next = new Promise<WorkerRun<unknown>>((resolve) => {
    hand = resolve;
  });
  return { next, hand: (run: WorkerRun<unknown>) => hand(run) };
});
vi.mock('../workers.js', async (importOriginal) => {
  const real = await importOriginal<typeof Workers>();
  return {
    ...real,
    runOnce: (...args: Parameters<typeof real.runOnce>) => {
      const run = real.runOnce(...args);
      started.hand(run);
      return run;
    },
  };
});

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

it('close() during a large import ends its worker: 503 to the admin, nothing written, no thread left', async () => {
  const h = await startHarness();
  try {
    const admin = (await login(h, 'admin')).token;
    const procedures = () =>
      (h.store.db.prepare('SELECT count(*) AS n FROM procedures').get() as { n: number }).n;
    const before = procedures();
    const big = bigCatalogueCsv(2_000_000);
    const reply = h.api('/api/admin/catalogue/import', {
      token: admin,
      body: { format: 'csv', content: big.csv, dryRun: false },
    });
    const run = await started.next;
    const answer = run.result.then(
      () => 'answered',
      () => 'stopped',
    );

    await h.server.close();

    // The worker was ended, not waited for: it never answered, and its thread has exited.
    expect(await answer).toBe('stopped');
    expect(typeof (await run.exited)).toBe('number');
    const r = await reply;
    expect(r.status).toBe(ERRORS.LAYSO_SERVER_CLOSING.status);
    expect(r.body).toMatchObject({ error: { code: 'LAYSO_SERVER_CLOSING' } });
    expect(procedures()).toBe(before);
    expect(big.rows).toBeGreaterThan(before);
    expect(unhandled).toEqual([]);
  } finally {
    // The server is closed above; what the harness's close() would do besides.
    h.store.db.close();
    rmSync(h.dataDir, { recursive: true, force: true });
  }
}, 60_000);
