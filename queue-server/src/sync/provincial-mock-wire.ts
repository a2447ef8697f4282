/**
 * The provincial stand-in's plumbing on the wire (./provincial-mock.ts): errors as `{"error":{"code","message"}}`
 * with the message "vi / en" like the rest of the project, JSON replies, bounded bodies, and what each request did
 * (the events and counts the mock reports — never a body).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type FaultKind = 'error' | 'hang' | 'drop' | 'rateLimited' | 'outage' | 'failAfterStore';

/** What happened to one request: safe to print (a key, a status, an outcome — never a body). */
export interface MockEvent {
  method: string;
  path: string;
  key: string | null;
  /** The HTTP status sent, or null when the socket was closed without a reply. */
  status: number | null;
  outcome: 'stored' | 'duplicate' | 'rejected' | FaultKind | 'ok';
}

/** What a route did, reported as a {@link MockEvent}. */
export type Outcome = Pick<MockEvent, 'status' | 'outcome'> & { key?: string | null };

/** The counts of requests the mock keeps, all forgotten together by `/_control/reset`. */
export interface Counters {
  /** `POST /dossiers` requests received, faulted or not. */
  requests: number;
  duplicates: number;
  /** Refused as invalid: 400, 401, 413. */
  rejected: number;
  faults: Record<FaultKind, number>;
  /** `GET /dossiers/:code` requests, faulted or not. */
  statusRequests: number;
}

export const emptyCounters = (): Counters => ({
  requests: 0,
  duplicates: 0,
  rejected: 0,
  faults: { error: 0, hang: 0, drop: 0, rateLimited: 0, outage: 0, failAfterStore: 0 },
  statusRequests: 0,
});

/** Sets every count of `c` back to 0, in place (the routes hold the same object). */
export function clearCounters(c: Counters): void {
  Object.assign(c, emptyCounters());
}

export const ERRORS = {
  MOCK_BAD_KEY: [
    400,
    'Thiếu hoặc sai mã khoá Idempotency-Key (<MaHoSo>:<TrangThaiHoSo>)',
    'Missing or malformed Idempotency-Key (<MaHoSo>:<TrangThaiHoSo>)',
  ],
  MOCK_KEY_MISMATCH: [
    400,
    'Mã khoá không khớp MaHoSo/TrangThaiHoSo của hồ sơ',
    'Idempotency-Key does not match the record’s MaHoSo/TrangThaiHoSo',
  ],
  MOCK_BAD_JSON: [400, 'Nội dung phải là một đối tượng JSON', 'Body must be a JSON object'],
  MOCK_BAD_CONTROL: [400, 'Cấu hình lỗi giả lập không hợp lệ', 'Invalid fault settings'],
  MOCK_UNAUTHORIZED: [401, 'Thiếu hoặc sai mã truy cập', 'Missing or wrong bearer token'],
  MOCK_NOT_FOUND: [404, 'Không tìm thấy địa chỉ này', 'No such route'],
  MOCK_DOSSIER_NOT_FOUND: [404, 'Không có hồ sơ này', 'No such dossier'],
  MOCK_METHOD: [405, 'Phương thức không được hỗ trợ', 'Method not allowed'],
  MOCK_DUPLICATE: [409, 'Mã khoá trùng lặp', 'Duplicate idempotency key'],
  MOCK_TOO_LARGE: [413, 'Nội dung gửi lên quá lớn', 'Body too large'],
  MOCK_RATE_LIMITED: [429, 'Gửi quá nhiều, vui lòng thử lại sau', 'Too many requests, retry later'],
  MOCK_INTERNAL: [500, 'Lỗi hệ thống (giả lập)', 'Internal error (simulated)'],
  MOCK_UNAVAILABLE: [503, 'Hệ thống tỉnh tạm ngừng (giả lập)', 'Provincial system unavailable (simulated)'],
} as const satisfies Record<string, readonly [number, string, string]>;

export type ErrorCode = keyof typeof ERRORS;

const MAX_BODY = 1024 * 1024;

export class TooLarge extends Error {}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The whole body, or {@link TooLarge} past 1 MiB (the rest is drained, not kept). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new TooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Sends `code`'s error (optionally at another `status`, with `details`); returns the status sent. */
export function sendError(
  res: ServerResponse,
  code: ErrorCode,
  opts: { headers?: Record<string, string>; status?: number; details?: unknown } = {},
): number {
  const [own, vi, en] = ERRORS[code];
  const status = opts.status ?? own;
  const details = opts.details === undefined ? {} : { details: opts.details };
  sendJson(res, status, { error: { code, message: `${vi} / ${en}`, ...details } }, opts.headers);
  return status;
}
