import { describe, expect, it } from 'vitest';
import { reportFigures } from './booking-report.js';

describe('reportFigures', () => {
  it('derives places taken, the no-show rate over decided bookings, places used and wait figures', () => {
    const f = reportFigures({
      slotsOffered: 4,
      placesOffered: 10,
      statuses: { booked: 1, checked_in: 5, late: 1, no_show: 2, cancelled: 3 },
      bookedWaits: [2, 4, 0, 10],
      walkInWaits: [30, 10, 20],
    });
    expect(f).toMatchObject({
      slotsOffered: 4,
      placesOffered: 10,
      booked: 9,
      checkedIn: 5,
      cancelled: 3,
      late: 1,
      noShow: 2,
      // 2 no-shows among 8 decided (checked in, late, no-show); the one still booked has not had its chance.
      noShowRate: 0.25,
      placesUsedRate: 0.9,
    });
    expect(f.bookedWait).toEqual({ tickets: 4, avgWaitMinutes: 4, p90WaitMinutes: 10 });
    expect(f.walkInWait).toEqual({ tickets: 3, avgWaitMinutes: 20, p90WaitMinutes: 30 });
  });

  it('has no rates without a denominator, and caps places used at 1 (capacity lowered after booking)', () => {
    const none = reportFigures({
      slotsOffered: 0,
      placesOffered: 0,
      statuses: {},
      bookedWaits: [],
      walkInWaits: [],
    });
    expect(none).toMatchObject({ booked: 0, noShowRate: null, placesUsedRate: null });
    expect(none.bookedWait).toEqual({ tickets: 0, avgWaitMinutes: null, p90WaitMinutes: null });
    const over = reportFigures({
      slotsOffered: 1,
      placesOffered: 2,
      statuses: { booked: 3 },
      bookedWaits: [],
      walkInWaits: [],
    });
    expect(over.placesUsedRate).toBe(1);
  });
});
