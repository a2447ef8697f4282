import {
  ENDPOINTS,
  ENDPOINT_NAMES,
  type Access,
  type BodyOf,
  type EndpointDef,
  type EndpointName,
  isEndpointName,
  type ParamsOf,
  type QueryOf,
  type ReplyIn,
} from '@layso/protocol';
import { Transform } from 'node:stream';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestAsyncHookHandler,
  preParsingAsyncHookHandler,
} from 'fastify';
import type { AuthService } from '../auth/service.js';
import { guard } from './guard.js';

/** The request a handler of endpoint N gets: params, query and body already checked against the table's schemas. */
export type RequestFor<N extends EndpointName> = FastifyRequest<{
  Params: ParamsOf<N>;
  Querystring: QueryOf<N>;
  Body: BodyOf<N>;
}>;

/**
 * A handler answers with the reply's body (the status is the table's: 201 for a creation, 204 for `null`) or,
 * for a file or a page, sends it through `reply` and returns that.
 */
export type Handler<N extends EndpointName> = (
  req: RequestFor<N>,
  reply: FastifyReply,
) => Promise<ReplyIn<N> | FastifyReply>;

/** One handler per endpoint of the table: an endpoint without one does not compile. */
export type Handlers = { [N in EndpointName]: Handler<N> };

/** Handlers of one feature, keyed by endpoint name (`satisfies HandlersOf<…>` gives each its types). */
export type SomeHandlers = Partial<Handlers>;

/** Extra checks for access the table names but the session guard does not decide (the monitoring scraper). */
export interface AccessChecks {
  monitoring: onRequestAsyncHookHandler;
}

function accessHook(
  auth: AuthService,
  who: Access,
  checks: AccessChecks,
): onRequestAsyncHookHandler | undefined {
  if (who === 'anyone') return undefined;
  if (who === 'monitoring') return checks.monitoring;
  return guard(auth, who);
}

/** The status of a success that is not "nothing": 200 unless the table says the endpoint creates or accepts. */
function successStatus(def: EndpointDef): number {
  for (const s of [200, 201, 202] as const) if (def.reply[s]) return s;
  return 200;
}

/**
 * Keeps the body's bytes as they pass to the parser (`req.rawBody`, once parsed), for an endpoint that checks a
 * signature over them; the parser still enforces the body limit, the media type and the JSON.
 */
const keepRawBody: preParsingAsyncHookHandler = async (req, _reply, payload) => {
  const chunks: Buffer[] = [];
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done(null, chunk);
    },
    flush(done) {
      req.rawBody = Buffer.concat(chunks);
      done();
    },
  });
  payload.on('error', (e) => tap.destroy(e));
  return payload.pipe(tap);
};

function register<N extends EndpointName>(
  app: FastifyInstance,
  name: N,
  handler: Handler<N>,
  hook: onRequestAsyncHookHandler | undefined,
): void {
  const def: EndpointDef = ENDPOINTS[name];
  const status = successStatus(def);
  app.route<{ Params: ParamsOf<N>; Querystring: QueryOf<N>; Body: BodyOf<N> }>({
    method: def.method,
    url: def.path,
    ...(def.bodyLimit ? { bodyLimit: def.bodyLimit } : {}),
    ...(hook ? { onRequest: hook } : {}),
    ...(def.rawBody ? { preParsing: keepRawBody } : {}),
    config: { endpoint: name },
    schema: {
      operationId: name,
      summary: def.summary,
      tags: [def.tag],
      ...(def.hidden ? { hide: true } : {}),
      ...(def.who === 'anyone' ? {} : { security: [{ bearer: [] }] }),
      ...(def.params ? { params: def.params } : {}),
      ...(def.query ? { querystring: def.query } : {}),
      // A signed body is checked by its handler after the signature (see EndpointDef.rawBody).
      ...(def.body && !def.rawBody ? { body: def.body } : {}),
      // A page or a picture is sent as it is; JSON replies go through their schema.
      ...(def.produces ? {} : { response: def.reply }),
    },
    handler: async (req, reply) => {
      const out = await handler(req, reply);
      // A handler that sent the reply itself returns it; a reply is a thenable, so awaited it gives undefined, and
      // sending again would log "Reply was already sent" with the URL (a tracking code) on every phone page.
      if (out === reply || reply.sent) return reply;
      if (out === null && def.reply[204]) return reply.code(204).send(null);
      return reply.code(status).send(out);
    },
  });
}

/** Registers every endpoint of the protocol's table with its guard, its schemas and its handler. */
export function registerEndpoints(
  app: FastifyInstance,
  auth: AuthService,
  handlers: Handlers,
  checks: AccessChecks,
): void {
  const each = <N extends EndpointName>(name: N) =>
    register(app, name, handlers[name], accessHook(auth, ENDPOINTS[name].who, checks));
  for (const name of ENDPOINT_NAMES) each(name);
}

/** The endpoint a request was routed to (its table name), or null for pages and static files. */
export function endpointOf(req: FastifyRequest): EndpointName | null {
  const name = req.routeOptions.config.endpoint;
  return name !== undefined && isEndpointName(name) ? name : null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The body's bytes as sent, for an endpoint whose table entry asks for them (`rawBody`). */
    rawBody?: Buffer;
  }
  interface FastifyContextConfig {
    /** The protocol table's name of the endpoint a route serves. */
    endpoint?: string;
  }
}
