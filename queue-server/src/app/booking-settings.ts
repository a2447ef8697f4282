import { BookingSettings, DEFAULT_BOOKING_SETTINGS, type BookingServiceSettings } from '@layso/protocol';
import type { Store } from '../db/store.js';

/**
 * The booking settings (issue 21): one JSON value in `center_settings` (key `booking`), like the notices'. Read at
 * use time — the call policy reads `maxBookedInRow` on every call — so the parsed value is kept per stored text.
 */
export const BOOKING_KEY = 'booking';

let kept: { raw: string; value: BookingSettings } | null = null;

export function readBookingSettings(store: Store): BookingSettings {
  const row = store.settings.centerValues().find((r) => r.key === BOOKING_KEY);
  if (!row) return DEFAULT_BOOKING_SETTINGS;
  if (kept?.raw === row.value) return kept.value;
  const parsed = BookingSettings.safeParse(JSON.parse(row.value));
  // A value today's rules refuse (written by an older, looser version) falls back to the defaults.
  const value = parsed.success ? parsed.data : DEFAULT_BOOKING_SETTINGS;
  kept = { raw: row.value, value };
  return value;
}

/** Stores the settings (inside the caller's transaction, if any). */
export function saveBookingSettings(store: Store, settings: BookingSettings): void {
  store.settings.putCenterValue(BOOKING_KEY, JSON.stringify(BookingSettings.parse(settings)));
}

/** The settings of one service, or null when it is not set up for booking (or not enabled). */
export function bookingServiceSettings(s: BookingSettings, serviceId: number): BookingServiceSettings | null {
  const svc = s.services.find((x) => x.serviceId === serviceId);
  return svc?.enabled ? svc : null;
}
