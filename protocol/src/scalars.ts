import { z } from 'zod';
import { CCCD_PATTERN, PHONE_PATTERN } from './booking-input.js';

/** Positive integer id, accepted as a number in bodies and as digits in path params. */
export const Id = z.number().int().positive().max(2_147_483_647);
export type Id = z.infer<typeof Id>;

export const IsoDateTime = z.string().datetime({ offset: true });

// The one spelling of a phone and of an ID number: schemas here, and the same patterns for the screens that check
// as the citizen or officer types.

// PHONE_PATTERN and CCCD_PATTERN live zod-free in booking-input.ts (the phone's booking page checks them too).
export { CCCD_PATTERN, PHONE_PATTERN } from './booking-input.js';
/** An ID number a person may still hold: a CCCD (12 digits) or an old CMND (9 digits). */
export const ID_NUMBER_PATTERN = /^(?:\d{9}|\d{12})$/;

export const Phone = z.string().trim().regex(PHONE_PATTERN);
export const CccdNumber = z.string().trim().regex(CCCD_PATTERN);
export const IdNumber = z.string().trim().regex(ID_NUMBER_PATTERN);
