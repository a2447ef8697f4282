import { SimulationJob, SimulationRequest, SimulationSetup } from '@layso/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Simulations } from '../app/simulations.js';
import type { Context } from '../context.js';
import { guard } from './guard.js';

/**
 * What-if staffing for supervisors and admins (`app/simulations.ts`): the setup, a run started as a job, and the
 * job polled until done. Nothing here changes the center's data.
 */
export const simulationRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const reader = guard(ctx.auth, { roles: ['admin', 'supervisor'] });
    const sims = new Simulations(ctx.store, ctx.clock, (err) => app.log.error({ err }, 'simulation failed'));
    app.addHook('onClose', async () => sims.close());

    app.get(
      '/api/admin/simulation',
      { onRequest: reader, schema: { tags: ['admin'], response: { 200: SimulationSetup } } },
      async () => sims.setup(),
    );
    app.post(
      '/api/admin/simulations',
      {
        onRequest: reader,
        schema: { tags: ['admin'], body: SimulationRequest, response: { 202: SimulationJob } },
      },
      async (req, reply) => reply.code(202).send(sims.start(req.body)),
    );
    app.get(
      '/api/admin/simulations/:id',
      {
        onRequest: reader,
        schema: {
          tags: ['admin'],
          params: z.object({ id: z.string().uuid() }),
          response: { 200: SimulationJob },
        },
      },
      async (req) => sims.get(req.params.id),
    );
  };
