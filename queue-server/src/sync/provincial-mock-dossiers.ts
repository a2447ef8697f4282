/**
 * The provincial stand-in's dossier side (./provincial-mock.ts): the records the sync worker POSTs to
 * `/dossiers`, kept once per `Idempotency-Key` (and in the JSON Lines out file), and each dossier's status read
 * with `GET /dossiers/:code` or moved with `POST /_control/dossiers/:code` (./provincial-mock-status.ts).
 * Records hold personal data: nothing here logs a body.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultGate } from './provincial-mock-faults.js';
import { StatusMove, type StatusBook } from './provincial-mock-status.js';
import {
  isObject,
  sendError,
  sendJson,
  type Counters,
  type ErrorCode,
  type Outcome,
} from './provincial-mock-wire.js';

/** One stored record. `count` = attempts with this key (1 + duplicates). */
export interface StoredRecord {
  key: string;
  body: Record<string, unknown>;
  receivedAt: string;
  count: number;
}

/** Printable ASCII without spaces or ':' — then ':' and the numeric status, e.g. `000.00.12.H61-261203-0001:2`. */
const KEY = /^([!-9;-~]{1,100}):(\d{1,3})$/;

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

export interface DossierDeskOptions {
  /** When set, `POST /dossiers` and `GET /dossiers/:code` require `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** JSON Lines file: reloaded at start, and each newly stored record is appended to it. */
  outFile?: string | undefined;
  now: () => number;
  gate: FaultGate;
  statuses: StatusBook;
  counters: Counters;
}

/** The records received and the statuses asked for, over HTTP. */
export class DossierDesk {
  private records: Map<string, StoredRecord>;
  /** Records loaded from the out file at start. */
  readonly reloaded: number;

  constructor(private readonly o: DossierDeskOptions) {
    this.records = o.outFile ? loadRecords(o.outFile) : new Map();
    this.reloaded = this.records.size;
    // Statuses are not kept on disk: the reloaded records give each dossier its status at receipt (not pushed again).
    for (const r of this.records.values()) o.statuses.recordStored(r.body, Date.parse(r.receivedAt), false);
  }

  get size(): number {
    return this.records.size;
  }

  /** Copies of the records held. */
  list(): StoredRecord[] {
    return [...this.records.values()].map((r) => ({ ...r }));
  }

  /** Forgets every record and empties the out file. */
  clear(): void {
    this.records = new Map();
    if (this.o.outFile) writeFileSync(this.o.outFile, '');
  }

  private authorised(req: IncomingMessage): boolean {
    return this.o.token === undefined || req.headers.authorization === `Bearer ${this.o.token}`;
  }

  /** `POST /dossiers`: returns the event to report (the reply is sent, or the socket dropped). */
  async post(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<Outcome> {
    const { counters, gate, statuses, now, outFile } = this.o;
    counters.requests += 1;
    const header = req.headers['idempotency-key'];
    const key = typeof header === 'string' ? header.trim() : null;
    const fault = await gate.check(req, res, key);
    if (fault) return fault;

    const rejected = (code: ErrorCode): Outcome => {
      counters.rejected += 1;
      return { key, status: sendError(res, code), outcome: 'rejected' };
    };
    if (!this.authorised(req)) return rejected('MOCK_UNAUTHORIZED');
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

    const existing = this.records.get(key);
    if (existing) {
      existing.count += 1;
      counters.duplicates += 1;
      return { key, status: sendError(res, 'MOCK_DUPLICATE'), outcome: 'duplicate' };
    }
    const record: StoredRecord = { key, body, receivedAt: new Date(now()).toISOString(), count: 1 };
    // On disk before the reply: a 201 means the record survives a restart of the mock.
    if (outFile) {
      appendFileSync(outFile, `${JSON.stringify({ key, body, receivedAt: record.receivedAt })}\n`);
    }
    this.records.set(key, record);
    statuses.recordStored(body, now());

    const lost = gate.afterStore(req, res, key);
    if (lost) return lost;
    sendJson(res, 201, { received: key });
    return { key, status: 201, outcome: 'stored' };
  }

  /** `GET /dossiers/:code`: the dossier's status, under the same faults and token as the records. */
  async status(req: IncomingMessage, res: ServerResponse, code: string): Promise<Outcome> {
    this.o.counters.statusRequests += 1;
    const fault = await this.o.gate.check(req, res, code);
    if (fault) return fault;
    if (!this.authorised(req)) {
      return { key: code, status: sendError(res, 'MOCK_UNAUTHORIZED'), outcome: 'rejected' };
    }
    const status = this.o.statuses.read(code);
    if (!status) return { key: code, status: sendError(res, 'MOCK_DOSSIER_NOT_FOUND'), outcome: 'rejected' };
    sendJson(res, 200, status);
    return { key: code, status: 200, outcome: 'ok' };
  }

  /** `POST /_control/dossiers/:code`: moves one dossier on (created when the stand-in never heard of it). */
  move(res: ServerResponse, code: string, raw: Buffer): Outcome {
    let parsed: ReturnType<typeof StatusMove.safeParse>;
    try {
      parsed = StatusMove.safeParse(JSON.parse(raw.toString('utf8')));
    } catch {
      return { key: code, status: sendError(res, 'MOCK_BAD_JSON'), outcome: 'rejected' };
    }
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
      return { key: code, status: sendError(res, 'MOCK_BAD_CONTROL', { details }), outcome: 'rejected' };
    }
    sendJson(res, 200, this.o.statuses.move(code, parsed.data));
    return { key: code, status: 200, outcome: 'ok' };
  }
}
