/**
 * A stand-in for the provincial dossier system (DESIGN.md, "Provincial sync"): a real HTTP server that takes the
 * records the sync worker POSTs to `/dossiers`, keeps each `Idempotency-Key` (`<MaHoSo>:<TrangThaiHoSo>`) exactly
 * once, and can misbehave on purpose so the worker's retries can be watched and tested.
 *
 * Routes:
 * - `POST /dossiers` — 201 `{"received": key}` for a new key, 409 for a key already stored (the first body is
 *   kept), 400 for a missing/bad key or a body that is not a JSON object, 401 without the bearer token when one
 *   is set, 413 over 1 MiB.
 * - `GET /dossiers` (stored records), `GET /stats` (counts), `GET /health`.
 * - `GET /_control` (current faults), `POST /_control` (change faults: a JSON object with the option names of
 *   {@link ProvincialFaults}), `POST /_control/reset` (forget records, statuses and counts, and empty the `outFile`).
 * - Statuses (issue 18, ./provincial-mock-status.ts): `GET /dossiers/:code` — 200 the dossier's status, 404 for a
 *   code never received; `POST /_control/dossiers/:code` `{TrangThaiHoSo, LyDo?, NoiTraKetQua?, NgayHenTra?}` moves
 *   one on. With `push`, every change is POSTed to the center, signed (./push-signature.ts).
 *
 * Faults on `POST /dossiers` and `GET /dossiers/:code`, checked in this order and all decided BEFORE anything is stored:
 * outage window or `down` → 503; `dropRate` → the socket is destroyed, no reply; `hangRate` → the request is
 * held `hangMs`, then the socket is destroyed, no reply (set `hangMs` above the client's timeout to see a
 * timeout, below it to see a reset); `rateLimitRate` → 429 with `Retry-After`; `errorRate` → 500/502/503.
 * Only `failAfterStoreRate` acts AFTER storing (the province keeps the record but the reply is lost: 500, or a
 * dropped socket with `failAfterStoreMode: 'drop'`), so the retry gets 409. `latencyMs` delays every reply
 * except those of `/_control`.
 *
 * Records hold personal data: nothing here ever logs a body — events carry keys, statuses and outcomes only.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { z } from 'zod';
import { StatusBook, StatusMove, type PushEvent, type PushTarget } from './provincial-mock-status.js';

/** The misbehaviours, all changeable at run time (`setFaults` or `POST /_control`). */
export interface ProvincialFaults {
  /** 0..1: share of POSTs answered 500/502/503 without storing. */
  errorRate: number;
  /** Added before answering every request (except `/_control`). */
  latencyMs: number;
  /** 0..1: share of POSTs held `hangMs` and then closed without a reply. */
  hangRate: number;
  hangMs: number;
  /** 0..1: share of POSTs whose socket is destroyed without a reply. */
  dropRate: number;
  /** Outage window in seconds since the mock started: every POST in [from, to) gets 503. Null = none. */
  outageFrom: number | null;
  outageTo: number | null;
  /** Run-time outage switch: while true every POST gets 503. */
  down: boolean;
  /** 0..1: share of POSTs answered 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitRate: number;
  retryAfterSeconds: number;
  /** 0..1: share of POSTs stored and then failed anyway (reply lost); the retry gets 409. */
  failAfterStoreRate: number;
  /** How such a reply is lost: a 500, or a destroyed socket. */
  failAfterStoreMode: 'error' | 'drop';
}

export const DEFAULT_FAULTS: Readonly<ProvincialFaults> = Object.freeze({
  errorRate: 0,
  latencyMs: 0,
  hangRate: 0,
  hangMs: 3000,
  dropRate: 0,
  outageFrom: null,
  outageTo: null,
  down: false,
  rateLimitRate: 0,
  retryAfterSeconds: 5,
  failAfterStoreRate: 0,
  failAfterStoreMode: 'error',
});

