import { randomInt } from 'node:crypto';
import {
  BOOKING_CODE_ALPHABET,
  formatBookingCode,
  type AdminBookingsReply,
  type BookingDays,
  type BookingOptions,
  type BookingServiceSettings,
  type BookingSettings,
  type BookingSlot,
  type BookingSlots,
  type PublicBooking,
} from '@layso/protocol';
import type { BookingRow } from '../db/bookings.js';
import type { ServiceRow, Store } from '../db/store.js';
import {
  bookableDays,
  checkInWindow,
  dayRefusal,
  hhmm,
  lapseCutoff,
  limitRefusal,
  maskTail,
  remindersOf,
  slotsOf,
  slotStillOpen,
  weekdayOf,
  type SlotPlan,
} from '../domain/bookings.js';
import { formatVnTime, serviceDay, toIso, vnLocal } from '../domain/time.js';
import type { Clock } from '../domain/types.js';
import type { WorkingCalendar } from '../domain/working-days.js';
import { fail } from '../errors.js';
import type { NoticePlanner } from '../notify/planner.js';
import { readNoticeConfig } from '../notify/settings.js';
import type { BookingIdentity } from './booking-otp.js';
import { bookingServiceSettings, readBookingSettings } from './booking-settings.js';

export interface BookingServiceOptions {
  store: Store;
  clock: Clock;
  identity: BookingIdentity;
  planner: NoticePlanner;
  /** The notice workers look at once (a reminder may be due already). */
  wake: () => void;
  publicUrl: () => string;
  centerName: () => string;
  calendar: () => WorkingCalendar;
  /** Minutes one citizen takes at a counter (capacity's divisor): DEFAULT_SERVICE_MINUTES. */
  minutesPerCitizen: () => number;
}

/** What a slot request resolves to once every rule passed. */
interface Bookable {
  service: ServiceRow;
  svc: BookingServiceSettings;
  settings: BookingSettings;
}

const CCCD_DIGITS = 12;

/**
 * The booking page and the admin's day (issue 21): the services, days and slots offered, booking, moving and
 * cancelling in ONE immediate transaction that re-counts the slot and the person's limits (no oversell, however many
 * race), the lapse of bookings never checked in, and the masked views. The phone's proof is BookingIdentity's.
 */
/** Digits of CCCD and phone a booking's page shows (admin: 3); a dossier lookup's proof is 4 of either. */
const PUBLIC_DIGITS = 2;

export class BookingService {
  constructor(private readonly o: BookingServiceOptions) {}

  settings(): BookingSettings {
    return readBookingSettings(this.o.store);
  }

  options(): BookingOptions {
    const s = this.settings();
    const channels = readNoticeConfig(this.o.store).channels;
    const services = s.enabled
      ? s.services.flatMap((svc) => {
          const service = svc.enabled ? this.o.store.catalogue.service(svc.serviceId) : null;
          return service?.active
            ? [{ id: service.id, code: service.code, name: service.name, slotMinutes: svc.slotMinutes }]
            : [];
        })
      : [];
    return {
      enabled: s.enabled,
      centerName: this.o.centerName(),
      daysAhead: s.daysAhead,
      codesAvailable: channels.zns.enabled || channels.sms.enabled,
      services,
      checkInEarlyMinutes: s.checkInEarlyMinutes,
      checkInLateMinutes: s.checkInLateMinutes,
    };
  }

  days(serviceId: number): BookingDays {
    const b = this.bookable(serviceId);
    const now = this.o.clock.now();
    const today = serviceDay(now);
    return {
      serviceId,
      days: bookableDays(today, b.settings.daysAhead).map((day) => {
        const plans = this.plan(b, day);
        const open = dayRefusal(day, today, b.settings.daysAhead, this.o.calendar(), plans) === null;
        const free = open
          ? this.slotViews(b, day, plans, now).reduce((n, s) => n + (s.open ? s.free : 0), 0)
          : 0;
        return { day, weekday: weekdayOf(day), open, free };
      }),
    };
  }

  slots(serviceId: number, day: string): BookingSlots {
    const b = this.bookable(serviceId);
    const plans = this.openDay(b, day);
    return { serviceId, day, slots: this.slotViews(b, day, plans, this.o.clock.now()) };
  }

