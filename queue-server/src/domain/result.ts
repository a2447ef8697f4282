/** Small helpers for the engine's `Result` values: errors are data with a code (CONVENTIONS 12). */
import type { ErrorCode } from '@layso/protocol';
import type { DomainErrorCode, Result } from './types.js';

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: DomainErrorCode): Result<T> {
  return { ok: false, code };
}

/** Every domain error is also a protocol error (with its HTTP status and messages); this pins it at compile time. */
export function toErrorCode(code: DomainErrorCode): ErrorCode {
  return code;
}

/** Every domain error code once; the record type makes the list complete. */
const ALL_CODES: Record<DomainErrorCode, true> = {
  LAYSO_INVALID_TRANSITION: true,
  LAYSO_RECALL_LIMIT: true,
  LAYSO_COUNTER_BUSY: true,
  LAYSO_COUNTER_PAUSED: true,
  LAYSO_WRONG_COUNTER: true,
  LAYSO_TRANSFER_SAME_SERVICE: true,
  LAYSO_SERVICE_CLOSED: true,
  LAYSO_DAILY_CAP_REACHED: true,
  LAYSO_DOSSIER_REQUIRED: true,
  LAYSO_TICKET_NOT_WAITING: true,
};

export const DOMAIN_ERROR_CODES = Object.freeze(Object.keys(ALL_CODES) as DomainErrorCode[]);
