import type { Database } from 'better-sqlite3';
import type { FinishOutcome, Intake, TicketStatus } from '@layso/protocol';
import { NOT_YET_CALLED } from '../domain/tickets.js';
import type { TicketState } from '../domain/types.js';
import { ms, toDate } from './sql.js';

/** A ticket as the store hands it out: domain state plus what screens and replies need. */
export interface TicketRow extends TicketState {
  day: string;
  number: string;
  procedureId: number | null;
  officerId: number | null;
  dossierCode: string | null;
  dossierProcedureId: number | null;
  appointmentAt: Date | null;
  transferredFromId: number | null;
  trackingCode: string;
  intake: Intake | null;
  rating: string | null;
  ratingReason: string | null;
  issuedByDeviceId: number | null;
  transferNote: string | null;
  /** The last call or recall (`calledAt` stays the first call, which waiting times count to). */
  lastCalledAt: Date | null;
  /** The booking a kiosk check-in issued this ticket for (its slot is `bookedFor`), and its code. */
  bookingId: number | null;
  bookingCode: string | null;
}

export interface ServiceDay {
  lastSeq: number;
  streak: number;
  /** Booked calls in a row (the walk-ins' bound, beside the priority `streak`). */
  bookedStreak: number;
  /** Tickets handed out by kiosks (transfers don't use up the daily cap). */
  issued: number;
  /** Tickets waiting now, per class: kept by every command that adds to or calls from the queue. */
  waitingNormal: number;
  waitingPriority: number;
}

/** A group of one day's tickets: waiting or done, by service and counter (see `TicketsRepo.dayFigures`). */
export interface DayFigure {
  serviceId: number;
  counterId: number | null;
  status: 'waiting' | 'done';
  count: number;
  /** The earliest `queued_at` of the group (for waiting tickets: the longest wait). */
  oldestQueuedAt: Date | null;
}

export interface NewTicket {
  serviceId: number;
  day: string;
  seq: number;
  number: string;
  priority: string | null;
  procedureId: number | null;
  queuedAt: Date;
  issuedAt: Date;
  trackingCode: string;
  intake: Intake | null;
  transferredFromId: number | null;
  issuedByDeviceId: number | null;
  transferNote: string | null;
}

export interface TicketRecord {
  id: number;
  service_id: number;
  day: string;
  seq: number;
  number: string;
  priority: string | null;
  procedure_id: number | null;
  status: TicketStatus;
  queued_at: number;
  issued_at: number;
  called_at: number | null;
  served_at: number | null;
  finished_at: number | null;
  counter_id: number | null;
  officer_id: number | null;
  recalls: number;
  outcome: FinishOutcome | null;
  dossier_code: string | null;
  dossier_procedure_id: number | null;
  appointment_at: number | null;
  transferred_from_id: number | null;
  tracking_code: string;
  intake: string | null;
  rating: string | null;
  rating_reason: string | null;
  issued_by_device_id: number | null;
  transfer_note: string | null;
  last_called_at: number | null;
  booking_id: number | null;
  /** From the booking (see TICKET): its slot's start and code. */
  booked_for: number | null;
  booking_code: string | null;
}

/** A ticket's columns with its booking's slot start and code (a primary-key lookup each; null for a walk-in). */
const TICKET = `tickets.*,
  (SELECT slot_start FROM bookings b WHERE b.id = tickets.booking_id) AS booked_for,
  (SELECT code FROM bookings b WHERE b.id = tickets.booking_id) AS booking_code`;

interface ServiceDayRecord {
  last_seq: number;
  priority_streak: number;
  booked_streak: number;
  issued: number;
  waiting_normal: number;
  waiting_priority: number;
}

type NewTicketParams = Omit<NewTicket, 'queuedAt' | 'issuedAt' | 'intake'> & {
  queuedAt: number;
  issuedAt: number;
  intake: string | null;
};

interface TicketUpdate {
  id: number;
  status: TicketStatus;
  calledAt: number | null;
  servedAt: number | null;
  finishedAt: number | null;
  counterId: number | null;
  officerId: number | null;
  recalls: number;
  outcome: FinishOutcome | null;
  dossierCode: string | null;
  dossierProcedureId: number | null;
  appointmentAt: number | null;
  lastCalledAt: number | null;
}

