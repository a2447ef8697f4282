import { HUB_ENDPOINTS } from '@layso/protocol';
import { sendError as refuse } from '@layso/server-kit';
import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import type { HubViewer } from './access.js';
import type { Actor } from './accounts.js';
import {
  catalogueEtag,
  catalogueState,
  catalogueText,
  importCatalogue,
  matchesEtag,
  setCatalogueSettings,
} from './catalogue.js';
import { bearerOf, viewerRoute } from './endpoint.js';
import type { HubAccess } from './access.js';
import { keyedSite } from './sites.js';

const actorOf = (v: HubViewer): Actor => ({ userId: v.userId, username: v.username });

/** Hub → sites: the site's pull (by its key, with ETag) and the province admin's import and settings. */
export function registerCatalogueRoutes(
  app: FastifyInstance,
  pool: Pool,
  clock: () => Date,
  access: HubAccess,
): void {
  const e = HUB_ENDPOINTS;
  const pull = e.hubCatalogue;

  app.route({
    method: pull.method,
    url: pull.path,
    handler: async (req, reply) => {
      try {
        const site = await keyedSite(pool, bearerOf(req));
        if (typeof site === 'string') return refuse(reply, site);
        // The ETag alone first: a site that has the current document costs one small read, not the whole text.
        const etag = await catalogueEtag(pool);
        const ifNoneMatch = req.headers['if-none-match'];
        reply.header('cache-control', 'no-cache');
        if (matchesEtag(ifNoneMatch, etag)) return reply.header('etag', etag).code(304).send();
        const text = await catalogueText(pool);
        return reply
          .header('etag', text.etag)
          .header('content-type', 'application/json; charset=utf-8')
          .code(200)
          .send(text.body);
      } catch (err) {
        req.log.warn({ err }, 'hub database unavailable');
        return refuse(reply, 'LAYSO_HUB_UNAVAILABLE');
      }
    },
  });

  viewerRoute(app, access, e.hubAdminCatalogue, () => catalogueState(pool));

  viewerRoute(app, access, e.hubAdminCatalogueImport, async ({ req, viewer }) =>
    importCatalogue(pool, clock(), e.hubAdminCatalogueImport.body.parse(req.body), actorOf(viewer)),
  );

  viewerRoute(app, access, e.hubAdminCatalogueSettings, async ({ req, viewer }) =>
    setCatalogueSettings(pool, clock(), e.hubAdminCatalogueSettings.body.parse(req.body), actorOf(viewer)),
  );
}
