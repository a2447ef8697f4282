/**
 * Appointments (issue 21), the pure rules: a service's slots on a day and their capacity, whether a day is open for
 * booking, when booking a slot closes, the kiosk's check-in decision, the per-person limits and when reminders go.
 * Times are handed in; Vietnam wall-clock via ./time.ts. No I/O.
 */
import type { BookingServiceSettings, BookingSettings, WeeklyHours } from '@layso/protocol';
import { parseHourMinute, spansOn } from './hours.js';
import { addDays, vnInstant, vnLocal } from './time.js';
import type { WorkingCalendar } from './working-days.js';

const MINUTE = 60_000;

/** One slot of a service-day: minutes since Vietnam midnight, the same as instants, and its places. */
export interface SlotPlan {
  start: number;
  end: number;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
}

/** What a service's slots depend on besides the settings. */
export interface SlotInputs {
  hours: WeeklyHours;
  /** Counters that serve the service (they may serve others too). */
  counters: number;
  /** Minutes one citizen takes at a counter of the service. */
  minutesPerCitizen: number;
}

/** `"HH:mm"` of minutes since midnight (24:00 for the end of the day). */
export function hhmm(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** The ISO weekday (1 = Monday … 7 = Sunday) of a `yyyy-MM-dd` day. */
export function weekdayOf(day: string): number {
  // Noon: far from either midnight whatever the offset arithmetic.
  return vnLocal(vnInstant(day, 12 * 60)).isoWeekday;
}

/**
 * Places per slot on a weekday: the admin's fixed number when set, else the counters' throughput over the slot
 * (counters × slotMinutes ÷ minutes per citizen) less the share kept for walk-ins, rounded down.
 */
export function slotCapacity(svc: BookingServiceSettings, weekday: number, inputs: SlotInputs): number {
  const fixed = svc.capacity[String(weekday) as keyof BookingServiceSettings['capacity']];
  if (fixed !== undefined) return fixed;
  if (inputs.counters <= 0 || inputs.minutesPerCitizen <= 0) return 0;
  const throughput = (inputs.counters * svc.slotMinutes) / inputs.minutesPerCitizen;
  // A hair of tolerance: 2 × 30 ÷ 8 × 0.8 must give 6, not 5.999….
  return Math.max(0, Math.floor(throughput * (1 - svc.walkInSharePercent / 100) + 1e-9));
}

/**
 * A service's slots on `day`: each opening span of its weekday intersected with [bookableFrom, bookableUntil], cut
 * from the span's (or window's) start into `slotMinutes`; a remainder shorter than a slot is not offered.
 */
export function slotsOf(
  day: string,
  settings: Pick<BookingSettings, 'bookableFrom' | 'bookableUntil'>,
  svc: BookingServiceSettings,
  inputs: SlotInputs,
): SlotPlan[] {
  const weekday = weekdayOf(day);
  const from = parseHourMinute(settings.bookableFrom);
  const until = parseHourMinute(settings.bookableUntil);
  const capacity = slotCapacity(svc, weekday, inputs);
  const slots: SlotPlan[] = [];
  const spans = spansOn(inputs.hours, weekday)
    .map((s) => ({ open: parseHourMinute(s.open), close: parseHourMinute(s.close) }))
    .sort((a, b) => a.open - b.open);
  for (const span of spans) {
    const end = Math.min(span.close, until);
    for (let start = Math.max(span.open, from); start + svc.slotMinutes <= end; start += svc.slotMinutes) {
      if (slots.some((s) => s.start < start + svc.slotMinutes && start < s.end)) continue;
      slots.push({
        start,
        end: start + svc.slotMinutes,
        startsAt: vnInstant(day, start),
        endsAt: vnInstant(day, start + svc.slotMinutes),
        capacity,
      });
    }
  }
  return slots;
}

export type DayRefusal = 'past' | 'too_far' | 'holiday' | 'no_slots';

/**
 * Whether `day` may be booked now (`today` is the Vietnam day of now): within today … today + daysAhead, not a
 * holiday of the center's calendar, and with at least one slot of non-zero capacity.
 */
export function dayRefusal(
  day: string,
  today: string,
  daysAhead: number,
  calendar: WorkingCalendar,
  slots: readonly SlotPlan[],
): DayRefusal | null {
  if (day < today) return 'past';
  if (day > addDays(today, daysAhead)) return 'too_far';
  if (calendar.holidays.has(day)) return 'holiday';
  if (!slots.some((s) => s.capacity > 0)) return 'no_slots';
  return null;
}

/** The days offered: today up to daysAhead. */
export function bookableDays(today: string, daysAhead: number): string[] {
  return Array.from({ length: daysAhead + 1 }, (_, i) => addDays(today, i));
}

/** Whether booking, moving or cancelling this slot is still allowed at `now`. */
export function slotStillOpen(slotStart: Date, now: Date, closeBeforeMinutes: number): boolean {
  return now.getTime() <= slotStart.getTime() - closeBeforeMinutes * MINUTE;
}

/** The kiosk's check-in window around a slot's start. */
export function checkInWindow(
  slotStart: Date,
  s: Pick<BookingSettings, 'checkInEarlyMinutes' | 'checkInLateMinutes'>,
): { from: Date; until: Date } {
  return {
    from: new Date(slotStart.getTime() - s.checkInEarlyMinutes * MINUTE),
    until: new Date(slotStart.getTime() + s.checkInLateMinutes * MINUTE),
  };
}

export type CheckInDecision = { kind: 'ok' } | { kind: 'early'; comeBackAt: Date } | { kind: 'late' };

/** At the kiosk: within [start − early, start + late] a ticket; before it, come back then; after it, lapsed. */
export function checkInDecision(
  slotStart: Date,
  now: Date,
  s: Pick<BookingSettings, 'checkInEarlyMinutes' | 'checkInLateMinutes'>,
): CheckInDecision {
  const w = checkInWindow(slotStart, s);
  if (now.getTime() < w.from.getTime()) return { kind: 'early', comeBackAt: w.from };
  if (now.getTime() > w.until.getTime()) return { kind: 'late' };
  return { kind: 'ok' };
}

/**
 * Bookings still `booked` whose slot started at or before this instant are past their check-in window at `now`
 * (they become no-shows): one millisecond past `start + late`.
 */
export function lapseCutoff(now: Date, checkInLateMinutes: number): Date {
  return new Date(now.getTime() - checkInLateMinutes * MINUTE - 1);
}

export type LimitRefusal = 'LAYSO_BOOKING_PERSON_LIMIT' | 'LAYSO_BOOKING_SERVICE_LIMIT';

/**
 * One more booking for this person: refused when they already hold `perPersonPerDay` numbers that day (bookings not
 * cancelled and walk-in tickets with their ID number) or `perServicePerDay` bookings of the service.
 */
export function limitRefusal(
  held: { day: number; service: number },
  s: Pick<BookingSettings, 'perPersonPerDay' | 'perServicePerDay'>,
): LimitRefusal | null {
  if (held.day >= s.perPersonPerDay) return 'LAYSO_BOOKING_PERSON_LIMIT';
  if (held.service >= s.perServicePerDay) return 'LAYSO_BOOKING_SERVICE_LIMIT';
  return null;
}

export interface Reminder {
  kind: 'day_before' | 'before';
  at: Date;
}

/**
 * When a booking's reminders go: the day before at `remindDayBeforeAt`, and `remindMinutesBefore` the slot (0: no
 * such reminder). One whose time has passed at `now` (a booking made late) is not planned; neither is a day-before
 * reminder that would come after the other.
 */
export function remindersOf(
  day: string,
  slotStart: Date,
  now: Date,
  s: Pick<BookingSettings, 'remindDayBeforeAt' | 'remindMinutesBefore'>,
): Reminder[] {
  const out: Reminder[] = [];
  const before =
    s.remindMinutesBefore > 0 ? new Date(slotStart.getTime() - s.remindMinutesBefore * MINUTE) : null;
  if (s.remindDayBeforeAt !== null) {
    const at = vnInstant(addDays(day, -1), parseHourMinute(s.remindDayBeforeAt));
    if (at > now && at < slotStart && (before === null || at < before)) out.push({ kind: 'day_before', at });
  }
  if (before !== null && before > now) out.push({ kind: 'before', at: before });
  return out;
}

/** `•••••••678`: only the last three characters shown. */
export function maskTail(value: string, shown = 3): string {
  return `${'•'.repeat(Math.max(0, value.length - shown))}${value.slice(-shown)}`;
}
