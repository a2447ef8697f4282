import type { HubEndpointDef } from '@layso/protocol';
import { sendError } from '@layso/server-kit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { HubAccess, HubViewer } from './access.js';
import { HubError, isDatabaseDown } from './hub-error.js';

/**
 * Registers the hub's endpoints from HUB_ENDPOINTS (protocol/src/hub.ts): method and path from the table, the
 * guard from its `who`, and one place where every failure becomes `{error:{code,message}}`. Handlers parse what
 * they read with the entry's schemas (`def.body.parse(req.body)`): a ZodError is answered 400 LAYSO_VALIDATION with
 * where and why — after the guard, so a caller without the right learns nothing about the body's rules.
 */

type Reply<D extends HubEndpointDef> = z.input<D['reply'][200]>;

export interface PublicCall {
  req: FastifyRequest;
  /** The client's address (behind the trusted proxies, when the hub is told of them). */
  address: string;
}

export interface ViewerCall extends PublicCall {
  viewer: HubViewer;
  /** The session's token, as sent. */
  token: string;
}

const BEARER = /^Bearer ([^\s]+)$/;

/** The bearer token of a request, or null. */
export function bearerOf(req: FastifyRequest): string | null {
  return BEARER.exec(req.headers.authorization ?? '')?.[1] ?? null;
}

/** What a handler's failure answers. */
function failure(req: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  if (err instanceof HubError) return sendError(reply, err.code, err.details);
  if (err instanceof z.ZodError) {
    const details = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return sendError(reply, 'LAYSO_VALIDATION', details);
  }
  if (isDatabaseDown(err)) {
    req.log.warn({ err }, 'hub database unavailable');
    return sendError(reply, 'LAYSO_HUB_DB_UNAVAILABLE');
  }
  req.log.error({ err }, 'hub request failed');
  return sendError(reply, 'LAYSO_INTERNAL');
}

function register(
  app: FastifyInstance,
  def: HubEndpointDef,
  run: (req: FastifyRequest) => Promise<unknown>,
): void {
  app.route({
    method: def.method,
    url: def.path,
    ...(def.bodyLimit ? { bodyLimit: def.bodyLimit } : {}),
    handler: async (req, reply) => {
      try {
        return reply.code(200).send(await run(req));
      } catch (err) {
        return failure(req, reply, err);
      }
    },
  });
}

/** An endpoint anyone may call (`who: 'anyone'`): signing in. */
export function publicRoute<D extends HubEndpointDef>(
  app: FastifyInstance,
  def: D,
  handler: (call: PublicCall) => Promise<Reply<D>>,
): void {
  if (def.who !== 'anyone') throw new Error(`${def.path} is not for anyone (who: ${String(def.who)})`);
  register(app, def, (req) => handler({ req, address: req.ip }));
}

/**
 * An endpoint behind a session (`who: 'signed-in'` or `'province_admin'`): no or a dead token 401
 * LAYSO_UNAUTHENTICATED, a role short of the entry's 403 LAYSO_FORBIDDEN.
 */
export function viewerRoute<D extends HubEndpointDef>(
  app: FastifyInstance,
  access: HubAccess,
  def: D,
  handler: (call: ViewerCall) => Promise<Reply<D>>,
): void {
  const who = def.who;
  if (who !== 'signed-in' && who !== 'province_admin')
    throw new Error(`${def.path} is not behind a session (who: ${String(who)})`);
  register(app, def, async (req) => {
    const token = bearerOf(req);
    const viewer = token ? await access.viewerOf(token) : null;
    if (!token || !viewer) throw new HubError('LAYSO_UNAUTHENTICATED');
    if (who === 'province_admin' && viewer.role !== 'province_admin') throw new HubError('LAYSO_FORBIDDEN');
    return handler({ req, address: req.ip, viewer, token });
  });
}
