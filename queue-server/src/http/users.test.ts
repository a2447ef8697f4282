/**
 * The center's accounts (GET/POST /api/admin/users, PUT /api/admin/users/:id, POST /api/admin/users/:id/password):
 * disabling or changing a role ends the sessions and drops the sockets at once, a password reset ends the old
 * sessions, the last active admin stays, and every change is audited without a secret.
 */
import type { AdminUser } from '@layso/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.js';
import { login, next, socket } from '../testing/kit.js';

let h: Harness;
let admin: string;
/** A sign-in that may be refused: the reply as it is. */
const attempt = (username: string, password: string) =>
  h.api('/api/auth/login', { body: { username, password } });
const users = async (): Promise<AdminUser[]> => (await h.api('/api/admin/users', { token: admin })).body;
const userNamed = async (username: string): Promise<AdminUser> =>
  (await users()).find((u) => u.username === username)!;
const update = (id: number, body: object, as = admin) =>
  h.api(`/api/admin/users/${id}`, { token: as, method: 'PUT', body });
const edit = (u: AdminUser, patch: object) => ({
  displayName: u.displayName,
  role: u.role,
  counterId: u.counterId,
  active: u.active,
  ...patch,
});
const lastAudit = () => {
  const [e] = h.server.ctx.audit.list(1);
  return { action: e?.action, detail: JSON.parse(e?.detail ?? 'null') };
};

beforeAll(async () => {
  h = await startHarness();
  admin = (await login(h, 'admin')).token;
});
afterAll(() => h.close());

describe('officers: list and update', () => {
  it('lists every account with active, never a hash; supervisors read, officers do not', async () => {
    const list = await users();
    expect(list.length).toBeGreaterThan(2);
    for (const u of list) {
      expect(u).toEqual({
        id: expect.any(Number),
        username: expect.any(String),
        displayName: expect.any(String),
        role: expect.stringMatching(/^(admin|supervisor|officer|reception)$/),
        counterId: u.homeCounterId,
        homeCounterId: u.homeCounterId,
        active: true,
      });
    }
    expect(JSON.stringify(list)).not.toContain('$argon2');
    const added = await h.api('/api/admin/users', {
      token: admin,
      body: {
        username: 'giam.sat',
        displayName: 'Giám sát',
        password: 'mat-khau-giam-sat',
        role: 'supervisor',
      },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ username: 'giam.sat', active: true });
    const supervisor = (await login(h, 'giam.sat', 'mat-khau-giam-sat')).token;
    expect((await h.api('/api/admin/users', { token: supervisor })).status).toBe(200);
    const sup = await userNamed('giam.sat');
    expect((await update(sup.id, edit(sup, { displayName: 'x' }), supervisor)).status).toBe(403);
    const o = h.credentials.officers[0]!;
    const officer = (await login(h, o.username)).token;
    expect((await h.api('/api/admin/users', { token: officer })).status).toBe(403);
  });

  it('changes the name and usual counter (which must exist), audited before → after', async () => {
    const o = h.credentials.officers[1]!;
    const u = await userNamed(o.username);
    const session = (await login(h, o.username)).token;
    const other = h.credentials.officers[2]!.counterId;
    const r = await update(u.id, edit(u, { displayName: '  Nguyễn Văn Mới ', counterId: other }));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ displayName: 'Nguyễn Văn Mới', counterId: other, homeCounterId: other });
    expect(await userNamed(o.username)).toEqual(r.body);
    expect(lastAudit()).toMatchObject({
      action: 'user.update',
      detail: { before: { displayName: u.displayName }, after: { displayName: 'Nguyễn Văn Mới' } },
    });
    // Neither disabled nor a new role: the session goes on.
    expect((await h.api('/api/auth/me', { token: session })).status).toBe(200);

    const missing = await update(u.id, edit(u, { counterId: 999_999 }));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('LAYSO_COUNTER_NOT_FOUND');
    const nobody = await update(999_999, edit(u, {}));
    expect(nobody.status).toBe(404);
    expect(nobody.body.error.code).toBe('LAYSO_USER_NOT_FOUND');
    expect((await update(u.id, { ...edit(u, {}), username: 'doi-ten' })).status).toBe(400);
    expect((await update(u.id, edit(u, { role: 'chief' }))).status).toBe(400);
    expect(await userNamed(o.username)).toEqual(r.body);
  });

  it('disabling ends the sessions and drops the sockets; the login is refused with LAYSO_USER_DISABLED', async () => {
    const o = h.credentials.officers[3]!;
    const session = (await login(h, o.username)).token;
    const screen = socket(h, '/counter', { token: session });
    await next(screen, 'snapshot');
    const dropped = next(screen, 'disconnect');
    const u = await userNamed(o.username);

    const r = await update(u.id, edit(u, { active: false }));
    expect(r.status).toBe(200);
    expect(r.body.active).toBe(false);
    await dropped;
    expect((await h.api('/api/auth/me', { token: session })).status).toBe(401);
    // The counter the officer held is closed for the screens.
    expect(h.store.counters.byId(o.counterId)?.officerId).toBeNull();
    const refused = await attempt(o.username, o.password);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'LAYSO_USER_DISABLED',
      message: expect.stringMatching(/đã bị khoá.* \/ This account is disabled/),
    });
    // A wrong password says only that: whether the account is disabled is for who knows the password.
    expect((await attempt(o.username, 'khong-phai-mat-khau')).body.error.code).toBe('LAYSO_BAD_CREDENTIALS');
    expect(lastAudit()).toMatchObject({
      action: 'user.update',
      detail: { before: { active: true }, after: { active: false }, sessionsEnded: true },
    });

    expect((await update(u.id, edit(u, { active: true }))).status).toBe(200);
    expect((await attempt(o.username, o.password)).status).toBe(200);
  });

  it('a new role ends the sessions; the next sign-in has the new role', async () => {
    const o = h.credentials.officers[4]!;
    const session = (await login(h, o.username)).token;
    const u = await userNamed(o.username);
    const r = await update(u.id, edit(u, { role: 'supervisor' }));
    expect(r.status).toBe(200);
    expect((await h.api('/api/auth/me', { token: session })).status).toBe(401);
    const again = await attempt(o.username, o.password);
    expect(again.body.user.role).toBe('supervisor');
    expect((await h.api('/api/admin/users', { token: again.body.token })).status).toBe(200);
    expect(lastAudit()).toMatchObject({
      action: 'user.update',
      detail: { before: { role: 'officer' }, after: { role: 'supervisor' } },
    });
  });
});

