/**
 * The soak's invariants. The ledger records what the server acknowledged (every 201 a kiosk got, every ticket a
 * call-next returned, every finish of a received dossier) and checks each new fact against the ones before —
 * continuously, as they arrive — and against the server, the database and the provincial stand-in after each fault
 * and at the end. A broken invariant is counted and its first examples kept; the run fails on any.
 */
import { join } from 'node:path';
import type { ProvincialMock } from '@layso/queue-server';
import { openDatabase } from '@layso/queue-server';
import { api } from '../support/http.js';
import { pool } from './setup.js';

export const INVARIANTS = [
  /** No (service, day, number) given to two tickets, no ticket id acknowledged twice. */
  'number-issued-once',
  /** Every ticket a kiosk got a 201 for is in the API and the database, unchanged, after every restart. */
  'acknowledged-ticket-kept',
  /** No ticket returned by two call-next replies (recalls are a separate command, not used here). */
  'ticket-called-once',
  /** After each fault every screen's drawn state equals a fresh snapshot of its stream. */
  'display-converges',
  /** Every received dossier is stored by the province under its idempotency key exactly once, no other. */
  'dossier-delivered-once',
  /** A kiosk told "printed" only when the printer printed, and never during a paper-out or offline fault. */
  'print-honest',
  /** A phone never sees its ticket's number change or its status go back (waiting → called → serving → done). */
  'tracking-consistent',
] as const;
export type Invariant = (typeof INVARIANTS)[number];

export interface Acked {
  id: number;
  number: string;
  serviceId: number;
  day: string;
  trackingCode: string;
}

const STATUS_ORDER: Record<string, number> = {
  waiting: 0,
  called: 1,
  serving: 2,
  done: 3,
  'no-show': 3,
  transferred: 3,
};

export class Ledger {
  readonly acked = new Map<number, Acked>();
  private readonly numbers = new Map<string, number>();
  private readonly calls = new Map<number, number>();
  /** Ticket id → dossier code, for every finish of a received dossier that got its 200. */
  readonly dossiers = new Map<number, string>();
  readonly broken = new Map<Invariant, { count: number; examples: string[] }>(
    INVARIANTS.map((i) => [i, { count: 0, examples: [] }]),
  );
  /** How many times each invariant was checked (a check that never ran proves nothing). */
  readonly checked = new Map<Invariant, number>(INVARIANTS.map((i) => [i, 0]));

  fail(inv: Invariant, example: string): void {
    const b = this.broken.get(inv) as { count: number; examples: string[] };
    b.count += 1;
    if (b.examples.length < 10) b.examples.push(example);
  }

  check(inv: Invariant, ok: boolean, example: () => string): void {
    this.checked.set(inv, (this.checked.get(inv) ?? 0) + 1);
    if (!ok) this.fail(inv, example());
  }

  issued(t: Acked): void {
    const key = `${t.day}|${t.serviceId}|${t.number}`;
    const prior = this.numbers.get(key);
    this.check(
      'number-issued-once',
      prior === undefined && !this.acked.has(t.id),
      () => `number ${t.number} of service ${t.serviceId} on ${t.day}: tickets ${prior ?? t.id} and ${t.id}`,
    );
    this.numbers.set(key, t.id);
    this.acked.set(t.id, t);
  }

  called(ticketId: number, counterId: number): void {
    const prior = this.calls.get(ticketId);
    this.check(
      'ticket-called-once',
      prior === undefined,
      () => `ticket ${ticketId} called by counter ${prior} and again by counter ${counterId}`,
    );
    this.calls.set(ticketId, counterId);
  }

  tracked(t: Acked, seen: { number: string; status: string }, before: string | null): void {
    const back = before !== null && (STATUS_ORDER[seen.status] ?? -1) < (STATUS_ORDER[before] ?? -1);
    this.check(
      'tracking-consistent',
      seen.number === t.number && !back,
      () =>
        `ticket ${t.id}: tracked as ${seen.number} ${seen.status} after ${before ?? '-'} (issued ${t.number})`,
    );
  }

  /** Any invariant broken so far, as readable lines. */
  failures(): string[] {
    const out: string[] = [];
    for (const [inv, b] of this.broken)
      if (b.count) out.push(`${inv}: ${b.count} × — ${b.examples.slice(0, 3).join('; ')}`);
    return out;
  }
}

