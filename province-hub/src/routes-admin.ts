import { HUB_ENDPOINTS } from '@layso/protocol';
import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import type { HubViewer } from './access.js';
import { listUsers, type Actor } from './accounts.js';
import {
  auditPage,
  listSites,
  registerSiteAudited,
  renewSiteKeyAudited,
  resetPassword,
  revokeSiteAudited,
  toHubUser,
  updateUser,
} from './admin.js';
import { viewerRoute } from './endpoint.js';
import type { HubAccounts } from './sign-in.js';
import { createUser } from './users.js';

const actorOf = (v: HubViewer): Actor => ({ userId: v.userId, username: v.username });

/** The province admin's endpoints (`who: 'province_admin'`): sites and their keys, accounts, the audit log. */
export function registerAdminRoutes(
  app: FastifyInstance,
  pool: Pool,
  clock: () => Date,
  accounts: HubAccounts,
): void {
  const e = HUB_ENDPOINTS;

  viewerRoute(app, accounts, e.hubAdminSites, () => listSites(pool));

  viewerRoute(app, accounts, e.hubAdminSiteRegister, async ({ req, viewer }) =>
    registerSiteAudited(pool, clock(), e.hubAdminSiteRegister.body.parse(req.body), actorOf(viewer)),
  );

  viewerRoute(app, accounts, e.hubAdminSiteKey, async ({ req, viewer }) => {
    const { code } = e.hubAdminSiteKey.params.parse(req.params);
    return renewSiteKeyAudited(pool, clock(), code, actorOf(viewer));
  });

  viewerRoute(app, accounts, e.hubAdminSiteRevoke, async ({ req, viewer }) => {
    const { code } = e.hubAdminSiteRevoke.params.parse(req.params);
    return revokeSiteAudited(pool, clock(), code, actorOf(viewer));
  });

  viewerRoute(app, accounts, e.hubAdminUsers, async () => (await listUsers(pool)).map(toHubUser));

  viewerRoute(app, accounts, e.hubAdminUserCreate, async ({ req, viewer }) => {
    const input = e.hubAdminUserCreate.body.parse(req.body);
    return toHubUser(await createUser(pool, clock, input, actorOf(viewer)));
  });

  viewerRoute(app, accounts, e.hubAdminUserUpdate, async ({ req, viewer }) => {
    const { id } = e.hubAdminUserUpdate.params.parse(req.params);
    const patch = e.hubAdminUserUpdate.body.parse(req.body);
    return updateUser(pool, clock(), id, patch, actorOf(viewer));
  });

  viewerRoute(app, accounts, e.hubAdminUserPassword, async ({ req, viewer }) => {
    const { id } = e.hubAdminUserPassword.params.parse(req.params);
    const { password } = e.hubAdminUserPassword.body.parse(req.body);
    return resetPassword(pool, clock(), id, password, actorOf(viewer));
  });

  viewerRoute(app, accounts, e.hubAdminAudit, async ({ req }) => {
    const { limit, before } = e.hubAdminAudit.query.parse(req.query);
    return auditPage(pool, limit, before);
  });
}
