import type { Context } from '../context.js';
import { fail } from '../errors.js';
import type { SomeHandlers } from './endpoint.js';

/**
 * The kiosk's check-in and the booking report (issue 21). Placeholders until their own implementation lands:
 * check-in finds no booking, the report has no rows — honest answers of the contract, never a made-up figure.
 */
export const checkInHandlers = (_ctx: Context) =>
  ({
    checkIn: async () => fail('LAYSO_BOOKING_NOT_FOUND'),
    bookingReport: async (req) => {
      const zero = { tickets: 0, avgWaitMinutes: null, p90WaitMinutes: null };
      return {
        from: req.query.from,
        to: req.query.to,
        rows: [],
        totals: {
          slotsOffered: 0,
          placesOffered: 0,
          booked: 0,
          checkedIn: 0,
          cancelled: 0,
          late: 0,
          noShow: 0,
          noShowRate: null,
          placesUsedRate: null,
          bookedWait: zero,
          walkInWait: zero,
        },
      };
    },
  }) satisfies SomeHandlers;
