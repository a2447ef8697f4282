/**
 * A what-if comparison in a worker thread (`whatif.worker.ts`). A large run (SIM_LIMITS: 100 replications of two
 * plans, up to 50 added counters) is seconds to minutes of CPU; on the main thread, even yielding after every
 * simulated day, it made every kiosk and counter request wait behind a day's simulation. The model and the plans
 * go over as plain data; the worker reports each simulated day, then the result (or the plan's refusal).
 */
import type { SimComparison } from '@layso/protocol';
import { startWorker } from '../workers.js';
import type { DayModel } from './model.js';
import type { SimOptions, StaffingPlanInput } from './plan.js';

export interface WhatIfInput {
  model: DayModel;
  planA: StaffingPlanInput;
  planB: StaffingPlanInput;
  options: SimOptions;
}

/** What the worker posts: one `step` per simulated day, then one `done` or `refused`. */
export type WhatIfMessage =
  | { type: 'step' }
  | { type: 'done'; result: SimComparison }
  /** A plan the model cannot run (a PlanError), in both languages. */
  | { type: 'refused'; vi: string; en: string };

export type WhatIfOutcome = { ok: true; result: SimComparison } | { ok: false; vi: string; en: string };

export interface WhatIfRun {
  /** Settles once: the result or the refusal; rejects when the worker throws, runs out of memory or is stopped. */
  outcome: Promise<WhatIfOutcome>;
  /** Ends the worker at once (the server is closing). */
  stop(): Promise<void>;
}

/** Far above what SIM_LIMITS needs (tens of MB); a runaway run fails alone instead of taking the server's memory. */
const MEMORY_MB = 512;

export function runWhatIf(input: WhatIfInput, onStep: () => void): WhatIfRun {
  const worker = startWorker('sim/whatif.worker', input, { maxOldGenerationSizeMb: MEMORY_MB });
  const outcome = new Promise<WhatIfOutcome>((resolve, reject) => {
    worker.on('message', (m: WhatIfMessage) => {
      if (m.type === 'step') onStep();
      else resolve(m.type === 'done' ? { ok: true, result: m.result } : { ok: false, vi: m.vi, en: m.en });
    });
    worker.once('error', reject);
    // After an answer the worker ends by itself and this rejection is ignored (a promise settles once).
    worker.once('exit', (code) => reject(new Error(`what-if worker exited (code ${code}) without a result`)));
  });
  return {
    outcome,
    stop: async () => {
      await worker.terminate();
    },
  };
}
