import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  parseDate,
  parseTime,
  splitVietnamDateTime,
  typingDate,
  typingTime,
  vietnamDateTime,
  vietnamDay,
} from './datetime.js';

const value = (r: ReturnType<typeof parseDate>) => (r.ok ? r.value : `problem: ${r.problem.en}`);

describe('dates typed the Vietnamese way', () => {
  it('reads day/month/year in every usual spelling', () => {
    for (const t of ['07/12/2026', '7/12/2026', ' 07-12-2026 ', '7.12.2026', '07122026'])
      expect(value(parseDate(t))).toBe('2026-12-07');
    expect(value(parseDate(''))).toBe('');
  });

  it('refuses dates that do not exist, in both languages', () => {
    const r = parseDate('31/02/2026');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problem).toEqual({ vi: 'Không có ngày 31/02/2026', en: '31/02/2026 is not a real date' });
    expect(parseDate('29/02/2028').ok).toBe(true);
    expect(parseDate('29/02/2026').ok).toBe(false);
    expect(parseDate('00/01/2026').ok).toBe(false);
    expect(parseDate('12/13/2026').ok).toBe(false);
    expect(value(parseDate('2026-12-07'))).toMatch(/^problem: Type the date as day\/month\/year/);
    expect(value(parseDate('7/12/26'))).toMatch(/^problem:/);
  });

  it('keeps within min and max, both inclusive', () => {
    const limits = { min: '2026-12-01', max: '2026-12-07' };
    expect(value(parseDate('07/12/2026', limits))).toBe('2026-12-07');
    expect(value(parseDate('08/12/2026', limits))).toBe('problem: The date must not be after 07/12/2026');
    expect(value(parseDate('30/11/2026', limits))).toBe('problem: The date must be 01/12/2026 or later');
  });

  it('shows an ISO day as dd/mm/yyyy', () => {
    expect(formatDate('2026-12-07')).toBe('07/12/2026');
    expect(formatDate('')).toBe('');
  });

  it('puts the slashes in as digits come from a number pad', () => {
    expect(typingDate('071')).toBe('07/1');
    expect(typingDate('0712')).toBe('07/12');
    expect(typingDate('07122')).toBe('07/12/2');
    expect(typingDate('07/122')).toBe('07/12/2');
    expect(typingDate('7/122026')).toBe('7/12/2026');
    expect(typingDate('7/1')).toBe('7/1');
    expect(typingDate('07')).toBe('07');
  });
});

describe('times typed as 24-hour', () => {
  it('reads HH:mm and its usual variants', () => {
    const cases: [string, string][] = [
      ['14:30', '14:30'],
      ['7:05', '07:05'],
      ['7h05', '07:05'],
      ['14h', '14:00'],
      ['14', '14:00'],
      ['1430', '14:30'],
      ['730', '07:30'],
      ['00:00', '00:00'],
      ['23:59', '23:59'],
      ['', ''],
    ];
    for (const [t, want] of cases) expect(value(parseTime(t)), t).toBe(want);
  });

  it('refuses what is not a time of day; 24:00 only as a close', () => {
    expect(value(parseTime('24:00'))).toBe('problem: The time must be from 00:00 to 23:59');
    expect(value(parseTime('24:00', { endOfDay: true }))).toBe('24:00');
    expect(value(parseTime('24:01', { endOfDay: true }))).toBe(
      'problem: The time must be from 00:00 to 24:00',
    );
    expect(value(parseTime('12:60'))).toMatch(/^problem:/);
    expect(value(parseTime('2:30 PM'))).toMatch(/^problem: Type the time as 24-hour/);
    const r = parseTime('25:00');
    if (!r.ok) expect(r.problem.vi).toBe('Giờ phải từ 00:00 đến 23:59');
  });

  it('puts the colon in once four digits are typed', () => {
    expect(typingTime('0730')).toBe('07:30');
    expect(typingTime('073')).toBe('073');
    expect(typingTime('07:3')).toBe('07:3');
  });
});

describe('instants shown in Vietnam time', () => {
  it('formats in Asia/Ho_Chi_Minh whatever the machine zone', () => {
    expect(formatDateTime('2026-12-06T17:30:00Z')).toBe('07/12/2026 00:30');
    expect(formatDateTime(new Date('2026-12-07T07:05:00Z'))).toBe('07/12/2026 14:05');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
    expect(vietnamDay('2026-12-06T17:30:00Z')).toBe('2026-12-07');
    expect(vietnamDay('2026-12-07T05:00:00Z', -6)).toBe('2026-12-01');
  });

  it('joins a Vietnam day and time into the instant the server takes, and splits it back', () => {
    const iso = vietnamDateTime('2026-12-09', '14:00');
    expect(iso).toBe('2026-12-09T14:00:00+07:00');
    expect(new Date(iso).toISOString()).toBe('2026-12-09T07:00:00.000Z');
    expect(splitVietnamDateTime(iso)).toEqual({ date: '2026-12-09', time: '14:00' });
    expect(splitVietnamDateTime('2026-12-09T07:00:00Z')).toEqual({ date: '2026-12-09', time: '14:00' });
    expect(splitVietnamDateTime('nonsense')).toBeNull();
  });
});
