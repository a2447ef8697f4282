import { HUB_ENDPOINTS } from '@layso/protocol';
import { describe, expect, it } from 'vitest';
import type { Hub } from './server.js';
import {
  addUser,
  request as call,
  sendBatch as send,
  signIn,
  TEST_PASSWORD as PASSWORD,
  useHubs,
} from './testing/hub.js';
import { updateUser } from './admin.js';

const NOW = new Date('2026-12-07T02:00:00Z');
const hubs = useHubs({ clock: () => NOW });

/** A hub with a province admin signed in (`token`). */
async function startHub() {
  const hub = await hubs.start();
  const admin = await addUser(
    hub,
    { username: 'tinh.admin', displayName: 'Quản trị tỉnh', role: 'province_admin' },
    () => NOW,
  );
  return { hub, admin, token: await signIn(hub, 'tinh.admin') };
}

const batch = (site: string) => ({
  site,
  firstSeq: 1,
  lastSeq: 1,
  facts: [{ kind: 'issued', seq: 1, at: '2026-12-07T09:00:00+07:00', ticket: 'A001', service: 'HT' }],
});

const sendBatch = (hub: Hub, key: string, site: string) => send(hub, key, batch(site));

async function auditRows(hub: Hub) {
  const { rows } = await hub.pool.query('SELECT username, action, details FROM audit_log ORDER BY id');
  return rows;
}

const ADMIN_ENDPOINTS = Object.values(HUB_ENDPOINTS).filter((d) => 'who' in d && d.who === 'province_admin');

