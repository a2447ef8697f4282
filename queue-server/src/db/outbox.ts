import type { Database } from 'better-sqlite3';
import type { FinishOutcome, Intake } from '@layso/protocol';
import { toDate } from './sql.js';

/**
 * One row of the provincial outbox. `attempts` counts every failed delivery; `strikes` only those that failed
 * while the province was answering (they drive the row's own backoff and its dead letter, an outage does not).
 */
export interface OutboxEntry {
  id: number;
  ticketId: number;
  dossierCode: string;
  createdAt: Date;
  attempts: number;
  strikes: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  lastError: string | null;
  /** A dead letter: never sent again unless an admin retries it. */
  deadAt: Date | null;
  deadReason: string | null;
}

export type OutboxState = 'pending' | 'delivered' | 'dead';

export function stateOf(e: OutboxEntry): OutboxState {
  return e.deliveredAt ? 'delivered' : e.deadAt ? 'dead' : 'pending';
}

/** An outbox row as the admin sees it: no personal data, plus the ticket number to find it by. */
export interface OutboxListItem extends OutboxEntry {
  ticketNumber: string;
}

/**
 * Everything the national record of one dossier is built from: the outbox row joined with its ticket, service,
 * procedure (the dossier's, else the ticket's), counter and officer. Holds personal data (intake): never log it.
 */
export interface DossierSource {
  outboxId: number;
  attempts: number;
  dossierCode: string;
  ticketId: number;
  ticketNumber: string;
  outcome: FinishOutcome | null;
  queuedAt: Date;
  calledAt: Date | null;
  servedAt: Date | null;
  finishedAt: Date | null;
  appointmentAt: Date | null;
  intake: Intake | null;
  rating: string | null;
  service: { code: string; name: string };
  procedure: { code: string; name: string; field: string | null } | null;
  counterName: string | null;
  officerName: string | null;
}

export type OutboxFilter = OutboxState | 'all';

export interface OutboxCounts {
  pending: number;
  delivered: number;
  dead: number;
  /** When the oldest record still waiting for delivery (not a dead letter) was written; null when none waits. */
  oldestPendingAt: Date | null;
}

/** An `outbox` row as stored. */
interface OutboxRecord {
  id: number;
  ticket_id: number;
  dossier_code: string;
  created_at: number;
  attempts: number;
  strikes: number;
  next_attempt_at: number;
  last_attempt_at: number | null;
  delivered_at: number | null;
  last_error: string | null;
  dead_at: number | null;
  dead_reason: string | null;
}

type ListRecord = OutboxRecord & { ticket_number: string };

/** The joined row a national record is built from (see `load`). */
interface SourceRecord {
  outbox_id: number;
  attempts: number;
  dossier_code: string;
  ticket_id: number;
  number: string;
  outcome: FinishOutcome | null;
  queued_at: number;
  called_at: number | null;
  served_at: number | null;
  finished_at: number | null;
  appointment_at: number | null;
  intake: string | null;
  rating: string | null;
  service_code: string;
  service_name: string;
  procedure_code: string | null;
  procedure_name: string | null;
  procedure_field: string | null;
  counter_name: string | null;
  officer_name: string | null;
}

function toEntry(r: OutboxRecord): OutboxEntry {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    dossierCode: r.dossier_code,
    createdAt: new Date(r.created_at),
    attempts: r.attempts,
    strikes: r.strikes,
    nextAttemptAt: new Date(r.next_attempt_at),
    lastAttemptAt: toDate(r.last_attempt_at),
    deliveredAt: toDate(r.delivered_at),
    lastError: r.last_error,
    deadAt: toDate(r.dead_at),
    deadReason: r.dead_reason,
  };
}

const toListItem = (r: ListRecord): OutboxListItem => ({ ...toEntry(r), ticketNumber: r.ticket_number });

function toSource(r: SourceRecord): DossierSource {
  return {
    outboxId: r.outbox_id,
    attempts: r.attempts,
    dossierCode: r.dossier_code,
    ticketId: r.ticket_id,
    ticketNumber: r.number,
    outcome: r.outcome,
    queuedAt: new Date(r.queued_at),
    calledAt: toDate(r.called_at),
    servedAt: toDate(r.served_at),
    finishedAt: toDate(r.finished_at),
    appointmentAt: toDate(r.appointment_at),
    intake: r.intake ? (JSON.parse(r.intake) as Intake) : null,
    rating: r.rating,
    service: { code: r.service_code, name: r.service_name },
    procedure:
      r.procedure_code === null
        ? null
        : { code: r.procedure_code, name: r.procedure_name ?? '', field: r.procedure_field },
    counterName: r.counter_name,
    officerName: r.officer_name,
  };
}

