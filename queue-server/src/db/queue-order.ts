import type { Database } from 'better-sqlite3';
import { NOT_YET_CALLED } from '../domain/tickets.js';
import type { TicketState } from '../domain/types.js';
import { toDate } from './sql.js';
import type { Place, TicketRecord, TicketRow, TicketsRepo } from './tickets.js';

type HeadRecord = Pick<
  TicketRecord,
  'id' | 'service_id' | 'seq' | 'priority' | 'queued_at' | 'issued_at' | 'booked_for'
>;

/** Where the waiting tickets stand, typed by their parameters and rows. */
function prepare(db: Database) {
  return {
    queueHeads: db.prepare<Place, HeadRecord>(
      `SELECT * FROM (SELECT id, service_id, seq, priority, queued_at, issued_at, NULL AS booked_for FROM tickets
          WHERE day = @day AND service_id = @serviceId AND status = 'waiting' AND priority IS NOT NULL
            AND booking_id IS NULL
          ORDER BY queued_at, seq, id LIMIT 1)
        UNION ALL SELECT * FROM (SELECT id, service_id, seq, priority, queued_at, issued_at, NULL FROM tickets
          WHERE day = @day AND service_id = @serviceId AND status = 'waiting' AND priority IS NULL
            AND booking_id IS NULL
          ORDER BY queued_at, seq, id LIMIT 1)
        UNION ALL SELECT * FROM (SELECT t.id, t.service_id, t.seq, t.priority, t.queued_at, t.issued_at,
            b.slot_start FROM tickets t JOIN bookings b ON b.id = t.booking_id
          WHERE t.day = @day AND t.service_id = @serviceId AND t.status = 'waiting' AND t.booking_id IS NOT NULL
          ORDER BY b.slot_start, t.queued_at, t.seq, t.id LIMIT 1)`,
    ),
    classBefore: db.prepare<
      Place & { priority: 0 | 1; queuedAt: number; seq: number; id: number },
      { n: number }
    >(
      `SELECT count(*) AS n FROM tickets WHERE day = @day AND service_id = @serviceId
        AND status = 'waiting' AND (priority IS NOT NULL) = @priority AND booking_id IS NULL
        AND (queued_at, seq, id) < (@queuedAt, @seq, @id)`,
    ),
    bookedBefore: db.prepare<
      Place & { slot: number; queuedAt: number; seq: number; id: number },
      { n: number }
    >(
      `SELECT count(*) AS n FROM tickets t JOIN bookings b ON b.id = t.booking_id
        WHERE t.day = @day AND t.service_id = @serviceId AND t.status = 'waiting' AND t.booking_id IS NOT NULL
        AND (b.slot_start, t.queued_at, t.seq, t.id) < (@slot, @queuedAt, @seq, @id)`,
    ),
    bookedWaitingSlots: db.prepare<Place, number>(
      `SELECT b.slot_start FROM tickets t JOIN bookings b ON b.id = t.booking_id
        WHERE t.day = @day AND t.service_id = @serviceId AND t.status = 'waiting' AND t.booking_id IS NOT NULL`,
    ),
    bookedWaiting: db.prepare<Place, { n: number; first: number | null }>(
      `SELECT count(*) AS n, min(b.slot_start) AS first FROM tickets t JOIN bookings b ON b.id = t.booking_id
        WHERE t.day = @day AND t.service_id = @serviceId AND t.status = 'waiting' AND t.booking_id IS NOT NULL`,
    ),
  };
}

/**
 * The queue's order as the call policy and the estimates read it: the head of each class, a walk-in's place among
 * walk-ins, and the booked tickets waiting apart (issue 21). Reads only; the tickets' writes and the service-day
 * counts they keep are `TicketsRepo`'s.
 */
export class QueueOrderReads {
  private readonly st: ReturnType<typeof prepare>;

  constructor(
    db: Database,
    private readonly tickets: TicketsRepo,
  ) {
    this.st = prepare(db);
  }

  /**
   * The first waiting ticket of each class in a service, in call order: all the call policy needs to decide
   * (it takes the earliest of a class), so a call costs the same however long the queue is.
   */
  queueHeads(day: string, serviceId: number): TicketState[] {
    return this.st.queueHeads.all({ day, serviceId }).map((r) => ({
      id: r.id,
      serviceId: r.service_id,
      seq: r.seq,
      priority: r.priority,
      bookedFor: toDate(r.booked_for),
      ...NOT_YET_CALLED,
      queuedAt: new Date(r.queued_at),
      issuedAt: new Date(r.issued_at),
    }));
  }
  /**
   * Where a waiting walk-in stands among walk-ins: own-class walk-ins before it, and the other class's count (for
   * `aheadFromCounts`); booked tickets are counted apart (`bookedWaiting`).
   */
  queuePosition(t: TicketRow): { priority: boolean; before: number; others: number } {
    const priority = t.priority !== null;
    const before =
      this.st.classBefore.get({
        day: t.day,
        serviceId: t.serviceId,
        priority: priority ? 1 : 0,
        queuedAt: t.queuedAt.getTime(),
        seq: t.seq,
        id: t.id,
      })?.n ?? 0;
    const counts = this.classCounts(t.day, t.serviceId);
    return { priority, before, others: priority ? counts.normal : counts.priority };
  }
  /**
   * Waiting walk-ins of a service by class (kept in `service_days`, where a booked ticket counts as normal; the
   * booked ones are taken out here, found by the partial index on `booking_id`).
   */
  classCounts(day: string, serviceId: number): { priority: number; normal: number } {
    const d = this.tickets.serviceDay(serviceId, day);
    const booked = d.waitingNormal > 0 ? this.bookedWaiting(day, serviceId).count : 0;
    return { priority: d.waitingPriority, normal: Math.max(0, d.waitingNormal - booked) };
  }
  /** Slot starts of a service's booked tickets waiting. */
  bookedWaitingSlots(day: string, serviceId: number): Date[] {
    return this.st.bookedWaitingSlots
      .pluck()
      .all({ day, serviceId })
      .map((ms) => new Date(ms));
  }
  /** Booked tickets waiting in a service, and the earliest slot among them. */
  bookedWaiting(day: string, serviceId: number): { count: number; firstSlot: Date | null } {
    const r = this.st.bookedWaiting.get({ day, serviceId });
    return { count: r?.n ?? 0, firstSlot: toDate(r?.first ?? null) };
  }
  /** Booked tickets of a service waiting before `t` in booked order (slot start, then check-in). */
  bookedBefore(t: TicketRow): number {
    if (t.bookedFor === null) return 0;
    return (
      this.st.bookedBefore.get({
        day: t.day,
        serviceId: t.serviceId,
        slot: t.bookedFor.getTime(),
        queuedAt: t.queuedAt.getTime(),
        seq: t.seq,
        id: t.id,
      })?.n ?? 0
    );
  }
}
