import { z } from 'zod';
import { AuditEntry, AuditQuery } from '@layso/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toIso } from '../domain/time.js';
import type { Context } from '../context.js';
import { guard } from './guard.js';

/** `GET /api/admin/audit`: the audit log, newest first, for admins and supervisors. */
export const auditRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const reader = guard(ctx.auth, { roles: ['admin', 'supervisor'] });
    app.get(
      '/api/admin/audit',
      {
        onRequest: reader,
        schema: { tags: ['admin'], querystring: AuditQuery, response: { 200: z.array(AuditEntry) } },
      },
      async (req) => {
        const names = new Map(ctx.store.accounts.users().map((u) => [u.id, u.username]));
        return ctx.audit.list(req.query.limit).map((e) => ({
          id: e.id,
          at: toIso(e.at),
          userId: e.userId,
          username: e.userId === null ? null : (names.get(e.userId) ?? null),
          action: e.action,
          detail: e.detail === null ? null : (JSON.parse(e.detail) as unknown),
        }));
      },
    );
  };
