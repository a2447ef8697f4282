import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HubRole } from '@layso/protocol';
import { describe, expect, it } from 'vitest';
import type { AccessOptions } from './sign-in.js';
import type { Hub } from './server.js';
import { addUser, request, TEST_PASSWORD as PASSWORD, useHubs, type RequestOptions } from './testing/hub.js';
import { startPostgres } from './testing/postgres.js';
import { seedDemoAdmin } from './users.js';
import { issueSiteKey } from './sites.js';

const START = new Date('2026-12-07T01:00:00Z');
const hubs = useHubs();

/** A hub on a fresh database, its clock in the test's hands; the test's own address per request (X-Forwarded-For). */
async function startHub(accounts: Partial<AccessOptions> = {}) {
  let now = START;
  const hub = await hubs.start({ clock: () => now, accounts, trustProxy: ['127.0.0.1'] });
  return {
    hub,
    advance(minutes: number) {
      now = new Date(now.getTime() + minutes * 60_000);
    },
  };
}

/** A request from `from` (default 10.0.0.1), the load balancer's X-Forwarded-For. */
const call = (hub: Hub, method: string, path: string, options: RequestOptions & { from?: string } = {}) =>
  request(hub, method, path, { ...options, headers: { 'x-forwarded-for': options.from ?? '10.0.0.1' } });

const login = (hub: Hub, username: string, password = PASSWORD, from?: string) =>
  call(hub, 'POST', '/api/hub/auth/login', { body: { username, password }, ...(from ? { from } : {}) });

const user = (hub: Hub, username: string, role: HubRole, siteIds: number[] = []) =>
  addUser(hub, { username, role, siteIds }, () => START);

