import { saveBookingSettings } from '../app/booking-settings.js';
import type { Context } from '../context.js';
import { fail } from '../errors.js';
import type { SomeHandlers } from './endpoint.js';
import { userIdOf } from './guard.js';

/**
 * Appointments (issue 21): the booking page `/dat-lich` and a booking's page `/b/:code` (anyone: the one-time code
 * proves the phone, the booking's code is its capability, both rate limited by address), and the admin's settings
 * and day. The kiosk's check-in and the report are in routes-check-in.ts.
 */
export const bookingHandlers = (ctx: Context) =>
  ({
    bookingOptions: async () => ctx.bookings.options(),
    bookingDays: async (req) => ctx.bookings.days(req.query.serviceId),
    bookingSlots: async (req) => ctx.bookings.slots(req.query.serviceId, req.query.day),
    bookingOtp: async (req) => ctx.bookingIdentity.request(req.body.phone, req.body.cccd, req.ip),
    bookingVerify: async (req) => ctx.bookingIdentity.verify(req.body.challengeId, req.body.code, req.ip),
    bookingCreate: async (req) => ctx.bookings.create(req.body, req.ip),
    booking: async (req) => ctx.bookings.byCode(req.params.code, req.ip),
    bookingCancel: async (req) => ctx.bookings.cancel(req.params.code, req.ip),
    bookingMove: async (req) => ctx.bookings.move(req.params.code, req.body, req.ip),

    bookingSettings: async () => ctx.bookings.settings(),
    setBookingSettings: async (req) => {
      for (const s of req.body.services)
        if (!ctx.store.catalogue.service(s.serviceId))
          fail('LAYSO_SERVICE_NOT_FOUND', { serviceId: s.serviceId });
      const before = ctx.bookings.settings();
      // Bookings already made keep their slots; only what is offered from now on changes.
      saveBookingSettings(ctx.store, req.body);
      const after = ctx.bookings.settings();
      ctx.audit.record(ctx.clock.now(), userIdOf(req), 'booking.settings.update', { before, after });
      return after;
    },
    adminBookings: async (req) => ctx.bookings.adminDay(req.query.day, req.query.serviceId),
  }) satisfies SomeHandlers;
