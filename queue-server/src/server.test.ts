import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHarness } from './testing/harness.js';

describe('closing the server', () => {
  it('does not wait for a connection a browser opened ahead of time and never used', async () => {
    const h = await startHarness();
    // Chromium preconnects sockets that may never carry a request; they used to hold close() for a minute.
    const idle = connect(h.port, '127.0.0.1');
    await new Promise<void>((resolve) => idle.once('connect', () => resolve()));
    const dropped = new Promise<void>((resolve) => idle.once('close', () => resolve()));
    await h.close();
    await dropped;
    expect(idle.destroyed).toBe(true);
  });
});

describe('background jobs', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('listen() starts every job and close() stops them all, leaving no interval running', async () => {
    // Every interval made while the server starts and runs is recorded, then must be cleared by close().
    const made = new Set<unknown>();
    const setSpy = vi.spyOn(globalThis, 'setInterval');
    const clearSpy = vi.spyOn(globalThis, 'clearInterval');
    const h = await startHarness();
    for (const r of setSpy.mock.results) if (r.type === 'return') made.add(r.value);
    expect(h.server.jobs.running()).toEqual([
      'housekeeping',
      'printer-poll',
      'provincial-sync',
      'backup',
      'intake-retention',
      'report-days',
    ]);
    expect(made.size).toBeGreaterThanOrEqual(5);
    await h.close();
    expect(h.server.jobs.running()).toEqual([]);
    const cleared = new Set(clearSpy.mock.calls.map((c) => c[0]));
    expect([...made].filter((t) => !cleared.has(t as NodeJS.Timeout))).toEqual([]);
  });
});
