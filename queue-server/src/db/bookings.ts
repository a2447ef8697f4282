import type { Database } from 'better-sqlite3';
import type { BookingStatus } from '@layso/protocol';
import { toDate } from './sql.js';
import { BookingCodesRepo } from './booking-codes.js';

export type { BookingOtpRow, BookingProofRow } from './booking-codes.js';

/**
 * A booking (migration 0180): one slot of one service on one day. Personal: `phone` and `cccdHash` are erased by
 * retention once the booking is over (null then); the CCCD number itself is never stored, only its HMAC and last
 * 3 digits. Never log a row.
 */
export interface BookingRow {
  id: number;
  code: string;
  serviceId: number;
  procedureId: number | null;
  day: string;
  slotStart: Date;
  slotEnd: Date;
  status: BookingStatus;
  cccdHash: string | null;
  cccdLast: string | null;
  phone: string | null;
  createdAt: Date;
  updatedAt: Date;
  checkedInAt: Date | null;
  ticketId: number | null;
}

/** A booking as the admin's day list reads it: with its ticket's number and state once checked in. */
export interface BookingDayRow extends BookingRow {
  ticketNumber: string | null;
  ticketStatus: string | null;
}

export interface NewBooking {
  code: string;
  serviceId: number;
  procedureId: number | null;
  day: string;
  slotStart: Date;
  slotEnd: Date;
  cccdHash: string;
  cccdLast: string;
  phone: string;
  at: Date;
}

interface Row {
  id: number;
  code: string;
  service_id: number;
  procedure_id: number | null;
  day: string;
  slot_start: number;
  slot_end: number;
  status: BookingStatus;
  cccd_hash: string | null;
  cccd_last: string | null;
  phone: string | null;
  created_at: number;
  updated_at: number;
  checked_in_at: number | null;
  ticket_id: number | null;
}

interface DayRow extends Row {
  ticket_number: string | null;
  ticket_status: string | null;
}

const fromRow = (r: Row): BookingRow => ({
  id: r.id,
  code: r.code,
  serviceId: r.service_id,
  procedureId: r.procedure_id,
  day: r.day,
  slotStart: new Date(r.slot_start),
  slotEnd: new Date(r.slot_end),
  status: r.status,
  cccdHash: r.cccd_hash,
  cccdLast: r.cccd_last,
  phone: r.phone,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  checkedInAt: toDate(r.checked_in_at),
  ticketId: r.ticket_id,
});

/** A booking holds its place unless cancelled (a late or no-show one used it up). */
const LIVE = "status <> 'cancelled'";

/** A slot's span, as the booking page offers it. */
export interface BookedSpan {
  startsAt: Date;
  endsAt: Date;
}

