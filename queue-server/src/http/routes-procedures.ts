import type { Context } from './context.js';
import type { SomeHandlers } from './endpoint.js';
import { userIdOf } from './guard.js';

/**
 * `PUT /api/admin/procedures/:id`: the admin offers one procedure under another service (or none), e.g. one the
 * import could not map. The kiosk's search sees it at once. Import: routes-admin.ts; search: routes-public.ts.
 */
export const procedureHandlers = (ctx: Context) =>
  ({
    setProcedureService: async (req) => {
      const { before, after } = ctx.catalogue.setService(req.params.id, req.body.serviceId);
      const brief = (p: typeof before) => ({ id: p.id, code: p.code, serviceId: p.serviceId });
      ctx.audit.record(ctx.clock.now(), userIdOf(req), 'procedure.update', {
        before: brief(before),
        after: brief(after),
      });
      return after;
    },
  }) satisfies SomeHandlers;
