/**
 * Ticket numbers: per service per Vietnam day, `prefix` + zero-padded running part (prefix "1", 3 digits,
 * seq 5 → "1005"). The store keeps the last seq per (service, day) and commits seq and ticket together;
 * the engine only decides lastSeq + 1, so a number is never reused within a day, even after a crash.
 */
import type { NumberFormat } from '@layso/protocol';
import type { CallPolicy, Result, ServiceRules } from './types.js';
import { issuingStatus } from './hours.js';
import { err, ok } from './result.js';

export interface IssuedNumber {
  seq: number;
  number: string;
}

/** The largest running number the format can print: 10^digits − 1 (999 for 3 digits). */
export function maxSeq(format: NumberFormat): number {
  return 10 ** format.digits - 1;
}

/** Whether the service's daily cap fits its number format; a cap beyond it would need numbers it cannot print. */
export function capFitsFormat(service: Pick<ServiceRules, 'dailyCap' | 'numberFormat'>): boolean {
  return service.dailyCap <= maxSeq(service.numberFormat);
}

/** Throws a RangeError for a seq outside 1 … maxSeq(format): callers get seqs from `nextSeq`, which refuses those. */
export function formatNumber(format: NumberFormat, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > maxSeq(format)) {
    throw new RangeError(`seq ${seq} does not fit ${format.digits} digits`);
  }
  return `${format.prefix}${String(seq).padStart(format.digits, '0')}`;
}

/**
 * The number after `lastSeq` with no hours or cap check, refused only when the format has no room left.
 * For a transferred ticket, which takes a number in its new service whatever the hour.
 */
export function seqAfter(lastSeq: number, format: NumberFormat): Result<IssuedNumber> {
  const seq = Math.max(0, Math.floor(lastSeq)) + 1;
  if (seq > maxSeq(format)) return err('LAYSO_DAILY_CAP_REACHED');
  return ok({ seq, number: formatNumber(format, seq) });
}

/**
 * The next number a kiosk may issue for `service` at `at`: LAYSO_SERVICE_CLOSED when the service is inactive
 * or outside its issuing hours, LAYSO_DAILY_CAP_REACHED at the daily cap or when the format is full.
 */
export function nextSeq(
  lastSeqToday: number,
  service: ServiceRules,
  issuedToday: number,
  at: Date,
  policy: Pick<CallPolicy, 'stopIssuingMinutesBeforeClose'>,
): Result<IssuedNumber> {
  const status = issuingStatus(service, at, issuedToday, policy);
  if (!status.issuing)
    return err(status.reason === 'cap' ? 'LAYSO_DAILY_CAP_REACHED' : 'LAYSO_SERVICE_CLOSED');
  return seqAfter(lastSeqToday, service.numberFormat);
}

/**
 * The number of a booked ticket at its check-in: the check-in window already decided the hour, and a booked place is
 * held whatever walk-ins took of the daily cap, so only an inactive service or a full number format refuses it. It
 * still takes the next number and counts in the day's figures.
 */
export function bookedSeq(
  lastSeqToday: number,
  service: Pick<ServiceRules, 'active' | 'numberFormat'>,
): Result<IssuedNumber> {
  if (!service.active) return err('LAYSO_SERVICE_CLOSED');
  return seqAfter(lastSeqToday, service.numberFormat);
}

/**
 * Whether two services' formats can print the same number ("1" + 3 digits and "10" + 2 digits both print
 * 1001), which would make the lobby call one number for two citizens. Same length, and the longer prefix
 * continues the shorter one with digits only.
 */
export function formatsOverlap(a: NumberFormat, b: NumberFormat): boolean {
  if (a.prefix.length + a.digits !== b.prefix.length + b.digits) return false;
  const [short, long] = a.prefix.length <= b.prefix.length ? [a.prefix, b.prefix] : [b.prefix, a.prefix];
  return long.startsWith(short) && /^\d*$/.test(long.slice(short.length));
}