  /** Books a slot for the holder of `proofToken`: everything re-checked inside one immediate transaction. */
  create(
    body: { proof: string; serviceId: number; procedureId?: number | undefined; day: string; start: string },
    address: string,
  ): PublicBooking {
    const { store } = this.o;
    const row = store.transaction(() => {
      const now = this.o.clock.now();
      const proof = this.o.identity.proof(body.proof, address);
      const b = this.bookable(body.serviceId);
      let procedureId: number | null = null;
      if (body.procedureId !== undefined) {
        const p = store.catalogue.procedure(body.procedureId) ?? fail('LAYSO_PROCEDURE_NOT_FOUND');
        if (p.serviceId !== body.serviceId) fail('LAYSO_PROCEDURE_SERVICE_MISMATCH');
        procedureId = p.id;
      }
      const slot = this.freeSlot(b, body.day, body.start, now);
      this.checkLimits(b.settings, proof.cccdHash, body.day, body.serviceId);
      const id = store.bookings.insert({
        code: this.newCode(),
        serviceId: body.serviceId,
        procedureId,
        day: body.day,
        slotStart: slot.startsAt,
        slotEnd: slot.endsAt,
        cccdHash: proof.cccdHash,
        cccdLast: proof.cccdLast,
        phone: proof.phone,
        at: now,
      });
      const created = store.bookings.byId(id) ?? fail('LAYSO_BOOKING_NOT_FOUND');
      this.planReminders(created, b, now);
      return created;
    });
    this.o.wake();
    return this.publicView(row);
  }

  /** A booking by its code (its page), counted against the address's unknown codes. */
  byCode(code: string, address: string): PublicBooking {
    return this.publicView(this.find(code, address));
  }

  cancel(code: string, address: string): PublicBooking {
    const found = this.find(code, address);
    const row = this.o.store.transaction(() => {
      const now = this.o.clock.now();
      const b = this.changeable(found.id, now);
      if (!this.o.store.bookings.setStatus(b.id, 'booked', 'cancelled', now))
        fail('LAYSO_BOOKING_NOT_CHANGEABLE');
      return this.o.store.bookings.byId(b.id) ?? b;
    });
    return this.publicView(row);
  }

  /** Moves a booking to another slot of its service: the same checks as booking, its own place not counted twice. */
  move(code: string, to: { day: string; start: string }, address: string): PublicBooking {
    const found = this.find(code, address);
    const { store } = this.o;
    const row = store.transaction(() => {
      const now = this.o.clock.now();
      const current = this.changeable(found.id, now);
      const b = this.bookable(current.serviceId);
      const plans = this.openDay(b, to.day);
      const target = plans.find((s) => hhmm(s.start) === to.start);
      if (target && target.startsAt.getTime() === current.slotStart.getTime()) return current;
      const slot = this.freeSlot(b, to.day, to.start, now, current);
      // Another day: the person's limits there, as for a new booking (the same day: their count is unchanged).
      if (to.day !== current.day && current.cccdHash !== null)
        this.checkLimits(b.settings, current.cccdHash, to.day, current.serviceId);
      if (!store.bookings.move(current.id, to.day, slot.startsAt, slot.endsAt, now))
        fail('LAYSO_BOOKING_NOT_CHANGEABLE');
      const moved = store.bookings.byId(current.id) ?? current;
      this.planReminders(moved, b, now);
      return moved;
    });
    this.o.wake();
    return this.publicView(row);
  }

  /** Bookings never checked in by the end of their window become no-shows; returns how many. */
  lapse(): number {
    const { store } = this.o;
    const now = this.o.clock.now();
    const due = store.bookings.dueForLapse(lapseCutoff(now, this.settings().checkInLateMinutes));
    if (due.length === 0) return 0;
    return store.transaction(() =>
      due.reduce((n, b) => n + (store.bookings.setStatus(b.id, 'booked', 'no_show', now) ? 1 : 0), 0),
    );
  }

