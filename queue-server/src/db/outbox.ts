import type { Database, Statement } from 'better-sqlite3';
import type { FinishOutcome, Intake } from '@layso/protocol';

/** One row of the provincial outbox. `attempts` counts failed deliveries so far (it drives the backoff). */
export interface OutboxEntry {
  id: number;
  ticketId: number;
  dossierCode: string;
  createdAt: Date;
  attempts: number;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  lastError: string | null;
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

export type OutboxFilter = 'pending' | 'delivered' | 'all';

type Raw = Record<string, unknown>;
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(Number(v)));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toEntry(r: Raw): OutboxEntry {
  return {
    id: r.id as number,
    ticketId: r.ticket_id as number,
    dossierCode: r.dossier_code as string,
    createdAt: new Date(r.created_at as number),
    attempts: r.attempts as number,
    nextAttemptAt: new Date(r.next_attempt_at as number),
    deliveredAt: date(r.delivered_at),
    lastError: str(r.last_error),
  };
}

function toSource(r: Raw): DossierSource {
  return {
    outboxId: r.outbox_id as number,
    attempts: r.attempts as number,
    dossierCode: r.dossier_code as string,
    ticketId: r.ticket_id as number,
    ticketNumber: r.number as string,
    outcome: (r.outcome as FinishOutcome | null) ?? null,
    queuedAt: new Date(r.queued_at as number),
    calledAt: date(r.called_at),
    servedAt: date(r.served_at),
    finishedAt: date(r.finished_at),
    appointmentAt: date(r.appointment_at),
    intake: r.intake ? (JSON.parse(r.intake as string) as Intake) : null,
    rating: str(r.rating),
    service: { code: r.service_code as string, name: r.service_name as string },
    procedure:
      r.procedure_code === null || r.procedure_code === undefined
        ? null
        : {
            code: r.procedure_code as string,
            name: r.procedure_name as string,
            field: str(r.procedure_field),
          },
    counterName: str(r.counter_name),
    officerName: str(r.officer_name),
  };
}

const PENDING = 'delivered_at IS NULL';
const DELIVERED = 'delivered_at IS NOT NULL';

/** The provincial outbox table (migration 0020), as prepared statements. Times in and out are `Date`s. */
export class OutboxRepo {
  private readonly s: {
    due: Statement;
    load: Statement;
    markDelivered: Statement;
    markFailed: Statement;
    pending: Statement;
    list: Record<OutboxFilter, Statement>;
  };

  constructor(readonly db: Database) {
    const p = (sql: string) => db.prepare(sql);
    const list = (where: string) =>
      p(`SELECT o.*, t.number AS ticket_number FROM outbox o JOIN tickets t ON t.id = o.ticket_id
        WHERE ${where} ORDER BY o.id DESC LIMIT ? OFFSET ?`);
    this.s = {
      due: p(`SELECT * FROM outbox WHERE ${PENDING} AND next_attempt_at <= ?
        ORDER BY created_at, id LIMIT ?`),
      load: p(`SELECT o.id AS outbox_id, o.attempts, o.dossier_code, o.ticket_id,
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
      markDelivered: p(`UPDATE outbox SET delivered_at = ? WHERE id = ? AND ${PENDING}`),
      markFailed: p(`UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?
        WHERE id = ? AND ${PENDING}`),
      pending: p(`SELECT count(*) AS n FROM outbox WHERE ${PENDING}`),
      list: {
        pending: list(PENDING),
        delivered: list(DELIVERED),
        all: list('1 = 1'),
      },
    };
  }

  /** Undelivered rows whose next attempt is due at `now`, oldest first. */
  due(now: Date, limit: number): OutboxEntry[] {
    return (this.s.due.all(now.getTime(), limit) as Raw[]).map(toEntry);
  }

  /** The data of one row's national record; null when the row does not exist. */
  load(outboxId: number): DossierSource | null {
    const r = this.s.load.get(outboxId) as Raw | undefined;
    return r ? toSource(r) : null;
  }

  /** The provincial system accepted the record. False when it was already delivered (or no such row). */
  markDelivered(id: number, at: Date): boolean {
    return this.s.markDelivered.run(at.getTime(), id).changes === 1;
  }

  /**
   * A failed attempt at `_at`: counts it, keeps the error (no personal data in it) and when to try again.
   * The table keeps no time of the last attempt; `_at` is in the signature so callers state it all the same.
   */
  markFailed(id: number, _at: Date, error: string, nextAttemptAt: Date): boolean {
    return this.s.markFailed.run(error, nextAttemptAt.getTime(), id).changes === 1;
  }

  /** How many dossiers still wait for delivery. */
  pending(): number {
    return (this.s.pending.get() as { n: number }).n;
  }

  /** For the admin view: newest first. */
  list(options: { filter?: OutboxFilter; limit?: number; offset?: number } = {}): OutboxListItem[] {
    const limit = Math.max(1, Math.min(options.limit ?? 50, 500));
    const offset = Math.max(0, options.offset ?? 0);
    const rows = this.s.list[options.filter ?? 'all'].all(limit, offset) as Raw[];
    return rows.map((r) => ({ ...toEntry(r), ticketNumber: r.ticket_number as string }));
  }
}
