import { BUILD } from '../build-info.js';
import { schemaVersion } from '../db/migrate.js';
import { serviceDay, toIso } from '../domain/time.js';
import { fail } from '../errors.js';
import { upstreamView } from '../sync/health.js';
import type { Context } from '../context.js';
import type { SomeHandlers } from './endpoint.js';

/** What anyone on the center's network may read: health, version, the kiosk's menu, search, a ticket's status. */
export function publicHandlers(ctx: Context) {
  const startedAt = Date.now();
  const uptimeSeconds = () => Math.round((Date.now() - startedAt) / 1000);
  const phone = (code: string) =>
    ctx.queue.publicView(
      ctx.store.tickets.byTracking(code) ?? fail('LAYSO_TICKET_NOT_FOUND'),
      ctx.settings.get().centerName,
    );
  return {
    // Checked afresh at every call (one tiny write, one statfs): a monitor asking is told the truth now.
    health: async () => {
      const now = ctx.clock.now();
      const storage = ctx.storage.check();
      const disk = { freeBytes: storage.freeBytes, minFreeBytes: storage.minFreeBytes };
      if (storage.problem)
        fail(storage.problem, { database: { writable: storage.writable, error: storage.writeError }, disk });
      return {
        status: 'ok' as const,
        version: ctx.version,
        time: toIso(now),
        day: serviceDay(now),
        uptimeSeconds: uptimeSeconds(),
        database: { writable: true },
        disk,
        upstreams: {
          province: upstreamView(ctx.sync.health()),
          hub: ctx.hub.view(),
          hubCatalogue: ctx.provinceCatalogue.status(),
        },
      };
    },

    version: async () => ({
      ...BUILD,
      schemaVersion: schemaVersion(ctx.store.db),
      node: process.version,
      startedAt: new Date(startedAt).toISOString(),
      uptimeSeconds: uptimeSeconds(),
    }),

    services: async () => ctx.queue.services().filter((s) => s.active),

    procedures: async (req) => {
      const { q, serviceId, unmapped, limit } = req.query;
      if (unmapped === 'true' && serviceId !== undefined) return [];
      return ctx.catalogue.search(q ?? '', unmapped === 'true' ? null : serviceId, limit);
    },

    // A tracking page left open past midnight learns that its ticket is over (`expired`), not "0 ahead".
    track: async (req) => phone(req.params.code),

    // The phone page's two actions; the ticket's stream (realtime/ticket-stream.ts) hears the change too.
    ticketOnMyWay: async (req) => {
      ctx.phoneLimit.take(req.ip, req.params.code);
      ctx.publisher.publish(ctx.queue.onMyWayFrom(req.params.code).events);
      return phone(req.params.code);
    },
    ticketLeave: async (req) => {
      ctx.phoneLimit.take(req.ip, req.params.code);
      ctx.publisher.publish(ctx.queue.leave(req.params.code).events);
      return phone(req.params.code);
    },

    priorityGroups: async () => ctx.store.catalogue.priorityGroups(),
  } satisfies SomeHandlers;
}
