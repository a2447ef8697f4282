import { ERRORS, errorMessage, type ErrorCode } from '@layso/protocol';

/** A refusal with a code from the protocol's catalogue; the HTTP layer turns it into `{error:{code,message}}`. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(errorMessage(code));
    this.status = ERRORS[code].status;
  }
}

export function fail(code: ErrorCode, details?: unknown): never {
  throw new AppError(code, details);
}
