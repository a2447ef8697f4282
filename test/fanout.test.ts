/**
 * The fan-out bench in short (issue 16, item 6): the real server in its own process, 50 lobby displays (ui-kit's
 * RealtimeClient) in two screen workers, a few calls, then the bare baseline in the same two workers. Correctness
 * only — every screen heard every call once, in order, with the number the officer's reply gave; every bare round
 * reached every socket. The timing is the bench's (`npm run bench -w test`, bench/fanout.bench.ts), never a test's.
 */
import { afterAll, expect, it } from 'vitest';
import { runFanout } from './fanout/fanout.js';
import { killAllServerProcesses } from './support/child.js';

afterAll(killAllServerProcesses);

it('every screen in every worker hears every call, in order, with its number', async () => {
  const r = await runFanout({ screens: 50, perWorker: 25, calls: 6, warmup: 1, timeoutMs: 30_000 });
  expect(r.workers).toBe(2);
  expect(r.wrongScreens, r.wrongExample).toBe(0);
  expect(r.callToAllMs.count).toBe(6);
  expect(r.bareBroadcastMs.count).toBe(6);
  expect(r.bareCallMs.count).toBe(6);
}, 120_000);
