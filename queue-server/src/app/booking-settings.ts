import { BookingSettings, DEFAULT_BOOKING_SETTINGS, type BookingServiceSettings } from '@layso/protocol';
import type { Store } from '../db/store.js';
import { jsonSetting } from './json-setting.js';

/**
 * The booking settings (issue 21): one JSON value in `center_settings` (key `booking`), like the notices'. Read at
 * use time — the call policy reads `maxBookedInRow` on every call — so the parsed value is kept per stored text
 * (./json-setting.ts).
 */
export const BOOKING_KEY = 'booking';

const setting = jsonSetting(BOOKING_KEY, BookingSettings, DEFAULT_BOOKING_SETTINGS);

export const readBookingSettings = (store: Store): BookingSettings => setting.read(store);

/** Stores the settings (inside the caller's transaction, if any). */
export const saveBookingSettings = (store: Store, settings: BookingSettings): void =>
  setting.save(store, settings);

/** The settings of one service, or null when it is not set up for booking (or not enabled). */
export function bookingServiceSettings(s: BookingSettings, serviceId: number): BookingServiceSettings | null {
  const svc = s.services.find((x) => x.serviceId === serviceId);
  return svc?.enabled ? svc : null;
}
