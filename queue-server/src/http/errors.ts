import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ENDPOINTS, ERRORS, errorsOf, type ErrorCode } from '@layso/protocol';
import { errorBody, frameworkErrorCode, sendError } from '@layso/server-kit';
import { AppError, storageProblemOf } from '../errors.js';
import { endpointOf } from './endpoint.js';

function describe(err: FastifyError): { code: ErrorCode; details?: unknown } {
  if (err instanceof AppError) return { code: err.code, details: err.details };
  if (hasZodFastifySchemaValidationErrors(err)) {
    // A schema that knows a more precise code of the catalogue says so in its issue (e.g. a dossier code).
    for (const v of err.validation) {
      const own = (v.params as { params?: { layso?: unknown; problem?: unknown } }).params;
      if (typeof own?.layso === 'string' && own.layso in ERRORS) {
        return {
          code: own.layso as ErrorCode,
          details: {
            where: err.validationContext,
            path: v.instancePath,
            problem: own.problem,
            message: v.message,
          },
        };
      }
    }
    return {
      code: 'LAYSO_VALIDATION',
      details: err.validation.map((v) => ({
        where: err.validationContext,
        path: v.instancePath,
        message: v.message,
      })),
    };
  }
  const framework = frameworkErrorCode(err);
  if (framework) return { code: framework };
  // Two admins saving the same username or code at once: the database's unique rule decides, the loser is told.
  if (typeof err.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT_UNIQUE'))
    return { code: 'LAYSO_CONFLICT' };
  // A full disk or a read-only/failing database: nothing was saved, and the client is told why (not "a bug").
  const storage = storageProblemOf(err.code);
  if (storage) return { code: storage };
  if (err instanceof SyntaxError) return { code: 'LAYSO_BAD_JSON' };
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return { code: 'LAYSO_VALIDATION' };
  }
  return { code: 'LAYSO_INTERNAL' };
}

/** Every failure leaves as `{"error":{"code","message"}}`; only a bug of ours is a 5xx, and it is logged. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const { code, details } = describe(err);
    // A full disk refuses every write: one short line each, no stack (the log shares that disk).
    if (code === 'LAYSO_DISK_FULL' || code === 'LAYSO_DB_UNWRITABLE')
      req.log.warn({ sqlite: err.code }, 'storage refused a write');
    // Which request failed, its tracking code masked (http/log-redact.ts).
    else if (ERRORS[code].status >= 500) req.log.error({ err, req }, 'request failed');
    // The protocol's table lists what each endpoint may answer; a code it does not list is a gap in the contract.
    const endpoint = endpointOf(req);
    if (endpoint && !errorsOf(ENDPOINTS[endpoint]).includes(code))
      req.log.warn({ endpoint, code }, 'error code not listed for this endpoint in the protocol table');
    return sendError(reply, code, details);
  });
  app.setNotFoundHandler((_req, reply) => sendError(reply, 'LAYSO_NOT_FOUND'));
}

/** For `frameworkErrors`: errors raised before routing (bad URL encoding and the like). */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  void sendError(reply, describe(err).code === 'LAYSO_INTERNAL' ? 'LAYSO_VALIDATION' : describe(err).code);
}

/**
 * For `clientErrorHandler`: a request Node's parser refuses (raw bytes in the URL, broken headers) still gets
 * our error shape, then the connection closes.
 */
export function clientError(_err: Error, socket: Socket): void {
  if (!socket.writable) return;
  const payload = JSON.stringify(errorBody('LAYSO_VALIDATION'));
  socket.end(
    `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
  );
}
