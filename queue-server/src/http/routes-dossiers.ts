import type { Context } from '../context.js';
import { fail } from '../errors.js';
import type { SomeHandlers } from './endpoint.js';

/**
 * The dossier after the counter (issue 18): a citizen's lookup at the kiosk (limited per kiosk) and on a phone
 * (limited per address), and an officer's look at one dossier. Failed lookups are counted, never logged with the
 * digits tried.
 */
export function dossierHandlers(ctx: Context) {
  return {
    kioskDossierLookup: async (req) => {
      const p = req.principal;
      if (p?.kind !== 'device') fail('LAYSO_FORBIDDEN');
      return ctx.dossiers.lookup(req.body, `device:${p.device.id}`);
    },

    publicDossierLookup: async (req) => ctx.dossiers.lookup(req.body, `ip:${req.ip}`),

    dossier: async (req) => ctx.dossiers.record(req.params.code),
  } satisfies SomeHandlers;
}
