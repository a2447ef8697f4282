import {
  HUB_ENDPOINTS,
  HubFloorParams,
  HubHeartbeat,
  HubOverviewQuery,
  type ErrorCode,
  type HubHeartbeatReply,
} from '@layso/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import type { z } from 'zod';
import { maySee, type HubAccess, type HubViewer } from './access.js';
import { applyHeartbeat } from './live.js';
import { readFloor, readOverview, siteIdOf } from './live-read.js';
import type { HubRealtime } from './realtime.js';
import { BEARER, refuse } from './server.js';
import { siteOfKey, type KeyedSite } from './sites.js';

/** The heartbeat (site key) and the live view's reads (a viewer's session token): issue 20, Deliver 4. */

export interface LiveDeps {
  pool: Pool;
  access: HubAccess;
  clock: () => Date;
  realtime: HubRealtime;
}

function bearer(req: FastifyRequest): string | undefined {
  return BEARER.exec(req.headers.authorization ?? '')?.[1];
}

function invalid(reply: FastifyReply, error: z.ZodError): FastifyReply {
  const details = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return refuse(reply, 'LAYSO_VALIDATION', details);
}

/** The site a request's key names, or why it is refused (the batches' checks, in the same order). */
async function keyed(pool: Pool, req: FastifyRequest): Promise<KeyedSite | ErrorCode> {
  const key = bearer(req);
  if (!key) return 'LAYSO_HUB_SITE_KEY';
  const site = await siteOfKey(pool, key);
  if (!site) return 'LAYSO_HUB_SITE_KEY';
  return site.revoked ? 'LAYSO_HUB_SITE_REVOKED' : site;
}

export function registerLiveRoutes(app: FastifyInstance, deps: LiveDeps): void {
  const { pool, access, clock, realtime } = deps;

  /** The signed-in viewer, or the reply already refused. */
  const viewerOf = async (req: FastifyRequest, reply: FastifyReply): Promise<HubViewer | null> => {
    const token = bearer(req);
    const viewer = token ? await access.viewerOf(token) : null;
    if (!viewer) refuse(reply, 'LAYSO_UNAUTHENTICATED');
    return viewer;
  };

  const heartbeat = HUB_ENDPOINTS.hubHeartbeat;
  app.route({
    method: heartbeat.method,
    url: heartbeat.path,
    handler: async (req, reply) => {
      try {
        const site = await keyed(pool, req);
        if (typeof site === 'string') return refuse(reply, site);
        const parsed = HubHeartbeat.safeParse(req.body);
        if (!parsed.success) return invalid(reply, parsed.error);
        if (parsed.data.site !== site.code) return refuse(reply, 'LAYSO_HUB_SITE_MISMATCH');
        const acknowledged = await beat(site.id, parsed.data);
        if (acknowledged === null) return refuse(reply, 'LAYSO_HUB_SITE_REVOKED');
        realtime.siteChanged(site.id, false).catch(() => {});
        const answer: HubHeartbeatReply = { acknowledged };
        return reply.code(200).send(answer);
      } catch (err) {
        req.log.warn({ err }, 'hub database unavailable');
        return refuse(reply, 'LAYSO_HUB_UNAVAILABLE');
      }
    },
  });

  /** Under the site's row lock, like a batch: a heartbeat never interleaves with one of its batches. */
  async function beat(siteId: number, body: HubHeartbeat): Promise<number | null> {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ acknowledged: string; revoked: boolean }>(
        `SELECT acknowledged_seq AS acknowledged, revoked_at IS NOT NULL AS revoked
           FROM sites WHERE id = $1 FOR UPDATE`,
        [siteId],
      );
      const row = rows[0];
      if (!row || row.revoked) {
        await client.query('ROLLBACK');
        return null;
      }
      await applyHeartbeat(client, siteId, body, clock());
      await client.query('COMMIT');
      return Number(row.acknowledged);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw err;
    } finally {
      client.release(broken);
    }
  }

  const overview = HUB_ENDPOINTS.hubOverview;
  app.route({
    method: overview.method,
    url: overview.path,
    handler: async (req, reply) => {
      try {
        const viewer = await viewerOf(req, reply);
        if (!viewer) return reply;
        const query = HubOverviewQuery.safeParse(req.query);
        if (!query.success) return invalid(reply, query.error);
        const filter = { siteIds: viewer.siteIds, commune: query.data.commune };
        return reply.send(await readOverview(pool, filter, query.data.sort ?? 'wait', clock()));
      } catch (err) {
        req.log.warn({ err }, 'hub database unavailable');
        return refuse(reply, 'LAYSO_HUB_UNAVAILABLE');
      }
    },
  });

  const floor = HUB_ENDPOINTS.hubSiteFloor;
  app.route({
    method: floor.method,
    url: floor.path,
    handler: async (req, reply) => {
      try {
        const viewer = await viewerOf(req, reply);
        if (!viewer) return reply;
        const params = HubFloorParams.safeParse(req.params);
        if (!params.success) return invalid(reply, params.error);
        const siteId = await siteIdOf(pool, params.data.code);
        // A site this viewer may not see answers as an unknown one: its existence is not theirs to learn.
        if (siteId === null || !maySee(viewer, siteId)) return refuse(reply, 'LAYSO_NOT_FOUND');
        const state = await readFloor(pool, siteId, clock());
        return state ? reply.send(state) : refuse(reply, 'LAYSO_NOT_FOUND');
      } catch (err) {
        req.log.warn({ err }, 'hub database unavailable');
        return refuse(reply, 'LAYSO_HUB_UNAVAILABLE');
      }
    },
  });
}
