/**
 * A small stand-in for the province hub, for the sender's tests: a real HTTP server on 127.0.0.1 that checks the
 * site key, parses bodies with the protocol's HubBatch/HubHeartbeat and answers as the hub does — 200 with the
 * acknowledged seq (a resend is answered again, nothing stored twice), 409 LAYSO_HUB_SEQ_GAP with `expected`,
 * 401/403 for key problems, 400 for a refused body — or, on demand, 503, no answer at all, or a commit whose answer
 * is lost. It also serves the province's catalogue (`setCatalogue`) with an ETag and 304, as the hub does. The real
 * hub is tested on PostgreSQL in province-hub.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HubBatch, HubHeartbeat, type ErrorCode, type HubCatalogue, type HubFact } from '@layso/protocol';

export type StandInMode =
  /** Answers as the hub does. */
  | 'ok'
  /** 503 LAYSO_HUB_UNAVAILABLE, nothing stored. */
  | 'down'
  /** Takes the request and never answers. */
  | 'hang'
  /** Commits the batch, then drops the connection: the acknowledgement is lost. */
  | 'lose-ack'
  /** The key is revoked: 403. */
  | 'revoked'
  /** 400 LAYSO_VALIDATION for every batch (a fact it refuses). */
  | 'refuse';

export interface StandInHub {
  readonly url: string;
  mode: StandInMode;
  /** What the hub committed, in seq order; a fact stored twice would show twice. */
  readonly facts: HubFact[];
  acknowledged: number;
  /** Every batch as received (first and last seq, size), answered or not. */
  readonly batches: { firstSeq: number; lastSeq: number; size: number; status: number }[];
  readonly heartbeats: HubHeartbeat[];
  /** Serves this document from now on (its ETag: the sha-256 of the bytes). */
  setCatalogue(doc: HubCatalogue): void;
  /** Every catalogue pull: the `If-None-Match` it sent and the status answered. */
  readonly pulls: { ifNoneMatch: string | null; status: number }[];
  /** Resolves when `check` holds after a request was handled (checked at once, too). */
  until(check: () => boolean): Promise<void>;
  close(): Promise<void>;
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};
const refuse = (res: ServerResponse, code: ErrorCode, status: number, details?: unknown) =>
  send(res, status, { error: { code, message: code, ...(details ? { details } : {}) } });

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

function textOf(doc: HubCatalogue): { body: string; etag: string } {
  const body = JSON.stringify(doc);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
}

export async function startStandInHub(options: { site: string; key: string }): Promise<StandInHub> {
  let catalogue = textOf({
    version: 0,
    updatedAt: null,
    procedures: [],
    announce: null,
    priorityGroups: null,
  });
  const waiters = new Set<{ check: () => boolean; resolve: () => void }>();
  const hanging = new Set<ServerResponse>();
  const notify = () => {
    for (const w of waiters)
      if (w.check()) {
        waiters.delete(w);
        w.resolve();
      }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    if (req.headers.authorization !== `Bearer ${options.key}`) return refuse(res, 'LAYSO_HUB_SITE_KEY', 401);
    if (hub.mode === 'revoked') return refuse(res, 'LAYSO_HUB_SITE_REVOKED', 403);
    if (req.url === '/api/hub/catalogue' && req.method === 'GET') {
      const ifNoneMatch = req.headers['if-none-match'] ?? null;
      const status = hub.mode === 'down' ? 503 : ifNoneMatch === catalogue.etag ? 304 : 200;
      hub.pulls.push({ ifNoneMatch, status });
      if (status === 503) return refuse(res, 'LAYSO_HUB_UNAVAILABLE', 503);
      res.writeHead(status, { ETag: catalogue.etag, 'Content-Type': 'application/json' });
      return void res.end(status === 200 ? catalogue.body : undefined);
    }
    if (req.url === '/api/hub/heartbeat') {
      const beat = HubHeartbeat.safeParse(body);
      if (!beat.success) return refuse(res, 'LAYSO_VALIDATION', 400);
      hub.heartbeats.push(beat.data);
      return send(res, 200, { acknowledged: hub.acknowledged });
    }
    if (req.url !== '/api/hub/batches') return refuse(res, 'LAYSO_NOT_FOUND', 404);
    const parsed = HubBatch.safeParse(body);
    const batch = parsed.success ? parsed.data : null;
    const seen = {
      firstSeq: batch?.firstSeq ?? 0,
      lastSeq: batch?.lastSeq ?? 0,
      size: batch?.facts.length ?? 0,
    };
    const answer = (status: number, fn: () => void) => {
      hub.batches.push({ ...seen, status });
      fn();
    };
    if (!batch || hub.mode === 'refuse') return answer(400, () => refuse(res, 'LAYSO_VALIDATION', 400));
    if (batch.site !== options.site) return answer(403, () => refuse(res, 'LAYSO_HUB_SITE_MISMATCH', 403));
    if (hub.mode === 'down') return answer(503, () => refuse(res, 'LAYSO_HUB_UNAVAILABLE', 503));
    if (hub.mode === 'hang') {
      hub.batches.push({ ...seen, status: 0 });
      hanging.add(res);
      return;
    }
    if (batch.lastSeq <= hub.acknowledged)
      return answer(200, () => send(res, 200, { acknowledged: hub.acknowledged }));
    if (batch.firstSeq !== hub.acknowledged + 1)
      return answer(409, () => refuse(res, 'LAYSO_HUB_SEQ_GAP', 409, { expected: hub.acknowledged + 1 }));
    hub.facts.push(...batch.facts);
    hub.acknowledged = batch.lastSeq;
    if (hub.mode === 'lose-ack') return answer(0, () => res.socket?.destroy());
    return answer(200, () => send(res, 200, { acknowledged: hub.acknowledged }));
  };

  const server = createServer((req, res) => {
    handle(req, res)
      .catch(() => refuse(res, 'LAYSO_INTERNAL', 500))
      .finally(notify);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const hub: StandInHub = {
    url: `http://127.0.0.1:${port}`,
    mode: 'ok',
    facts: [],
    acknowledged: 0,
    batches: [],
    heartbeats: [],
    pulls: [],
    setCatalogue(doc) {
      catalogue = textOf(doc);
    },
    until(check) {
      if (check()) return Promise.resolve();
      return new Promise((resolve) => waiters.add({ check, resolve }));
    },
    async close() {
      for (const res of hanging) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return hub;
}