  /** The admin's day: every booking with its ticket, and each booking service's slots with places taken. */
  adminDay(day: string, serviceId: number | undefined): AdminBookingsReply {
    const { store } = this.o;
    const now = this.o.clock.now();
    const name = (id: number) => store.catalogue.service(id)?.name ?? '';
    const bookings = store.bookings.listDay(day, serviceId ?? null).map((r) => ({
      id: r.id,
      code: r.code,
      status: r.status,
      serviceId: r.serviceId,
      serviceName: name(r.serviceId),
      procedureName: r.procedureId === null ? null : (store.catalogue.procedure(r.procedureId)?.name ?? null),
      day: r.day,
      start: hhmm(vnLocal(r.slotStart).minutes),
      end: hhmm(this.endMinutes(r)),
      cccdMasked: this.cccdMasked(r),
      phoneMasked: r.phone ? maskTail(r.phone) : '',
      createdAt: toIso(r.createdAt),
      checkedInAt: r.checkedInAt ? toIso(r.checkedInAt) : null,
      ticketNumber: r.ticketNumber,
      ticketStatus: r.ticketStatus,
    }));
    const settings = this.settings();
    const services = settings.services.flatMap((svc) => {
      const service = store.catalogue.service(svc.serviceId);
      if (!svc.enabled || !service || (serviceId !== undefined && serviceId !== svc.serviceId)) return [];
      const b = { service, svc, settings };
      return [
        {
          serviceId: service.id,
          serviceName: service.name,
          slots: this.slotViews(b, day, this.plan(b, day), now),
        },
      ];
    });
    return { day, bookings, services };
  }

  /** A booking as its holder sees it: masked, with its check-in window and ticket. */
  publicView(r: BookingRow): PublicBooking {
    const { store } = this.o;
    const settings = this.settings();
    const w = checkInWindow(r.slotStart, settings);
    const t = r.ticketId === null ? null : store.tickets.byId(r.ticketId);
    return {
      code: r.code,
      status: r.status,
      centerName: this.o.centerName(),
      serviceId: r.serviceId,
      serviceName: store.catalogue.service(r.serviceId)?.name ?? '',
      procedureName: r.procedureId === null ? null : (store.catalogue.procedure(r.procedureId)?.name ?? null),
      day: r.day,
      start: hhmm(vnLocal(r.slotStart).minutes),
      end: hhmm(this.endMinutes(r)),
      startsAt: toIso(r.slotStart),
      checkInFrom: toIso(w.from),
      checkInUntil: toIso(w.until),
      cccdMasked: this.cccdMasked(r, PUBLIC_DIGITS),
      phoneMasked: r.phone ? maskTail(r.phone, PUBLIC_DIGITS) : '',
      ticket: t ? { number: t.number, trackingCode: t.trackingCode } : null,
      changeable:
        r.status === 'booked' && slotStillOpen(r.slotStart, this.o.clock.now(), settings.closeBeforeMinutes),
      url: `${this.o.publicUrl().replace(/\/+$/, '')}/b/${r.code}`,
    };
  }

  // ---------- rules ----------

  /** The service as booking sees it: LAYSO_BOOKING_CLOSED, LAYSO_SERVICE_NOT_FOUND, LAYSO_BOOKING_SERVICE_CLOSED. */
  private bookable(serviceId: number): Bookable {
    const settings = this.settings();
    if (!settings.enabled) fail('LAYSO_BOOKING_CLOSED');
    const service = this.o.store.catalogue.service(serviceId) ?? fail('LAYSO_SERVICE_NOT_FOUND');
    const svc = bookingServiceSettings(settings, serviceId);
    if (!svc || !service.active) fail('LAYSO_BOOKING_SERVICE_CLOSED');
    return { service, svc, settings };
  }

  private plan(b: Bookable, day: string): SlotPlan[] {
    const counters = this.o.store.counters.all().filter((c) => c.serviceIds.includes(b.service.id)).length;
    return slotsOf(day, b.settings, b.svc, {
      hours: b.service.hours,
      counters,
      minutesPerCitizen: this.o.minutesPerCitizen(),
    });
  }

  /** The day's slots, or LAYSO_BOOKING_DAY_CLOSED. */
  private openDay(b: Bookable, day: string): SlotPlan[] {
    const plans = this.plan(b, day);
    const today = serviceDay(this.o.clock.now());
    if (dayRefusal(day, today, b.settings.daysAhead, this.o.calendar(), plans) !== null)
      fail('LAYSO_BOOKING_DAY_CLOSED');
    return plans;
  }