const PENDING = 'delivered_at IS NULL AND dead_at IS NULL';
const DELIVERED = 'delivered_at IS NOT NULL';
const DEAD = 'dead_at IS NOT NULL AND delivered_at IS NULL';
/** A row may go when no earlier record of its dossier is still undelivered (pending or dead): never overtake. */
const SENDABLE = `o.delivered_at IS NULL AND o.dead_at IS NULL AND NOT EXISTS (SELECT 1 FROM outbox e
  WHERE e.dossier_code = o.dossier_code AND e.id < o.id AND e.delivered_at IS NULL)`;

/** The outbox's statements, typed by their parameters and rows. */
function prepare(db: Database) {
  const list = (where: string) =>
    db.prepare<[number, number], ListRecord>(`SELECT o.*, t.number AS ticket_number FROM outbox o
      JOIN tickets t ON t.id = o.ticket_id WHERE ${where} ORDER BY o.id DESC LIMIT ? OFFSET ?`);
  return {
    insert: db.prepare<[number, string, number, number]>(
      'INSERT INTO outbox (ticket_id, dossier_code, created_at, next_attempt_at) VALUES (?, ?, ?, ?)',
    ),
    next: db.prepare<
      [number],
      OutboxRecord
    >(`SELECT o.* FROM outbox o WHERE ${SENDABLE} AND o.next_attempt_at <= ?
      ORDER BY o.next_attempt_at, o.id LIMIT 1`),
    nextDueAt: db.prepare<[], { at: number | null }>(
      `SELECT min(o.next_attempt_at) AS at FROM outbox o WHERE ${SENDABLE}`,
    ),
    load: db.prepare<
      [number],
      SourceRecord
    >(`SELECT o.id AS outbox_id, o.attempts, o.dossier_code, o.ticket_id,
        t.number, t.outcome, t.queued_at, t.called_at, t.served_at, t.finished_at, t.appointment_at,
        t.intake, t.rating,
        s.code AS service_code, s.name AS service_name,
        p.code AS procedure_code, p.name AS procedure_name, p.field AS procedure_field,
        c.name AS counter_name, u.display_name AS officer_name
      FROM outbox o
      JOIN tickets t ON t.id = o.ticket_id
      JOIN services s ON s.id = t.service_id
      LEFT JOIN procedures p ON p.id = coalesce(t.dossier_procedure_id, t.procedure_id)
      LEFT JOIN counters c ON c.id = t.counter_id
      LEFT JOIN users u ON u.id = t.officer_id
      WHERE o.id = ?`),
    markDelivered: db.prepare<{
      id: number;
      at: number;
    }>(`UPDATE outbox SET delivered_at = @at, last_attempt_at = @at
      WHERE id = @id AND delivered_at IS NULL`),
    markFailed: db.prepare<{ id: number; at: number; error: string; next: number; strike: 0 | 1 }>(
      `UPDATE outbox SET attempts = attempts + 1, strikes = strikes + @strike, last_error = @error,
        last_attempt_at = @at, next_attempt_at = @next
      WHERE id = @id AND ${PENDING}`,
    ),
    markDead: db.prepare<{
      id: number;
      at: number;
      reason: string;
      attempted: 0 | 1;
      attemptAt: number | null;
    }>(
      `UPDATE outbox SET attempts = attempts + @attempted, last_error = @reason, dead_reason = @reason,
        dead_at = @at, last_attempt_at = coalesce(@attemptAt, last_attempt_at)
      WHERE id = @id AND ${PENDING}`,
    ),
    retry: db.prepare<{
      id: number;
      at: number;
    }>(`UPDATE outbox SET dead_at = NULL, dead_reason = NULL, strikes = 0,
      next_attempt_at = @at WHERE id = @id AND ${DEAD}`),
    retryDead: db.prepare<{ at: number }>(`UPDATE outbox SET dead_at = NULL, dead_reason = NULL, strikes = 0,
      next_attempt_at = @at WHERE ${DEAD}`),
    counts: db.prepare<
      [],
      { pending: number; delivered: number; dead: number; oldest: number | null }
    >(`SELECT
        coalesce(sum(${PENDING}), 0) AS pending,
        coalesce(sum(${DELIVERED}), 0) AS delivered,
        coalesce(sum(${DEAD}), 0) AS dead,
        min(CASE WHEN ${PENDING} THEN created_at END) AS oldest
      FROM outbox`),
    one: db.prepare<[number], ListRecord>(`SELECT o.*, t.number AS ticket_number FROM outbox o
      JOIN tickets t ON t.id = o.ticket_id WHERE o.id = ?`),
    list: {
      pending: list('o.delivered_at IS NULL AND o.dead_at IS NULL'),
      delivered: list('o.delivered_at IS NOT NULL'),
      dead: list('o.dead_at IS NOT NULL AND o.delivered_at IS NULL'),
      all: list('1 = 1'),
    } satisfies Record<OutboxFilter, unknown>,
  };
}