/** Every acknowledged ticket (or those given) is served by the API as it was acknowledged. */
export async function checkAckedOverApi(
  ledger: Ledger,
  url: string,
  token: string,
  tickets: readonly Acked[] = [...ledger.acked.values()],
): Promise<void> {
  await pool(tickets, 16, async (t) => {
    // A restarted server busy with every screen reconnecting may not accept at once: a few tries, then it counts.
    let r: Awaited<ReturnType<typeof api>> | null = null;
    for (let attempt = 0; attempt < 5 && r === null; attempt++) {
      try {
        r = await api(url, `/api/tickets/${t.id}`, { token });
      } catch {
        r = null;
      }
    }
    ledger.check(
      'acknowledged-ticket-kept',
      r !== null &&
        r.status === 200 &&
        r.body.number === t.number &&
        r.body.serviceId === t.serviceId &&
        r.body.day === t.day,
      () =>
        `ticket ${t.id} (${t.number}): ${r === null ? 'no answer in 5 tries' : `${r.status} ${r.body?.number ?? ''}`}`,
    );
  });
}

export interface DatabaseFacts {
  tickets: number;
  /** Received dossiers finished in the database (also those whose finish reply was lost to a kill). */
  receivedDossiers: Map<number, string>;
}

/**
 * After the server has stopped: the SQLite file itself holds every acknowledged ticket with its number, no
 * number twice, each service's sequence without a duplicate.
 */
export function checkDatabase(ledger: Ledger, dataDir: string): DatabaseFacts {
  const db = openDatabase(join(dataDir, 'queue.db'));
  try {
    db.pragma('query_only = ON');
    const dup = db
      .prepare(
        `SELECT service_id AS s, day, number, count(*) AS n FROM tickets GROUP BY service_id, day, number HAVING n > 1`,
      )
      .all() as { s: number; day: string; number: string; n: number }[];
    ledger.check('number-issued-once', dup.length === 0, () =>
      dup
        .slice(0, 3)
        .map((d) => `${d.number} of service ${d.s} on ${d.day} × ${d.n} in the database`)
        .join('; '),
    );
    const byId = db.prepare('SELECT number, service_id AS s, day FROM tickets WHERE id = ?');
    for (const t of ledger.acked.values()) {
      const row = byId.get(t.id) as { number: string; s: number; day: string } | undefined;
      ledger.check(
        'acknowledged-ticket-kept',
        row !== undefined && row.number === t.number && row.s === t.serviceId && row.day === t.day,
        () => `ticket ${t.id} (${t.number}) in the database: ${row ? row.number : 'missing'}`,
      );
    }
    const tickets = (db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
    const rows = db
      .prepare(
        `SELECT id, dossier_code AS code FROM tickets WHERE outcome = 'received' AND dossier_code IS NOT NULL`,
      )
      .all() as { id: number; code: string }[];
    return { tickets, receivedDossiers: new Map(rows.map((r) => [r.id, r.code])) };
  } finally {
    db.close();
  }
}

/** The idempotency key of a received dossier's record (DESIGN.md: `<MaHoSo>:<TrangThaiHoSo>`, received = 2). */
export const receivedKey = (code: string): string => `${code}:2`;

/**
 * The province holds each received dossier of the database exactly once under its key, every dossier whose
 * finish was acknowledged among them, and nothing else.
 */
export function checkProvince(ledger: Ledger, province: ProvincialMock, facts: DatabaseFacts): void {
  const stored = new Map<string, number>();
  for (const r of province.records()) stored.set(r.key, (stored.get(r.key) ?? 0) + 1);
  const expected = new Set([...facts.receivedDossiers.values()].map(receivedKey));
  for (const [ticketId, code] of ledger.dossiers) {
    ledger.check(
      'dossier-delivered-once',
      facts.receivedDossiers.get(ticketId) === code && stored.get(receivedKey(code)) === 1,
      () => `ticket ${ticketId}: dossier ${code} stored ${stored.get(receivedKey(code)) ?? 0} ×`,
    );
  }
  for (const key of expected)
    ledger.check(
      'dossier-delivered-once',
      stored.get(key) === 1,
      () => `${key} stored ${stored.get(key) ?? 0} ×`,
    );
  for (const key of stored.keys())
    ledger.check(
      'dossier-delivered-once',
      expected.has(key),
      () => `${key} stored but not a received dossier`,
    );
}
