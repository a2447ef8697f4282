import {
  HUB_ENDPOINTS,
  HubFloorParams,
  HubHeartbeat,
  HubOverviewQuery,
  type HubHeartbeatReply,
} from '@layso/protocol';
import { sendError as refuse } from '@layso/server-kit';
import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import { maySee, type HubAccess } from './access.js';
import { bearerOf, viewerRoute } from './endpoint.js';
import { HubError } from './hub-error.js';
import { applyHeartbeat } from './live.js';
import { readFloor, readOverview, siteIdOf } from './live-read.js';
import type { HubRealtime } from './realtime.js';
import { keyedSite } from './sites.js';

/** The heartbeat (site key) and the live view's reads (a viewer's session token): issue 20, Deliver 4. */

export interface LiveDeps {
  pool: Pool;
  access: HubAccess;
  clock: () => Date;
  realtime: HubRealtime;
}

export function registerLiveRoutes(app: FastifyInstance, deps: LiveDeps): void {
  const { pool, access, clock, realtime } = deps;

  const heartbeat = HUB_ENDPOINTS.hubHeartbeat;
  app.route({
    method: heartbeat.method,
    url: heartbeat.path,
    handler: async (req, reply) => {
      try {
        const site = await keyedSite(pool, bearerOf(req));
        if (typeof site === 'string') return refuse(reply, site);
        const parsed = HubHeartbeat.safeParse(req.body);
        if (!parsed.success) {
          const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
          return refuse(reply, 'LAYSO_VALIDATION', details);
        }
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

  viewerRoute(app, access, HUB_ENDPOINTS.hubOverview, async ({ req, viewer }) => {
    const query = HubOverviewQuery.parse(req.query);
    const filter = { siteIds: viewer.siteIds, commune: query.commune };
    return readOverview(pool, filter, query.sort ?? 'wait', clock());
  });

  viewerRoute(app, access, HUB_ENDPOINTS.hubSiteFloor, async ({ req, viewer }) => {
    const { code } = HubFloorParams.parse(req.params);
    const siteId = await siteIdOf(pool, code);
    // A site this viewer may not see answers as an unknown one: its existence is not theirs to learn.
    if (siteId === null || !maySee(viewer, siteId)) throw new HubError('LAYSO_NOT_FOUND');
    const state = await readFloor(pool, siteId, clock());
    if (!state) throw new HubError('LAYSO_NOT_FOUND');
    return state;
  });
}