export interface Place {
  day: string;
  serviceId: number;
}

function toTicket(r: TicketRecord): TicketRow {
  return {
    id: r.id,
    serviceId: r.service_id,
    seq: r.seq,
    day: r.day,
    number: r.number,
    priority: r.priority,
    bookedFor: toDate(r.booked_for),
    procedureId: r.procedure_id,
    status: r.status,
    queuedAt: new Date(r.queued_at),
    issuedAt: new Date(r.issued_at),
    calledAt: toDate(r.called_at),
    servedAt: toDate(r.served_at),
    finishedAt: toDate(r.finished_at),
    counterId: r.counter_id,
    officerId: r.officer_id,
    recalls: r.recalls,
    outcome: r.outcome,
    dossierCode: r.dossier_code,
    dossierProcedureId: r.dossier_procedure_id,
    appointmentAt: toDate(r.appointment_at),
    transferredFromId: r.transferred_from_id,
    trackingCode: r.tracking_code,
    intake: r.intake ? (JSON.parse(r.intake) as Intake) : null,
    rating: r.rating,
    ratingReason: r.rating_reason,
    issuedByDeviceId: r.issued_by_device_id,
    transferNote: r.transfer_note,
    lastCalledAt: toDate(r.last_called_at),
    bookingId: r.booking_id,
    bookingCode: r.booking_code,
  };
}

/** The tickets' and service-days' statements, typed by their parameters and rows. */
function prepare(db: Database) {
  return {
    serviceDay: db.prepare<[number, string], ServiceDayRecord>(
      `SELECT last_seq, priority_streak, booked_streak, issued, waiting_normal, waiting_priority FROM service_days
        WHERE service_id = ? AND day = ?`,
    ),
    upsertServiceDay: db.prepare<ServiceDay & Place>(
      `INSERT INTO service_days
        (service_id, day, last_seq, priority_streak, booked_streak, issued, waiting_normal, waiting_priority)
        VALUES (@serviceId, @day, @lastSeq, @streak, @bookedStreak, @issued, @waitingNormal, @waitingPriority)
        ON CONFLICT(service_id, day) DO UPDATE SET last_seq = excluded.last_seq,
        priority_streak = excluded.priority_streak, booked_streak = excluded.booked_streak, issued = excluded.issued,
        waiting_normal = excluded.waiting_normal, waiting_priority = excluded.waiting_priority`,
    ),
    insert: db.prepare<NewTicketParams>(
      `INSERT INTO tickets (service_id, day, seq, number, priority, procedure_id, status, queued_at, issued_at,
        tracking_code, intake, transferred_from_id, issued_by_device_id, transfer_note)
        VALUES (@serviceId, @day, @seq, @number, @priority, @procedureId, 'waiting', @queuedAt, @issuedAt,
        @trackingCode, @intake, @transferredFromId, @issuedByDeviceId, @transferNote)`,
    ),
    byId: db.prepare<[number], TicketRecord>(`SELECT ${TICKET} FROM tickets WHERE id = ?`),
    byTracking: db.prepare<[string], TicketRecord>(`SELECT ${TICKET} FROM tickets WHERE tracking_code = ?`),
    transferredFrom: db.prepare<[number], TicketRecord>(
      `SELECT ${TICKET} FROM tickets WHERE transferred_from_id = ? ORDER BY id LIMIT 1`,
    ),
    update: db.prepare<TicketUpdate>(
      `UPDATE tickets SET status=@status, called_at=@calledAt, served_at=@servedAt, finished_at=@finishedAt,
        counter_id=@counterId, officer_id=@officerId, recalls=@recalls, outcome=@outcome, dossier_code=@dossierCode,
        dossier_procedure_id=@dossierProcedureId, appointment_at=@appointmentAt, last_called_at=@lastCalledAt
        WHERE id=@id`,
    ),
    dossierHolder: db.prepare<[string, string, number], { id: number }>(
      'SELECT id FROM tickets WHERE dossier_code = ? AND outcome = ? AND id <> ? LIMIT 1',
    ),
    setRating: db.prepare<[string, string | null, number]>(
      'UPDATE tickets SET rating = ?, rating_reason = ? WHERE id = ? AND rating IS NULL',
    ),
    waiting: db.prepare<[string, number], TicketRecord>(
      `SELECT ${TICKET} FROM tickets WHERE day = ? AND service_id = ? AND status = 'waiting' ORDER BY queued_at, seq, id`,
    ),
    waitsBetween: db.prepare<[string, string], { service_id: number; booked: 0 | 1; wait_ms: number }>(
      `SELECT t.service_id, t.booking_id IS NOT NULL AS booked,
          t.called_at - max(t.issued_at, coalesce(b.slot_start, t.issued_at)) AS wait_ms
        FROM tickets t LEFT JOIN bookings b ON b.id = t.booking_id
        WHERE t.day BETWEEN ? AND ? AND t.called_at IS NOT NULL AND t.transferred_from_id IS NULL`,
    ),
    recentServiceSeconds: db.prepare<[string, number, number], { s: number }>(
      `SELECT (finished_at - coalesce(served_at, called_at)) / 1000.0 AS s FROM tickets
        WHERE day = ? AND service_id = ? AND status = 'done' ORDER BY finished_at DESC LIMIT ?`,
    ),
    recentCalls: db.prepare<[string, number | null, number | null, number], TicketRecord>(
      `SELECT ${TICKET} FROM tickets WHERE day = ? AND called_at IS NOT NULL AND (? IS NULL OR service_id = ?)
          ORDER BY coalesce(last_called_at, called_at) DESC, id DESC LIMIT ?`,
    ),
    dayFigures: db.prepare<
      [string],
      {
        service_id: number;
        counter_id: number | null;
        status: 'waiting' | 'done';
        n: number;
        oldest: number | null;
      }
    >(
      `SELECT service_id, counter_id, status, count(*) AS n, min(queued_at) AS oldest FROM tickets
        WHERE day = ? AND status IN ('waiting', 'done') GROUP BY service_id, status, counter_id`,
    ),
    purgeIntake: db.prepare<[string]>(
      `UPDATE tickets SET intake = NULL, transfer_note = NULL WHERE day < ?
        AND (intake IS NOT NULL OR transfer_note IS NOT NULL)
        AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.ticket_id = tickets.id AND o.delivered_at IS NULL)`,
    ),
    intakeKept: db.prepare<[string], { id: number }>(
      `SELECT id FROM tickets WHERE day < ? AND (intake IS NOT NULL OR transfer_note IS NOT NULL)`,
    ),
  };
}