export interface ProvincialMockOptions extends Partial<ProvincialFaults> {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8090; 0 = any free port. */
  port?: number;
  /** When set, `POST /dossiers` requires `Authorization: Bearer <token>`. */
  token?: string;
  /** JSON Lines file: reloaded at start, and each newly stored record is appended to it. */
  outFile?: string;
  /** Source of randomness in [0, 1) for the rates (default Math.random). */
  random?: () => number;
  /** Milliseconds clock for `receivedAt` and the outage window (default Date.now). */
  now?: () => number;
  /** Called once per answered or failed request; never receives a body. */
  onEvent?: (event: MockEvent) => void;
  /** Seconds from a dossier's receipt to its result being ready (status 9); unset = only the control call. */
  readyAfterSeconds?: number | null;
  /** Where each status change is pushed to the center, signed. */
  push?: PushTarget;
  /** Called once per push answered or failed (never with a body). */
  onPush?: (event: PushEvent) => void;
}

/** One stored record. `count` = attempts with this key (1 + duplicates). */
export interface StoredRecord {
  key: string;
  body: Record<string, unknown>;
  receivedAt: string;
  count: number;
}

export type FaultKind = 'error' | 'hang' | 'drop' | 'rateLimited' | 'outage' | 'failAfterStore';

export interface MockStats {
  /** Records held now (reloaded from `outFile` included). */
  stored: number;
  duplicates: number;
  /** `POST /dossiers` requests received, faulted or not. */
  requests: number;
  /** Refused as invalid: 400, 401, 413. */
  rejected: number;
  faults: Record<FaultKind, number>;
  /** Dossier statuses held, `GET /dossiers/:code` requests (faulted or not), pushes answered 2xx and not. */
  statuses: { held: number; requests: number; pushed: number; pushFailed: number };
}

/** What happened to one request: safe to print (a key, a status, an outcome — never a body). */
export interface MockEvent {
  method: string;
  path: string;
  key: string | null;
  /** The HTTP status sent, or null when the socket was closed without a reply. */
  status: number | null;
  outcome: 'stored' | 'duplicate' | 'rejected' | FaultKind | 'ok';
}

export interface ProvincialMock {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Records loaded from `outFile` at start (lines that did not parse are skipped). */
  readonly reloaded: number;
  close(): Promise<void>;
  records(): StoredRecord[];
  stats(): MockStats;
  faults(): ProvincialFaults;
  /** Validates and applies a partial change; throws {@link FaultsError} on a bad value. Returns the result. */
  setFaults(partial: Partial<ProvincialFaults>): ProvincialFaults;
  /** Forgets every record, status and count, and empties `outFile`. Faults stay. */
  reset(): void;
  /** The dossiers' statuses: read, moved by hand (like the control call), swept after the clock moved. */
  readonly statuses: StatusBook;
}

export class FaultsError extends Error {
  override name = 'FaultsError';
}

const Rate = z.number().min(0).max(1);
const Millis = z
  .number()
  .int()
  .min(0)
  .max(10 * 60_000);
const Seconds = z
  .number()
  .min(0)
  .max(365 * 24 * 3600);

const FaultsPatch = z
  .strictObject({
    errorRate: Rate,
    latencyMs: Millis,
    hangRate: Rate,
    hangMs: Millis,
    dropRate: Rate,
    outageFrom: Seconds.nullable(),
    outageTo: Seconds.nullable(),
    down: z.boolean(),
    rateLimitRate: Rate,
    retryAfterSeconds: z.number().int().min(0).max(86_400),
    failAfterStoreRate: Rate,
    failAfterStoreMode: z.enum(['error', 'drop']),
  })
  .partial();

