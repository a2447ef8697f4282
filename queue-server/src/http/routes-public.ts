import { BUILD } from '../build-info.js';
import { schemaVersion } from '../db/migrate.js';
import { serviceDay, toIso } from '../domain/time.js';
import { fail } from '../errors.js';
import type { Context } from '../context.js';
import type { SomeHandlers } from './endpoint.js';

/** What anyone on the center's network may read: health, version, the kiosk's menu, search, a ticket's status. */
export function publicHandlers(ctx: Context) {
  const startedAt = Date.now();
  const uptimeSeconds = () => Math.round((Date.now() - startedAt) / 1000);
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

    track: async (req) => {
      const t = ctx.queue.ticketByTracking(req.params.code);
      // A tracking page left open past midnight must learn that its ticket is over, not read "0 ahead".
      return { ...t, expired: t.day !== ctx.queue.today() };
    },

    priorityGroups: async () => ctx.store.catalogue.priorityGroups(),
  } satisfies SomeHandlers;
}
