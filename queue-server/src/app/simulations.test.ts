/**
 * The what-if job around its worker thread (issue 17): a worker that throws fails its job with a clear message in
 * both languages and frees the next run, and closing the server ends a running worker at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayModel } from '../sim/model.js';
import { runWhatIf, type WhatIfRun } from '../sim/whatif-thread.js';
import { ManualClock, startHarness, type Harness } from '../testing/harness.js';
import { Simulations } from './simulations.js';

const clock = new ManualClock(new Date('2026-03-09T08:00:00+07:00')); // a Monday
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clock });
});
afterAll(() => h.close());

const request = { weekday: 1, seed: 5, add: [{ services: ['TP'], count: 1 }] };

/** A model's JSON with no services: what the worker cannot read (JSON is untyped, so it types as asked). */
const notAModel = (model: DayModel): DayModel => JSON.parse(JSON.stringify({ ...model, services: null }));

/** The real worker thread behind each run, kept so a test can wait for it (`faulty` first spoils its model). */
function tracked(faulty = false) {
  const runs: WhatIfRun[] = [];
  const run: typeof runWhatIf = (input, onStep) => {
    const r = runWhatIf(faulty ? { ...input, model: notAModel(input.model) } : input, onStep);
    runs.push(r);
    return r;
  };
  /** Resolves once the latest run has settled and the job has taken it in (its handler was attached first). */
  const settled = async () => {
    await runs[runs.length - 1]?.outcome.catch(() => undefined);
  };
  return { runs, run, settled };
}

// A worker's start under tsx alone takes a second or more on a loaded machine.
describe('a what-if job in its worker thread', { timeout: 60_000 }, () => {
  it('fails the job when the worker throws, says so in both languages, and frees the next run', async () => {
    const reported: unknown[] = [];
    // The real worker, fed a model it cannot read: it throws inside the thread.
    const worker = tracked(true);
    const sims = new Simulations(h.store, clock, (e) => reported.push(e), worker.run);
    const { id } = sims.start({ ...request, replications: 2 });
    expect(sims.get(id).state).toBe('running');
    await worker.settled();
    const job = sims.get(id);
    expect(job.state).toBe('failed');
    expect(job.result).toBeNull();
    expect(job.error).toEqual({
      vi: 'Lỗi hệ thống khi mô phỏng, vui lòng báo quản trị viên',
      en: 'Internal error while simulating, please tell the administrator',
    });
    expect(reported).toHaveLength(1);
    expect(reported[0]).toBeInstanceOf(TypeError);

    // Not busy any more: the next run starts at once (and fails the same way with this worker).
    const again = sims.start({ ...request, replications: 2 });
    await worker.settled();
    expect(sims.get(again.id).state).toBe('failed');
    expect(worker.runs).toHaveLength(2);
  });

  it('ends a running worker when the server closes: its thread exits, nothing is reported', async () => {
    const { runs, run } = tracked();
    const reported: unknown[] = [];
    const sims = new Simulations(h.store, clock, (e) => reported.push(e), run);
    // The largest run allowed: minutes of work on a loaded machine, ended long before it could finish.
    const job = sims.start({ ...request, replications: 100 });
    await sims.close();
    expect(runs).toHaveLength(1);
    // The worker's 'exit' came: the thread and its handles are gone, not left computing after the server.
    await expect(runs[0]?.outcome).rejects.toThrow(/exited/);
    expect(sims.get(job.id).done).toBeLessThan(sims.get(job.id).total);
    expect(reported).toEqual([]);
  });
});
