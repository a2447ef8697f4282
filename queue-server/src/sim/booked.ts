/**
 * Booked arrivals in the day simulator (issue 21): the bookings a service gets per slot (learnt from history, or a
 * what-if's "N % of this service is booked"), each checking in at the kiosk somewhere in its check-in window, a
 * learnt share never coming at all. Pure and seeded, on a random stream of its own: a day without bookings draws
 * nothing from it and is exactly the day it was before bookings existed.
 */
import { DEFAULT_BOOKING_SETTINGS, type BookingSettings } from '@layso/protocol';
import { parseHourMinute, spansOn } from '../domain/hours.js';
import type { Arrival } from './day.js';
import { sampleServiceSeconds, type DayModel, type SimService } from './model.js';
import type { StaffingPlan } from './plan.js';
import type { Random } from './random.js';

/** One slot of a weekday: its start (seconds since Vietnam midnight) and the bookings it gets on average. */
export interface BookedSlot {
  start: number;
  expected: number;
}

/** A service's booked arrivals: `slots[isoWeekday]` (index 0 unused), and the share of bookings never checked in. */
export interface BookedArrivals {
  slots: readonly (readonly BookedSlot[])[];
  noShowRate: number;
}

/** The booking rules a simulated day follows: the center's settings (the defaults for the bundled profile). */
export const bookingRules = (model: DayModel): BookingSettings => model.booking ?? DEFAULT_BOOKING_SETTINGS;

/** Slot length of a service: its own setting, else the usual half hour. */
const DEFAULT_SLOT_MINUTES = 30;

/** Salt of the booked stream, apart from the walk-ins' stream of the same replication. */
export const BOOKED_SALT = 0x5eed_b00c;

/**
 * The slots of `service` on `weekday` as the booking settings cut them: the service's hours within the bookable
 * hours, in slotMinutes; each with its capacity (the weekday's override, else the counters of `plan` serving it
 * through the slot × slotMinutes ÷ minutes per citizen, less the walk-in share).
 */
export function bookableSlots(
  service: SimService,
  rules: BookingSettings,
  plan: StaffingPlan,
  weekday: number,
  dayHours: readonly { open: string; close: string }[],
): { start: number; end: number; capacity: number }[] {
  const own = rules.services.find((s) => s.serviceId === service.rules.id);
  if (own && !own.enabled) return [];
  const slotMinutes = own?.slotMinutes ?? DEFAULT_SLOT_MINUTES;
  const from = parseHourMinute(rules.bookableFrom);
  const until = parseHourMinute(rules.bookableUntil);
  const override = own?.capacity[String(weekday) as keyof typeof own.capacity];
  const citizenMinutes = service.serviceTime.meanSeconds / 60;
  const slots: { start: number; end: number; capacity: number }[] = [];
  for (const span of spansOn(service.rules.hours, weekday)) {
    const open = Math.max(from, parseHourMinute(span.open));
    const close = Math.min(until, parseHourMinute(span.close));
    for (let m = open; m + slotMinutes <= close; m += slotMinutes) {
      const counters = plan.counters.filter(
        (c) =>
          c.services.some((code) => code.toUpperCase() === service.code.toUpperCase()) &&
          (c.spans ?? dayHours).some(
            (s) => parseHourMinute(s.open) <= m && parseHourMinute(s.close) >= m + slotMinutes,
          ),
      ).length;
      const capacity =
        override ??
        Math.floor(
          ((counters * slotMinutes) / Math.max(1, citizenMinutes)) *
            (1 - (own?.walkInSharePercent ?? 0) / 100),
        );
      slots.push({ start: m * 60, end: (m + slotMinutes) * 60, capacity });
    }
  }
  return slots;
}

/** A check-in instant spread evenly over the window around the slot's start. */
function checkInAt(start: number, rules: BookingSettings, rnd: Random): number {
  const early = rules.checkInEarlyMinutes * 60;
  const span = early + rules.checkInLateMinutes * 60;
  return Math.max(0, Math.round((start - early + rnd.next() * span) * 1000) / 1000);
}

