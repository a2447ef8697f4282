import { describe, expect, it } from 'vitest';
import type { AdminBooking, BookingReport } from '@layso/protocol';
import { bookingReportCsv, filterBookings, slotFill, statusText } from './booking-view.js';

const booking = (over: Partial<AdminBooking>): AdminBooking => ({
  id: 1,
  code: 'K7PQ3M2D',
  status: 'booked',
  serviceId: 1,
  serviceName: 'Tư pháp',
  procedureName: null,
  day: '2026-12-07',
  start: '09:00',
  end: '09:30',
  cccdMasked: '•••••••••123',
  phoneMasked: '•••••••678',
  createdAt: '2026-12-06T10:00:00.000Z',
  checkedInAt: null,
  ticketNumber: null,
  ticketStatus: null,
  ...over,
});

describe("a booking's state in words", () => {
  it('names the ticket and where it is once checked in', () => {
    expect(
      statusText(booking({ status: 'checked_in', ticketNumber: '2001', ticketStatus: 'waiting' })),
    ).toEqual({
      vi: 'Đã nhận số 2001 · đang chờ',
      en: 'Checked in 2001 · waiting',
    });
    expect(
      statusText(booking({ status: 'checked_in', ticketNumber: '2001', ticketStatus: 'no-show' })).vi,
    ).toBe('Đã nhận số 2001 · vắng mặt khi gọi');
  });
  it('says the state alone before check-in, and a ticket state it does not know as the server wrote it', () => {
    expect(statusText(booking({ status: 'no_show' })).vi).toBe('Không đến');
    expect(statusText(booking({ status: 'late' })).vi).toBe('Đến muộn');
    expect(
      statusText(booking({ status: 'checked_in', ticketNumber: '2002', ticketStatus: 'parked' })).vi,
    ).toBe('Đã nhận số 2002 · parked');
  });
});

describe("the day's list", () => {
  const list = [
    booking({ id: 1, code: 'BBBBBBBB', start: '10:00' }),
    booking({ id: 2, code: 'AAAAAAAA', start: '08:00', serviceId: 2, status: 'cancelled' }),
    booking({ id: 3, code: 'CCCCCCCC', start: '08:00', status: 'checked_in' }),
    booking({ id: 4, code: 'AAAAAAAB', start: '08:00' }),
  ];
  it('is in time order, then by code', () => {
    expect(filterBookings(list, { serviceId: null, status: null }).map((b) => b.id)).toEqual([2, 4, 3, 1]);
  });
  it('filters by service and by state together', () => {
    expect(filterBookings(list, { serviceId: 1, status: null }).map((b) => b.id)).toEqual([4, 3, 1]);
    expect(filterBookings(list, { serviceId: 1, status: 'booked' }).map((b) => b.id)).toEqual([4, 1]);
    expect(filterBookings(list, { serviceId: 2, status: 'booked' })).toEqual([]);
  });
});

describe("a slot's bar", () => {
  it('fills with the places taken, never past full, and stays empty for a slot of no places', () => {
    expect(slotFill({ capacity: 4, free: 1 })).toEqual({ taken: 3, share: 0.75 });
    expect(slotFill({ capacity: 2, free: 0 })).toEqual({ taken: 2, share: 1 });
    expect(slotFill({ capacity: 0, free: 0 })).toEqual({ taken: 0, share: 0 });
  });
});

describe('the booking report as CSV', () => {
  const figures = {
    slotsOffered: 16,
    placesOffered: 32,
    booked: 10,
    checkedIn: 7,
    cancelled: 1,
    late: 1,
    noShow: 1,
    noShowRate: 1 / 9,
    placesUsedRate: 10 / 32,
    bookedWait: { tickets: 7, avgWaitMinutes: 4.26, p90WaitMinutes: 9 },
    walkInWait: { tickets: 40, avgWaitMinutes: 21.5, p90WaitMinutes: null },
  };
  const r: BookingReport = {
    from: '2026-12-01',
    to: '2026-12-07',
    rows: [{ serviceId: 1, serviceName: '=Tư pháp, "hộ tịch"', ...figures }],
    totals: figures,
  };
  it('has a heading, a row per service and the totals; percent and minutes rounded; a blank for none', () => {
    const csv = bookingReportCsv(r);
    expect(csv.startsWith('\uFEFFLĩnh vực,Chỗ mở,Đã đặt,')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(`"'=Tư pháp, ""hộ tịch""",32,10,7,1,1,1,11.1,31.3,4.3,9,21.5,`);
    expect(lines[2]?.startsWith('Tổng,32,')).toBe(true);
  });
});