/** The provincial outbox table (migrations 0020, 0040, 0060), as prepared statements. Times are `Date`s. */
export class OutboxRepo {
  private readonly s: ReturnType<typeof prepare>;

  constructor(readonly db: Database) {
    this.s = prepare(db);
  }

  /** Queues a dossier's record of a finished ticket (inside the finish's transaction), due at once. */
  enqueue(ticketId: number, dossierCode: string, at: Date): void {
    this.s.insert.run(ticketId, dossierCode, at.getTime(), at.getTime());
  }

  /**
   * The record to send next at `now`: pending, due, and with no earlier record of its dossier still undelivered;
   * the one due longest first. Null when none may go now.
   */
  next(now: Date): OutboxEntry | null {
    const r = this.s.next.get(now.getTime());
    return r ? toEntry(r) : null;
  }

  /** When the next record becomes due (it may be in the past); null when nothing can be sent. */
  nextDueAt(): Date | null {
    return toDate(this.s.nextDueAt.get()?.at ?? null);
  }

  /** The data of one row's national record; null when the row does not exist. */
  load(outboxId: number): DossierSource | null {
    const r = this.s.load.get(outboxId);
    return r ? toSource(r) : null;
  }

  /** The provincial system accepted the record. False when it was already delivered (or no such row). */
  markDelivered(id: number, at: Date): boolean {
    return this.s.markDelivered.run({ id, at: at.getTime() }).changes === 1;
  }

  /**
   * A failed attempt at `at`: counts it (and as a strike when the province was answering others), keeps the
   * error (no personal data in it) and when to try again.
   */
  markFailed(id: number, at: Date, error: string, nextAttemptAt: Date, strike: boolean): boolean {
    return (
      this.s.markFailed.run({
        id,
        at: at.getTime(),
        error,
        next: nextAttemptAt.getTime(),
        strike: strike ? 1 : 0,
      }).changes === 1
    );
  }

  /** Never send this row again unless an admin retries it; `attempted` when an attempt at `at` led here. */
  markDead(id: number, at: Date, reason: string, attempted: boolean): boolean {
    return (
      this.s.markDead.run({
        id,
        at: at.getTime(),
        reason,
        attempted: attempted ? 1 : 0,
        attemptAt: attempted ? at.getTime() : null,
      }).changes === 1
    );
  }

  /** A dead letter goes back to the queue, due at `at`. False when the row is not a dead letter. */
  retry(id: number, at: Date): boolean {
    return this.s.retry.run({ id, at: at.getTime() }).changes === 1;
  }

  /** Every dead letter goes back to the queue; returns how many. */
  retryAllDead(at: Date): number {
    return this.s.retryDead.run({ at: at.getTime() }).changes;
  }

  counts(): OutboxCounts {
    const r = this.s.counts.get() ?? { pending: 0, delivered: 0, dead: 0, oldest: null };
    return { pending: r.pending, delivered: r.delivered, dead: r.dead, oldestPendingAt: toDate(r.oldest) };
  }

  /** How many dossier records still wait for delivery (dead letters not included). */
  pending(): number {
    return this.counts().pending;
  }

  /** One row as the admin sees it; null when there is none. */
  get(id: number): OutboxListItem | null {
    const r = this.s.one.get(id);
    return r ? toListItem(r) : null;
  }

  /** For the admin view: newest first. */
  list(options: { filter?: OutboxFilter; limit?: number; offset?: number } = {}): OutboxListItem[] {
    const limit = Math.max(1, Math.min(options.limit ?? 50, 500));
    const offset = Math.max(0, options.offset ?? 0);
    return this.s.list[options.filter ?? 'all'].all(limit, offset).map(toListItem);
  }
}