function prepare(db: Database) {
  return {
    insert: db.prepare<{
      code: string;
      serviceId: number;
      procedureId: number | null;
      day: string;
      slotStart: number;
      slotEnd: number;
      cccdHash: string;
      cccdLast: string;
      phone: string;
      at: number;
    }>(`INSERT INTO bookings (code, service_id, procedure_id, day, slot_start, slot_end, status, cccd_hash,
        cccd_last, phone, created_at, updated_at)
      VALUES (@code, @serviceId, @procedureId, @day, @slotStart, @slotEnd, 'booked', @cccdHash, @cccdLast, @phone,
        @at, @at)`),
    byId: db.prepare<[number], Row>('SELECT * FROM bookings WHERE id = ?'),
    byCode: db.prepare<[string], Row>('SELECT * FROM bookings WHERE code = ?'),
    byTicket: db.prepare<[number], Row>('SELECT * FROM bookings WHERE ticket_id = ?'),
    byPersonDay: db.prepare<[string, string], Row>(
      'SELECT * FROM bookings WHERE cccd_hash = ? AND day = ? ORDER BY slot_start, id',
    ),
    countPersonDay: db.prepare<[string, string], { n: number }>(
      `SELECT count(*) AS n FROM bookings WHERE cccd_hash = ? AND day = ? AND ${LIVE}`,
    ),
    countPersonService: db.prepare<[string, string, number], { n: number }>(
      `SELECT count(*) AS n FROM bookings WHERE cccd_hash = ? AND day = ? AND service_id = ? AND ${LIVE}`,
    ),
    // Overlap, not the same start: bookings made before the admin changed the slot grid still hold their places.
    countLive: db.prepare<[number, string, number, number], { n: number }>(
      `SELECT count(*) AS n FROM bookings WHERE service_id = ? AND day = ? AND slot_start < ? AND slot_end > ?
        AND ${LIVE}`,
    ),
    countBySlot: db.prepare<[number, string], { slot_start: number; slot_end: number; n: number }>(
      `SELECT slot_start, slot_end, count(*) AS n FROM bookings WHERE service_id = ? AND day = ? AND ${LIVE}
        GROUP BY slot_start, slot_end`,
    ),
    setStatus: db.prepare<{ id: number; status: BookingStatus; from: BookingStatus; at: number }>(
      'UPDATE bookings SET status = @status, updated_at = @at WHERE id = @id AND status = @from',
    ),
    move: db.prepare<{ id: number; day: string; slotStart: number; slotEnd: number; at: number }>(
      `UPDATE bookings SET day = @day, slot_start = @slotStart, slot_end = @slotEnd, updated_at = @at
        WHERE id = @id AND status = 'booked'`,
    ),
    checkIn: db.prepare<{ id: number; ticketId: number; at: number }>(
      `UPDATE bookings SET status = 'checked_in', ticket_id = @ticketId, checked_in_at = @at, updated_at = @at
        WHERE id = @id AND status = 'booked'`,
    ),
    linkTicket: db.prepare<[number, number]>('UPDATE tickets SET booking_id = ? WHERE id = ?'),
    listDay: db.prepare<[string, number | null, number | null], DayRow>(
      `SELECT b.*, t.number AS ticket_number, t.status AS ticket_status FROM bookings b
        LEFT JOIN tickets t ON t.id = b.ticket_id
        WHERE b.day = ? AND (? IS NULL OR b.service_id = ?) ORDER BY b.slot_start, b.service_id, b.id`,
    ),
    range: db.prepare<[string, string], Row>(
      'SELECT * FROM bookings WHERE day BETWEEN ? AND ? ORDER BY day, slot_start, id',
    ),
    dueForLapse: db.prepare<[number, number], Row>(
      `SELECT * FROM bookings WHERE status = 'booked' AND slot_start <= ? ORDER BY slot_start, id LIMIT ?`,
    ),
    erase: db.prepare<[number]>(
      `UPDATE bookings SET phone = NULL, cccd_hash = NULL WHERE slot_end < ? AND status <> 'booked'
        AND (phone IS NOT NULL OR cccd_hash IS NOT NULL)`,
    ),
    walkInIds: db.prepare<[string], { id: string }>(
      `SELECT json_extract(intake, '$.idNumber') AS id FROM tickets WHERE day = ? AND booking_id IS NULL
        AND transferred_from_id IS NULL AND json_extract(intake, '$.idNumber') IS NOT NULL`,
    ),
  };
}

/**
 * Bookings (their one-time codes and proofs are {@link BookingCodesRepo}'s, in booking-codes.ts). Writes that must not oversell (insert, move) run inside the caller's
 * `store.transaction()` after re-counting the slot; a status change names the status it expects, so two racing
 * changes cannot both win.
 */
export class BookingsRepo extends BookingCodesRepo {
  private readonly st: ReturnType<typeof prepare>;

  constructor(db: Database) {
    super(db);
    this.st = prepare(db);
  }

  /** Adds a booking in state `booked`; returns its id. */
  insert(b: NewBooking): number {
    const r = this.st.insert.run({
      code: b.code,
      serviceId: b.serviceId,
      procedureId: b.procedureId,
      day: b.day,
      slotStart: b.slotStart.getTime(),
      slotEnd: b.slotEnd.getTime(),
      cccdHash: b.cccdHash,
      cccdLast: b.cccdLast,
      phone: b.phone,
      at: b.at.getTime(),
    });
    return Number(r.lastInsertRowid);
  }

  byId(id: number): BookingRow | null {
    const r = this.st.byId.get(id);
    return r ? fromRow(r) : null;
  }

  byCode(code: string): BookingRow | null {
    const r = this.st.byCode.get(code);
    return r ? fromRow(r) : null;
  }

