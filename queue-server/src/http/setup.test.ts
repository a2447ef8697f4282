import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from '../testing/harness.js';
import { startProductionServer, type ProductionServer } from '../testing/production.js';

const admin = { username: 'quantri', displayName: 'Quản trị viên', password: 'mat-khau-dai-du-10' };

describe('first run: the one-time setup code (POST /api/setup)', () => {
  let s: ProductionServer | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('a wrong code is 403, the right one makes the first admin who signs in; then setup is closed', async () => {
    s = await startProductionServer();
    const code = s.server.setupCode;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect((await s.api('/api/setup')).body).toEqual({ needed: true });

    const wrong = await s.api('/api/setup', { body: { ...admin, code: 'AAAA-BBBB-CCCC' } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('LAYSO_SETUP_CODE');
    const early = { username: admin.username, password: admin.password };
    expect((await s.api('/api/auth/login', { body: early })).status).toBe(401);

    const weak = await s.api('/api/setup', { body: { ...admin, code, password: 'short' } });
    expect(weak.status).toBe(400);

    // Typed in lower case with spaces for dashes: still the code.
    const typed = (code as string).toLowerCase().replace(/-/g, ' ');
    const ok = await s.api('/api/setup', { body: { ...admin, code: typed } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ username: 'quantri', role: 'admin', displayName: 'Quản trị viên' });
    expect(JSON.stringify(ok.body)).not.toContain(admin.password);

    const login = await s.api('/api/auth/login', {
      body: { username: admin.username, password: admin.password },
    });
    expect(login.status).toBe(200);
    expect(login.body.user.role).toBe('admin');
    // The new admin can use the admin API at once.
    expect((await s.api('/api/admin/users', { token: login.body.token })).status).toBe(200);

    const again = await s.api('/api/setup', { body: { ...admin, username: 'quantri2', code } });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('LAYSO_SETUP_DONE');
    expect((await s.api('/api/setup')).body).toEqual({ needed: false });
  });

  it('wrong codes are rate-limited like logins: after the limit even the right code is refused (429)', async () => {
    s = await startProductionServer({ env: { LOGIN_MAX_FAILURES: '3' } });
    const code = s.server.setupCode as string;
    for (let i = 0; i < 3; i++) {
      const r = await s.api('/api/setup', { body: { ...admin, code: `WRONG-CODE-${i}` } });
      expect(r.status).toBe(403);
    }
    const blocked = await s.api('/api/setup', { body: { ...admin, code } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('LAYSO_RATE_LIMITED');
    expect((await s.api('/api/setup')).body).toEqual({ needed: true });
  });

  it('the limit is per client: behind a trusted proxy, one desk’s wrong codes do not refuse another desk', async () => {
    s = await startProductionServer({ env: { LOGIN_MAX_FAILURES: '3', TRUST_PROXY: '127.0.0.1' } });
    const server = s;
    const code = server.server.setupCode as string;
    const from = (forwardedFor: string, tried: string) =>
      server.api('/api/setup', {
        body: { ...admin, code: tried },
        headers: { 'x-forwarded-for': forwardedFor },
      });
    for (let i = 0; i < 3; i++) expect((await from('10.0.0.5', `WRONG-CODE-${i}`)).status).toBe(403);
    expect((await from('10.0.0.5', code)).status).toBe(429);
    const other = await from('10.0.0.6', code);
    expect(other.status).toBe(201);
    expect(other.body).toMatchObject({ username: 'quantri', role: 'admin' });
  });

  it('two setups racing with the right code make one admin', async () => {
    s = await startProductionServer();
    const code = s.server.setupCode as string;
    const [a, b] = await Promise.all([
      s.api('/api/setup', { body: { ...admin, code } }),
      s.api('/api/setup', { body: { ...admin, username: 'quantri2', code } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 403]);
  });

  it('a server restarted on a center with an admin has no code; an existing server has none either', async () => {
    s = await startProductionServer();
    const first = s.server.setupCode;
    expect(first).not.toBeNull();
    const dataDir = s.dataDir;
    const r = await s.api('/api/setup', { body: { ...admin, code: first } });
    expect(r.status).toBe(201);
    const restarted = await startProductionServer({ dataDir });
    try {
      expect(restarted.server.setupCode).toBeNull();
      expect((await restarted.api('/api/setup')).body).toEqual({ needed: false });
    } finally {
      await restarted.close();
    }

    const demo = await startHarness();
    try {
      expect(demo.server.setupCode).toBeNull();
      const refused = await demo.api('/api/setup', { body: { ...admin, code: 'AAAA-BBBB-CCCC' } });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('LAYSO_SETUP_DONE');
    } finally {
      await demo.close();
    }
  });

  it('each start makes a new code', async () => {
    s = await startProductionServer();
    const dataDir = s.dataDir;
    const other = await startProductionServer({ dataDir });
    try {
      expect(other.server.setupCode).not.toBe(s.server.setupCode);
    } finally {
      await other.close();
    }
  });
});