/**
 * Tickets: numbering state per service-day, the waiting counts, calls, ratings. The queue's order (class heads, a
 * walk-in's place, booked tickets waiting) is read by `QueueOrderReads` (queue-order.ts).
 */
export class TicketsRepo {
  private readonly st: ReturnType<typeof prepare>;

  constructor(db: Database) {
    this.st = prepare(db);
  }

  /** Numbering state of a service-day: last number used, priority calls in a row, tickets kiosks issued. */
  serviceDay(serviceId: number, day: string): ServiceDay {
    const r = this.st.serviceDay.get(serviceId, day);
    return {
      lastSeq: r?.last_seq ?? 0,
      streak: r?.priority_streak ?? 0,
      bookedStreak: r?.booked_streak ?? 0,
      issued: r?.issued ?? 0,
      waitingNormal: r?.waiting_normal ?? 0,
      waitingPriority: r?.waiting_priority ?? 0,
    };
  }
  saveServiceDay(serviceId: number, day: string, d: ServiceDay): void {
    this.st.upsertServiceDay.run({ serviceId, day, ...d });
  }
  /** Inserts a waiting ticket and returns its row as stored (no second read). */
  insert(t: NewTicket): TicketRow {
    const id = Number(
      this.st.insert.run({
        ...t,
        queuedAt: t.queuedAt.getTime(),
        issuedAt: t.issuedAt.getTime(),
        intake: t.intake ? JSON.stringify(t.intake) : null,
      }).lastInsertRowid,
    );
    return {
      ...t,
      id,
      bookedFor: null,
      bookingId: null,
      bookingCode: null,
      ...NOT_YET_CALLED,
      officerId: null,
      dossierCode: null,
      dossierProcedureId: null,
      appointmentAt: null,
      rating: null,
      ratingReason: null,
      lastCalledAt: null,
    };
  }
  byId(id: number): TicketRow | null {
    const r = this.st.byId.get(id);
    return r ? toTicket(r) : null;
  }
  byTracking(code: string): TicketRow | null {
    const r = this.st.byTracking.get(code);
    return r ? toTicket(r) : null;
  }
  /** The ticket a transfer created from this one (the phone page follows the citizen there). */
  transferredFrom(id: number): TicketRow | null {
    const r = this.st.transferredFrom.get(id);
    return r ? toTicket(r) : null;
  }
  save(t: TicketRow): void {
    this.st.update.run({
      id: t.id,
      status: t.status,
      calledAt: ms(t.calledAt),
      servedAt: ms(t.servedAt),
      finishedAt: ms(t.finishedAt),
      counterId: t.counterId,
      officerId: t.officerId,
      recalls: t.recalls,
      outcome: t.outcome,
      dossierCode: t.dossierCode,
      dossierProcedureId: t.dossierProcedureId,
      appointmentAt: ms(t.appointmentAt),
      lastCalledAt: ms(t.lastCalledAt),
    });
  }
  /** Another ticket already finished with this dossier code and outcome, if any. */
  dossierHolder(code: string, outcome: string, exceptTicketId: number): number | null {
    return this.st.dossierHolder.get(code, outcome, exceptTicketId)?.id ?? null;
  }
  /** Stores the citizen's rating once; false when the ticket was already rated. */
  setRating(ticketId: number, rating: string, reason: string | null): boolean {
    return this.st.setRating.run(rating, reason, ticketId).changes > 0;
  }
  /** A service's waiting tickets of the day in call order, whole rows (the officer's queue view). */
  waiting(day: string, serviceId: number): TicketRow[] {
    return this.st.waiting.all(day, serviceId).map(toTicket);
  }
  /**
   * Waits of the tickets of days from..to that were called, transfers left out (not a citizen's first wait): from
   * issue to first call, and for a booked ticket from check-in but never before its slot (negative: called early).
   */
  waitsBetween(from: string, to: string): { serviceId: number; booked: boolean; waitMs: number }[] {
    return this.st.waitsBetween.all(from, to).map((r) => ({
      serviceId: r.service_id,
      booked: r.booked === 1,
      waitMs: r.wait_ms,
    }));
  }
  waitingCount(day: string, serviceId: number): number {
    const d = this.serviceDay(serviceId, day);
    return d.waitingPriority + d.waitingNormal;
  }
  recentServiceSeconds(day: string, serviceId: number, limit: number): number[] {
    return this.st.recentServiceSeconds.all(day, serviceId, limit).map((r) => r.s);
  }
  /** The day's latest calls (recalls count as calls), of one service or of all when `serviceId` is null. */
  recentCalls(day: string, limit: number, serviceId: number | null = null): TicketRow[] {
    return this.st.recentCalls.all(day, serviceId, serviceId, limit).map(toTicket);
  }
  /**
   * One day's figures for the live floor, in one read of that day's tickets (the `day` prefix of
   * `tickets_waiting`): waiting per service with the longest wait's `queued_at`, served per service and counter.
   */
  dayFigures(day: string): DayFigure[] {
    return this.st.dayFigures.all(day).map((r) => ({
      serviceId: r.service_id,
      counterId: r.counter_id,
      status: r.status,
      count: r.n,
      oldestQueuedAt: toDate(r.oldest),
    }));
  }
  /**
   * Personal intake (Decree 13/2023) and officers' free-text transfer notes are kept only as long as needed:
   * drops them from tickets of days before `beforeDay`, except where a dossier still waits to reach the
   * provincial system. Returns how many.
   */
  purgeIntake(beforeDay: string): number {
    return this.st.purgeIntake.run(beforeDay).changes;
  }

  /** Tickets before a day that still hold intake (after a purge: those whose dossier waits to be synced). */
  intakeKept(beforeDay: string): number[] {
    return this.st.intakeKept.all(beforeDay).map((r) => r.id);
  }
}