describe('signing in to the hub', () => {
  it('answers a token, its expiry and the viewer; the token opens /me until signed out; only its hash is kept', async () => {
    const { hub } = await startHub();
    const admin = await user(hub, 'tinh.admin', 'province_admin');
    const r = await login(hub, 'Tinh.Admin');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      token: expect.stringMatching(/^hub_[A-Za-z0-9_-]{43}$/),
      expiresAt: new Date(START.getTime() + 12 * 3_600_000).toISOString(),
      viewer: {
        userId: admin.id,
        username: 'tinh.admin',
        displayName: 'Người tinh.admin',
        role: 'province_admin',
        siteIds: null,
      },
    });
    const token: string = r.body.token;
    expect(await call(hub, 'GET', '/api/hub/auth/me', { token })).toEqual({
      status: 200,
      body: r.body.viewer,
    });
    expect(await hub.access.viewerOf(token)).toEqual({
      userId: admin.id,
      username: 'tinh.admin',
      role: 'province_admin',
      siteIds: null,
    });
    const stored = await hub.pool.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored.rows)).not.toContain(token.slice(4));
    expect(await call(hub, 'POST', '/api/hub/auth/logout', { token })).toEqual({
      status: 200,
      body: { ok: true },
    });
    const after = await call(hub, 'GET', '/api/hub/auth/me', { token });
    expect([after.status, after.body.error.code]).toEqual([401, 'LAYSO_UNAUTHENTICATED']);
    expect(await hub.access.viewerOf(token)).toBeNull();
  });

  it('a site viewer sees its sites; a province viewer every site', async () => {
    const { hub } = await startHub();
    await issueSiteKey(hub.pool, { code: 'xa-a', name: 'Xã A', commune: 'Xã A' });
    await issueSiteKey(hub.pool, { code: 'xa-b', name: 'Xã B', commune: 'Xã B' });
    const ids = (await hub.pool.query<{ id: number }>('SELECT id FROM sites ORDER BY code')).rows.map(
      (r) => r.id,
    );
    await user(hub, 'xem.xa', 'site_viewer', [ids[1] ?? 0]);
    await user(hub, 'xem.tinh', 'province_viewer', ids);
    const site = await login(hub, 'xem.xa');
    expect(site.body.viewer).toMatchObject({ role: 'site_viewer', siteIds: [ids[1]] });
    expect(await hub.access.viewerOf(site.body.token)).toMatchObject({ siteIds: [ids[1]] });
    const province = await login(hub, 'xem.tinh');
    expect(province.body.viewer).toMatchObject({ role: 'province_viewer', siteIds: null });
  });

  it('refuses a wrong password and an unknown name alike (401), and a bad body 400, keeping no session', async () => {
    const { hub } = await startHub();
    await user(hub, 'tinh.admin', 'province_admin');
    const wrong = await login(hub, 'tinh.admin', 'sai-mat-khau-roi');
    const unknown = await login(hub, 'khong.co.ai', PASSWORD, '10.0.0.2');
    for (const r of [wrong, unknown]) {
      expect([r.status, r.body.error.code]).toEqual([401, 'LAYSO_BAD_CREDENTIALS']);
      expect(r.body.error.message).toBe('Sai tên đăng nhập hoặc mật khẩu / Wrong username or password');
    }
    for (const body of [
      {},
      { username: 'tinh.admin' },
      { username: 'tinh.admin', password: PASSWORD, x: 1 },
    ]) {
      const r = await call(hub, 'POST', '/api/hub/auth/login', { body });
      expect([r.status, r.body.error.code]).toEqual([400, 'LAYSO_VALIDATION']);
    }
    const r = await fetch(`${hub.url}/api/hub/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect([r.status, ((await r.json()) as any).error.code]).toEqual([400, 'LAYSO_BAD_JSON']);
    expect((await hub.pool.query('SELECT 1 FROM sessions')).rowCount).toBe(0);
  });

  it('after too many failures of a name from one address even the right password is refused (429); another address still signs in', async () => {
    const { hub } = await startHub({ maxFailures: 3 });
    await user(hub, 'tinh.admin', 'province_admin');
    for (let i = 0; i < 3; i++)
      expect((await login(hub, 'tinh.admin', `sai-${i}-mat-khau`)).status).toBe(401);
    const locked = await login(hub, 'tinh.admin');
    expect([locked.status, locked.body.error.code]).toEqual([429, 'LAYSO_RATE_LIMITED']);
    expect((await login(hub, 'tinh.admin', PASSWORD, '10.0.0.9')).status).toBe(200);
  });

  it('attempts fired at once cannot slip past the limit: each is counted before its password is checked', async () => {
    const { hub } = await startHub({ maxFailures: 3 });
    await user(hub, 'tinh.admin', 'province_admin');
    const all = await Promise.all(
      Array.from({ length: 10 }, (_, i) => login(hub, 'tinh.admin', `doan-mo-${i}-lan-nua`)),
    );
    const codes = all.map((r) => r.body.error.code);
    expect(codes.filter((c) => c === 'LAYSO_BAD_CREDENTIALS')).toHaveLength(3);
    expect(codes.filter((c) => c === 'LAYSO_RATE_LIMITED')).toHaveLength(7);
  });

  it('one address trying many names is refused whatever name it tries next (spraying)', async () => {
    const { hub } = await startHub({ maxUsernames: 3 });
    await user(hub, 'tinh.admin', 'province_admin');
    for (const name of ['an', 'binh', 'chi'])
      expect((await login(hub, `nguoi.${name}`, 'doan-bua-thoi')).status).toBe(401);
    const sprayed = await login(hub, 'tinh.admin');
    expect([sprayed.status, sprayed.body.error.code]).toEqual([429, 'LAYSO_RATE_LIMITED']);
    expect((await login(hub, 'tinh.admin', PASSWORD, '10.0.0.7')).status).toBe(200);
  });

  it('a session ends at its expiry, and sooner when left unused past the idle timeout', async () => {
    const { hub, advance } = await startHub({ sessionTtlHours: 2, idleMinutes: 30 });
    await user(hub, 'tinh.admin', 'province_admin');
    const token: string = (await login(hub, 'tinh.admin')).body.token;
    // Used every 20 minutes: idleness never reaches 30, so it lives to its expiry.
    for (let i = 0; i < 5; i++) {
      advance(20);
      expect((await call(hub, 'GET', '/api/hub/auth/me', { token })).status).toBe(200);
    }
    advance(20); // 2 h after sign-in
    expect((await call(hub, 'GET', '/api/hub/auth/me', { token })).status).toBe(401);
    const idle: string = (await login(hub, 'tinh.admin')).body.token;
    advance(29);
    expect((await call(hub, 'GET', '/api/hub/auth/me', { token: idle })).status).toBe(200);
    advance(31);
    expect((await call(hub, 'GET', '/api/hub/auth/me', { token: idle })).status).toBe(401);
  });

  it("a disabled account's sessions end, and its right password learns only that it is disabled (403)", async () => {
    const { hub } = await startHub();
    const u = await user(hub, 'xem.tinh', 'province_viewer');
    const token: string = (await login(hub, 'xem.tinh')).body.token;
    await hub.pool.query('UPDATE users SET disabled_at = now() WHERE id = $1', [u.id]);
    expect((await call(hub, 'GET', '/api/hub/auth/me', { token })).status).toBe(401);
    const r = await login(hub, 'xem.tinh');
    expect([r.status, r.body.error.code]).toEqual([403, 'LAYSO_HUB_USER_DISABLED']);
    expect(r.body.error.message).toMatch(/quản trị viên của tỉnh \/ /);
    expect((await login(hub, 'xem.tinh', 'sai-mat-khau-roi')).body.error.code).toBe('LAYSO_BAD_CREDENTIALS');
  });

  it('endpoints behind a session refuse no token, a forged one and an overlong one (401)', async () => {
    const { hub } = await startHub();
    for (const token of [undefined, 'hub_khong-phai-token', 'x'.repeat(600)]) {
      const r = await call(hub, 'GET', '/api/hub/auth/me', token ? { token } : {});
      expect([r.status, r.body.error.code]).toEqual([401, 'LAYSO_UNAUTHENTICATED']);
    }
  });
});

describe('a hub whose database is down', () => {
  it('answers sign-in and sessions 503 LAYSO_HUB_DB_UNAVAILABLE, never a 500', async () => {
    const own = await startPostgres();
    let stopped = false;
    try {
      const hub = await hubs.start({ databaseUrl: await own.createDatabase() });
      await user(hub, 'tinh.admin', 'province_admin');
      const token: string = (await login(hub, 'tinh.admin')).body.token;
      await own.stop();
      stopped = true;
      for (const r of [
        await login(hub, 'tinh.admin'),
        await call(hub, 'GET', '/api/hub/auth/me', { token }),
      ]) {
        expect([r.status, r.body.error.code]).toEqual([503, 'LAYSO_HUB_DB_UNAVAILABLE']);
        expect(r.body.error.message).toMatch(/ \/ The hub's database is unavailable/);
      }
    } finally {
      if (!stopped) await own.stop();
    }
  });
});

describe('the first province admin and the demo admin', () => {
  it('create-admin makes a province admin from stdin, audited with no actor; a taken name exits 2', async () => {
    const { hub } = await startHub();
    const databaseUrl =
      (await hub.pool.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db ?? '';
    const run = (args: string[], stdin: string) =>
      new Promise<{ code: number | null; out: string }>((resolve, reject) => {
        const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/create-admin.ts', ...args], {
          cwd: fileURLToPath(new URL('../', import.meta.url)),
          env: { ...process.env, DATABASE_URL: hubs.postgres.url(databaseUrl) },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let out = '';
        proc.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
        proc.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
        proc.stdin.end(stdin);
        proc.once('error', reject);
        proc.once('close', (code) => resolve({ code, out }));
      });
    const made = await run(['--username', 'tinh.quantri', '--password-stdin'], `${PASSWORD}\n`);
    expect(made).toMatchObject({ code: 0 });
    expect(made.out).toContain('tinh.quantri');
    expect(made.out).not.toContain(PASSWORD);
    const r = await login(hub, 'tinh.quantri');
    expect(r.body.viewer).toMatchObject({ role: 'province_admin', displayName: 'Quản trị tỉnh' });
    const audit = await hub.pool.query('SELECT user_id, action, details FROM audit_log');
    expect(audit.rows).toEqual([
      {
        user_id: null,
        action: 'user.create',
        details: {
          userId: r.body.viewer.userId,
          username: 'tinh.quantri',
          role: 'province_admin',
          siteIds: [],
        },
      },
    ]);
    expect((await run(['--username', 'tinh.quantri', '--password-stdin'], `${PASSWORD}\n`)).code).toBe(2);
    expect((await run(['--username', 'ngan', '--password-stdin'], 'ngan\n')).code).toBe(2);
  });

  it('seedDemoAdmin gives credentials that sign in; seeding again gives a new password and ends the old one', async () => {
    const { hub } = await startHub();
    const first = await seedDemoAdmin(hub.pool);
    const r = await login(hub, first.username, first.password);
    expect(r.body.viewer).toMatchObject({ role: 'province_admin' });
    const again = await seedDemoAdmin(hub.pool);
    expect(again.username).toBe(first.username);
    expect(again.password).not.toBe(first.password);
    expect((await call(hub, 'GET', '/api/hub/auth/me', { token: r.body.token })).status).toBe(401);
    expect((await login(hub, first.username, first.password)).status).toBe(401);
    expect((await login(hub, again.username, again.password)).status).toBe(200);
  });
});
