// What the bookings' pages show, kept pure: a booking's state in words, the day's list filtered, a slot's fill,
// and the booking report as a CSV file (the server's report has no file form).
import {
  BookingStatus,
  TicketStatus,
  type AdminBooking,
  type BookingReport,
  type BookingSlot,
} from '@layso/protocol';
import { type Bilingual } from '@layso/ui-kit';
import { B } from './booking-messages.js';

export const STATUSES: readonly BookingStatus[] = BookingStatus.options;

export const statusName = (s: BookingStatus): Bilingual => B[`status_${s}`];

/** "Đã nhận số 2001 · đang chờ": a checked-in booking with its ticket and where the ticket is. */
export function statusText(b: Pick<AdminBooking, 'status' | 'ticketNumber' | 'ticketStatus'>): Bilingual {
  const name = statusName(b.status);
  if (b.status !== 'checked_in' || b.ticketNumber === null) return name;
  const known = TicketStatus.safeParse(b.ticketStatus);
  const state = known.success ? B[`ticket_${known.data}`] : null;
  const tail = (lang: 'vi' | 'en') =>
    state ? ` · ${state[lang]}` : b.ticketStatus ? ` · ${b.ticketStatus}` : '';
  return {
    vi: `${name.vi} ${b.ticketNumber}${tail('vi')}`,
    en: `${name.en} ${b.ticketNumber}${tail('en')}`,
  };
}

export interface DayFilter {
  serviceId: number | null;
  status: BookingStatus | null;
}

/** The day's bookings of the chosen service and state, by time then code. */
export function filterBookings(list: readonly AdminBooking[], f: DayFilter): AdminBooking[] {
  return list
    .filter(
      (b) =>
        (f.serviceId === null || b.serviceId === f.serviceId) && (f.status === null || b.status === f.status),
    )
    .sort((a, b) => a.start.localeCompare(b.start) || a.code.localeCompare(b.code));
}

/** Places taken in a slot and its share of the capacity (0 … 1; a slot of no places is shown empty). */
export function slotFill(s: Pick<BookingSlot, 'capacity' | 'free'>): { taken: number; share: number } {
  const taken = Math.max(0, s.capacity - s.free);
  return { taken, share: s.capacity > 0 ? Math.min(1, taken / s.capacity) : 0 };
}

/** A cell of a CSV file (RFC 4180), a formula's first character defused for spreadsheets. */
function cell(v: string | number | null): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v) : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
const rate = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
const mins = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** The booking report as CSV: a row per service and the totals, Vietnamese headings (Excel reads the BOM as UTF-8). */
export function bookingReportCsv(r: BookingReport): string {
  const head = [
    B.service.vi,
    B.placesOffered.vi,
    B.booked.vi,
    B.checkedIn.vi,
    B.cancelled.vi,
    B.late.vi,
    B.noShow.vi,
    `${B.noShowRate.vi} (%)`,
    `${B.placesUsed.vi} (%)`,
    `${B.bookedAvg.vi} (phút)`,
    `${B.bookedP90.vi} (phút)`,
    `${B.walkInAvg.vi} (phút)`,
    `${B.walkInP90.vi} (phút)`,
  ];
  const line = (name: string, x: BookingReport['totals']) => [
    name,
    x.placesOffered,
    x.booked,
    x.checkedIn,
    x.cancelled,
    x.late,
    x.noShow,
    rate(x.noShowRate),
    rate(x.placesUsedRate),
    mins(x.bookedWait.avgWaitMinutes),
    mins(x.bookedWait.p90WaitMinutes),
    mins(x.walkInWait.avgWaitMinutes),
    mins(x.walkInWait.p90WaitMinutes),
  ];
  const rows = [head, ...r.rows.map((x) => line(x.serviceName, x)), line(B.total.vi, r.totals)];
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
