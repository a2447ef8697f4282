import { z } from 'zod';
import { normalizeBookingCode } from './booking-input.js';
import { HourMinute, Ticket } from './rest.js';
import { CccdNumber, Id, IsoDateTime, Phone } from './scalars.js';

/**
 * Appointments (issue 21): a citizen books a slot of a service from a phone, identified by the CCCD number and a
 * phone confirmed by a one-time code sent through the notice channels; checks in at the kiosk (booking QR, CCCD card
 * or the typed code) within a window around the slot; the booked ticket is called at its slot time ahead of
 * walk-ins, within a mix that never starves them. Every number here is a setting the admin edits.
 */

/** yyyy-MM-dd, a service day in Asia/Ho_Chi_Minh. */
export const BookingDay = z.iso.date();

// The code's spelling is zod-free (the phone page types it too): booking-input.ts.
export {
  BOOKING_CODE_ALPHABET,
  BOOKING_CODE_PATTERN,
  BOOKING_PAGE_PREFIX,
  bookingCodeFromScan,
  formatBookingCode,
  normalizeBookingCode,
} from './booking-input.js';

export const BookingCode = z
  .string()
  .max(20)
  .transform((s, ctx) => {
    const code = normalizeBookingCode(s);
    if (code === null) {
      ctx.addIssue({ code: 'custom', message: 'not a booking code' });
      return z.NEVER;
    }
    return code;
  });
export const BookingCodeParam = z.object({ code: BookingCode });

/**
 * booked → checked_in (a ticket issued at the kiosk) | cancelled (by the citizen) | late (came after the window:
 * lapsed at the kiosk, offered a normal number) | no_show (never came: lapsed at the end of its grace).
 */
export const BookingStatus = z.enum(['booked', 'checked_in', 'cancelled', 'late', 'no_show']);
export type BookingStatus = z.infer<typeof BookingStatus>;

// ---------- settings (admin) ----------

const Minutes = (max: number) => z.number().int().min(0).max(max);
const Weekday = z.enum(['1', '2', '3', '4', '5', '6', '7']);

/**
 * One service's slots: its opening hours (the service's own) cut into `slotMinutes`, within the center's bookable
 * hours. A slot's capacity is counted from the counters serving the service in that slot
 * (counters × slotMinutes ÷ the service's minutes per citizen), minus `walkInSharePercent` kept for walk-ins;
 * `capacity[weekday]` overrides it with a fixed number per slot (0: no booking that weekday).
 */
export const BookingServiceSettings = z
  .object({
    serviceId: Id,
    enabled: z.boolean(),
    slotMinutes: z.number().int().min(5).max(240),
    walkInSharePercent: z.number().int().min(0).max(100),
    capacity: z.partialRecord(Weekday, z.number().int().min(0).max(500)),
  })
  .strict();
export type BookingServiceSettings = z.infer<typeof BookingServiceSettings>;

export const BookingSettings = z
  .object({
    /** Booking on or off for the whole center. */
    enabled: z.boolean(),
    /** Today up to this many days ahead (Hanoi: 6). */
    daysAhead: z.number().int().min(0).max(60),
    /** Slots are offered only between these times of day (Hanoi: 08:00–16:00), within each service's hours. */
    bookableFrom: HourMinute,
    bookableUntil: HourMinute,
    /** Booking, moving or cancelling a slot closes this many minutes before it starts. */
    closeBeforeMinutes: Minutes(24 * 60),
    /** Numbers a person (CCCD) may hold a day, walk-in and booked together; and bookings a day per service. */
    perPersonPerDay: z.number().int().min(1).max(20),
    perServicePerDay: z.number().int().min(1).max(20),
    /** Check-in window around the slot's start: this early, this late. */
    checkInEarlyMinutes: Minutes(240),
    checkInLateMinutes: Minutes(240),
    /** Booked calls in a row from one service while a walk-in of it waits (the walk-ins' starvation bound). */
    maxBookedInRow: z.number().int().min(1).max(20),
    /** Reminders: the day before at this time, and this many minutes before the slot (0: none). */
    remindDayBeforeAt: HourMinute.nullable(),
    remindMinutesBefore: Minutes(24 * 60),
    /** The one-time code: how long it holds, and wrong tries before it is spent. */
    otpMinutes: z.number().int().min(1).max(30),
    otpMaxTries: z.number().int().min(1).max(10),
    /** Each service at most once (a second entry would be silently shadowed by the first). */
    services: z
      .array(BookingServiceSettings)
      .max(500)
      .refine(
        (list) => new Set(list.map((x) => x.serviceId)).size === list.length,
        'each service at most once',
      ),
  })
  .strict()
  .refine((s) => s.bookableFrom < s.bookableUntil, 'bookableFrom must be before bookableUntil');
