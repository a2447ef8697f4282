/**
 * Booked arrivals in the day simulator (issue 21): the bookings a service gets per slot (learnt from history, or a
 * what-if's "N % of this service is booked"), each checking in at the kiosk somewhere in its check-in window, a
 * learnt share never coming at all. Pure and seeded, on a random stream of its own: a day without bookings draws
 * nothing from it and is exactly the day it was before bookings existed.
 */
import {
  DEFAULT_BOOKING_SETTINGS,
  type BookingServiceSettings,
  type BookingSettings,
  type BookingStatus,
} from '@layso/protocol';
import { slotsOf } from '../domain/bookings.js';
import { vnLocal } from '../domain/time.js';
import { dayOfWeekday, type Arrival } from './day.js';
import { sampleServiceSeconds, type DayModel, type SimService } from './model.js';
import type { StaffingPlan } from './plan.js';
import type { Random } from './random.js';

/** One slot of a weekday: its start (seconds since Vietnam midnight) and the bookings it gets on average. */
export interface BookedSlot {
  start: number;
  expected: number;
}

/**
 * A service's booked arrivals: `slots[isoWeekday]` (index 0 unused), the share of bookings never checked in, and
 * when those who came checked in against their slot's start (seconds; empty: evenly over the check-in window).
 */
export interface BookedArrivals {
  slots: readonly (readonly BookedSlot[])[];
  noShowRate: number;
  checkInOffsets: readonly number[];
}

/** The booking rules a simulated day follows: the center's settings (the defaults for the bundled profile). */
export const bookingRules = (model: DayModel): BookingSettings => model.booking ?? DEFAULT_BOOKING_SETTINGS;

/** Salt of the booked stream, apart from the walk-ins' stream of the same replication. */
export const BOOKED_SALT = 0x5eed_b00c;

/**
 * The slots of `service` on `weekday` as the booking settings cut them (`domain/bookings.ts`), the counters being
 * `plan`'s that serve it. A service not set up for booking is asked about with the usual half-hour slots and no
 * walk-in share: the what-if is how a director finds out whether to set it up.
 */
export function whatIfSlots(
  service: SimService,
  rules: BookingSettings,
  plan: StaffingPlan,
  weekday: number,
): { start: number; capacity: number }[] {
  const own = rules.services.find((x) => x.serviceId === service.rules.id);
  const svc: BookingServiceSettings = own?.enabled
    ? own
    : { serviceId: service.rules.id, enabled: true, slotMinutes: 30, walkInSharePercent: 0, capacity: {} };
  const code = service.code.toUpperCase();
  return slotsOf(dayOfWeekday(weekday), rules, svc, {
    hours: service.rules.hours,
    counters: plan.counters.filter((c) => c.services.some((x) => x.toUpperCase() === code)).length,
    minutesPerCitizen: service.serviceTime.meanSeconds / 60,
  }).map((slot) => ({ start: slot.start * 60, capacity: slot.capacity }));
}

/** A check-in instant: a learnt one, else spread evenly over the window around the slot's start. */
function checkInAt(start: number, rules: BookingSettings, offsets: readonly number[], rnd: Random): number {
  const early = rules.checkInEarlyMinutes * 60;
  const span = early + rules.checkInLateMinutes * 60;
  const offset = offsets.length > 0 ? (offsets[rnd.int(offsets.length)] ?? 0) : rnd.next() * span - early;
  return Math.max(0, Math.round((start + offset) * 1000) / 1000);
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
        const at = checkInAt(slot.start, rules, s.booked?.checkInOffsets ?? [], r);
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
  for (const s of shared) {
    const share = shares.get(s.code.toUpperCase()) ?? 0;
    const noShowRate = s.booked?.noShowRate ?? center;
    const rates = s.arrivals[weekday] ?? [];
    const slots = whatIfSlots(s, rules, plan, weekday).map((slot) => ({
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
      const at = checkInAt(slot.start, rules, s.booked?.checkInOffsets ?? [], r);
      out.push(bookedArrival({ ...a, at }, slot.start));
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

/** A booking of the history as the simulator reads it (times in epoch ms): nothing about the citizen. */
export interface HistoryBooking {
  serviceId: number;
  day: string;
  slotStart: number;
  status: BookingStatus;
  checkedInAt: number | null;
}

/** Learnt check-in offsets kept per service (plenty for an empirical spread). */
const MAX_OFFSETS = 5_000;

export interface LearntBookings {
  booked: Map<number, BookedArrivals>;
  /** Check-ins per service × ISO weekday × hour, summed over the days: booked tickets, not walk-in arrivals. */
  checkIns: Map<number, number[][]>;
}

/**
 * What the history's bookings teach, per service: the mean bookings of each slot per weekday (over `weekdayCount`
 * days of it), counting those that came to an end — checked in, late (lapsed at the kiosk: the citizen took a walk-in
 * number, counted with the walk-ins) and no-show; cancelled ones freed their place. Of those, the share that never
 * checked in; and when the others checked in against their slot's start.
 */
export function bookedFromHistory(
  bookings: Iterable<HistoryBooking>,
  weekdayCount: readonly number[],
): LearntBookings {
  const slots = new Map<number, Map<string, number>>();
  const tally = new Map<number, { ended: number; missed: number; offsets: number[] }>();
  const checkIns = new Map<number, number[][]>();
  for (const b of bookings) {
    if (b.status !== 'checked_in' && b.status !== 'late' && b.status !== 'no_show') continue;
    const start = vnLocal(new Date(b.slotStart));
    const perSlot = slots.get(b.serviceId) ?? new Map<string, number>();
    const key = `${start.isoWeekday}:${start.minutes * 60}`;
    perSlot.set(key, (perSlot.get(key) ?? 0) + 1);
    slots.set(b.serviceId, perSlot);
    const t = tally.get(b.serviceId) ?? { ended: 0, missed: 0, offsets: [] };
    t.ended += 1;
    if (b.status === 'checked_in' && b.checkedInAt !== null) {
      if (t.offsets.length < MAX_OFFSETS) t.offsets.push((b.checkedInAt - b.slotStart) / 1000);
      const local = vnLocal(new Date(b.checkedInAt));
      const byDay =
        checkIns.get(b.serviceId) ?? Array.from({ length: 8 }, () => new Array<number>(24).fill(0));
      byDay[local.isoWeekday]![Math.floor(local.minutes / 60)]! += 1;
      checkIns.set(b.serviceId, byDay);
    } else t.missed += 1;
    tally.set(b.serviceId, t);
  }
  const booked = new Map<number, BookedArrivals>();
  for (const [serviceId, perSlot] of slots) {
    const byWeekday = Array.from({ length: 8 }, () => [] as BookedSlot[]);
    for (const [key, n] of perSlot) {
      const [wd, start] = key.split(':').map(Number) as [number, number];
      const days = weekdayCount[wd] ?? 0;
      if (days > 0) byWeekday[wd]!.push({ start, expected: n / days });
    }
    for (const list of byWeekday) list.sort((a, b) => a.start - b.start);
    const t = tally.get(serviceId) ?? { ended: 0, missed: 0, offsets: [] };
    booked.set(serviceId, {
      slots: byWeekday,
      noShowRate: t.ended > 0 ? t.missed / t.ended : 0,
      checkInOffsets: t.offsets,
    });
  }
  return { booked, checkIns };
}
