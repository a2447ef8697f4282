import { isDeepStrictEqual } from 'node:util';
import { toIso } from '../domain/time.js';
import { fail } from '../errors.js';
import type { Context } from '../context.js';
import type { SomeHandlers } from './endpoint.js';
import { userIdOf } from './guard.js';

/**
 * The center's settings that take effect without a restart (name, agency identifier, announcement, notice,
 * retention, priority mix, rating time, printer-fault mode): supervisors read, admins change. A change is
 * audited and every screen hears `settings:changed`, then fetches its own settings again.
 */
export function settingsHandlers(ctx: Context) {
  return {
    settings: async () => ctx.settings.get(),

    saveSettings: async (req) => {
      const before = ctx.settings.get();
      // The announcement is the province's when its catalogue sets it: the rest of the form stays the center's.
      if (ctx.store.province.applied()?.announce && !isDeepStrictEqual(req.body.announce, before.announce))
        fail('LAYSO_PROVINCE_MANAGED', { part: 'announce' });
      const returns = req.body.returnsServiceId;
      if (returns !== null && !ctx.store.catalogue.service(returns)) fail('LAYSO_SERVICE_NOT_FOUND');
      const after = ctx.settings.save(req.body);
      ctx.audit.record(ctx.clock.now(), userIdOf(req), 'settings.update', { before, after });
      ctx.publisher.settingsChanged({ at: toIso(ctx.clock.now()) });
      return after;
    },
  } satisfies SomeHandlers;
}
