// Dates and times the Vietnamese way — dd/mm/yyyy and 24-hour HH:mm, in Asia/Ho_Chi_Minh — whatever the browser's
// locale or time zone. Pure functions: the fields in datetime-fields.tsx and every screen that shows a date use them.
import { format, type Bilingual } from './i18n.js';

/** A typed text read as a value (`YYYY-MM-DD`, `HH:mm`), or why it cannot be. */
export type Parsed = { ok: true; value: string } | { ok: false; problem: Bilingual };

/** Vietnam is UTC+7 all year (no daylight saving), so an offset is exact and needs no time-zone data. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

export const DATE_PROBLEMS = {
  form: {
    vi: 'Nhập ngày theo dạng ngày/tháng/năm, ví dụ 07/12/2026',
    en: 'Type the date as day/month/year, e.g. 07/12/2026',
  },
  notReal: { vi: 'Không có ngày {date}', en: '{date} is not a real date' },
  before: { vi: 'Ngày phải từ {min} trở đi', en: 'The date must be {min} or later' },
  after: { vi: 'Ngày không được sau {max}', en: 'The date must not be after {max}' },
} satisfies Record<string, Bilingual>;

export const TIME_PROBLEMS = {
  form: {
    vi: 'Nhập giờ kiểu 24 giờ, giờ:phút, ví dụ 14:30',
    en: 'Type the time as 24-hour hours:minutes, e.g. 14:30',
  },
  range: { vi: 'Giờ phải từ 00:00 đến 23:59', en: 'The time must be from 00:00 to 23:59' },
  rangeClose: { vi: 'Giờ phải từ 00:00 đến 24:00', en: 'The time must be from 00:00 to 24:00' },
} satisfies Record<string, Bilingual>;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Reads a date typed as day/month/year: `7/12/2026`, `07/12/2026`, `07-12-2026`, `07.12.2026` or the eight digits
 * a phone's number pad gives (`07122026`). Empty text is `''`. `min`/`max` are ISO days, both inclusive.
 */
export function parseDate(text: string, limits: { min?: string; max?: string } = {}): Parsed {
  const t = text.trim();
  if (t === '') return { ok: true, value: '' };
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (!m) return { ok: false, problem: DATE_PROBLEMS.form };
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || year < 1900)
    return {
      ok: false,
      problem: format(DATE_PROBLEMS.notReal, { date: `${pad(day)}/${pad(month)}/${year}` }),
    };
  const value = `${year}-${pad(month)}-${pad(day)}`;
  if (limits.min && value < limits.min)
    return { ok: false, problem: format(DATE_PROBLEMS.before, { min: formatDate(limits.min) }) };
  if (limits.max && value > limits.max)
    return { ok: false, problem: format(DATE_PROBLEMS.after, { max: formatDate(limits.max) }) };
  return { ok: true, value };
}

/**
 * Reads a 24-hour time: `14:30`, `7:05`, `7h05`, `14h`, `14`, `1430`. Empty text is `''`. `24:00` only with
 * `endOfDay` (a close time meaning "through midnight").
 */
export function parseTime(text: string, opts: { endOfDay?: boolean } = {}): Parsed {
  const t = text.trim().toLowerCase();
  if (t === '') return { ok: true, value: '' };
  const m = /^(\d{1,2})(?:[:.h](\d{2})?)?$/.exec(t) ?? /^(\d{1,2})(\d{2})$/.exec(t);
  if (!m) return { ok: false, problem: TIME_PROBLEMS.form };
  const [h, min] = [Number(m[1]), Number(m[2] ?? '0')];
  const range = opts.endOfDay ? TIME_PROBLEMS.rangeClose : TIME_PROBLEMS.range;
  if (min > 59 || h > 24 || (h === 24 && (min > 0 || !opts.endOfDay))) return { ok: false, problem: range };
  return { ok: true, value: `${pad(h)}:${pad(min)}` };
}

/** `2026-12-07` → `07/12/2026`; anything else → `''`. */
export function formatDate(isoDay: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/**
 * Slashes and colons put in as the digits come, so a phone's number pad (which has neither) can type a whole date
 * or time; applied only when the text grew, so deleting is never fought.
 */
export function typingDate(text: string): string {
  if (/^\d{3,8}$/.test(text)) {
    const [d, m, y] = [text.slice(0, 2), text.slice(2, 4), text.slice(4)];
    return y ? `${d}/${m}/${y}` : `${d}/${m}`;
  }
  const more = /^(\d{1,2})([/.-])(\d{2})(\d{1,4})$/.exec(text);
  return more ? `${more[1]}${more[2]}${more[3]}${more[2]}${more[4]}` : text;
}
export function typingTime(text: string): string {
  return /^\d{4}$/.test(text) ? `${text.slice(0, 2)}:${text.slice(2)}` : text;
}

/** The wall clock in Vietnam at an instant, whatever the device's own zone. */
export function vietnamParts(at: Date | string | number) {
  const v = new Date(new Date(at).getTime() + VIETNAM_OFFSET_MS);
  return {
    year: v.getUTCFullYear(),
    month: v.getUTCMonth() + 1,
    day: v.getUTCDate(),
    hour: v.getUTCHours(),
    minute: v.getUTCMinutes(),
    /** 0 = Sunday … 6 = Saturday. */
    weekday: v.getUTCDay(),
  };
}

/** The Vietnam day of an instant as `YYYY-MM-DD`, `offset` days away. */
export function vietnamDay(at: Date | string | number, offset = 0): string {
  const p = vietnamParts(new Date(at).getTime() + offset * 86_400_000);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** An instant as Vietnam's `HH:mm`. */
export function formatTime(at: Date | string | number): string {
  const p = vietnamParts(at);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** An instant as `dd/mm/yyyy HH:mm` in Vietnam; a dash for none. */
export function formatDateTime(at: Date | string | number | null | undefined): string {
  if (at === null || at === undefined || at === '') return '—';
  if (Number.isNaN(new Date(at).getTime())) return '—';
  return `${formatDate(vietnamDay(at))} ${formatTime(at)}`;
}

const WEEKDAYS_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A screen's clock: Vietnam time, date and weekday ("Thứ Hai, 07/12/2026"). */
export function formatClock(at: Date): Bilingual & { time: string; date: string } {
  const date = formatDate(vietnamDay(at));
  const wd = vietnamParts(at).weekday;
  return { time: formatTime(at), date, vi: `${WEEKDAYS_VI[wd]}, ${date}`, en: `${WEEKDAYS_EN[wd]}, ${date}` };
}

/** A Vietnam date and wall time joined as the ISO instant the server takes (`2026-12-09T14:00:00+07:00`). */
export function vietnamDateTime(isoDay: string, time: string): string {
  return `${isoDay}T${time}:00+07:00`;
}

/** An ISO instant split back into its Vietnam day and `HH:mm` (for showing it in the fields). */
export function splitVietnamDateTime(iso: string): { date: string; time: string } | null {
  if (Number.isNaN(Date.parse(iso))) return null;
  return { date: vietnamDay(iso), time: formatTime(iso) };
}
