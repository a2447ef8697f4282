/**
 * What the citizen types or scans on the feedback pages, checked as typed: a case's code and its page. Zod-free, so
 * the phone's lean build may import it (`@layso/protocol/feedback-input`); feedback.ts builds its schemas on it.
 *
 * A case's code has the spelling of a booking's (8 characters of Crockford's base32, shown `XXXX-XXXX`): random,
 * so a code alone reveals nothing but the case's state; its details need the last 4 digits of the phone given.
 */
import { normalizeBookingCode } from './booking-input.js';

export { formatBookingCode as formatFeedbackCode } from './booking-input.js';

/** The code as typed (any case, an optional dash or spaces) → its canonical 8 characters, or null. */
export const normalizeFeedbackCode = (typed: string): string | null => normalizeBookingCode(typed);

/** The form `/pa` and a case's page `${PUBLIC_URL}/pa/<code>` (its QR, the status page). */
export const FEEDBACK_PAGE = '/pa';
export const FEEDBACK_PAGE_PREFIX = '/pa/';

/** Where the citizen came to the form from (`/pa?t=<ticket code>&from=rating`): counted in the reports. */
export const FEEDBACK_ORIGINS = ['ticket', 'rating', 'poster'] as const;
export type FeedbackOrigin = (typeof FEEDBACK_ORIGINS)[number];

/** The last 4 digits of the phone given with the case: what opens its details. */
export const FEEDBACK_PROOF_PATTERN = /^\d{4}$/;

/** Limits a form can show before sending (the server holds the same numbers). */
export const FEEDBACK_LIMITS = {
  textChars: 2000,
  nameChars: 100,
  files: 3,
  /** Bytes of one attached file as sent (the phone page shrinks a photo before sending). */
  fileBytes: 5 * 1024 * 1024,
} as const;

/** Attached files a phone may send: photos and PDF scans, nothing else. */
export const FEEDBACK_FILE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type FeedbackFileType = (typeof FEEDBACK_FILE_TYPES)[number];
