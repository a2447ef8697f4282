import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCompact, formatVnTime, serviceDay, toIso, vnInstant, vnLocal } from './time.js';

const utc = (iso: string): Date => new Date(iso);

/** Independent oracle: ICU's Asia/Ho_Chi_Minh, whatever the process TZ is. */
const vnParts = (at: Date): Record<string, string> =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );

// Years 1976+ : Vietnam has been on a fixed UTC+7 since then (ICU knows older offsets too).
const instants = fc.date({
  min: new Date('1976-01-01T00:00:00Z'),
  max: new Date('2099-12-31T00:00:00Z'),
  noInvalidDate: true,
});

describe('serviceDay', () => {
  it('changes at 17:00Z, which is midnight in Vietnam', () => {
    expect(serviceDay(utc('2026-11-28T16:59:59.999Z'))).toBe('2026-11-28');
    expect(serviceDay(utc('2026-11-28T17:00:00.000Z'))).toBe('2026-11-29');
  });

  it('is ahead of the UTC date in the Vietnam morning', () => {
    expect(serviceDay(utc('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(serviceDay(utc('2026-02-28T18:00:00Z'))).toBe('2026-03-01');
  });

  it('throws on an invalid Date', () => {
    expect(() => serviceDay(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('agrees with ICU Asia/Ho_Chi_Minh for any instant', () => {
    fc.assert(
      fc.property(instants, (at) => {
        const p = vnParts(at);
        expect(serviceDay(at)).toBe(`${p.year}-${p.month}-${p.day}`);
        expect(formatCompact(at)).toBe(`${p.year}${p.month}${p.day}${p.hour}${p.minute}${p.second}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('vnLocal', () => {
  it('gives the Vietnam weekday and minutes since Vietnam midnight', () => {
    // Sunday 2026-11-29 23:59Z is Monday 06:59 in Vietnam.
    expect(vnLocal(utc('2026-11-29T23:59:30Z'))).toEqual({
      day: '2026-11-30',
      isoWeekday: 1,
      minutes: 6 * 60 + 59,
      millis: (6 * 60 + 59) * 60_000 + 30_000,
    });
    // Saturday 17:00Z is Sunday 00:00 in Vietnam: weekday 7.
    expect(vnLocal(utc('2026-11-28T17:00:00Z'))).toMatchObject({
      day: '2026-11-29',
      isoWeekday: 7,
      minutes: 0,
    });
  });

  it('agrees with ICU on weekday and minutes', () => {
    const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
    fc.assert(
      fc.property(instants, (at) => {
        const p = vnParts(at);
        const local = vnLocal(at);
        expect(local.isoWeekday).toBe(weekdays[p.weekday ?? '']);
        expect(local.minutes).toBe(Number(p.hour) * 60 + Number(p.minute));
        expect(local.minutes).toBeGreaterThanOrEqual(0);
        expect(local.minutes).toBeLessThan(1440);
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatting', () => {
  const at = utc('2026-11-28T03:05:09.042Z'); // 10:05:09 in Vietnam

  it('formats HH:mm dd/MM/yyyy', () => {
    expect(formatVnTime(at)).toBe('10:05 28/11/2026');
    expect(formatVnTime(utc('2026-11-28T17:00:00Z'))).toBe('00:00 29/11/2026');
  });

  it('formats yyyyMMddHHmmss for the provincial sync', () => {
    expect(formatCompact(at)).toBe('20261128100509');
  });

  it('writes ISO with the +07:00 offset, same instant', () => {
    expect(toIso(utc('2026-11-28T03:05:00.000Z'))).toBe('2026-11-28T10:05:00.000+07:00');
    expect(toIso(at)).toBe('2026-11-28T10:05:09.042+07:00');
    fc.assert(
      fc.property(instants, (d) => {
        expect(new Date(toIso(d)).getTime()).toBe(d.getTime());
      }),
      { numRuns: 200 },
    );
  });
});

describe('vnInstant', () => {
  it('is the instant of a Vietnam wall-clock time', () => {
    expect(vnInstant('2026-11-29').toISOString()).toBe('2026-11-28T17:00:00.000Z');
    expect(vnInstant('2026-11-30', 7 * 60 + 30).toISOString()).toBe('2026-11-30T00:30:00.000Z');
  });

  it('round-trips with serviceDay and vnLocal', () => {
    fc.assert(
      fc.property(instants, (at) => {
        const { day, millis } = vnLocal(at);
        expect(vnInstant(day, millis / 60_000).getTime()).toBe(at.getTime());
      }),
      { numRuns: 200 },
    );
  });

  it('refuses what is not a day', () => {
    expect(() => vnInstant('2026-13-01')).toThrow(RangeError);
    expect(() => vnInstant('2026-02-30')).toThrow(RangeError);
    expect(() => vnInstant('28/11/2026')).toThrow(RangeError);
    expect(() => vnInstant('2026-11-28', Number.NaN)).toThrow(RangeError);
  });
});
