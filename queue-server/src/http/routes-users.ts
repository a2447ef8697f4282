import type { AdminUser } from '@layso/protocol';
import type { FastifyRequest } from 'fastify';
import { hashPassword } from '@layso/server-kit';
import type { UserRow } from '../db/store.js';
import { fail } from '../errors.js';
import type { Context } from '../context.js';
import type { SomeHandlers } from './endpoint.js';
import { userIdOf } from './guard.js';

/** An account as the admin sees it: never its password hash. */
const adminView = (u: UserRow): AdminUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  counterId: u.counterId,
  homeCounterId: u.counterId,
  active: u.active,
});

/** Why a change is refused although its body is valid: in the 409's details, Vietnamese and English. */
const LAST_ADMIN = {
  reason: 'last-admin',
  vi: 'Đây là quản trị viên cuối cùng còn hoạt động: hãy tạo hoặc mở lại một quản trị viên khác trước',
  en: 'This is the last active admin: create or re-enable another admin first',
};
const SELF_DISABLE = {
  reason: 'self-disable',
  vi: 'Không thể tự khoá tài khoản của chính mình: nhờ một quản trị viên khác',
  en: 'You cannot disable your own account: ask another admin',
};

/** The center's officers, supervisors and admins: admins change them, supervisors read. */
export function userHandlers(ctx: Context) {
  /** Who changed what, before → after (never a password or its hash). */
  const audit = (req: FastifyRequest, action: string, detail: object): void =>
    ctx.audit.record(ctx.clock.now(), userIdOf(req), action, detail);
  /**
   * The user's sessions end (all but `keep`): counters they held close, and their sockets drop at once
   * (the gateway re-checks every socket's token).
   */
  const endSessions = (userId: number, keep: string | null = null): void => {
    ctx.store.accounts.deleteUserSessions(userId, keep);
    ctx.publisher.publish(ctx.queue.releaseIdleSeats());
    ctx.publisher.sweep('sessions');
  };

  return {
    users: async () => ctx.store.accounts.users().map(adminView),

    addUser: async (req) => {
      const b = req.body;
      if (ctx.store.accounts.userByName(b.username)) fail('LAYSO_CONFLICT', { username: b.username });
      if (b.counterId && !ctx.store.counters.byId(b.counterId)) fail('LAYSO_COUNTER_NOT_FOUND');
      const passwordHash = await hashPassword(b.password);
      const id = ctx.store.accounts.addUser({
        username: b.username,
        displayName: b.displayName,
        role: b.role,
        passwordHash,
        counterId: b.counterId ?? null,
      });
      const user = adminView(ctx.store.accounts.user(id) as UserRow);
      audit(req, 'user.add', { after: user });
      return user;
    },

    updateUser: async (req) => {
      const id = req.params.id;
      const b = req.body;
      if (b.counterId !== null && !ctx.store.counters.byId(b.counterId)) fail('LAYSO_COUNTER_NOT_FOUND');
      const { before, after, ended } = ctx.store.transaction(() => {
        const row = ctx.store.accounts.user(id) ?? fail('LAYSO_USER_NOT_FOUND');
        if (!b.active && row.active && id === userIdOf(req)) fail('LAYSO_CONFLICT', SELF_DISABLE);
        const losesAdmin = row.role === 'admin' && row.active && (b.role !== 'admin' || !b.active);
        const otherAdmins = ctx.store.accounts
          .users()
          .filter((u) => u.id !== id && u.role === 'admin' && u.active).length;
        if (losesAdmin && otherAdmins === 0) fail('LAYSO_CONFLICT', LAST_ADMIN);
        ctx.store.accounts.updateUser({
          id,
          displayName: b.displayName,
          role: b.role,
          counterId: b.counterId,
          active: b.active,
        });
        return {
          before: adminView(row),
          after: adminView(ctx.store.accounts.user(id) as UserRow),
          ended: (row.active && !b.active) || row.role !== b.role,
        };
      });
      if (ended) endSessions(id);
      audit(req, 'user.update', { before, after, sessionsEnded: ended });
      return after;
    },

    resetPassword: async (req) => {
      const id = req.params.id;
      if (!ctx.store.accounts.user(id)) fail('LAYSO_USER_NOT_FOUND');
      const passwordHash = await hashPassword(req.body.password);
      const row = ctx.store.accounts.user(id) ?? fail('LAYSO_USER_NOT_FOUND');
      ctx.store.accounts.setPasswordHash(id, passwordHash);
      // An admin who sets their own password stays signed in here; everywhere else the old sessions end.
      const p = req.principal;
      endSessions(id, p?.kind === 'user' && p.user.id === id ? p.tokenHash : null);
      audit(req, 'user.password', { userId: row.id, username: row.username });
      return adminView(ctx.store.accounts.user(id) as UserRow);
    },
  } satisfies SomeHandlers;
}
