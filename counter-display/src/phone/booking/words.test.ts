import type { BookingSlot } from '@layso/protocol';
import { describe, expect, it } from 'vitest';
import {
  checkInWords,
  dayName,
  dayState,
  dayWords,
  digitsOnly,
  groupSlots,
  nextDay,
  phoneDigits,
  shortDate,
  slotState,
  statusWords,
} from './words.js';

const slot = (start: string, free = 2, open = true): BookingSlot => ({
  start,
  end: start,
  startsAt: `2026-12-14T${start}:00+07:00`,
  capacity: 4,
  free,
  open,
});

describe("the booking pages' words", () => {
  it('names a day with its Vietnamese weekday, whatever the phone zone', () => {
    expect(dayWords('2026-12-14')).toEqual({ vi: 'Thứ Hai, 14/12/2026', en: 'Monday, 14/12/2026' });
    expect(dayWords('2026-12-13')).toEqual({ vi: 'Chủ nhật, 13/12/2026', en: 'Sunday, 13/12/2026' });
    expect(dayWords('2027-01-01').vi).toBe('Thứ Sáu, 01/01/2027');
  });

  it('calls the first two days today and tomorrow, across a month and a year end', () => {
    expect(dayName('2026-12-31', '2026-12-31').vi).toBe('Hôm nay');
    expect(dayName('2027-01-01', '2026-12-31').vi).toBe('Ngày mai');
    expect(dayName('2027-01-02', '2026-12-31')).toEqual({ vi: 'Thứ Bảy', en: 'Saturday' });
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(shortDate('2026-12-04')).toBe('04/12');
  });

  it('groups slots into morning, afternoon and evening, in time order', () => {
    const groups = groupSlots([slot('13:30'), slot('07:30'), slot('11:45'), slot('12:00'), slot('18:00')]);
    expect(groups.map((g) => [g.part, g.slots.map((s) => s.start)])).toEqual([
      ['morning', ['07:30', '11:45']],
      ['afternoon', ['12:00', '13:30']],
      ['evening', ['18:00']],
    ]);
    expect(groups[0]?.label.vi).toBe('Buổi sáng');
    expect(groupSlots([])).toEqual([]);
  });

  it('says why a slot or a day cannot be chosen, else its free places', () => {
    expect(slotState(slot('08:00', 3)).vi).toBe('Còn 3 chỗ');
    expect(slotState(slot('08:00', 0)).vi).toBe('Đã đủ');
    expect(slotState(slot('08:00', 2, false)).vi).toBe('Đã đóng');
    expect(dayState({ open: false, free: 0 }).vi).toBe('Không làm việc');
    expect(dayState({ open: true, free: 0 }).en).toBe('Full');
    expect(dayState({ open: true, free: 12 }).en).toBe('12 left');
  });

  it('words the states and the check-in window in Vietnam time', () => {
    expect(statusWords('checked_in').vi).toBe('Đã nhận số');
    expect(statusWords('no_show').vi).toMatch(/^Không đến/);
    expect(
      checkInWords({ checkInFrom: '2026-12-14T02:15:00.000Z', checkInUntil: '2026-12-14T02:40:00.000Z' }).vi,
    ).toBe('Đến ki-ốt từ 09:15 đến 09:40, quét mã QR này hoặc thẻ CCCD để nhận số.');
  });

  it('keeps only the digits of a typed number, reading +84 as 0', () => {
    expect(digitsOnly('0012 3456-7890 12', 12)).toBe('001234567890');
    expect(phoneDigits('+84 912 345 678')).toBe('0912345678');
    expect(phoneDigits('091.234.5678 9')).toBe('0912345678');
  });
});
