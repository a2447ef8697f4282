/**
 * The simulator's adapter to the center's database: the services, today's counters as a staffing plan, and the
 * tickets of the last `weeks` weeks (read as the reports read them, `reports/reads.ts`) turned into a `DayModel`.
 */
import { readBookingSettings } from '../app/booking-settings.js';
import type { Store } from '../db/store.js';
import { USUAL_CENTER_HOURS } from '../domain/hours.js';
import { serviceDay } from '../domain/time.js';
import { modelFromHistory, type DayModel } from './model.js';
import { StaffingPlan } from './plan.js';

const DAY_MS = 86_400_000;

/** The `weeks × 7` Vietnam days before `today` (today itself is not over, so it is left out). */
export function historyDays(today: Date, weeks: number): string[] {
  const days: string[] = [];
  for (let k = weeks * 7; k >= 1; k -= 1) days.push(serviceDay(new Date(today.getTime() - k * DAY_MS)));
  return days;
}

export function historyFromStore(
  store: Store,
  options: { weeks: number; today: Date },
): { model: DayModel; plan: StaffingPlan; days: string[]; tickets: number } {
  const services = store.catalogue.services();
  const days = historyDays(options.today, options.weeks);
  let tickets = 0;
  const rows = store.reports.tickets(days[0]!, days[days.length - 1]!);
  const counted = (function* () {
    for (const r of rows) {
      tickets += 1;
      yield r;
    }
  })();
  const bookings = store.bookings.range(days[0]!, days[days.length - 1]!).map((b) => ({
    serviceId: b.serviceId,
    day: b.day,
    slotStart: b.slotStart.getTime(),
    status: b.status,
    checkedInAt: b.checkedInAt?.getTime() ?? null,
  }));
  const model = modelFromHistory({
    name: `lịch sử ${options.weeks} tuần / ${options.weeks} weeks of history`,
    hours: services[0]?.hours ?? USUAL_CENTER_HOURS,
    services,
    tickets: counted,
    bookings,
    booking: readBookingSettings(store),
    days,
  });
  return { model, plan: currentPlan(store), days, tickets };
}

/** Today's staffing: the center's counters that serve something, with their service codes in order. */
export function currentPlan(store: Store): StaffingPlan {
  const codeOf = new Map(store.catalogue.services().map((s) => [s.id, s.code]));
  const counters = store.counters
    .all()
    .filter((c) => c.serviceIds.length > 0)
    .map((c) => ({ number: c.number, services: c.serviceIds.map((id) => codeOf.get(id)!) }));
  // Not parsed as a whole: a center with no counter yet still gets a plan (empty), which the caller refuses in words.
  return { ...StaffingPlan.omit({ counters: true }).parse({ name: 'Hiện tại / current' }), counters };
}
