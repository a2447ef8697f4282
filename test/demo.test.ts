/**
 * The README's promise, end to end: `npm start` on an empty DATA_DIR serves the demo center — health,
 * services, a ticket issued with the kiosk token from demo-credentials.json and printed on the demo's
 * virtual printer (bytes + PNG under DATA_DIR/printed), call-next as a demo officer, and the call heard on a
 * `/display` socket.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoCredentials } from '@layso/queue-server';
import { login, next, socket } from '@layso/queue-server/testing';
import type { Snapshot, TicketCalled } from '@layso/protocol';
import {
  killAllServerProcesses,
  readCredentials,
  startServerProcess,
  type ServerProcess,
} from './support/child.js';
import { api } from './support/http.js';

let dataDir = '';
let server: ServerProcess;
let credentials: DemoCredentials;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'layso-demo-'));
  // The server inherits a permissive umask (a careless deployment): its files must be owner-only anyway.
  const umask = process.umask(0o022);
  try {
    server = await startServerProcess(dataDir);
  } finally {
    process.umask(umask);
  }
  credentials = readCredentials(dataDir);
});

afterAll(async () => {
  server.signal('SIGTERM');
  const exit = await server.exited;
  await killAllServerProcesses();
  rmSync(dataDir, { recursive: true, force: true });
  expect(exit.code).toBe(0);
});

describe('the demo center from npm start', () => {
  it('writes credentials in the shape DESIGN.md gives', () => {
    expect(Object.keys(credentials).sort()).toEqual(
      [
        'admin',
        'adminUrl',
        'counterTopUrls',
        'counterUrl',
        'displayToken',
        'displayUrl',
        'feedbackDesk',
        'kioskToken',
        'kioskUrl',
        'noticeStandInUrl',
        'officers',
      ].sort(),
    );
    expect(credentials.officers.length).toBeGreaterThanOrEqual(20);
    expect(credentials.counterTopUrls.length).toBeGreaterThanOrEqual(20);
    for (const c of credentials.counterTopUrls)
      expect(c.url).toMatch(new RegExp(`^http://.+/counter-top/${c.counterId}#token=c_`));
    expect(credentials.officers[0]).toEqual({
      username: expect.any(String),
      password: expect.any(String),
      counterId: expect.any(Number),
    });
  });

  it('issues, prints, calls and announces a ticket', async () => {
    expect((await api(server.url, '/api/health')).body.status).toBe('ok');
    const services = (await api(server.url, '/api/services')).body as { id: number; name: string }[];
    expect(services.map((s) => s.name)).toContain('Sở Tư pháp');

    const officer = credentials.officers[3]!;
    const demo = { url: server.url, credentials };
    const { token } = await login(demo, 3);
    const queue = await api(server.url, `/api/counters/${officer.counterId}/queue`, { token });
    const serviceId = queue.body.counter.serviceIds[0] as number;

    const ticket = await api(server.url, '/api/tickets', {
      token: credentials.kioskToken,
      body: { serviceId },
    });
    expect(ticket.status).toBe(201);
    const printed = await api(server.url, `/api/tickets/${ticket.body.id}/print`, {
      token: credentials.kioskToken,
      method: 'POST',
    });
    expect(printed.body).toEqual({ printed: true, error: null });
    const files = readdirSync(join(dataDir, 'printed'));
    expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    // Everything in DATA_DIR is owner-only: the database and its WAL, credentials, the printed slips.
    const modes: Record<string, string> = {};
    const walk = (dir: string, rel: string) => {
      modes[rel || '.'] = (statSync(dir).mode & 0o777).toString(8);
      for (const e of readdirSync(dir, { withFileTypes: true }))
        if (e.isDirectory()) walk(join(dir, e.name), `${rel}${e.name}/`);
        else modes[`${rel}${e.name}`] = (statSync(join(dir, e.name)).mode & 0o777).toString(8);
    };
    walk(dataDir, '');
    expect(Object.keys(modes)).toEqual(
      expect.arrayContaining(['.', 'queue.db', 'queue.db-wal', 'demo-credentials.json', 'printed/']),
    );
    for (const [path, mode] of Object.entries(modes))
      expect([path, mode]).toEqual([path, path === '.' || path.endsWith('/') ? '700' : '600']);

    const display = socket(demo, '/display', { token: credentials.displayToken });
    await next<Snapshot>(display, 'snapshot');
    const heard = next<TicketCalled>(display, 'ticket:called');
    const call = await api(server.url, `/api/counters/${officer.counterId}/call-next`, {
      token,
      method: 'POST',
    });
    expect(call.status).toBe(200);
    expect(call.body.ticket.id).toBe(ticket.body.id);
    expect(await heard).toMatchObject({
      ticketId: ticket.body.id,
      number: ticket.body.number,
      counterId: officer.counterId,
      serviceId,
    });
  });
});
