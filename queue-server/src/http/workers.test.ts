/**
 * Heavy admin work off the main thread (issue 17): while a large what-if runs and while a national-size catalogue
 * import is parsed, the server's event loop stays free and `GET /api/health` is answered.
 *
 * Before, on the main thread (measured here on the shared 2-core machine, load ~11, loop sampled every 10 ms):
 * - the what-if ran one simulated day per turn of the loop, back to back for the whole run: mean loop delay 47 ms,
 *   max 186 ms for this run (20 days × 2 plans; 67 ms mean in this test); now mean ~14–20 ms (the 10 ms sampling
 *   included), max ~80–130 ms;
 * - a 10–12 MB import blocked the loop in one piece for the parse and mapping: 1.8 s on a quiet machine, ~7 s under
 *   this load (4.3 s in this test), answering nothing meanwhile; now the longest stall is the 10 MB body's own JSON
 *   and its copy to the worker (~100 ms each under load, 180–600 ms seen at worst).
 * The bounds leave a wide margin for a loaded machine and still fail the old behaviour.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CatalogueImportReport, SimulationJob } from '@layso/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigCatalogueCsv } from '../testing/big-catalogue.js';
import { ManualClock, startHarness, type Harness } from '../testing/harness.js';
import { login } from '../testing/kit.js';

/**
 * The longest stall allowed (before: the import's 1.8 s on a quiet machine, 4.3–7 s at this load). What is left on
 * the main thread, the 10 MB body's JSON and its copy to the worker, is ~100 ms each at this load, and a loaded
 * machine adds its own pauses (up to ~600 ms seen once).
 */
const MAX_STALL_MS = 1000;
/** The what-if's mean loop delay allowed, the 10 ms sampling included (before: 47–67 ms, the loop always busy). */
const MEAN_DELAY_MS = 35;
const JSON_BODY = { 'content-type': 'application/json' };
/** Seconds of CPU each, on a machine other work shares. */
const SLOW = 180_000;
const clock = new ManualClock(new Date('2026-03-09T08:00:00+07:00')); // a Monday
let h: Harness;
let admin: string;
const tmp = mkdtempSync(join(tmpdir(), 'layso-workers-'));

beforeAll(async () => {
  h = await startHarness({ clock });
  admin = (await login(h, 'admin')).token;
});
afterAll(async () => {
  await h.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** The event loop's longest and mean delay while `work` runs, in ms (sampled every 10 ms). */
async function loopDelay<T>(work: () => Promise<T>): Promise<{ value: T; maxMs: number; meanMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    const value = await work();
    return { value, maxMs: histogram.max / 1e6, meanMs: histogram.mean / 1e6 };
  } finally {
    histogram.disable();
  }
}

async function health(): Promise<void> {
  const r = await h.api('/api/health');
  expect(r.status).toBe(200);
}

describe('heavy admin work leaves the server responsive', () => {
  it(
    'a large what-if: health answered while it runs, the loop never stalls',
    async () => {
      const body = {
        weekday: 1,
        replications: 20,
        seed: 3,
        add: [
          { services: ['TP'], count: 10 },
          { services: ['CA'], count: 10 },
        ],
      };
      const { value, maxMs, meanMs } = await loopDelay(async () => {
        const started = await h.api('/api/admin/simulations', { token: admin, body });
        expect(started.status, JSON.stringify(started.body)).toBe(202);
        let job = SimulationJob.parse(started.body);
        let answeredWhileRunning = 0;
        for (let polls = 0; job.state === 'running' && polls < 100_000; polls += 1) {
          await health();
          job = SimulationJob.parse((await h.api(`/api/admin/simulations/${job.id}`, { token: admin })).body);
          if (job.state === 'running') answeredWhileRunning += 1;
        }
        return { job, answeredWhileRunning };
      });
      expect(value.job.state, JSON.stringify(value.job.error)).toBe('done');
      expect(value.job.done).toBe(value.job.total);
      expect(value.answeredWhileRunning).toBeGreaterThan(0);
      expect(maxMs).toBeLessThan(MAX_STALL_MS);
      expect(meanMs).toBeLessThan(MEAN_DELAY_MS);
    },
    SLOW,
  );

  it(
    'a 10 MB catalogue dry run: health answered before the import is, the loop never stalls',
    async () => {
      const file = join(tmp, 'catalogue.csv');
      const big = bigCatalogueCsv(10_000_000);
      writeFileSync(file, big.csv);
      // The request's bytes are made before the watch starts: encoding 10 MB is the test's work, not the server's.
      const bytes = Buffer.from(
        JSON.stringify({ format: 'csv', content: readFileSync(file, 'utf8'), dryRun: true }),
      );
      const { value, maxMs } = await loopDelay(async () => {
        let imported = false;
        const request = fetch(`${h.url}/api/admin/catalogue/import`, {
          method: 'POST',
          headers: { ...JSON_BODY, authorization: `Bearer ${admin}` },
          body: bytes,
        })
          .then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }))
          .finally(() => {
            imported = true;
          });
        let answeredBefore = 0;
        for (let polls = 0; !imported && polls < 100_000; polls += 1) {
          await health();
          if (!imported) answeredBefore += 1;
        }
        return { reply: await request, answeredBefore };
      });
      expect(value.reply.status, JSON.stringify(value.reply.body).slice(0, 300)).toBe(200);
      const report = CatalogueImportReport.parse(value.reply.body);
      expect(report).toMatchObject({ rows: big.rows, skipped: 0, dryRun: true });
      expect(value.answeredBefore).toBeGreaterThan(0);
      expect(maxMs).toBeLessThan(MAX_STALL_MS);
    },
    SLOW,
  );
});
