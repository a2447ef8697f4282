/**
 * Vietnam time. Asia/Ho_Chi_Minh is UTC+7 all year (no DST since 1975), so fixed +7 arithmetic on the UTC
 * fields gives the local wall clock whatever the process TZ is. Every function throws a RangeError on an
 * invalid Date: that is a programming error, not bad input.
 */
import { calendarDay } from '@layso/protocol';

export const VN_OFFSET_MINUTES = 7 * 60;
const VN_OFFSET_MS = VN_OFFSET_MINUTES * 60_000;
const DAY_MS = 24 * 60 * 60_000;

export interface VnLocal {
  /** Service day, `yyyy-MM-dd` in Vietnam. */
  day: string;
  /** 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
  /** Whole minutes since Vietnam midnight, 0 … 1439. */
  minutes: number;
  /** Milliseconds since Vietnam midnight, 0 … 86 399 999. */
  millis: number;
}

/** The same instant shifted so that its UTC fields read as Vietnam wall-clock time. */
function shifted(at: Date): Date {
  const t = at.getTime();
  if (!Number.isFinite(t)) throw new RangeError('invalid Date');
  return new Date(t + VN_OFFSET_MS);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

interface Fields {
  y: string;
  mo: string;
  d: string;
  h: string;
  mi: string;
  s: string;
  ms: string;
}

function fields(at: Date): Fields {
  const v = shifted(at);
  return {
    y: pad(v.getUTCFullYear(), 4),
    mo: pad(v.getUTCMonth() + 1),
    d: pad(v.getUTCDate()),
    h: pad(v.getUTCHours()),
    mi: pad(v.getUTCMinutes()),
    s: pad(v.getUTCSeconds()),
    ms: pad(v.getUTCMilliseconds(), 3),
  };
}

/** `yyyy-MM-dd` of the Vietnam day `at` falls in; numbering and reports reset on it. */
export function serviceDay(at: Date): string {
  const f = fields(at);
  return `${f.y}-${f.mo}-${f.d}`;
}

export function vnLocal(at: Date): VnLocal {
  const v = shifted(at);
  const millis = ((v.getTime() % DAY_MS) + DAY_MS) % DAY_MS;
  const weekday = v.getUTCDay();
  return {
    day: serviceDay(at),
    isoWeekday: weekday === 0 ? 7 : weekday,
    minutes: Math.floor(millis / 60_000),
    millis,
  };
}

/** `HH:mm dd/MM/yyyy`, as printed on tickets and receipts. */
export function formatVnTime(at: Date): string {
  const f = fields(at);
  return `${f.h}:${f.mi} ${f.d}/${f.mo}/${f.y}`;
}

/** `yyyyMMddHHmmss` in Vietnam time, the date format of the provincial dossier system. */
export function formatCompact(at: Date): string {
  const f = fields(at);
  return `${f.y}${f.mo}${f.d}${f.h}${f.mi}${f.s}`;
}

/** The instant of a `yyyyMMddHHmmss` Vietnam time, or null when it is not a real one (the province's dates). */
export function parseCompact(text: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const n = (i: number): number => Number(m[i]);
  const at = new Date(Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6)) - VN_OFFSET_MS);
  return formatCompact(at) === text ? at : null;
}

/** ISO 8601 with the Vietnam offset, e.g. `2026-11-28T10:05:00.000+07:00`. */
export function toIso(at: Date): string {
  const f = fields(at);
  return `${f.y}-${f.mo}-${f.d}T${f.h}:${f.mi}:${f.s}.${f.ms}+07:00`;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant at `minutes` after Vietnam midnight of `day` (`yyyy-MM-dd`); `minutes` may be fractional.
 * Handy for the store (start of a report day) and for tests.
 */
export function vnInstant(day: string, minutes = 0): Date {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`not a yyyy-MM-dd day: ${day}`);
  if (!Number.isFinite(minutes)) throw new RangeError('minutes must be finite');
  const utcMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const at = new Date(utcMidnight - VN_OFFSET_MS + minutes * 60_000);
  if (serviceDay(new Date(utcMidnight - VN_OFFSET_MS)) !== day) throw new RangeError(`no such day: ${day}`);
  return at;
}

/** The calendar day `n` days after `day` (`yyyy-MM-dd`; `n` may be negative). */
export function addDays(day: string, n: number): string {
  const t = calendarDay(day);
  if (t === null) throw new RangeError(`not a calendar day: ${day}`);
  return new Date(t + n * DAY_MS).toISOString().slice(0, 10);
}
