import type { Config } from '../config.js';
import type { Store } from '../db/store.js';
import type { Clock } from '../domain/types.js';
import { every, type Job } from '../jobs.js';
import type { Notices } from '../notify/service.js';
import { BookingIdentity, loadBookingSecret } from './booking-otp.js';
import { BookingService } from './bookings.js';
import type { CenterSettingsStore } from './settings.js';

export interface BookingsSetup {
  store: Store;
  clock: Clock;
  config: Config;
  notices: Notices;
  settings: CenterSettingsStore;
  /** The queue's public address, asked at use time (listen() may set it after the wiring). */
  publicUrl: () => string;
}

/** Appointments (issue 21): the booking phone's proof and the bookings themselves, as the context holds them. */
export function bookingsFromConfig({ store, clock, config, notices, settings, publicUrl }: BookingsSetup): {
  bookingIdentity: BookingIdentity;
  bookings: BookingService;
} {
  const bookingIdentity = new BookingIdentity({
    store,
    clock,
    secret: loadBookingSecret(config.DATA_DIR),
    limits: {
      otpPerPhone: config.BOOKING_OTP_PER_PHONE,
      otpPerCccd: config.BOOKING_OTP_PER_CCCD,
      otpPerSource: config.BOOKING_OTP_PER_SOURCE,
      wrongPerSource: config.BOOKING_WRONG_PER_SOURCE,
      wrongPerPerson: config.BOOKING_WRONG_PER_PERSON,
      lookupPerSource: config.BOOKING_LOOKUP_PER_SOURCE,
    },
    planner: notices.planner,
    wake: () => notices.dispatcher.wake(),
  });
  const bookings = new BookingService({
    store,
    clock,
    identity: bookingIdentity,
    planner: notices.planner,
    wake: () => notices.dispatcher.wake(),
    publicUrl,
    centerName: () => settings.get().centerName,
    calendar: () => settings.calendar(),
    minutesPerCitizen: () => config.DEFAULT_SERVICE_MINUTES,
  });
  return { bookingIdentity, bookings };
}

/** Bookings never checked in become no-shows once their window ends; spent one-time codes and proofs go. */
export function bookingsJob(
  ctx: { bookings: BookingService; store: Store; clock: Clock },
  failed: (e: unknown, what: string) => void,
): Job {
  return every('bookings', 60_000, () => {
    try {
      ctx.bookings.lapse();
      ctx.store.bookings.purgeCodes(ctx.clock.now());
    } catch (e) {
      failed(e, 'booking lapse');
    }
  });
}
