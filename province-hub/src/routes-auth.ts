import { HUB_ENDPOINTS } from '@layso/protocol';
import type { FastifyInstance } from 'fastify';
import { publicRoute, viewerRoute } from './endpoint.js';
import { HubError } from './hub-error.js';
import type { HubAccounts } from './sign-in.js';

/** Sign-in, sign-out and "who am I" of the hub's screens. */
export function registerAuthRoutes(app: FastifyInstance, accounts: HubAccounts): void {
  const { hubLogin, hubLogout, hubMe } = HUB_ENDPOINTS;

  publicRoute(app, hubLogin, async ({ req, address }) => {
    const body = hubLogin.body.parse(req.body);
    return accounts.login(body.username, body.password, address);
  });

  viewerRoute(app, accounts, hubLogout, async ({ token }) => {
    await accounts.logout(token);
    return { ok: true } as const;
  });

  viewerRoute(app, accounts, hubMe, async ({ token }) => {
    const me = await accounts.whoIs(token);
    // Ended between the guard and here (signed out in another tab): as if it had ended before.
    if (!me) throw new HubError('LAYSO_UNAUTHENTICATED');
    return me;
  });
}
