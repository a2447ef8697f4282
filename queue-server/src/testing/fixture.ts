/**
 * `test` with a `center`: the small center (`center.ts`) started once for the file on 127.0.0.1 at a free
 * port, and closed after its last test — sockets and sessions left open with it.
 *
 *   import { test } from '../testing/fixture.js';
 *   test('…', async ({ center }) => { const s = await login(center, 0); … });
 */
import { test as base } from 'vitest';
import { seedSmallCenter } from './center.js';
import { startHarness } from './harness.js';

// vitest reads a fixture's dependencies from the destructuring in its first parameter: this one has none.
// eslint-disable-next-line no-empty-pattern
export const test = base.extend('center', { scope: 'file' }, async ({}, { onCleanup }) => {
  const center = await startHarness({ seed: seedSmallCenter });
  onCleanup(() => center.close());
  return center;
});
export const it = test;
