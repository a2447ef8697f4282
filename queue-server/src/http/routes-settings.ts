import { z } from 'zod';
import { AnnounceSettings, CenterSettings, PrinterFaultMode } from '@layso/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toIso } from '../domain/time.js';
import type { Context } from '../context.js';
import { guard, userIdOf } from './guard.js';

/**
 * `CenterSettings` as the server sends it: already trimmed and in NFC, so the input's one-way transforms (which a
 * reply cannot be encoded through) give way to plain strings of the same shape.
 */
const CenterSettingsReply = z
  .object({
    centerName: z.string(),
    agencyId: z.string().nullable(),
    announce: AnnounceSettings,
    notice: z.string(),
    intakeRetentionDays: z.number().int(),
    maxPriorityInRow: z.number().int(),
    ratingSeconds: z.number().int(),
    printerFaultMode: PrinterFaultMode,
  })
  .strict() satisfies z.ZodType<CenterSettings>;

/**
 * The center's settings that take effect without a restart (name, agency identifier, announcement, notice,
 * retention, priority mix, rating time, printer-fault mode): supervisors read, admins change. A change is
 * audited and every screen hears `settings:changed`, then fetches its own settings again.
 */
export const settingsRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const admin = guard(ctx.auth, { roles: ['admin'] });
    const reader = guard(ctx.auth, { roles: ['admin', 'supervisor'] });

    app.get(
      '/api/admin/settings',
      {
        onRequest: reader,
        schema: {
          tags: ['admin'],
          summary: "The center's settings: the environment's defaults overlaid by the admin's saved values",
          response: { 200: CenterSettingsReply },
        },
      },
      async () => ctx.settings.get(),
    );

    app.put(
      '/api/admin/settings',
      {
        onRequest: admin,
        schema: {
          tags: ['admin'],
          summary: "Change the center's settings; they hold at once and every screen is told",
          body: CenterSettings,
          response: { 200: CenterSettingsReply },
        },
      },
      async (req) => {
        const before = ctx.settings.get();
        const after = ctx.settings.save(req.body);
        ctx.audit.record(ctx.clock.now(), userIdOf(req), 'settings.update', { before, after });
        ctx.publisher.settingsChanged({ at: toIso(ctx.clock.now()) });
        return after;
      },
    );
  };
