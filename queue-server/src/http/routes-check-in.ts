import { bookingReport } from '../app/booking-report.js';
import { CheckInDesk } from '../app/check-in.js';
import type { Context } from '../context.js';
import { fail } from '../errors.js';
import type { SomeHandlers } from './endpoint.js';

/** The kiosk's check-in of a booking and the booking report (issue 21). */
export const checkInHandlers = (ctx: Context) => {
  const desk = new CheckInDesk({
    store: ctx.store,
    clock: ctx.clock,
    queue: ctx.queue,
    bookings: ctx.bookings,
    identity: ctx.bookingIdentity,
  });
  return {
    checkIn: async (req, reply) => {
      const p = req.principal;
      // The guard lets only kiosks in; the pace is the one for issuing (a check-in may issue a number).
      if (p?.kind !== 'device') fail('LAYSO_FORBIDDEN');
      if (!ctx.kioskRate.take(p.device.id)) fail('LAYSO_KIOSK_TOO_FAST');
      const done = desk.checkIn(req.body, p.device.id);
      ctx.publisher.publish(done.events);
      // 201 when this call issued the ticket; 200 for an answer already given (early, late, the same ticket again).
      return done.created ? reply.code(201).send(done.reply) : done.reply;
    },

    bookingReport: async (req) =>
      bookingReport(req.query.from, req.query.to, {
        store: ctx.store,
        calendar: ctx.settings.calendar(),
        minutesPerCitizen: ctx.config.DEFAULT_SERVICE_MINUTES,
      }),
  } satisfies SomeHandlers;
};
