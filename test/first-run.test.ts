/**
 * First run in production (issue 9, item 2): `NODE_ENV=production` on an empty DATA_DIR seeds nothing and prints
 * a one-time setup code on the console. With it the installer creates the first admin (`POST /api/setup`); the
 * admin API then builds a center (a service, a counter, an officer, a kiosk) and the kiosk's first ticket is
 * called at the counter. The server is a real child process, as `npm start` runs it.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAllServerProcesses, startServerProcess, type ServerProcess } from './support/child.js';
import { api } from './support/http.js';

const SETUP_CODE = /Mã thiết lập[^:]*: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/;
const OPEN_ALL_DAY = Object.fromEntries(
  ['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ open: '00:00', close: '24:00' }]]),
);

type Json = Record<string, any>;

describe('first run: an empty production DATA_DIR becomes a working center', () => {
  let dataDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'layso-first-run-'));
    server = await startServerProcess(dataDir, { NODE_ENV: 'production' });
  });

  afterAll(async () => {
    await killAllServerProcesses();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('setup code → first admin → service, counter, officer, kiosk → first ticket issued and called', async () => {
    const base = server.url;
    const out = server.output();
    const code = SETUP_CODE.exec(out)?.[1];
    expect(code, out).toBeDefined();
    expect(out).toContain('Setup code');
    expect(out).toContain('npm run create-admin');
    // Production seeds nothing and writes no credentials; the code is on the console only. The Web Push keys and
    // the bookings' CCCD key are made at the first start, the owner's alone.
    expect(existsSync(join(dataDir, 'demo-credentials.json'))).toBe(false);
    expect(
      readdirSync(dataDir)
        .filter((f) => !f.startsWith('queue.db') && f !== 'backups')
        .sort(),
    ).toEqual(['booking-secret', 'vapid.json']);
    expect(statSync(join(dataDir, 'vapid.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'booking-secret')).mode & 0o777).toBe(0o600);
    expect((await api(base, '/api/services')).body).toEqual([]);
    expect((await api(base, '/api/setup')).body).toEqual({ needed: true });

    const adminPassword = 'mat-khau-quan-tri-2026';
    const setup = await api(base, '/api/setup', {
      body: { code, username: 'quantri', displayName: 'Quản trị viên', password: adminPassword },
    });
    expect(setup.status, JSON.stringify(setup.body)).toBe(201);
    expect((await api(base, '/api/setup')).body).toEqual({ needed: false });
    const again = await api(base, '/api/setup', {
      body: { code, username: 'quantri2', displayName: 'X', password: adminPassword },
    });
    expect(again.status).toBe(403);

    const adminLogin = await api(base, '/api/auth/login', {
      body: { username: 'quantri', password: adminPassword },
    });
    expect(adminLogin.status).toBe(200);
    const admin = (adminLogin.body as Json).token as string;

    const service = await api(base, '/api/admin/services', {
      token: admin,
      body: {
        code: 'TP',
        name: 'Sở Tư pháp',
        numberFormat: { prefix: '1', digits: 3 },
        dailyCap: 500,
        hours: OPEN_ALL_DAY,
      },
    });
    expect(service.status, JSON.stringify(service.body)).toBe(201);
    const serviceId = (service.body as Json).id as number;

    const counter = await api(base, '/api/admin/counters', {
      token: admin,
      body: { number: 1, name: 'Quầy 1', serviceIds: [serviceId] },
    });
    expect(counter.status, JSON.stringify(counter.body)).toBe(201);
    const counterId = (counter.body as Json).id as number;

    const officerPassword = 'mat-khau-can-bo-2026';
    const officer = await api(base, '/api/admin/users', {
      token: admin,
      body: {
        username: 'canbo01',
        displayName: 'Trần Thị Cán Bộ',
        password: officerPassword,
        role: 'officer',
        counterId,
      },
    });
    expect(officer.status, JSON.stringify(officer.body)).toBe(201);

    const kiosk = await api(base, '/api/admin/devices', {
      token: admin,
      body: { kind: 'kiosk', name: 'Ki-ốt sảnh chính' },
    });
    expect(kiosk.status, JSON.stringify(kiosk.body)).toBe(201);
    const kioskToken = (kiosk.body as Json).token as string;

    const officerLogin = await api(base, '/api/auth/login', {
      body: { username: 'canbo01', password: officerPassword, counterId },
    });
    expect(officerLogin.status, JSON.stringify(officerLogin.body)).toBe(200);
    const officerToken = (officerLogin.body as Json).token as string;

    const offered = (await api(base, '/api/services')).body as Json[];
    expect(offered.map((s) => s.code)).toEqual(['TP']);

    const ticket = await api(base, '/api/tickets', { token: kioskToken, body: { serviceId } });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    expect(ticket.body).toMatchObject({ number: '1001', status: 'waiting', serviceId });

    const called = await api(base, `/api/counters/${counterId}/call-next`, {
      token: officerToken,
      method: 'POST',
    });
    expect(called.status, JSON.stringify(called.body)).toBe(200);
    expect((called.body as Json).ticket).toMatchObject({
      id: (ticket.body as Json).id,
      number: '1001',
      status: 'called',
      counterId,
    });
  });
});