describe('password reset', () => {
  it('sets the new password, refuses the old one, ends the old sessions, and audits no secret', async () => {
    const o = h.credentials.officers[5]!;
    const session = (await login(h, o.username)).token;
    const u = await userNamed(o.username);
    const fresh = 'mat-khau-moi-rat-dai';
    const r = await h.api(`/api/admin/users/${u.id}/password`, { token: admin, body: { password: fresh } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(u);
    expect((await h.api('/api/auth/me', { token: session })).status).toBe(401);
    expect((await attempt(o.username, o.password)).body.error.code).toBe('LAYSO_BAD_CREDENTIALS');
    expect((await attempt(o.username, fresh)).status).toBe(200);
    const audit = lastAudit();
    expect(audit).toMatchObject({ action: 'user.password', detail: { userId: u.id, username: o.username } });
    const log = JSON.stringify(h.server.ctx.audit.list(50));
    expect(log).not.toContain(fresh);
    expect(log).not.toContain('$argon2');

    expect(
      (await h.api(`/api/admin/users/${u.id}/password`, { token: admin, body: { password: 'short' } }))
        .status,
    ).toBe(400);
    expect(
      (await h.api('/api/admin/users/999999/password', { token: admin, body: { password: fresh } })).body
        .error.code,
    ).toBe('LAYSO_USER_NOT_FOUND');
    const supervisor = (await login(h, 'giam.sat', 'mat-khau-giam-sat')).token;
    expect(
      (await h.api(`/api/admin/users/${u.id}/password`, { token: supervisor, body: { password: fresh } }))
        .status,
    ).toBe(403);
  });

  it("an admin's own reset keeps the session it was made from", async () => {
    const me = await userNamed(h.credentials.admin.username);
    const elsewhere = (await login(h, 'admin')).token;
    const fresh = 'mat-khau-quan-tri-moi';
    const r = await h.api(`/api/admin/users/${me.id}/password`, { token: admin, body: { password: fresh } });
    expect(r.status).toBe(200);
    expect((await h.api('/api/auth/me', { token: admin })).status).toBe(200);
    expect((await h.api('/api/auth/me', { token: elsewhere })).status).toBe(401);
    expect((await attempt(h.credentials.admin.username, fresh)).status).toBe(200);
  });
});

describe('the last active admin', () => {
  it('cannot be demoted or disabled, and no admin disables themself', async () => {
    const me = await userNamed(h.credentials.admin.username);
    const demote = await update(me.id, edit(me, { role: 'supervisor' }));
    expect(demote.status).toBe(409);
    expect(demote.body.error).toMatchObject({
      code: 'LAYSO_CONFLICT',
      details: {
        reason: 'last-admin',
        vi: expect.any(String),
        en: expect.stringContaining('last active admin'),
      },
    });
    const self = await update(me.id, edit(me, { active: false }));
    expect(self.status).toBe(409);
    expect(self.body.error.details.reason).toBe('self-disable');
    expect(await userNamed(h.credentials.admin.username)).toEqual(me);

    // A second admin: now the first may be demoted (by the second), but then the second is the last one.
    const added = await h.api('/api/admin/users', {
      token: admin,
      body: {
        username: 'quan.tri.2',
        displayName: 'Quản trị 2',
        password: 'mat-khau-quan-tri-2',
        role: 'admin',
      },
    });
    expect(added.status).toBe(201);
    const second = (await login(h, 'quan.tri.2', 'mat-khau-quan-tri-2')).token;
    const disabledByOther = await update(added.body.id, edit(added.body, { active: false }));
    expect(disabledByOther.status).toBe(200);
    // A disabled admin does not count: the first is the last active one again.
    expect((await update(me.id, edit(me, { role: 'officer' }))).status).toBe(409);
    expect((await h.api('/api/auth/me', { token: second })).status).toBe(401);
    expect((await update(added.body.id, edit(added.body, { active: true }))).status).toBe(200);

    const other = (await login(h, 'quan.tri.2', 'mat-khau-quan-tri-2')).token;
    const demoted = await update(me.id, edit(me, { role: 'supervisor' }), other);
    expect(demoted.status).toBe(200);
    expect((await h.api('/api/admin/users', { token: admin })).status).toBe(401);
    const last = await update(added.body.id, edit(added.body, { role: 'officer' }), other);
    expect(last.status).toBe(409);
    expect(last.body.error.details.reason).toBe('last-admin');
    expect(h.server.ctx.audit.list(10).filter((e) => e.action === 'user.update').length).toBeGreaterThan(2);
  });
});