  /** The booking a check-in issued this ticket for, if any. */
  byTicket(ticketId: number): BookingRow | null {
    const r = this.st.byTicket.get(ticketId);
    return r ? fromRow(r) : null;
  }

  /** Every booking of this person (by CCCD HMAC) on this day, whatever its state, in slot order. */
  byPersonDay(cccdHash: string, day: string): BookingRow[] {
    return this.st.byPersonDay.all(cccdHash, day).map(fromRow);
  }

  /** Bookings (not cancelled) of this person on this day, all services; or of one service. */
  countPerson(cccdHash: string, day: string, serviceId?: number): number {
    return serviceId === undefined
      ? (this.st.countPersonDay.get(cccdHash, day)?.n ?? 0)
      : (this.st.countPersonService.get(cccdHash, day, serviceId)?.n ?? 0);
  }

  /**
   * Places taken (bookings not cancelled) in one slot: every booking whose own slot overlaps it, so that one made
   * on an older slot grid (another slotMinutes or bookableFrom) still counts in each new slot it overlaps.
   */
  countLive(serviceId: number, day: string, slot: BookedSpan): number {
    return this.st.countLive.get(serviceId, day, slot.endsAt.getTime(), slot.startsAt.getTime())?.n ?? 0;
  }

  /** Places taken in each of a service's slots of a day (as {@link countLive}), keyed by the slot's start (epoch ms). */
  countBySlot(serviceId: number, day: string, slots: readonly BookedSpan[]): Map<number, number> {
    const held = this.st.countBySlot.all(serviceId, day);
    return new Map(
      slots.map((slot) => {
        const [start, end] = [slot.startsAt.getTime(), slot.endsAt.getTime()];
        const n = held.reduce((sum, r) => (r.slot_start < end && r.slot_end > start ? sum + r.n : sum), 0);
        return [start, n];
      }),
    );
  }

  /** Moves a booking from `from` to `status`; false when it was no longer in `from` (someone else won). */
  setStatus(id: number, from: BookingStatus, status: BookingStatus, at: Date): boolean {
    return this.st.setStatus.run({ id, from, status, at: at.getTime() }).changes === 1;
  }

  /** Moves a `booked` booking to another slot; false when it is no longer booked. */
  move(id: number, day: string, slotStart: Date, slotEnd: Date, at: Date): boolean {
    return (
      this.st.move.run({
        id,
        day,
        slotStart: slotStart.getTime(),
        slotEnd: slotEnd.getTime(),
        at: at.getTime(),
      }).changes === 1
    );
  }

  /**
   * Checks a `booked` booking in with the ticket issued for it (and marks the ticket as booked); false when it is
   * no longer booked. Run in the transaction that issued the ticket.
   */
  attachTicket(id: number, ticketId: number, at: Date): boolean {
    if (this.st.checkIn.run({ id, ticketId, at: at.getTime() }).changes !== 1) return false;
    this.st.linkTicket.run(id, ticketId);
    return true;
  }

  /** One day's bookings (all states), optionally of one service, with their tickets' numbers and states. */
  listDay(day: string, serviceId: number | null = null): BookingDayRow[] {
    return this.st.listDay.all(day, serviceId, serviceId).map((r) => ({
      ...fromRow(r),
      ticketNumber: r.ticket_number,
      ticketStatus: r.ticket_status,
    }));
  }

  /** Bookings of the days from..to (inclusive), for reports. */
  range(from: string, to: string): BookingRow[] {
    return this.st.range.all(from, to).map(fromRow);
  }

  /** `booked` bookings whose slot started at or before `startedBy` (the caller subtracts the late window). */
  dueForLapse(startedBy: Date, limit = 500): BookingRow[] {
    return this.st.dueForLapse.all(startedBy.getTime(), limit).map(fromRow);
  }

  /** Erases the phone and CCCD HMAC of bookings over (not `booked`) whose slot ended before `before`. */
  erasePersonal(before: Date): number {
    return this.st.erase.run(before.getTime()).changes;
  }

  /** The ID numbers on the intake of a day's walk-in tickets (kiosk-issued, not booked): for the per-person limit. */
  walkInIdNumbers(day: string): string[] {
    return this.st.walkInIds.all(day).map((r) => r.id);
  }
}
