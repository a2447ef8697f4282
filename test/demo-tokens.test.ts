/**
 * Demo device tokens reach the console once, at the start that seeds the demo center; a restart only points at
 * demo-credentials.json, so a console log kept for months does not hold working device tokens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { killAllServerProcesses, readCredentials, startServerProcess } from './support/child.js';

const dataDir = mkdtempSync(join(tmpdir(), 'layso-demo-tokens-'));

afterAll(async () => {
  await killAllServerProcesses();
  rmSync(dataDir, { recursive: true, force: true });
});

it('prints the demo device tokens at seeding and never again', async () => {
  const first = await startServerProcess(dataDir);
  const { kioskToken, displayToken } = readCredentials(dataDir);
  expect(first.output()).toContain(`/kiosk#token=${kioskToken}`);
  expect(first.output()).toContain(`/display#token=${displayToken}`);
  first.signal('SIGTERM');
  expect(await first.exited, first.output()).toEqual({ code: 0, signal: null });

  const again = await startServerProcess(dataDir);
  expect(again.output()).toMatch(/running: /);
  expect(again.output()).not.toContain(kioskToken);
  expect(again.output()).not.toContain(displayToken);
  expect(again.output()).not.toMatch(/#token=/);
  expect(again.output()).toContain(join(dataDir, 'demo-credentials.json'));
  again.signal('SIGTERM');
  expect(await again.exited, again.output()).toEqual({ code: 0, signal: null });
});
