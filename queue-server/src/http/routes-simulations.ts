import type { FastifyInstance } from 'fastify';
import { Simulations } from '../app/simulations.js';
import type { Context } from './context.js';
import type { SomeHandlers } from './endpoint.js';

/**
 * What-if staffing for supervisors and admins (`app/simulations.ts`): the setup, a run started as a job, and the
 * job polled until done. Nothing here changes the center's data.
 */
export function simulationHandlers(ctx: Context, app: FastifyInstance) {
  const sims = new Simulations(ctx.store, ctx.clock, (err) => app.log.error({ err }, 'simulation failed'));
  app.addHook('onClose', async () => sims.close());

  return {
    simulationSetup: async () => sims.setup(),
    startSimulation: async (req) => sims.start(req.body),
    simulation: async (req) => sims.get(req.params.id),
  } satisfies SomeHandlers;
}
