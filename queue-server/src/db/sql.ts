/** Conversions between rows as SQLite stores them and the values the store hands out. */

/** A stored time (ms since the epoch) as a Date. */
export const toDate = (v: number | null): Date | null => (v === null ? null : new Date(v));

/** A Date as stored (ms since the epoch). */
export const ms = (d: Date | null | undefined): number | null => (d ? d.getTime() : null);

/** SQLite has no booleans: 1 or 0. */
export const bit = (b: boolean): 0 | 1 => (b ? 1 : 0);
