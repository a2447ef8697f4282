import {
  daysInRange,
  REPORT_MAX_DAYS,
  type BookingReport,
  type BookingSettings,
  type BookingStatus,
} from '@layso/protocol';
import type { ServiceRow, Store } from '../db/store.js';
import { slotsOf } from '../domain/bookings.js';
import { percentile } from '../domain/percentile.js';
import { addDays } from '../domain/time.js';
import type { WorkingCalendar } from '../domain/working-days.js';
import { fail } from '../errors.js';
import { readBookingSettings } from './booking-settings.js';

type Row = BookingReport['rows'][number];
type Figures = Omit<Row, 'serviceId' | 'serviceName'>;

/** One service's raw counts over the range, before the rates and wait figures are derived. */
export interface ReportTally {
  slotsOffered: number;
  placesOffered: number;
  statuses: Partial<Record<BookingStatus, number>>;
  /** Minutes waited by called tickets: booked (from check-in, never before the slot) and walk-in (from issue). */
  bookedWaits: number[];
  walkInWaits: number[];
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

function waitFigures(minutes: readonly number[]): Figures['bookedWait'] {
  const sorted = [...minutes].sort((a, b) => a - b);
  const avg = sorted.length === 0 ? null : sorted.reduce((s, m) => s + m, 0) / sorted.length;
  const p90 = percentile(sorted, 0.9);
  return {
    tickets: sorted.length,
    avgWaitMinutes: avg === null ? null : round1(avg),
    p90WaitMinutes: p90 === null ? null : round1(p90),
  };
}

/**
 * The report's figures from a tally. `booked` counts the places taken (every booking but the cancelled ones);
 * the no-show rate is no-shows among the bookings already decided (checked in, late or no-show: a booking still
 * `booked` has not had its chance yet); places used = places taken ÷ places offered (capped at 1: capacity may
 * have been lowered after booking).
 */
export function reportFigures(t: ReportTally): Figures {
  const n = (s: BookingStatus): number => t.statuses[s] ?? 0;
  const taken = n('booked') + n('checked_in') + n('late') + n('no_show');
  const decided = n('checked_in') + n('late') + n('no_show');
  return {
    slotsOffered: t.slotsOffered,
    placesOffered: t.placesOffered,
    booked: taken,
    checkedIn: n('checked_in'),
    cancelled: n('cancelled'),
    late: n('late'),
    noShow: n('no_show'),
    noShowRate: decided === 0 ? null : n('no_show') / decided,
    placesUsedRate: t.placesOffered === 0 ? null : Math.min(1, taken / t.placesOffered),
    bookedWait: waitFigures(t.bookedWaits),
    walkInWait: waitFigures(t.walkInWaits),
  };
}

function emptyTally(): ReportTally {
  return { slotsOffered: 0, placesOffered: 0, statuses: {}, bookedWaits: [], walkInWaits: [] };
}

function addTally(into: ReportTally, t: ReportTally): void {
  into.slotsOffered += t.slotsOffered;
  into.placesOffered += t.placesOffered;
  for (const [k, v] of Object.entries(t.statuses) as [BookingStatus, number][]) {
    into.statuses[k] = (into.statuses[k] ?? 0) + v;
  }
  into.bookedWaits.push(...t.bookedWaits);
  into.walkInWaits.push(...t.walkInWaits);
}

export interface BookingReportInput {
  store: Store;
  calendar: WorkingCalendar;
  minutesPerCitizen: number;
}

/**
 * Booked against walk-in service per service over days (issue 21): slots and places offered (from today's booking
 * settings, counters and hours, holidays left out — the settings of past days are not kept), the bookings by state,
 * and the waits of booked and walk-in tickets. A service appears when booking is on for it or it had bookings.
 */
export function bookingReport(from: string, to: string, input: BookingReportInput): BookingReport {
  const days = daysInRange(from, to);
  if (days < 1 || days > REPORT_MAX_DAYS) {
    fail('LAYSO_REPORT_RANGE_INVALID', { from, to, problem: days < 1 ? 'order' : 'length' });
  }
  const { store } = input;
  const settings = readBookingSettings(store);
  const tallies = new Map<number, ReportTally>();
  const tally = (serviceId: number): ReportTally => {
    let t = tallies.get(serviceId);
    if (!t) tallies.set(serviceId, (t = emptyTally()));
    return t;
  };
  for (const svc of settings.services) {
    const service = store.catalogue.service(svc.serviceId);
    if (!svc.enabled || !service) continue;
    const t = tally(service.id);
    const offered = offeredOver(from, days, settings, svc, service, input);
    t.slotsOffered += offered.slots;
    t.placesOffered += offered.places;
  }
  for (const b of store.bookings.range(from, to)) {
    const t = tally(b.serviceId);
    t.statuses[b.status] = (t.statuses[b.status] ?? 0) + 1;
  }
  for (const w of store.tickets.waitsBetween(from, to)) {
    // Walk-in waits only of the services in the report: the comparison is per service.
    const t = w.booked ? tally(w.serviceId) : tallies.get(w.serviceId);
    if (!t) continue;
    const minutes = Math.max(0, w.waitMs) / 60_000;
    (w.booked ? t.bookedWaits : t.walkInWaits).push(minutes);
  }
  const total = emptyTally();
  const rows = [...tallies]
    .map(([serviceId, t]) => {
      addTally(total, t);
      return { serviceId, serviceName: store.catalogue.service(serviceId)?.name ?? '', ...reportFigures(t) };
    })
    .sort((a, b) => a.serviceId - b.serviceId);
  return { from, to, rows, totals: reportFigures(total) };
}

function offeredOver(
  from: string,
  days: number,
  settings: BookingSettings,
  svc: BookingSettings['services'][number],
  service: ServiceRow,
  input: BookingReportInput,
): { slots: number; places: number } {
  const counters = input.store.counters.all().filter((c) => c.serviceIds.includes(service.id)).length;
  let slots = 0;
  let places = 0;
  for (let i = 0; i < days; i += 1) {
    const day = addDays(from, i);
    if (input.calendar.holidays.has(day)) continue;
    const plans = slotsOf(day, settings, svc, {
      hours: service.hours,
      counters,
      minutesPerCitizen: input.minutesPerCitizen,
    });
    for (const p of plans) {
      if (p.capacity <= 0) continue;
      slots += 1;
      places += p.capacity;
    }
  }
  return { slots, places };
}