const bookedArrival = (a: Omit<Arrival, 'uPriority' | 'booked'>, slotStart: number): Arrival => ({
  ...a,
  // A booked citizen is served as booked, not in a priority group.
  uPriority: 1,
  booked: { slotStart },
});

export interface BookedDayInput {
  model: DayModel;
  plan: StaffingPlan;
  weekday: number;
  /** The day's walk-in arrivals (from the model's rates), in time order. */
  walkIns: readonly Arrival[];
}

/**
 * The day's arrivals with bookings: the learnt bookings of each slot (Poisson, a no-show share dropped), then for
 * every service the plan books a share of, that share of its walk-ins moved to a slot with a free place (slots
 * weighted by when those citizens came; none free, and the citizen stays a walk-in). Without either, `walkIns`
 * itself, with nothing drawn.
 */
export function withBookings(input: BookedDayInput, rnd: () => Random): readonly Arrival[] {
  const { model, plan, weekday } = input;
  const shares = new Map(Object.entries(plan.booked).map(([code, p]) => [code.toUpperCase(), p / 100]));
  const learnt = model.services.filter((s) => (s.booked?.slots[weekday] ?? []).some((x) => x.expected > 0));
  const shared = model.services.filter((s) => (shares.get(s.code.toUpperCase()) ?? 0) > 0);
  if (learnt.length === 0 && shared.length === 0) return input.walkIns;
  const r = rnd();
  const rules = bookingRules(model);
  const out: Arrival[] = [];
  const taken = new Map<string, number>();
  const center = centerNoShowRate(model);
  for (const s of learnt) {
    for (const slot of s.booked?.slots[weekday] ?? []) {
      const n = r.poisson(slot.expected);
      taken.set(`${s.rules.id}:${slot.start}`, n);
      for (let k = 0; k < n; k += 1) {
        const comes = r.next() >= (s.booked?.noShowRate ?? 0);
        const at = checkInAt(slot.start, rules, r);
        const a = {
          at,
          serviceId: s.rules.id,
          uNoShow: r.next(),
          serviceSeconds: sampleServiceSeconds(s.serviceTime, r),
        };
        if (comes) out.push(bookedArrival(a, slot.start));
      }
    }
  }
  const moved = new Set<Arrival>();
  const dayHours = spansOn(model.hours, weekday);
  for (const s of shared) {
    const share = shares.get(s.code.toUpperCase()) ?? 0;
    const noShowRate = s.booked?.noShowRate ?? center;
    const rates = s.arrivals[weekday] ?? [];
    const slots = bookableSlots(s, rules, plan, weekday, dayHours).map((slot) => ({
      ...slot,
      free: slot.capacity - (taken.get(`${s.rules.id}:${slot.start}`) ?? 0),
      // Citizens book the hours they used to come at.
      weight: rates[Math.floor(slot.start / 3600)] ?? 0,
    }));
    for (const a of input.walkIns) {
      if (a.serviceId !== s.rules.id || r.next() >= share) continue;
      const open = slots.filter((x) => x.free > 0);
      const total = open.reduce((n, x) => n + x.weight, 0);
      let u = r.next() * (total > 0 ? total : open.length);
      const slot = open.find((x) => (u -= total > 0 ? x.weight : 1) < 0) ?? open[open.length - 1];
      if (!slot) continue;
      slot.free -= 1;
      moved.add(a);
      if (r.next() < noShowRate) continue;
      out.push(bookedArrival({ ...a, at: checkInAt(slot.start, rules, r) }, slot.start));
    }
  }
  return [...input.walkIns.filter((a) => !moved.has(a)), ...out].sort(
    (a, b) => a.at - b.at || a.serviceId - b.serviceId,
  );
}

/** The share of the center's learnt bookings never checked in (weighted by bookings), for a service with none. */
export function centerNoShowRate(model: DayModel): number {
  let expected = 0;
  let noShow = 0;
  for (const s of model.services) {
    const n = (s.booked?.slots ?? []).flat().reduce((sum, x) => sum + x.expected, 0);
    expected += n;
    noShow += n * (s.booked?.noShowRate ?? 0);
  }
  return expected > 0 ? noShow / expected : 0;
}
