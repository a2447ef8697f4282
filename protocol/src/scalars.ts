import { z } from 'zod';

/** Positive integer id, accepted as a number in bodies and as digits in path params. */
export const Id = z.number().int().positive().max(2_147_483_647);
export type Id = z.infer<typeof Id>;

export const IsoDateTime = z.string().datetime({ offset: true });

// The one spelling of a phone and of an ID number: schemas here, and the same patterns for the screens that check
// as the citizen or officer types.

/** A Vietnamese mobile number: 0 or +84, a mobile network's first digit (3, 5, 7, 8, 9), then 8 digits. */
export const PHONE_PATTERN = /^(0|\+84)(3|5|7|8|9)\d{8}$/;
/** A citizen identity card (CCCD) number: 12 digits — what the kiosk reads from a card and takes typed. */
export const CCCD_PATTERN = /^\d{12}$/;
/** An ID number a person may still hold: a CCCD (12 digits) or an old CMND (9 digits). */
export const ID_NUMBER_PATTERN = /^(?:\d{9}|\d{12})$/;

export const Phone = z.string().trim().regex(PHONE_PATTERN);
export const CccdNumber = z.string().trim().regex(CCCD_PATTERN);
export const IdNumber = z.string().trim().regex(ID_NUMBER_PATTERN);