/** Applies `patch` to `current` (both validated); throws {@link FaultsError} with every problem listed. */
export function mergeFaults(current: ProvincialFaults, patch: unknown): ProvincialFaults {
  const parsed = FaultsPatch.safeParse(patch);
  if (!parsed.success) {
    throw new FaultsError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
    );
  }
  const defined = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  const next: ProvincialFaults = { ...current, ...defined };
  if ((next.outageFrom === null) !== (next.outageTo === null)) {
    throw new FaultsError('outageFrom and outageTo are set together (or both null)');
  }
  if (next.outageFrom !== null && next.outageTo !== null && next.outageFrom >= next.outageTo) {
    throw new FaultsError('outageFrom must be before outageTo');
  }
  return next;
}

/** The faults that differ from the defaults, as `name=value` (for a start-up line). */
export function describeFaults(faults: ProvincialFaults): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(faults)) {
    if (value !== DEFAULT_FAULTS[name as keyof ProvincialFaults]) parts.push(`${name}=${String(value)}`);
  }
  return parts.length ? parts.join(' ') : 'none';
}

// ---------- errors on the wire: {"error":{"code","message"}}, message = "vi / en" like the rest of the project ----------

const ERRORS = {
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

type ErrorCode = keyof typeof ERRORS;

/** Printable ASCII without spaces or ':' — then ':' and the numeric status, e.g. `000.00.12.H61-261203-0001:2`. */
const KEY = /^([!-9;-~]{1,100}):(\d{1,3})$/;
const MAX_BODY = 1024 * 1024;
const ERROR_STATUSES = [500, 502, 503] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one line of the out file, or null when it is not a record (e.g. half a line after a crash). */
function parseLine(line: string): StoredRecord | null {
  try {
    const value: unknown = JSON.parse(line);
    if (!isObject(value)) return null;
    const { key, body, receivedAt } = value;
    if (typeof key !== 'string' || !KEY.test(key) || !isObject(body) || typeof receivedAt !== 'string') {
      return null;
    }
    return { key, body, receivedAt, count: 1 };
  } catch {
    return null;
  }
}

function loadRecords(file: string): Map<string, StoredRecord> {
  const records = new Map<string, StoredRecord>();
  if (!existsSync(file)) return records;
  const text = readFileSync(file, 'utf8');
  for (const line of text.split('\n')) {
    const record = line.trim() ? parseLine(line) : null;
    if (record && !records.has(record.key)) records.set(record.key, record);
  }
  // Half a line left by a crash: end it, so the next record appended starts on a line of its own.
  if (text && !text.endsWith('\n')) appendFileSync(file, '\n');
  return records;
}

export class TooLarge extends Error {}

/** What a route did, reported as a {@link MockEvent}. */
type Outcome = Pick<MockEvent, 'status' | 'outcome'> & { key?: string | null };

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

function sendError(res: ServerResponse, code: ErrorCode, headers: Record<string, string> = {}): number {
  const [status, vi, en] = ERRORS[code];
  sendJson(res, status, { error: { code, message: `${vi} / ${en}` } }, headers);
  return status;
}

/** Starts the mock; resolves once it listens. */
export async function startProvincialMock(options: ProvincialMockOptions = {}): Promise<ProvincialMock> {
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const { token, outFile, onEvent } = options;
  const {
    host: _h,
    port: _p,
    token: _t,
    outFile: _o,
    random: _r,
    now: _n,
    onEvent: _e,
    readyAfterSeconds: _ra,
    push: _pu,
    onPush: _op,
    ...initial
  } = options;
  let faults = mergeFaults({ ...DEFAULT_FAULTS }, initial);
  const startedAt = now();

  let records = outFile ? loadRecords(outFile) : new Map<string, StoredRecord>();
  const reloaded = records.size;
  const statuses = new StatusBook({
    now,
    readyAfterSeconds: options.readyAfterSeconds ?? null,
    push: options.push,
    onPush: options.onPush,
  });
  // Statuses are not kept on disk: the reloaded records give each dossier its status at receipt (not pushed again).
  for (const r of records.values()) statuses.recordStored(r.body, Date.parse(r.receivedAt), false);
  let statusRequests = 0;
  /** `stored` is not counted here: it is always the number of records held (reloaded ones included). */
  const emptyStats = (): MockStats => ({
    stored: 0,
    duplicates: 0,
    requests: 0,
    rejected: 0,
    faults: { error: 0, hang: 0, drop: 0, rateLimited: 0, outage: 0, failAfterStore: 0 },
    statuses: { held: 0, requests: 0, pushed: 0, pushFailed: 0 },
  });
  let stats = emptyStats();
  /** Pending delays (latency, hangs): `close()` ends them at once. */
  const timers = new Map<NodeJS.Timeout, () => void>();
  let closing = false;

  /** Waits `ms`; resolves false when the mock was closed meanwhile (then nothing more is sent). */
  const wait = (ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      if (closing) return resolve(false);
      if (ms <= 0) return resolve(true);
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve(true);
      }, ms);
      timers.set(timer, () => resolve(false));
    });

  /** Draws only for a rate above 0, so a test's injected sequence is spent on the faults it switched on. */
  const hit = (rate: number): boolean => rate > 0 && random() < rate;

  const inOutage = (): boolean => {
    if (faults.down) return true;
    const { outageFrom, outageTo } = faults;
    if (outageFrom === null || outageTo === null) return false;
    const elapsed = (now() - startedAt) / 1000;
    return elapsed >= outageFrom && elapsed < outageTo;
  };

  const drop = (socket: Socket): null => {
    socket.destroy();
    return null;
  };

  const reset = (): void => {
    records = new Map();
    stats = emptyStats();
    statuses.reset();
    statusRequests = 0;
    if (outFile) writeFileSync(outFile, '');
  };

  const currentStats = (): MockStats => {
    const { statuses: held, pushed, pushFailed } = statuses.stats();
    return {
      ...structuredClone(stats),
      stored: records.size,
      statuses: { held, requests: statusRequests, pushed, pushFailed },
    };
  };

  const snapshot = (): StoredRecord[] => [...records.values()].map((r) => ({ ...r }));

  /** The faults, in order, before anything is read or stored: the outcome of the one that fired, or null. */
  async function faulted(
    req: IncomingMessage,
    res: ServerResponse,
    key: string | null,
  ): Promise<Outcome | null> {
    const socket = req.socket;
    if (inOutage()) {
      stats.faults.outage += 1;
      return { key, status: sendError(res, 'MOCK_UNAVAILABLE'), outcome: 'outage' };
    }
    if (hit(faults.dropRate)) {
      stats.faults.drop += 1;
      return { key, status: drop(socket), outcome: 'drop' };
    }
    if (hit(faults.hangRate)) {
      stats.faults.hang += 1;
      await wait(faults.hangMs);
      return { key, status: drop(socket), outcome: 'hang' };
    }
    if (hit(faults.rateLimitRate)) {
      stats.faults.rateLimited += 1;
      const retryAfter = { 'retry-after': String(faults.retryAfterSeconds) };
      return { key, status: sendError(res, 'MOCK_RATE_LIMITED', retryAfter), outcome: 'rateLimited' };
    }
    if (hit(faults.errorRate)) {
      stats.faults.error += 1;
      const status = ERROR_STATUSES[Math.floor(random() * ERROR_STATUSES.length)] ?? 500;
      const [, vi, en] = ERRORS.MOCK_INTERNAL;
      sendJson(res, status, { error: { code: 'MOCK_INTERNAL', message: `${vi} / ${en}` } });
      return { key, status, outcome: 'error' };
    }
    return null;
  }

  /** `POST /dossiers`: returns the event to report (the reply is sent, or the socket dropped). */
  async function postDossier(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<Outcome> {
    stats.requests += 1;
    const header = req.headers['idempotency-key'];
    const key = typeof header === 'string' ? header.trim() : null;
    const socket = req.socket;
    const fault = await faulted(req, res, key);
    if (fault) return fault;

    const rejected = (code: ErrorCode): Outcome => {
      stats.rejected += 1;
      return { key, status: sendError(res, code), outcome: 'rejected' };
    };
    if (token !== undefined && req.headers.authorization !== `Bearer ${token}`) {
      return rejected('MOCK_UNAUTHORIZED');
    }
    const match = key ? KEY.exec(key) : null;
    if (!key || !match) return rejected('MOCK_BAD_KEY');
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return rejected('MOCK_BAD_JSON');
    }
    if (!isObject(body)) return rejected('MOCK_BAD_JSON');
    // A record that names its dossier must carry the key of that dossier and status (catches a sender's bug).
    const { MaHoSo, TrangThaiHoSo } = body;
    if (
      (MaHoSo !== undefined && String(MaHoSo) !== match[1]) ||
      (TrangThaiHoSo !== undefined && String(TrangThaiHoSo) !== match[2])
    ) {
      return rejected('MOCK_KEY_MISMATCH');
    }

    const existing = records.get(key);
    if (existing) {
      existing.count += 1;
      stats.duplicates += 1;
      return { key, status: sendError(res, 'MOCK_DUPLICATE'), outcome: 'duplicate' };
    }
    const record: StoredRecord = { key, body, receivedAt: new Date(now()).toISOString(), count: 1 };
    // On disk before the reply: a 201 means the record survives a restart of the mock.
    if (outFile) {
      appendFileSync(outFile, `${JSON.stringify({ key, body, receivedAt: record.receivedAt })}\n`);
    }
    records.set(key, record);
    statuses.recordStored(body, now());

    if (hit(faults.failAfterStoreRate)) {
      stats.faults.failAfterStore += 1;
      if (faults.failAfterStoreMode === 'drop')
        return { key, status: drop(socket), outcome: 'failAfterStore' };
      return { key, status: sendError(res, 'MOCK_INTERNAL'), outcome: 'failAfterStore' };
    }
    sendJson(res, 201, { received: key });
    return { key, status: 201, outcome: 'stored' };
  }

  /** `GET /dossiers/:code`: the dossier's status, under the same faults and token as the records. */
  async function getStatus(req: IncomingMessage, res: ServerResponse, code: string): Promise<Outcome> {
    statusRequests += 1;
    const fault = await faulted(req, res, code);
    if (fault) return fault;
    if (token !== undefined && req.headers.authorization !== `Bearer ${token}`) {
      return { key: code, status: sendError(res, 'MOCK_UNAUTHORIZED'), outcome: 'rejected' };
    }
    const status = statuses.read(code);
    if (!status) return { key: code, status: sendError(res, 'MOCK_DOSSIER_NOT_FOUND'), outcome: 'rejected' };
    sendJson(res, 200, status);
    return { key: code, status: 200, outcome: 'ok' };
  }

  /** `POST /_control/dossiers/:code`: moves one dossier on (created when the stand-in never heard of it). */
  function moveStatus(res: ServerResponse, code: string, raw: Buffer): Outcome {
    let parsed: ReturnType<typeof StatusMove.safeParse>;
    try {
      parsed = StatusMove.safeParse(JSON.parse(raw.toString('utf8')));
    } catch {
      return { key: code, status: sendError(res, 'MOCK_BAD_JSON'), outcome: 'rejected' };
    }
    if (!parsed.success) {
      const [status, vi, en] = ERRORS.MOCK_BAD_CONTROL;
      const details = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
      sendJson(res, status, { error: { code: 'MOCK_BAD_CONTROL', message: `${vi} / ${en}`, details } });
      return { key: code, status, outcome: 'rejected' };
    }
    sendJson(res, 200, statuses.move(code, parsed.data));
    return { key: code, status: 200, outcome: 'ok' };
  }

  async function control(path: string, res: ServerResponse, raw: Buffer): Promise<Outcome> {
    if (path === '/_control/reset') {
      reset();
      sendJson(res, 200, { reset: true });
      return { status: 200, outcome: 'ok' };
    }
    let patch: unknown;
    try {
      patch = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch {
      return { status: sendError(res, 'MOCK_BAD_JSON'), outcome: 'rejected' };
    }
    try {
      faults = mergeFaults(faults, patch);
    } catch (e) {
      if (!(e instanceof FaultsError)) throw e;
      const [status, vi, en] = ERRORS.MOCK_BAD_CONTROL;
      sendJson(res, status, {
        error: { code: 'MOCK_BAD_CONTROL', message: `${vi} / ${en}`, details: e.message },
      });
      return { status, outcome: 'rejected' };
    }
    sendJson(res, 200, faults);
    return { status: 200, outcome: 'ok' };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://mock').pathname;
    const report = (e: Outcome): void =>
      onEvent?.({ method, path, key: e.key ?? null, status: e.status, outcome: e.outcome });

    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (e) {
      if (!(e instanceof TooLarge)) return void req.socket.destroy();
      if (path === '/dossiers') stats.requests += 1;
      stats.rejected += 1;
      res.setHeader('connection', 'close');
      return report({ status: sendError(res, 'MOCK_TOO_LARGE'), outcome: 'rejected' });
    }

    const routes: Record<string, Partial<Record<string, () => Promise<Outcome>>>> = {
      '/dossiers': {
        POST: () => postDossier(req, res, raw),
        GET: async () => {
          sendJson(
            res,
            200,
            snapshot().map(({ key, body, receivedAt, count }) => ({ key, body, receivedAt, count })),
          );
          return { status: 200, outcome: 'ok' };
        },
      },
      '/stats': {
        GET: async () => {
          sendJson(res, 200, currentStats());
          return { status: 200, outcome: 'ok' };
        },
      },
      '/health': {
        GET: async () => {
          sendJson(res, 200, { ok: true });
          return { status: 200, outcome: 'ok' };
        },
      },
      '/_control': {
        GET: async () => {
          sendJson(res, 200, faults);
          return { status: 200, outcome: 'ok' };
        },
        POST: () => control(path, res, raw),
      },
      '/_control/reset': { POST: () => control(path, res, raw) },
    };

    // One dossier's status, and the control call that moves it: the code is the rest of the path.
    const dossier = /^\/(_control\/)?dossiers\/([^/]+)$/.exec(path);
    if (dossier?.[2]) {
      let code: string;
      try {
        code = decodeURIComponent(dossier[2]);
      } catch {
        return report({ status: sendError(res, 'MOCK_NOT_FOUND'), outcome: 'rejected' });
      }
      const own = dossier[1]
        ? { POST: async () => moveStatus(res, code, raw) }
        : { GET: () => getStatus(req, res, code) };
      routes[path] = own;
    }
    const route = routes[path];
    if (!route) return report({ status: sendError(res, 'MOCK_NOT_FOUND'), outcome: 'rejected' });
    const action = route[method];
    if (!action) {
      const allow = { allow: Object.keys(route).join(', ') };
      return report({ status: sendError(res, 'MOCK_METHOD', allow), outcome: 'rejected' });
    }
    if (!path.startsWith('/_control') && !(await wait(faults.latencyMs))) return void req.socket.destroy();
    report(await action());
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // Never crash on a request: answer 500 when still possible, else close the socket.
      if (res.headersSent) req.socket.destroy();
      else sendError(res, 'MOCK_INTERNAL');
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8090, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  // Listening on every interface: the URL to give a client on this machine is the loopback one.
  const reachable =
    address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  const urlHost = reachable.includes(':') ? `[${reachable}]` : reachable;

  return {
    url: `http://${urlHost}:${address.port}`,
    host: address.address,
    port: address.port,
    reloaded,
    records: snapshot,
    stats: currentStats,
    faults: () => ({ ...faults }),
    setFaults(partial) {
      faults = mergeFaults(faults, partial);
      return { ...faults };
    },
    reset,
    statuses,
    async close() {
      if (closing) return;
      closing = true;
      for (const [timer, cancel] of timers) {
        clearTimeout(timer);
        cancel();
      }
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
