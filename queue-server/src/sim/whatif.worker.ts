/** Worker entry (src/workers.ts, sim/whatif-thread.ts): one what-if comparison, a message per simulated day. */
import type { SimComparison } from '@layso/protocol';
import { parentPort, workerData } from 'node:worker_threads';
import { PlanError } from './plan.js';
import { wireNumbers } from './stats.js';
import { compareSteps } from './whatif.js';
import type { WhatIfInput, WhatIfMessage } from './whatif-thread.js';

const input: WhatIfInput = workerData;
const post = (m: WhatIfMessage) => parentPort?.postMessage(m);
try {
  const steps = compareSteps(input.model, input.planA, input.planB, input.options);
  for (let next = steps.next(); ; next = steps.next()) {
    if (next.done) {
      // The wire's numbers (NaN → null), as the job reports them: `SimComparison` is that shape.
      post({ type: 'done', result: wireNumbers(next.value) as SimComparison });
      break;
    }
    post({ type: 'step' });
  }
} catch (e) {
  // Anything else is thrown on: the worker's 'error' event, the job failed as an internal error.
  if (!(e instanceof PlanError)) throw e;
  post({ type: 'refused', vi: e.vi, en: e.en });
}