export type BookingSettings = z.infer<typeof BookingSettings>;

export const DEFAULT_BOOKING_SETTINGS: BookingSettings = {
  enabled: true,
  daysAhead: 6,
  bookableFrom: '08:00',
  bookableUntil: '16:00',
  closeBeforeMinutes: 30,
  perPersonPerDay: 2,
  perServicePerDay: 1,
  checkInEarlyMinutes: 15,
  checkInLateMinutes: 10,
  maxBookedInRow: 2,
  remindDayBeforeAt: '18:00',
  remindMinutesBefore: 60,
  otpMinutes: 5,
  otpMaxTries: 5,
  services: [],
};

// ---------- the citizen's phone ----------

/** What the booking page offers: the services open for booking and how far ahead. */
export const BookingOptions = z.object({
  enabled: z.boolean(),
  centerName: z.string(),
  daysAhead: z.number().int().nonnegative(),
  /** False when no text channel (ZNS, SMS) is on: no one-time code can be sent, so nobody can book. */
  codesAvailable: z.boolean(),
  services: z.array(z.object({ id: Id, code: z.string(), name: z.string(), slotMinutes: z.number().int() })),
  checkInEarlyMinutes: z.number().int().nonnegative(),
  checkInLateMinutes: z.number().int().nonnegative(),
});
export type BookingOptions = z.infer<typeof BookingOptions>;

export const BookingDaysQuery = z.object({
  serviceId: z.coerce.number().int().positive().max(2_147_483_647),
});
/** The days open for a service: today … today + daysAhead, each with its free places (0: full or closed). */
export const BookingDays = z.object({
  serviceId: Id,
  days: z.array(
    z.object({
      day: BookingDay,
      /** 1 = Monday … 7 = Sunday. */
      weekday: z.number().int().min(1).max(7),
      open: z.boolean(),
      free: z.number().int().nonnegative(),
    }),
  ),
});
export type BookingDays = z.infer<typeof BookingDays>;

export const BookingSlotsQuery = BookingDaysQuery.extend({ day: BookingDay });
export const BookingSlot = z.object({
  /** "HH:mm" Vietnam time, and the same as an instant. */
  start: HourMinute,
  end: HourMinute,
  startsAt: IsoDateTime,
  capacity: z.number().int().nonnegative(),
  free: z.number().int().nonnegative(),
  /** False once booking it has closed (`closeBeforeMinutes`) or it is full. */
  open: z.boolean(),
});
export type BookingSlot = z.infer<typeof BookingSlot>;
export const BookingSlots = z.object({ serviceId: Id, day: BookingDay, slots: z.array(BookingSlot) });
export type BookingSlots = z.infer<typeof BookingSlots>;

/** Step 1: send a one-time code to this phone, for this CCCD number. */
export const BookingOtpBody = z.object({ phone: Phone, cccd: CccdNumber }).strict();
export const BookingOtpReply = z.object({
  challengeId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  /** How it goes: ZNS, or SMS. */
  channel: z.enum(['zns', 'sms']),
  expiresAt: IsoDateTime,
  /** The phone, masked as shown: `•••••••678`. */
  phoneMasked: z.string(),
});
export type BookingOtpReply = z.infer<typeof BookingOtpReply>;

/** Step 2: the code typed → a proof of the phone and CCCD, good for a while (to book, and to book again). */
export const BookingVerifyBody = z
  .object({
    challengeId: BookingOtpReply.shape.challengeId,
    code: z.string().regex(/^\d{6}$/),
  })
  .strict();
export const BookingVerifyReply = z.object({
  proof: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/),
  expiresAt: IsoDateTime,
});
export type BookingVerifyReply = z.infer<typeof BookingVerifyReply>;

/** Step 3: book a slot with the proof. */
export const BookingCreateBody = z
  .object({
    proof: BookingVerifyReply.shape.proof,
    serviceId: Id,
    procedureId: Id.optional(),
    day: BookingDay,
    start: HourMinute,
  })
  .strict();
export const BookingMoveBody = z.object({ day: BookingDay, start: HourMinute }).strict();

