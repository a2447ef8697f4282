import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
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
