import { SetupBody, SetupStatus, User } from '@layso/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FirstRunSetup } from '../auth/setup.js';
import type { Context } from '../context.js';

/**
 * First run: a server started without any admin prints a one-time setup code on its console; whoever holds it
 * creates the first admin here. Once an admin exists (made here or by `npm run create-admin`), both answer "done".
 */
export const setupRoutes =
  (ctx: Context, setup: FirstRunSetup): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/setup', { schema: { tags: ['setup'], response: { 200: SetupStatus } } }, async () => ({
      needed: setup.needed(),
    }));

    app.post(
      '/api/setup',
      { schema: { tags: ['setup'], body: SetupBody, response: { 201: User } } },
      async (req, reply) => {
        const { code, username, displayName, password } = req.body;
        const user = await setup.createFirstAdmin(code, { username, displayName, password }, req.ip);
        ctx.audit.record(ctx.clock.now(), user.id, 'setup.first-admin', { userId: user.id });
        return reply.code(201).send({
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          counterId: null,
          homeCounterId: null,
        });
      },
    );
  };
