import type { FirstRunSetup } from '../auth/setup.js';
import type { Context } from './context.js';
import type { SomeHandlers } from './endpoint.js';

/**
 * First run: a server started without any admin prints a one-time setup code on its console; whoever holds it
 * creates the first admin here. Once an admin exists (made here or by `npm run create-admin`), both answer "done".
 */
export const setupHandlers = (ctx: Context, setup: FirstRunSetup) =>
  ({
    setupStatus: async () => ({ needed: setup.needed() }),

    setup: async (req) => {
      const { code, username, displayName, password } = req.body;
      const user = await setup.createFirstAdmin(code, { username, displayName, password }, req.ip);
      ctx.audit.record(ctx.clock.now(), user.id, 'setup.first-admin', { userId: user.id });
      return {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        counterId: null,
        homeCounterId: null,
      };
    },
  }) satisfies SomeHandlers;
