import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, vnInstant } from './time.js';
import {
  addWorkingDays,
  dueWithinWorkingDays,
  isWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
  type WorkingCalendar,
} from './working-days.js';

// 2026-12-04 is a Friday, 2026-12-07 a Monday.
const FRI = '2026-12-04';
const SAT = '2026-12-05';
const SUN = '2026-12-06';
const MON = '2026-12-07';

describe('working days (Mon–Fri, Vietnam days)', () => {
  it('works Monday to Friday only', () => {
    expect([MON, FRI].map((d) => isWorkingDay(d))).toEqual([true, true]);
    expect([SAT, SUN].map((d) => isWorkingDay(d))).toEqual([false, false]);
  });

  it('counts on over the weekend', () => {
    expect(nextWorkingDay(FRI)).toBe(MON);
    expect(nextWorkingDay(SAT)).toBe(MON);
    expect(addWorkingDays(FRI, 2)).toBe('2026-12-08');
    expect(addWorkingDays(MON, 5)).toBe('2026-12-14');
    expect(addWorkingDays(MON, 0)).toBe(MON);
    expect(addWorkingDays(SUN, 0)).toBe(MON);
  });

  it('counts the working days between two days, the first excluded', () => {
    expect(workingDaysBetween(FRI, MON)).toBe(1);
    expect(workingDaysBetween(FRI, '2026-12-08')).toBe(2);
    expect(workingDaysBetween(MON, MON)).toBe(0);
    expect(workingDaysBetween(MON, FRI)).toBe(0);
  });

  it('honours holidays and make-up working days', () => {
    const cal: WorkingCalendar = { holidays: new Set([MON]), workdays: new Set([SAT]) };
    expect(isWorkingDay(MON, cal)).toBe(false);
    expect(isWorkingDay(SAT, cal)).toBe(true);
    expect(nextWorkingDay(FRI, cal)).toBe(SAT);
    expect(addWorkingDays(FRI, 2, cal)).toBe('2026-12-08');
  });

  it('says whether a deadline falls within n working days, in Vietnam time', () => {
    // Friday 23:30 in Vietnam is still Friday: two working days on is Tuesday.
    const now = vnInstant(FRI, 23 * 60 + 30);
    expect(dueWithinWorkingDays(vnInstant('2026-12-08', 16 * 60), now, 2)).toBe(true);
    expect(dueWithinWorkingDays(vnInstant('2026-12-09', 8 * 60), now, 2)).toBe(false);
    expect(dueWithinWorkingDays(vnInstant('2026-12-01', 8 * 60), now, 2)).toBe(true);
  });

  it('adding n working days lands on a working day, n of them after the start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 1, max: 30 }), (offset, n) => {
        const start = addDays('2026-01-01', offset);
        const end = addWorkingDays(start, n);
        expect(isWorkingDay(end)).toBe(true);
        expect(workingDaysBetween(start, end)).toBe(n);
      }),
    );
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays(MON, -1)).toThrow(RangeError);
    expect(() => addWorkingDays(MON, 1.5)).toThrow(RangeError);
  });
});
