import { z } from 'zod';
import { Health, ProcedureHit, ProcedureQuery, PublicTicket, Service } from '@layso/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { serviceDay, toIso } from '../domain/time.js';
import type { Context } from '../context.js';

const startedAt = Date.now();

/** What anyone on the center's network may read: health, the kiosk's menu, search, a ticket's public status. */
export const publicRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/health', { schema: { tags: ['public'], response: { 200: Health } } }, async () => {
      const now = ctx.clock.now();
      return {
        status: 'ok' as const,
        version: ctx.version,
        time: toIso(now),
        day: serviceDay(now),
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      };
    });

    app.get(
      '/api/services',
      { schema: { tags: ['public'], response: { 200: z.array(Service) } } },
      async () => ctx.queue.services().filter((s) => s.active),
    );

    app.get(
      '/api/procedures',
      { schema: { tags: ['public'], querystring: ProcedureQuery, response: { 200: z.array(ProcedureHit) } } },
      async (req) => {
        const { q, serviceId, unmapped, limit } = req.query;
        if (unmapped === 'true' && serviceId !== undefined) return [];
        return ctx.catalogue.search(q ?? '', unmapped === 'true' ? null : serviceId, limit);
      },
    );

    app.get(
      '/api/track/:code',
      {
        schema: {
          tags: ['public'],
          params: z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) }),
          response: { 200: PublicTicket },
        },
      },
      async (req) => ctx.queue.ticketByTracking(req.params.code),
    );

    app.get(
      '/api/priority-groups',
      {
        schema: {
          tags: ['public'],
          response: { 200: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })) },
        },
      },
      async () => ctx.store.catalogue.priorityGroups(),
    );
  };
