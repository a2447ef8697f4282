import { HUB_ENDPOINTS, HubBatch, type HubBatchReply } from '@layso/protocol';
import { frameworkErrorCode, sendError as refuse } from '@layso/server-kit';
import Fastify, { type FastifyError } from 'fastify';
import pg from 'pg';
import type { HubAccess } from './access.js';
import { migrate } from './db/migrate.js';
import { bearerOf } from './endpoint.js';
import { Ingest } from './ingest.js';
import { registerAdminRoutes } from './routes-admin.js';
import { registerReports } from './reports/route.js';
import { startRealtime, type HubRealtime } from './realtime.js';
import { registerAuthRoutes } from './routes-auth.js';
import { registerCatalogueRoutes } from './routes-catalogue.js';
import { registerLiveRoutes } from './routes-live.js';
import { createAccess, type AccessOptions, type HubAccounts } from './sign-in.js';
import { keyedSite } from './sites.js';
import { DEFAULT_WEB_DIR, registerWeb } from './web.js';

export interface HubOptions {
  /** `postgres://…` of the hub's database; migrated at start. */
  databaseUrl: string;
  /** The hub's time (received, last heard); tests pass their own. */
  clock?: () => Date;
  /** Connections this process may hold (default 10). */
  poolSize?: number;
  /** Who may see what; default the hub's own accounts (`createAccess`). Tests of other features pass a small one. */
  access?: HubAccess;
  /** Sessions' life and the sign-in limits (default: the center's). */
  accounts?: Partial<AccessOptions>;
  /**
   * The load balancers in front (addresses or CIDRs) whose `X-Forwarded-For` names the client: the sign-in limits
   * count per client address, not per balancer. Unset: the connection's own address.
   */
  trustProxy?: string[];
  /** How often each process refreshes its own sockets' view (default 30 s): waits grow, silent sites go stale. */
  liveRefreshMs?: number;
  /** The built screens, served at `/` (default dist/web/hub at the repository root). */
  webDir?: string;
  /** Logs failures at this level and above on stdout (main passes LOG_LEVEL); tests leave the logger off. */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
}

export interface Hub {
  /** Listens (default 127.0.0.1, port 0 = any free one) and returns the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** The base URL once listening. */
  readonly url: string;
  /** The process's pool, for what has no endpoint yet (issuing site keys) and for tests. */
  readonly pool: pg.Pool;
  /** The hub's accounts: sign-in, sessions (also the `access` unless one was passed). */
  readonly accounts: HubAccounts;
  readonly access: HubAccess;
  /** The live view's sockets (issue 20, Deliver 4). */
  readonly realtime: HubRealtime;
}

/** The province hub's HTTP process: stateless, so several run behind one load balancer on one database. */
export async function createHub(options: HubOptions): Promise<Hub> {
  const clock = options.clock ?? (() => new Date());
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
  // An idle connection dropped by a database restart must not end the process: the next query reconnects.
  pool.on('error', () => {});
  // A connection that ends while checked out (the database restarting mid-query) emits 'error' on its client,
  // which the pool does not listen to then: unheard, it would end the process. The query itself still rejects.
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  const ingest = new Ingest(pool, clock);
  const endpoint = HUB_ENDPOINTS.hubBatch;
  const accounts = createAccess(pool, clock, options.accounts);
  const access = options.access ?? accounts;
  const app = Fastify({
    // Failures are logged where they are answered (a database down, a 500); one line per request would only cost
    // time. No personal data reaches the hub; the Authorization header (a key or a session) is never written.
    logger: options.logLevel
      ? { level: options.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] }
      : false,
    disableRequestLogging: true,
    bodyLimit: endpoint.bodyLimit,
    ...(options.trustProxy?.length ? { trustProxy: options.trustProxy } : {}),
  });

  app.setErrorHandler((err: FastifyError, _req, reply) => {
    const code = frameworkErrorCode(err);
    if (code) return refuse(reply, code);
    if (err instanceof SyntaxError) return refuse(reply, 'LAYSO_BAD_JSON');
    return refuse(reply, 'LAYSO_INTERNAL');
  });
  app.setNotFoundHandler((_req, reply) => refuse(reply, 'LAYSO_NOT_FOUND'));
  const realtime = await startRealtime(
    app.server,
    pool,
    options.databaseUrl,
    access,
    clock,
    options.liveRefreshMs,
  );
  registerLiveRoutes(app, { pool, access, clock, realtime });
  await registerWeb(app, options.webDir ?? DEFAULT_WEB_DIR);

  app.route({
    method: endpoint.method,
    url: endpoint.path,
    handler: async (req, reply) => {
      try {
        // Who is asking comes before what they sent: an unknown key learns nothing about the body's rules.
        const site = await keyedSite(pool, bearerOf(req));
        if (typeof site === 'string') return refuse(reply, site);
        const parsed = HubBatch.safeParse(req.body);
        if (!parsed.success) {
          const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
          return refuse(reply, 'LAYSO_VALIDATION', details);
        }
        if (parsed.data.site !== site.code) return refuse(reply, 'LAYSO_HUB_SITE_MISMATCH');
        const result = await ingest.store(site.id, parsed.data);
        if (result.outcome === 'revoked') return refuse(reply, 'LAYSO_HUB_SITE_REVOKED');
        if (result.outcome === 'gap')
          return refuse(reply, 'LAYSO_HUB_SEQ_GAP', { expected: result.expected });
        if (result.outcome === 'stored') realtime.siteChanged(site.id, true).catch(() => {});
        const answer: HubBatchReply = { acknowledged: result.acknowledged };
        return reply.code(200).send(answer);
      } catch (err) {
        // Everything in the try is database work: nothing was committed, the site sends the batch again later.
        req.log.warn({ err }, 'hub database unavailable');
        return refuse(reply, 'LAYSO_HUB_UNAVAILABLE');
      }
    },
  });

  registerAuthRoutes(app, accounts);
  registerAdminRoutes(app, pool, clock, accounts);
  registerCatalogueRoutes(app, pool, clock, accounts);
  registerReports(app, pool, access);

  let url = '';
  return {
    get url() {
      return url;
    },
    pool,
    realtime,
    accounts,
    access,
    async listen(port = 0, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      url = `http://${host}:${bound}`;
      return url;
    },
    async close() {
      await realtime.close();
      await app.close();
      await pool.end();
    },
  };
}