describe("the province admin's endpoints", () => {
  it('refuse no session 401, and a province viewer or a site viewer 403, for every one of them', async () => {
    const { hub } = await startHub();
    for (const [username, role] of [
      ['xem.tinh', 'province_viewer'],
      ['xem.xa', 'site_viewer'],
    ] as const)
      await addUser(hub, { username, displayName: username, role }, () => NOW);
    const viewers = [await signIn(hub, 'xem.tinh'), await signIn(hub, 'xem.xa')];
    expect(ADMIN_ENDPOINTS).toHaveLength(12);
    for (const def of ADMIN_ENDPOINTS) {
      const path = def.path.replace(':code', 'xa-a').replace(':id', '1');
      const body = def.method === 'POST' ? {} : undefined;
      const none = await call(hub, def.method, path, { body });
      expect([def.path, none.status, none.body.error.code]).toEqual([def.path, 401, 'LAYSO_UNAUTHENTICATED']);
      for (const token of viewers) {
        const r = await call(hub, def.method, path, { body, token });
        expect([def.path, r.status, r.body.error.code]).toEqual([def.path, 403, 'LAYSO_FORBIDDEN']);
        expect(r.body.error.message).toMatch(/ \/ Not allowed$/);
      }
    }
    // Nothing was changed by the refused calls.
    expect((await auditRows(hub)).map((r) => r.action)).toEqual([
      'user.create',
      'user.create',
      'user.create',
    ]);
  });

  it('registers a site and shows its key once; a new key replaces the old; a revoked key is refused on the batch endpoint', async () => {
    const { hub, token } = await startHub();
    const made = await call(hub, 'POST', '/api/hub/admin/sites', {
      token,
      body: { code: 'phuong-1', name: 'Trung tâm phường 1', commune: 'Phường 1' },
    });
    expect(made.status).toBe(200);
    expect(made.body).toEqual({
      site: {
        id: expect.any(Number),
        code: 'phuong-1',
        name: 'Trung tâm phường 1',
        commune: 'Phường 1',
        createdAt: expect.any(String),
        revokedAt: null,
        lastSeenAt: null,
        acknowledgedSeq: 0,
      },
      key: expect.stringMatching(/^phuong-1\.[A-Za-z0-9_-]{43}$/),
    });
    const first: string = made.body.key;
    expect(await sendBatch(hub, first, 'phuong-1')).toEqual({ status: 200, body: { acknowledged: 1 } });
    const again = await call(hub, 'POST', '/api/hub/admin/sites', {
      token,
      body: { code: 'phuong-1', name: 'Khác', commune: 'Khác' },
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'LAYSO_CONFLICT']);
    const bad = await call(hub, 'POST', '/api/hub/admin/sites', {
      token,
      body: { code: 'Phường 1', name: 'x' },
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'LAYSO_VALIDATION']);

    const renewed = await call(hub, 'POST', '/api/hub/admin/sites/phuong-1/key', { token });
    expect(renewed.status).toBe(200);
    const second: string = renewed.body.key;
    expect(second).not.toBe(first);
    expect((await sendBatch(hub, first, 'phuong-1')).body.error.code).toBe('LAYSO_HUB_SITE_KEY');
    expect((await sendBatch(hub, second, 'phuong-1')).body).toEqual({ acknowledged: 1 });

    const revoked = await call(hub, 'POST', '/api/hub/admin/sites/phuong-1/revoke', { token });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const refused = await sendBatch(hub, second, 'phuong-1');
    expect([refused.status, refused.body.error.code]).toEqual([403, 'LAYSO_HUB_SITE_REVOKED']);

    const list = await call(hub, 'GET', '/api/hub/admin/sites', { token });
    expect(list.body).toEqual([{ ...revoked.body, lastSeenAt: expect.any(String), acknowledgedSeq: 1 }]);
    for (const path of ['/api/hub/admin/sites/khong-co/key', '/api/hub/admin/sites/khong-co/revoke']) {
      const r = await call(hub, 'POST', path, { token });
      expect([r.status, r.body.error.code]).toEqual([404, 'LAYSO_HUB_SITE_NOT_FOUND']);
    }
    // Audited with who did it; no key in the log.
    const rows = await auditRows(hub);
    expect(rows.slice(1).map((r) => [r.username, r.action])).toEqual([
      ['tinh.admin', 'site.register'],
      ['tinh.admin', 'site.key'],
      ['tinh.admin', 'site.revoke'],
    ]);
    const log = JSON.stringify(rows);
    for (const key of [first, second]) expect(log).not.toContain(key.split('.')[1]);
  });

  it('creates accounts, changes role and sites (their sessions end), disables and resets passwords', async () => {
    const { hub, token } = await startHub();
    const siteIds: number[] = [];
    for (const code of ['xa-a', 'xa-b']) {
      const r = await call(hub, 'POST', '/api/hub/admin/sites', {
        token,
        body: { code, name: code, commune: code },
      });
      siteIds.push(r.body.site.id);
    }
    const made = await call(hub, 'POST', '/api/hub/admin/users', {
      token,
      body: {
        username: 'xem.xa',
        displayName: 'Cán bộ xã A',
        password: PASSWORD,
        role: 'site_viewer',
        siteIds: [siteIds[0]],
      },
    });
    expect(made.status).toBe(200);
    expect(made.body).toEqual({
      id: expect.any(Number),
      username: 'xem.xa',
      displayName: 'Cán bộ xã A',
      role: 'site_viewer',
      siteIds: [siteIds[0]],
      disabled: false,
      createdAt: NOW.toISOString(),
    });
    const id: number = made.body.id;
    const dup = await call(hub, 'POST', '/api/hub/admin/users', {
      token,
      body: { username: 'xem.xa', displayName: 'Khác', password: PASSWORD, role: 'province_viewer' },
    });
    expect([dup.status, dup.body.error.code]).toEqual([409, 'LAYSO_CONFLICT']);
    const noSite = await call(hub, 'POST', '/api/hub/admin/users', {
      token,
      body: {
        username: 'xem.xb',
        displayName: 'Khác',
        password: PASSWORD,
        role: 'site_viewer',
        siteIds: [9999],
      },
    });
    expect([noSite.status, noSite.body.error.code]).toEqual([404, 'LAYSO_HUB_SITE_NOT_FOUND']);
    const short = await call(hub, 'POST', '/api/hub/admin/users', {
      token,
      body: { username: 'xem.xc', displayName: 'Khác', password: 'ngan', role: 'site_viewer' },
    });
    expect([short.status, short.body.error.code]).toEqual([400, 'LAYSO_VALIDATION']);

    let session = await signIn(hub, 'xem.xa');
    expect(await hub.access.viewerOf(session)).toMatchObject({ siteIds: [siteIds[0]] });
    // A name change leaves the session; a change of sites ends it.
    const renamed = await call(hub, 'POST', `/api/hub/admin/users/${id}`, {
      token,
      body: { displayName: 'Cán bộ xã' },
    });
    expect(renamed.body.displayName).toBe('Cán bộ xã');
    expect(await hub.access.viewerOf(session)).not.toBeNull();
    const moved = await call(hub, 'POST', `/api/hub/admin/users/${id}`, { token, body: { siteIds } });
    expect(moved.body.siteIds).toEqual(siteIds);
    expect(await hub.access.viewerOf(session)).toBeNull();
    session = await signIn(hub, 'xem.xa');
    const promoted = await call(hub, 'POST', `/api/hub/admin/users/${id}`, {
      token,
      body: { role: 'province_viewer' },
    });
    expect(promoted.body).toMatchObject({ role: 'province_viewer', siteIds: null });
    expect(await hub.access.viewerOf(session)).toBeNull();
    expect(await hub.access.viewerOf(await signIn(hub, 'xem.xa'))).toMatchObject({ siteIds: null });

    const disabled = await call(hub, 'POST', `/api/hub/admin/users/${id}`, {
      token,
      body: { disabled: true },
    });
    expect(disabled.body.disabled).toBe(true);
    const refused = await call(hub, 'POST', '/api/hub/auth/login', {
      body: { username: 'xem.xa', password: PASSWORD },
    });
    expect(refused.body.error.code).toBe('LAYSO_HUB_USER_DISABLED');
    await call(hub, 'POST', `/api/hub/admin/users/${id}`, { token, body: { disabled: false } });

    session = await signIn(hub, 'xem.xa');
    const NEW = 'mật-khẩu-mới-đủ-dài';
    const reset = await call(hub, 'POST', `/api/hub/admin/users/${id}/password`, {
      token,
      body: { password: NEW },
    });
    expect(reset.status).toBe(200);
    expect(await hub.access.viewerOf(session)).toBeNull();
    const old = await call(hub, 'POST', '/api/hub/auth/login', {
      body: { username: 'xem.xa', password: PASSWORD },
    });
    expect(old.body.error.code).toBe('LAYSO_BAD_CREDENTIALS');
    await signIn(hub, 'xem.xa', NEW);

    for (const [path, body, status, code] of [
      ['/api/hub/admin/users/9999', { disabled: true }, 404, 'LAYSO_USER_NOT_FOUND'],
      ['/api/hub/admin/users/9999/password', { password: NEW }, 404, 'LAYSO_USER_NOT_FOUND'],
      [`/api/hub/admin/users/${id}`, {}, 400, 'LAYSO_VALIDATION'],
      ['/api/hub/admin/users/abc', { disabled: true }, 400, 'LAYSO_VALIDATION'],
    ] as const) {
      const r = await call(hub, 'POST', path, { token, body });
      expect([path, r.status, r.body.error.code]).toEqual([path, status, code]);
    }
    const users = await call(hub, 'GET', '/api/hub/admin/users', { token });
    expect(users.body.map((u: any) => u.username)).toEqual(['tinh.admin', 'xem.xa']);
    expect(JSON.stringify(users.body)).not.toContain('argon2');

    const actions = (await auditRows(hub)).slice(3).map((r) => [r.username, r.action]);
    expect(actions).toEqual([
      ['tinh.admin', 'user.create'],
      ['tinh.admin', 'user.update'],
      ['tinh.admin', 'user.update'],
      ['tinh.admin', 'user.update'],
      ['tinh.admin', 'user.update'],
      ['tinh.admin', 'user.update'],
      ['tinh.admin', 'user.password'],
    ]);
    const log = JSON.stringify(await auditRows(hub));
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain(NEW);
  });

  it('the last active province admin cannot be demoted or disabled, even by two admins at once', async () => {
    const { hub, admin, token } = await startHub();
    for (const body of [{ role: 'province_viewer' }, { disabled: true }]) {
      const r = await call(hub, 'POST', `/api/hub/admin/users/${admin.id}`, { token, body });
      expect([r.status, r.body.error.code]).toEqual([409, 'LAYSO_HUB_LAST_ADMIN']);
    }
    const other = await call(hub, 'POST', '/api/hub/admin/users', {
      token,
      body: {
        username: 'tinh.admin2',
        displayName: 'Quản trị 2',
        password: PASSWORD,
        role: 'province_admin',
      },
    });
    // Each disables the other at the same moment (the services, so no session ends before the rule is asked): one
    // wins, the other is told it would leave no admin.
    const both = await Promise.allSettled([
      updateUser(
        hub.pool,
        NOW,
        other.body.id,
        { disabled: true },
        { userId: admin.id, username: 'tinh.admin' },
      ),
      updateUser(
        hub.pool,
        NOW,
        admin.id,
        { disabled: true },
        { userId: other.body.id, username: 'tinh.admin2' },
      ),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = both.find((r) => r.status === 'rejected');
    expect(lost?.status === 'rejected' && lost.reason).toMatchObject({ code: 'LAYSO_HUB_LAST_ADMIN' });
    const active = await hub.pool.query(
      "SELECT count(*)::int AS n FROM users WHERE role = 'province_admin' AND disabled_at IS NULL",
    );
    expect(active.rows[0]?.n).toBe(1);
  });

  it('lists the audit log newest first, a page at a time', async () => {
    const { hub, token } = await startHub();
    for (const code of ['xa-a', 'xa-b', 'xa-c'])
      await call(hub, 'POST', '/api/hub/admin/sites', { token, body: { code, name: code, commune: code } });
    const first = await call(hub, 'GET', '/api/hub/admin/audit?limit=2', { token });
    expect(first.status).toBe(200);
    expect(first.body.entries.map((e: any) => [e.action, e.details.code])).toEqual([
      ['site.register', 'xa-c'],
      ['site.register', 'xa-b'],
    ]);
    expect(first.body.entries[0]).toMatchObject({ username: 'tinh.admin', at: NOW.toISOString() });
    const second = await call(hub, 'GET', `/api/hub/admin/audit?limit=2&before=${first.body.next}`, {
      token,
    });
    expect(second.body.entries.map((e: any) => [e.action, e.username])).toEqual([
      ['site.register', 'tinh.admin'],
      ['user.create', null],
    ]);
    expect(second.body.next).toBeNull();
    const bad = await call(hub, 'GET', '/api/hub/admin/audit?limit=0', { token });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'LAYSO_VALIDATION']);
  });
});
