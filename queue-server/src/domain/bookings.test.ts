import { DEFAULT_BOOKING_SETTINGS, type BookingServiceSettings } from '@layso/protocol';
import { describe, expect, it } from 'vitest';
import {
  bookableDays,
  checkInDecision,
  dayRefusal,
  hhmm,
  lapseCutoff,
  limitRefusal,
  maskTail,
  remindersOf,
  slotCapacity,
  slotsOf,
  slotStillOpen,
  weekdayOf,
} from './bookings.js';
import { vnInstant } from './time.js';
import { calendarOf } from './working-days.js';

const HOURS = {
  '1': [
    { open: '07:00', close: '11:30' },
    { open: '13:00', close: '17:00' },
  ],
  '6': [{ open: '07:30', close: '11:30' }],
};
const SVC: BookingServiceSettings = {
  serviceId: 1,
  enabled: true,
  slotMinutes: 30,
  walkInSharePercent: 20,
  capacity: {},
};
const INPUTS = { hours: HOURS, counters: 2, minutesPerCitizen: 8 };
// 2026-12-07 is a Monday, 2026-12-12 a Saturday, 2026-12-13 a Sunday.
const MONDAY = '2026-12-07';

describe('booking slots', () => {
  it('cut the service hours within the bookable window, without a short remainder', () => {
    const slots = slotsOf(MONDAY, { bookableFrom: '08:00', bookableUntil: '16:00' }, SVC, INPUTS);
    const labels = slots.map((s) => `${hhmm(s.start)}-${hhmm(s.end)}`);
    // Morning 08:00 … 11:30 (7 slots), afternoon 13:00 … 16:00 (6 slots).
    expect(labels.slice(0, 7)).toEqual([
      '08:00-08:30',
      '08:30-09:00',
      '09:00-09:30',
      '09:30-10:00',
      '10:00-10:30',
      '10:30-11:00',
      '11:00-11:30',
    ]);
    expect(labels.slice(7)).toEqual([
      '13:00-13:30',
      '13:30-14:00',
      '14:00-14:30',
      '14:30-15:00',
      '15:00-15:30',
      '15:30-16:00',
    ]);
    expect(slots[0]?.startsAt.toISOString()).toBe('2026-12-07T01:00:00.000Z');
    const short = slotsOf('2026-12-12', { bookableFrom: '08:00', bookableUntil: '16:00' }, SVC, INPUTS);
    // Saturday 08:00–11:30: 08:00 … 11:00 (a 45-minute slot would leave 11:30 out).
    expect(short).toHaveLength(7);
    const long = slotsOf(
      '2026-12-12',
      { bookableFrom: '08:00', bookableUntil: '16:00' },
      { ...SVC, slotMinutes: 45 },
      INPUTS,
    );
    expect(long.map((s) => hhmm(s.start))).toEqual(['08:00', '08:45', '09:30', '10:15']);
    expect(slotsOf('2026-12-13', DEFAULT_BOOKING_SETTINGS, SVC, INPUTS)).toEqual([]);
  });

  it('count capacity from counters less the walk-in share, or take the weekday override', () => {
    // 2 counters × 30 min ÷ 8 min = 7.5, × 0.8 = 6.
    expect(slotCapacity(SVC, 1, INPUTS)).toBe(6);
    expect(slotCapacity({ ...SVC, walkInSharePercent: 100 }, 1, INPUTS)).toBe(0);
    expect(slotCapacity(SVC, 1, { ...INPUTS, counters: 0 })).toBe(0);
    expect(slotCapacity({ ...SVC, capacity: { '1': 3 } }, 1, INPUTS)).toBe(3);
    expect(slotCapacity({ ...SVC, capacity: { '1': 0 } }, 1, INPUTS)).toBe(0);
    expect(slotCapacity({ ...SVC, capacity: { '2': 9 } }, 1, INPUTS)).toBe(6);
  });
});

