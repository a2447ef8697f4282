import { createServer, connect, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Relay } from './relay.js';

/** A TCP server that answers each connection with its name and closes. */
async function namedServer(name: string): Promise<{ port: number; server: Server }> {
  const server = createServer((s) => s.end(name));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, server };
}

/** What one connection through the relay reads until it closes ('' when refused or cut). */
function read(port: number): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    const s = connect(port, '127.0.0.1');
    s.on('data', (d) => (got += d.toString()));
    s.on('close', () => resolve(got));
    s.on('error', () => {});
  });
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the relay', () => {
  it('spreads connections over its targets in turn and skips one that is down', async () => {
    const a = await namedServer('a');
    const b = await namedServer('b');
    cleanups.push(
      () => void a.server.close(),
      () => void b.server.close(),
    );
    const relay = new Relay([a.port, b.port]);
    const port = await relay.listen();
    cleanups.push(() => relay.close());
    expect([await read(port), await read(port), await read(port)]).toEqual(['a', 'b', 'a']);
    await new Promise<void>((resolve) => b.server.close(() => resolve()));
    expect([await read(port), await read(port)]).toEqual(['a', 'a']);
  });

  it('cuts open connections and refuses new ones until restored', async () => {
    // A server that keeps its connections open: a cut must end them from our side.
    const held = createServer(() => {});
    await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(() => void held.close());
    const address = held.address();
    const relay = new Relay([typeof address === 'object' && address ? address.port : 0]);
    const port = await relay.listen();
    cleanups.push(() => relay.close());
    const open = connect(port, '127.0.0.1');
    open.on('error', () => {});
    await new Promise((resolve) => open.once('connect', resolve));
    const closed = new Promise((resolve) => open.once('close', resolve));
    relay.cutLink();
    await closed;
    expect(await read(port)).toBe('');
    relay.restore();
    const a = await namedServer('back');
    cleanups.push(() => void a.server.close());
    const again = new Relay([a.port]);
    const port2 = await again.listen();
    cleanups.push(() => again.close());
    expect(await read(port2)).toBe('back');
  });
});

describe('a stalled relay', () => {
  it('swallows what is sent without answering, until restored', async () => {
    const a = await namedServer('a');
    cleanups.push(() => void a.server.close());
    const relay = new Relay([a.port]);
    const port = await relay.listen();
    cleanups.push(() => relay.close());
    relay.stall();
    const s = connect(port, '127.0.0.1');
    s.on('error', () => {});
    let answered = '';
    s.on('data', (d) => (answered += d.toString()));
    const closed = new Promise((resolve) => s.once('close', resolve));
    s.write('POST /api/hub/batches');
    await expect.poll(() => relay.stalledBytes).toBe('POST /api/hub/batches'.length);
    relay.restore();
    await closed;
    expect(answered).toBe('');
    expect(await read(port)).toBe('a');
  });
});
