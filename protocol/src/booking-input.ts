/**
 * What the citizen types on the booking page, checked as typed: the phone and CCCD patterns and the booking code's
 * spelling. Zod-free, so the phone's lean build may import it (`@layso/protocol/booking-input`); scalars.ts and
 * bookings.ts build their schemas on the same patterns and re-export them.
 */

/** A Vietnamese mobile number: 0 or +84, a mobile network's first digit (3, 5, 7, 8, 9), then 8 digits. */
export const PHONE_PATTERN = /^(0|\+84)(3|5|7|8|9)\d{8}$/;
/** A citizen identity card (CCCD) number: 12 digits — what the kiosk reads from a card and takes typed. */
export const CCCD_PATTERN = /^\d{12}$/;

/**
 * A booking's code: 8 characters of Crockford's base32 (no I, L, O, U), shown and typed as `XXXX-XXXX`; the
 * dash, spaces and case are ignored when typed. It is the booking's capability (its page, cancel, move, check-in),
 * so it is random (40 bits) and every use of it is rate limited.
 */
export const BOOKING_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const BOOKING_CODE_PATTERN = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{8}$/;
/** The code as typed (any case, an optional dash or spaces) → its canonical 8 characters, or null. */
export function normalizeBookingCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return BOOKING_CODE_PATTERN.test(s) ? s : null;
}
/** `K7PQ3M2D` → `K7PQ-3M2D`, as printed and shown. */
export const formatBookingCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;
/** A booking's page, `${PUBLIC_URL}/b/<code>`: what its QR carries and what the kiosk's scanner reads. */
export const BOOKING_PAGE_PREFIX = '/b/';
/** The code inside a scanned booking QR (`…/b/K7PQ3M2D`) or a typed code, or null. */
export function bookingCodeFromScan(scan: string): string | null {
  const m = /\/b\/([0-9A-Za-z-]{8,9})\/?$/.exec(scan.trim());
  return normalizeBookingCode(m ? (m[1] ?? '') : scan);
}