  /**
   * The slot starting at `start` with a free place, still open for booking at `now`. A booking being moved does not
   * count against it (on a changed slot grid its own slot may overlap the new one).
   */
  private freeSlot(b: Bookable, day: string, start: string, now: Date, moving?: BookingRow): SlotPlan {
    const slot =
      this.openDay(b, day).find((s) => hhmm(s.start) === start) ?? fail('LAYSO_BOOKING_SLOT_UNKNOWN');
    if (!slotStillOpen(slot.startsAt, now, b.settings.closeBeforeMinutes)) fail('LAYSO_BOOKING_SLOT_CLOSED');
    const own =
      moving !== undefined &&
      moving.day === day &&
      moving.slotStart < slot.endsAt &&
      slot.startsAt < moving.slotEnd
        ? 1
        : 0;
    if (this.o.store.bookings.countLive(b.service.id, day, slot) - own >= slot.capacity)
      fail('LAYSO_BOOKING_SLOT_FULL');
    return slot;
  }

  /** The person's numbers of the day (bookings and walk-in tickets with their ID number) and bookings of the service. */
  private checkLimits(s: BookingSettings, cccdHash: string, day: string, serviceId: number): void {
    const { store, identity } = this.o;
    const walkIns = store.bookings
      .walkInIdNumbers(day)
      .filter((n) => identity.cccdHash(n) === cccdHash).length;
    const held = {
      day: store.bookings.countPerson(cccdHash, day) + walkIns,
      service: store.bookings.countPerson(cccdHash, day, serviceId),
    };
    const refusal = limitRefusal(held, s);
    if (refusal) fail(refusal);
  }

  private slotViews(b: Bookable, day: string, plans: SlotPlan[], now: Date): BookingSlot[] {
    const taken = this.o.store.bookings.countBySlot(b.service.id, day, plans);
    return plans.map((p) => {
      const free = Math.max(0, p.capacity - (taken.get(p.startsAt.getTime()) ?? 0));
      return {
        start: hhmm(p.start),
        end: hhmm(p.end),
        startsAt: toIso(p.startsAt),
        capacity: p.capacity,
        free,
        open: free > 0 && slotStillOpen(p.startsAt, now, b.settings.closeBeforeMinutes),
      };
    });
  }

  private find(code: string, address: string): BookingRow {
    return (
      this.o.identity.lookup(address, () => this.o.store.bookings.byCode(code)) ??
      fail('LAYSO_BOOKING_NOT_FOUND')
    );
  }

  /** The booking, if it may still be cancelled or moved at `now`. */
  private changeable(id: number, now: Date): BookingRow {
    const b = this.o.store.bookings.byId(id) ?? fail('LAYSO_BOOKING_NOT_FOUND');
    if (b.status !== 'booked' || !slotStillOpen(b.slotStart, now, this.settings().closeBeforeMinutes))
      fail('LAYSO_BOOKING_NOT_CHANGEABLE');
    return b;
  }

  private planReminders(r: BookingRow, b: Bookable, now: Date): void {
    const values = {
      service: b.service.name,
      date: formatVnTime(r.slotStart).slice(6),
      time: formatVnTime(r.slotStart).slice(0, 5),
      booking: formatBookingCode(r.code),
    };
    for (const rem of remindersOf(r.day, r.slotStart, now, b.settings))
      this.o.planner.bookingReminder(r.id, rem.kind, r.slotStart, values, now, rem.at);
  }

  private newCode(): string {
    for (let i = 0; i < 10; i++) {
      const code = Array.from({ length: 8 }, () => BOOKING_CODE_ALPHABET[randomInt(0, 32)]).join('');
      if (!this.o.store.bookings.byCode(code)) return code;
    }
    throw new Error('no free booking code after 10 draws');
  }

  private endMinutes(r: BookingRow): number {
    const m = vnLocal(r.slotEnd).minutes;
    // A slot ending at midnight reads 24:00, not 00:00.
    return m === 0 && r.slotEnd > r.slotStart ? 24 * 60 : m;
  }

  private cccdMasked(r: BookingRow, shown = 3): string {
    const last = (r.cccdLast ?? '').slice(-shown);
    return last ? '•'.repeat(CCCD_DIGITS - last.length) + last : '';
  }
}
