/** Opening hours and whether a service issues numbers at a given instant (Vietnam time). */
import type { CallPolicy, ServiceRules } from './types.js';
import { vnLocal } from './time.js';

export type IssuingStatus = { issuing: true } | { issuing: false; reason: 'inactive' | 'closed' | 'cap' };

/** One opening span, `HH:mm` to `HH:mm` Vietnam time. */
export interface OpeningSpan {
  open: string;
  close: string;
}

export type HoursPolicy = Pick<CallPolicy, 'stopIssuingMinutesBeforeClose'>;

/** Minutes in a day: a span closing at `"24:00"` runs through midnight. */
export const END_OF_DAY = 24 * 60;

const MORNING = { open: '07:00', close: '11:30' };
const AFTERNOON = { open: '13:00', close: '17:00' };

/**
 * The usual week of a public service center: Monday–Friday 7:00–11:30 and 13:00–17:00, Saturday morning, Sunday
 * closed. What a what-if assumes when its profile or history gives no hours of its own.
 */
export const USUAL_CENTER_HOURS: ServiceRules['hours'] = {
  '1': [MORNING, AFTERNOON],
  '2': [MORNING, AFTERNOON],
  '3': [MORNING, AFTERNOON],
  '4': [MORNING, AFTERNOON],
  '5': [MORNING, AFTERNOON],
  '6': [MORNING],
  '7': [],
};

/**
 * `"HH:mm"` → minutes since midnight, `"24:00"` → {@link END_OF_DAY}; throws on anything else (the protocol
 * schema already checks it).
 */
export function parseHourMinute(hhmm: string): number {
  if (hhmm === '24:00') return END_OF_DAY;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`not an HH:mm time: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The spans of one ISO weekday (1 = Monday … 7 = Sunday); a missing day is closed. */
export function spansOn(hours: ServiceRules['hours'], isoWeekday: number): OpeningSpan[] {
  const key = String(isoWeekday) as keyof ServiceRules['hours'];
  return hours[key] ?? [];
}

/**
 * Whether `at` lies in a span of its weekday, at least `stopBeforeCloseMinutes` before that span's close:
 * with 07:00–11:30 and 15 minutes, 07:00:00.000 … 11:15:00.000 issue, 11:15:00.001 does not.
 * A span whose close is not after its open is treated as empty. A span closing at 24:00 has no stop margin:
 * it does not close, it runs on into the next day (a round-the-clock service).
 */
export function inIssuingWindow(
  hours: ServiceRules['hours'],
  at: Date,
  stopBeforeCloseMinutes: number,
): boolean {
  const local = vnLocal(at);
  const stopMs = Math.max(0, stopBeforeCloseMinutes) * 60_000;
  return spansOn(hours, local.isoWeekday).some((span) => {
    const open = parseHourMinute(span.open) * 60_000;
    const close = parseHourMinute(span.close) * 60_000;
    const margin = close === END_OF_DAY * 60_000 ? 0 : stopMs;
    return close > open && local.millis >= open && close - local.millis >= margin;
  });
}

/** Whether a kiosk may issue a number for `service` at `at`; inactive beats closed beats cap. */
export function issuingStatus(
  service: ServiceRules,
  at: Date,
  issuedToday: number,
  policy: HoursPolicy,
): IssuingStatus {
  if (!service.active) return { issuing: false, reason: 'inactive' };
  if (!inIssuingWindow(service.hours, at, policy.stopIssuingMinutesBeforeClose)) {
    return { issuing: false, reason: 'closed' };
  }
  if (issuedToday >= service.dailyCap) return { issuing: false, reason: 'cap' };
  return { issuing: true };
}
