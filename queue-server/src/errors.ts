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

/** The code a thrown error carries (SQLite's `SQLITE_…`, Node's `ENOSPC`…), if any. */
export function rawCodeOf(e: unknown): string | null {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : null;
}

/** Storage's refusals of a write, as a client sees them. */
export type StorageProblem = 'LAYSO_DISK_FULL' | 'LAYSO_DB_UNWRITABLE';

/**
 * Codes that mean "storage refuses the write" — SQLite's and the file system's — as the refusal a client sees;
 * null for anything else.
 */
export function storageProblemOf(code: unknown): StorageProblem | null {
  if (typeof code !== 'string') return null;
  if (['SQLITE_FULL', 'SQLITE_IOERR_WRITE_FULL', 'ENOSPC', 'EDQUOT'].includes(code)) return 'LAYSO_DISK_FULL';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code === 'EROFS')
    return 'LAYSO_DB_UNWRITABLE';
  return null;
}

/** What a failure answers a client outside HTTP (a socket's ack): its own code, storage's refusal, or a bug. */
export function refusalOf(e: unknown): ErrorCode {
  if (e instanceof AppError) return e.code;
  return storageProblemOf(rawCodeOf(e)) ?? 'LAYSO_INTERNAL';
}
