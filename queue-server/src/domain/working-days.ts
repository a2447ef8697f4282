/**
 * Working days for dossier deadlines (DESIGN.md: deadlines count working days on a Vietnam calendar). Days are
 * Vietnam service days `yyyy-MM-dd`. Monday to Friday work; a calendar may add public holidays (off) and make-up
 * working days (a Saturday worked in exchange), which the admin edits in the center's settings.
 */
import { addDays, serviceDay, vnInstant, vnLocal } from './time.js';

export interface WorkingCalendar {
  /** Days off although Monday to Friday (Tết, national holidays). */
  readonly holidays: ReadonlySet<string>;
  /** Days worked although Saturday or Sunday (make-up working days). */
  readonly workdays: ReadonlySet<string>;
}

/** Monday to Friday, no holidays. */
export const MON_TO_FRI: WorkingCalendar = { holidays: new Set(), workdays: new Set() };

/** The calendar of a center's settings (their `holidays` and `workdays` lists). */
export function calendarOf(s: { holidays: readonly string[]; workdays: readonly string[] }): WorkingCalendar {
  return { holidays: new Set(s.holidays), workdays: new Set(s.workdays) };
}

/** Whether `day` is worked. */
export function isWorkingDay(day: string, cal: WorkingCalendar = MON_TO_FRI): boolean {
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  // Noon keeps the weekday of the day whatever the offset arithmetic.
  return vnLocal(vnInstant(day, 12 * 60)).isoWeekday <= 5;
}

/**
 * The `n`-th working day after `day` (`n` ≥ 1); `n` = 0 gives `day` itself when worked, else the next working
 * day. Bounded: a calendar with no working day for a year is a data error.
 */
export function addWorkingDays(day: string, n: number, cal: WorkingCalendar = MON_TO_FRI): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0: ${n}`);
  let d = day;
  let left = n;
  if (n === 0 && isWorkingDay(d, cal)) return d;
  for (let step = 0; step < 366 + n * 7; step++) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal) && --left <= 0) return d;
  }
  throw new RangeError(`no working day after ${day} in the calendar`);
}

/** The first working day after `day`. */
export const nextWorkingDay = (day: string, cal: WorkingCalendar = MON_TO_FRI): string =>
  addWorkingDays(day, 1, cal);

/**
 * Working days after `from` up to and including `to` (0 when `to` is not after `from`): a result ready on
 * Friday and still waiting on Tuesday has waited 2 working days.
 */
export function workingDaysBetween(from: string, to: string, cal: WorkingCalendar = MON_TO_FRI): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
  return n;
}

/**
 * Whether a deadline falls within `n` working days of `now`: its Vietnam day is on or before the `n`-th working
 * day after today (a deadline already past counts too). The background refresh asks this with n = 2.
 */
export function dueWithinWorkingDays(
  due: Date,
  now: Date,
  n: number,
  cal: WorkingCalendar = MON_TO_FRI,
): boolean {
  return serviceDay(due) <= addWorkingDays(serviceDay(now), n, cal);
}