describe('booking days', () => {
  const slots = slotsOf(MONDAY, DEFAULT_BOOKING_SETTINGS, SVC, INPUTS);
  it('open today up to daysAhead, never a holiday or a day without places', () => {
    expect(bookableDays(MONDAY, 2)).toEqual([MONDAY, '2026-12-08', '2026-12-09']);
    const cal = calendarOf({ holidays: ['2026-12-09'], workdays: [] });
    expect(dayRefusal(MONDAY, MONDAY, 6, cal, slots)).toBeNull();
    expect(dayRefusal('2026-12-06', MONDAY, 6, cal, slots)).toBe('past');
    expect(dayRefusal('2026-12-14', MONDAY, 6, cal, slots)).toBe('too_far');
    expect(dayRefusal('2026-12-13', MONDAY, 6, cal, slots)).toBeNull();
    expect(dayRefusal('2026-12-09', MONDAY, 6, cal, slots)).toBe('holiday');
    expect(dayRefusal(MONDAY, MONDAY, 6, cal, [])).toBe('no_slots');
    expect(
      dayRefusal(
        MONDAY,
        MONDAY,
        6,
        cal,
        slots.map((s) => ({ ...s, capacity: 0 })),
      ),
    ).toBe('no_slots');
    expect(weekdayOf('2026-12-13')).toBe(7);
  });

  it('close a slot closeBeforeMinutes before it starts', () => {
    const start = vnInstant(MONDAY, 9 * 60);
    expect(slotStillOpen(start, vnInstant(MONDAY, 8 * 60 + 30), 30)).toBe(true);
    expect(slotStillOpen(start, new Date(vnInstant(MONDAY, 8 * 60 + 30).getTime() + 1), 30)).toBe(false);
  });
});

describe('check-in and lapse', () => {
  const start = vnInstant(MONDAY, 9 * 60);
  const s = { checkInEarlyMinutes: 15, checkInLateMinutes: 10 };
  it('issue within [start − 15, start + 10], say when to come back before, lapse after', () => {
    expect(checkInDecision(start, vnInstant(MONDAY, 8 * 60 + 30), s)).toEqual({
      kind: 'early',
      comeBackAt: vnInstant(MONDAY, 8 * 60 + 45),
    });
    expect(checkInDecision(start, vnInstant(MONDAY, 8 * 60 + 45), s)).toEqual({ kind: 'ok' });
    expect(checkInDecision(start, vnInstant(MONDAY, 9 * 60 + 10), s)).toEqual({ kind: 'ok' });
    const after = new Date(vnInstant(MONDAY, 9 * 60 + 10).getTime() + 1);
    expect(checkInDecision(start, after, s)).toEqual({ kind: 'late' });
  });

  it('count a booking as a no-show only once its window has ended', () => {
    const end = vnInstant(MONDAY, 9 * 60 + 10);
    expect(lapseCutoff(end, 10).getTime()).toBeLessThan(start.getTime());
    expect(lapseCutoff(new Date(end.getTime() + 1), 10).getTime()).toBe(start.getTime());
  });
});

describe('limits, reminders, masks', () => {
  it('refuse past the person and service limits', () => {
    const s = { perPersonPerDay: 2, perServicePerDay: 1 };
    expect(limitRefusal({ day: 0, service: 0 }, s)).toBeNull();
    expect(limitRefusal({ day: 1, service: 0 }, s)).toBeNull();
    expect(limitRefusal({ day: 1, service: 1 }, s)).toBe('LAYSO_BOOKING_SERVICE_LIMIT');
    expect(limitRefusal({ day: 2, service: 0 }, s)).toBe('LAYSO_BOOKING_PERSON_LIMIT');
  });

  it('remind the day before and an hour before, only in the future', () => {
    const start = vnInstant('2026-12-08', 9 * 60);
    const s = { remindDayBeforeAt: '18:00', remindMinutesBefore: 60 };
    expect(remindersOf('2026-12-08', start, vnInstant(MONDAY, 10 * 60), s)).toEqual([
      { kind: 'day_before', at: vnInstant(MONDAY, 18 * 60) },
      { kind: 'before', at: vnInstant('2026-12-08', 8 * 60) },
    ]);
    expect(remindersOf('2026-12-08', start, vnInstant(MONDAY, 19 * 60), s)).toEqual([
      { kind: 'before', at: vnInstant('2026-12-08', 8 * 60) },
    ]);
    expect(remindersOf('2026-12-08', start, vnInstant('2026-12-08', 8 * 60 + 30), s)).toEqual([]);
    expect(
      remindersOf('2026-12-08', start, vnInstant(MONDAY, 10 * 60), { ...s, remindDayBeforeAt: null }),
    ).toHaveLength(1);
    expect(
      remindersOf('2026-12-08', start, vnInstant(MONDAY, 10 * 60), { ...s, remindMinutesBefore: 0 }),
    ).toEqual([{ kind: 'day_before', at: vnInstant(MONDAY, 18 * 60) }]);
  });

  it('mask all but the last three characters', () => {
    expect(maskTail('0912345678')).toBe('•••••••678');
    expect(maskTail('789')).toBe('789');
  });
});
