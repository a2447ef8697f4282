import type { BookingSlot, BookingStatus, PublicBooking } from '@layso/protocol';
import { formatClock, formatTime, vietnamDateTime } from '@layso/ui-kit/datetime';
import { format, type Bilingual } from '@layso/ui-kit/i18n';
import { B } from './texts.js';

/**
 * The booking pages' words for days, slots and states: pure, so they are tested without a browser. Days are the
 * server's Vietnam days (`YYYY-MM-DD`); every time shown is Vietnam's, whatever the phone's own zone.
 */

/** `2026-12-14` → "Thứ Hai, 14/12/2026" / "Monday, 14/12/2026" (noon of that day in Vietnam, never a day off). */
export function dayWords(day: string): Bilingual {
  const c = formatClock(new Date(vietnamDateTime(day, '12:00')));
  return { vi: c.vi, en: c.en };
}

/** A day button's first line: "Hôm nay" / "Ngày mai" for the first two days, else the weekday. */
export function dayName(day: string, today: string): Bilingual {
  if (day === today) return B.today;
  if (day === nextDay(today)) return B.tomorrow;
  const w = dayWords(day);
  return { vi: w.vi.split(',')[0] ?? w.vi, en: w.en.split(',')[0] ?? w.en };
}

/** The calendar day after `day` (plain date arithmetic: no zone involved). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** `2026-12-14` → `14/12`: the short date under a day button. */
export const shortDate = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

export type DayPart = 'morning' | 'afternoon' | 'evening';
export interface SlotGroup {
  part: DayPart;
  label: Bilingual;
  slots: BookingSlot[];
}

/** A day's slots grouped into morning (before 12:00), afternoon (before 18:00) and evening, in time order. */
export function groupSlots(slots: readonly BookingSlot[]): SlotGroup[] {
  const partOf = (s: BookingSlot): DayPart =>
    s.start < '12:00' ? 'morning' : s.start < '18:00' ? 'afternoon' : 'evening';
  const groups: SlotGroup[] = [];
  for (const s of [...slots].sort((a, b) => a.start.localeCompare(b.start))) {
    const part = partOf(s);
    let g = groups.find((x) => x.part === part);
    if (!g) {
      g = { part, label: B[part], slots: [] };
      groups.push(g);
    }
    g.slots.push(s);
  }
  return groups;
}

/** What a slot button says under its time: its free places, or why it cannot be chosen. */
export function slotState(s: BookingSlot): Bilingual {
  if (s.free === 0) return B.slotFull;
  if (!s.open) return B.slotClosed;
  return format(B.slotFree, { n: s.free });
}

/** What a day button says under its date: its free places, or why it cannot be chosen. */
export function dayState(d: { open: boolean; free: number }): Bilingual {
  if (!d.open) return B.dayClosed;
  if (d.free === 0) return B.dayFull;
  return format(B.slotFree, { n: d.free });
}

const STATUS: Record<BookingStatus, Bilingual> = {
  booked: B.statusBooked,
  checked_in: B.statusCheckedIn,
  cancelled: B.statusCancelled,
  late: B.statusLate,
  no_show: B.statusNoShow,
};
/** A booking's state in words. */
export const statusWords = (s: BookingStatus): Bilingual => STATUS[s];

/** What to do on the day: "Đến ki-ốt từ 09:15 đến 09:40, quét mã QR này hoặc thẻ CCCD". */
export function checkInWords(b: Pick<PublicBooking, 'checkInFrom' | 'checkInUntil'>): Bilingual {
  return format(B.whatToDo, { from: formatTime(b.checkInFrom), until: formatTime(b.checkInUntil) });
}

/** Digits only, at most `max` of them: what a number field keeps of what was typed or pasted. */
export const digitsOnly = (typed: string, max: number): string => typed.replace(/\D/g, '').slice(0, max);

/** A phone as typed or pasted → up to 10 digits; `+84 912 …` is read as `0912…`. */
export const phoneDigits = (typed: string): string => digitsOnly(typed.trim().replace(/^\+84/, '0'), 10);
