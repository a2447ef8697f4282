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
 *
 * This file wires the server; the faults and their control API are ./provincial-mock-faults.ts, the records and
 * statuses ./provincial-mock-dossiers.ts, errors and bodies on the wire ./provincial-mock-wire.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DossierDesk, type StoredRecord } from './provincial-mock-dossiers.js';
import { FaultGate, type ProvincialFaults } from './provincial-mock-faults.js';
import { StatusBook, type PushEvent, type PushTarget } from './provincial-mock-status.js';
import {
  clearCounters,
  emptyCounters,
  readBody,
  sendError,
  sendJson,
  TooLarge,
  type FaultKind,
  type MockEvent,
  type Outcome,
} from './provincial-mock-wire.js';

export {
  DEFAULT_FAULTS,
  describeFaults,
  FaultsError,
  mergeFaults,
  type ProvincialFaults,
} from './provincial-mock-faults.js';
export type { StoredRecord } from './provincial-mock-dossiers.js';
export type { FaultKind, MockEvent } from './provincial-mock-wire.js';

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

/** Starts the mock; resolves once it listens. */
export async function startProvincialMock(options: ProvincialMockOptions = {}): Promise<ProvincialMock> {
  const now = options.now ?? Date.now;
  const { onEvent } = options;
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

  /** `stored` is not counted: it is always the number of records held (reloaded ones included). */
  const counters = emptyCounters();
  const gate = new FaultGate(initial, { random: options.random ?? Math.random, now, wait, counters });
  const statuses = new StatusBook({
    now,
    readyAfterSeconds: options.readyAfterSeconds ?? null,
    push: options.push,
    onPush: options.onPush,
  });
  const desk = new DossierDesk({
    token: options.token,
    outFile: options.outFile,
    now,
    gate,
    statuses,
    counters,
  });

  const reset = (): void => {
    desk.clear();
    clearCounters(counters);
    statuses.reset();
  };

  const currentStats = (): MockStats => {
    const { statuses: held, pushed, pushFailed } = statuses.stats();
    const { statusRequests, faults, ...counts } = counters;
    return {
      ...counts,
      faults: { ...faults },
      stored: desk.size,
      statuses: { held, requests: statusRequests, pushed, pushFailed },
    };
  };

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
      if (path === '/dossiers') counters.requests += 1;
      counters.rejected += 1;
      res.setHeader('connection', 'close');
      return report({ status: sendError(res, 'MOCK_TOO_LARGE'), outcome: 'rejected' });
    }

    const reply = (body: unknown): Outcome => {
      sendJson(res, 200, body);
      return { status: 200, outcome: 'ok' };
    };
    const routes: Record<string, Partial<Record<string, () => Promise<Outcome>>>> = {
      '/dossiers': {
        POST: () => desk.post(req, res, raw),
        GET: async () => reply(desk.list()),
      },
      '/stats': { GET: async () => reply(currentStats()) },
      '/health': { GET: async () => reply({ ok: true }) },
      '/_control': {
        GET: async () => reply(gate.get()),
        POST: async () => gate.control(res, raw),
      },
      '/_control/reset': {
        POST: async () => {
          reset();
          return reply({ reset: true });
        },
      },
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
      routes[path] = dossier[1]
        ? { POST: async () => desk.move(res, code, raw) }
        : { GET: () => desk.status(req, res, code) };
    }
    const route = routes[path];
    if (!route) return report({ status: sendError(res, 'MOCK_NOT_FOUND'), outcome: 'rejected' });
    const action = route[method];
    if (!action) {
      const headers = { allow: Object.keys(route).join(', ') };
      return report({ status: sendError(res, 'MOCK_METHOD', { headers }), outcome: 'rejected' });
    }
    if (!path.startsWith('/_control') && !(await wait(gate.get().latencyMs)))
      return void req.socket.destroy();
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
    reloaded: desk.reloaded,
    records: () => desk.list(),
    stats: currentStats,
    faults: () => gate.get(),
    setFaults: (partial) => gate.set(partial),
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
