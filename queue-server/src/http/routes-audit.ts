import { toIso } from '../domain/time.js';
import type { Context } from './context.js';
import type { SomeHandlers } from './endpoint.js';

/** `GET /api/admin/audit`: the audit log, newest first, for admins and supervisors. */
export function auditHandlers(ctx: Context) {
  return {
    audit: async (req) => {
      const names = new Map(ctx.store.users().map((u) => [u.id, u.username]));
      return ctx.audit.list(req.query.limit).map((e) => ({
        id: e.id,
        at: toIso(e.at),
        userId: e.userId,
        username: e.userId === null ? null : (names.get(e.userId) ?? null),
        action: e.action,
        detail: e.detail === null ? null : (JSON.parse(e.detail) as unknown),
      }));
    },
  } satisfies SomeHandlers;
}
