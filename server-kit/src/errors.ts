import { ERRORS, errorMessage, type ErrorBody, type ErrorCode } from '@layso/protocol';
import type { FastifyReply } from 'fastify';

/** Fastify's own refusals of a request (before any handler of ours ran), mapped onto the catalogue. */
const FRAMEWORK: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'LAYSO_BAD_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'LAYSO_BAD_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'LAYSO_UNSUPPORTED_MEDIA',
  FST_ERR_CTP_BODY_TOO_LARGE: 'LAYSO_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'LAYSO_VALIDATION',
  FST_ERR_BAD_URL: 'LAYSO_NOT_FOUND',
  FST_ERR_ASYNC_CONSTRAINT: 'LAYSO_NOT_FOUND',
};

/** The catalogue's code for one of fastify's own errors, or undefined when it is not one of them. */
export function frameworkErrorCode(err: { code?: unknown }): ErrorCode | undefined {
  return typeof err.code === 'string' ? FRAMEWORK[err.code] : undefined;
}

/** `{"error":{"code","message"}}`, the message "tiếng Việt / English" from the catalogue. */
export function errorBody(code: ErrorCode, details?: unknown): ErrorBody {
  return {
    error:
      details === undefined
        ? { code, message: errorMessage(code) }
        : { code, message: errorMessage(code), details },
  };
}

/** Answers the error with its catalogue status. */
export function sendError(reply: FastifyReply, code: ErrorCode, details?: unknown): FastifyReply {
  return reply.code(ERRORS[code].status).send(errorBody(code, details));
}
