import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config.js';
import { openDatabase } from './db/open.js';
import { createServer, HTTP_TIMEOUTS, type HttpTimeouts } from './server.js';
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
  }, 30_000); // the harness's start (every demo password hashed: ~3 s at a load of 13) and the close's 2 s grace
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
      'bookings',
      'notices',
      'backup',
      'intake-retention',
      'feedback-retention',
      'report-days',
    ]);
    expect(made.size).toBeGreaterThanOrEqual(5);
    await h.close();
    expect(h.server.jobs.running()).toEqual([]);
    const cleared = new Set(clearSpy.mock.calls.map((c) => c[0]));
    expect([...made].filter((t) => !cleared.has(t as NodeJS.Timeout))).toEqual([]);
  });
});

describe('stalled clients', () => {
  /** A bare server (no seed) with short timeouts; closed and removed by the returned function. */
  async function serverWith(httpTimeouts: HttpTimeouts) {
    const dir = mkdtempSync(join(tmpdir(), 'layso-timeouts-'));
    const config = loadConfig({ DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test' });
    const db = openDatabase(config.dbFile);
    const server = await createServer({ db, config, maintenance: false, httpTimeouts });
    const port = await server.listen();
    return {
      port,
      async close() {
        await server.close();
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }

  /** Opens a raw socket, writes `bytes`, and resolves with what came back once the server closed it. */
  function stall(port: number, bytes: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => s.write(bytes));
      let out = '';
      s.on('data', (d) => (out += d.toString()));
      s.on('error', reject);
      s.on('close', () => resolve(out));
    });
  }

  it('has every timeout on by default, headers within the request', () => {
    expect(HTTP_TIMEOUTS.requestMs).toBeGreaterThan(0);
    expect(HTTP_TIMEOUTS.idleMs).toBeGreaterThan(0);
    expect(HTTP_TIMEOUTS.headersMs).toBeGreaterThan(0);
    expect(HTTP_TIMEOUTS.headersMs).toBeLessThanOrEqual(HTTP_TIMEOUTS.requestMs);
  });

  it('closes a request whose body stops halfway, answering in our error shape', async () => {
    // The idle limit is far away: only the request deadline can close this one.
    const srv = await serverWith({ requestMs: 300, headersMs: 300, idleMs: 60_000 });
    try {
      const reply = await stall(
        srv.port,
        'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
          'Content-Length: 100\r\n\r\n{"username":"adm',
      );
      expect(reply).toMatch(/^HTTP\/1\.1 4\d\d/);
      expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4)).error.code).toBe('LAYSO_VALIDATION');
    } finally {
      await srv.close();
    }
  });

  it('closes a connection that sends half its headers and then nothing', async () => {
    const srv = await serverWith({ requestMs: 60_000, headersMs: 300, idleMs: 60_000 });
    try {
      const reply = await stall(srv.port, 'GET /api/health HTTP/1.1\r\nHost: x\r\n');
      expect(reply).toMatch(/^HTTP\/1\.1 4\d\d/);
    } finally {
      await srv.close();
    }
  });

  it('closes a connection that never sends a byte once it has been idle', async () => {
    const srv = await serverWith({ requestMs: 60_000, headersMs: 60_000, idleMs: 300 });
    try {
      expect(await stall(srv.port, '')).toBe('');
    } finally {
      await srv.close();
    }
  });
});