/** A booking as its holder sees it (its page `/b/:code`): masked, never the full CCCD or phone. */
export const PublicBooking = z.object({
  code: z.string(),
  status: BookingStatus,
  centerName: z.string(),
  serviceId: Id,
  serviceName: z.string(),
  procedureName: z.string().nullable(),
  day: BookingDay,
  start: HourMinute,
  end: HourMinute,
  startsAt: IsoDateTime,
  /** The kiosk checks it in between these two instants. */
  checkInFrom: IsoDateTime,
  checkInUntil: IsoDateTime,
  cccdMasked: z.string(),
  phoneMasked: z.string(),
  /** The ticket issued at check-in, followed on the phone page `/t/<trackingCode>`. */
  ticket: z.object({ number: z.string(), trackingCode: z.string() }).nullable(),
  /** Whether it can still be cancelled or moved (booked, and its slot not closed). */
  changeable: z.boolean(),
  /** The booking's page, for its QR: `${PUBLIC_URL}/b/<code>`. */
  url: z.string(),
});
export type PublicBooking = z.infer<typeof PublicBooking>;

// ---------- the kiosk ----------

/** Check in with a booking's code (typed, or read from its QR) or the CCCD scanned from the card. */
export const CheckInBody = z.union([
  z.object({ code: BookingCode }).strict(),
  z.object({ cccd: CccdNumber }).strict(),
]);
/**
 * `issued`: a booked ticket (the kiosk prints it as booked), carried whole: a booking checked in at one kiosk and
 * scanned again at another answers a ticket the second kiosk could not read back by its id. `early`: come back from `comeBackAt`. `late`: the
 * booking lapsed now; the kiosk offers a normal number for its service.
 */
export const CheckInReply = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('issued'), booking: PublicBooking, ticketId: Id, ticket: Ticket }),
  z.object({ outcome: z.literal('early'), booking: PublicBooking, comeBackAt: IsoDateTime }),
  z.object({ outcome: z.literal('late'), booking: PublicBooking }),
]);
export type CheckInReply = z.infer<typeof CheckInReply>;

// ---------- admin ----------

export const AdminBookingsQuery = z.object({
  day: BookingDay,
  serviceId: z.coerce.number().int().positive().optional(),
});
export const AdminBooking = z.object({
  id: Id,
  code: z.string(),
  status: BookingStatus,
  serviceId: Id,
  serviceName: z.string(),
  procedureName: z.string().nullable(),
  day: BookingDay,
  start: HourMinute,
  end: HourMinute,
  cccdMasked: z.string(),
  phoneMasked: z.string(),
  createdAt: IsoDateTime,
  checkedInAt: IsoDateTime.nullable(),
  ticketNumber: z.string().nullable(),
  /** The ticket's state once checked in (waiting, called, finished …). */
  ticketStatus: z.string().nullable(),
});
export type AdminBooking = z.infer<typeof AdminBooking>;
export const AdminBookingsReply = z.object({
  day: BookingDay,
  bookings: z.array(AdminBooking),
  /** Per service: the day's slots with capacity and places taken. */
  services: z.array(z.object({ serviceId: Id, serviceName: z.string(), slots: z.array(BookingSlot) })),
});
export type AdminBookingsReply = z.infer<typeof AdminBookingsReply>;

export const BookingReportQuery = z.object({ from: BookingDay, to: BookingDay });
const WaitFigures = z.object({
  tickets: z.number().int().nonnegative(),
  /** Minutes from issue (check-in for a booked ticket, never before its slot) to call. */
  avgWaitMinutes: z.number().nonnegative().nullable(),
  p90WaitMinutes: z.number().nonnegative().nullable(),
});
export const BookingReportRow = z.object({
  serviceId: Id,
  serviceName: z.string(),
  slotsOffered: z.number().int().nonnegative(),
  placesOffered: z.number().int().nonnegative(),
  booked: z.number().int().nonnegative(),
  checkedIn: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
  late: z.number().int().nonnegative(),
  noShow: z.number().int().nonnegative(),
  /** no_show ÷ (bookings whose slot has passed, cancelled ones left out); null when none. */
  noShowRate: z.number().min(0).max(1).nullable(),
  /** Places booked ÷ places offered. */
  placesUsedRate: z.number().min(0).max(1).nullable(),
  bookedWait: WaitFigures,
  walkInWait: WaitFigures,
});
export const BookingReport = z.object({
  from: BookingDay,
  to: BookingDay,
  rows: z.array(BookingReportRow),
  totals: BookingReportRow.omit({ serviceId: true, serviceName: true }),
});
export type BookingReport = z.infer<typeof BookingReport>;
