/**
 * Arrival and service-time models for the day simulator: arrivals per hour for each service × ISO weekday × hour
 * (a Poisson rate), and a service-time distribution per service (lognormal from a mean and a standard deviation,
 * or the empirical distribution of the center's own history). Built from a JSON profile (zod-validated) or from
 * the tickets of the last weeks (`modelFromHistory`, fed by `history.ts`). Pure: no I/O here.
 */
import { z } from 'zod';
import type { ReportTicket } from '../reports/tally.js';
import { WeeklyHours, type BookingSettings, type NumberFormat } from '@layso/protocol';
import type { ServiceRules } from '../domain/types.js';
import { vnLocal } from '../domain/time.js';
import { USUAL_CENTER_HOURS, parseHourMinute, spansOn } from '../domain/hours.js';
import type { Random } from './random.js';
import { bookedFromHistory, type BookedArrivals, type HistoryBooking } from './booked.js';

export type ServiceTimeModel =
  | { kind: 'lognormal'; mu: number; sigma: number; meanSeconds: number }
  | { kind: 'empirical'; seconds: readonly number[]; meanSeconds: number };

export interface SimService {
  rules: ServiceRules;
  code: string;
  name: string;
  /** `arrivals[isoWeekday][hour]`: expected kiosk issues in that hour (index 0 unused; 1 = Monday … 7 = Sunday). */
  arrivals: readonly (readonly number[])[];
  serviceTime: ServiceTimeModel;
  /** Bookings per slot, learnt from history (issue 21); absent when the service has none. */
  booked?: BookedArrivals;
}

export interface DayModel {
  source: 'profile' | 'history';
  name: string;
  /** The center's opening hours: the default open spans of a plan's counters. */
  hours: WeeklyHours;
  services: readonly SimService[];
  /** The center's booking settings (check-in window, booked mix, slots); the defaults when absent. */
  booking?: BookingSettings;
}

const WEEKDAY_KEYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
const Weekday = z.enum(WEEKDAY_KEYS);
const Hour = z.string().regex(/^([01]?\d|2[0-3])$/, 'an hour 0 … 23');
const Shape = z.record(Hour, z.number().nonnegative());

const ProfileService = z.object({
  code: z.string().min(1).max(16),
  name: z.string().min(1).optional(),
  /** Ticket prefix; defaults to the service's position (1, 2, …, then A, B, …). */
  prefix: z.string().min(1).max(3).optional(),
  dailyCap: z.number().int().positive().max(9999).optional(),
  /** Kiosk issues on each ISO weekday ("1" = Monday); a missing day has none. */
  arrivalsPerDay: z.partialRecord(Weekday, z.number().nonnegative()),
  /** Share of the day's arrivals by hour (weights, normalised); defaults to the profile's `hourShape`. */
  hourShape: Shape.optional(),
  serviceMinutes: z.object({ mean: z.number().positive().max(480), sd: z.number().nonnegative().max(480) }),
});

export const SimProfile = z
  .object({
    name: z.string().min(1).default('profile'),
    hours: WeeklyHours.optional(),
    hourShape: Shape,
    services: z.array(ProfileService).min(1),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.services.forEach((s, i) => {
      if (seen.has(s.code))
        ctx.addIssue({ code: 'custom', path: ['services', i, 'code'], message: `duplicate code ${s.code}` });
      seen.add(s.code);
      const shape = s.hourShape ?? p.hourShape;
      if (!Object.values(shape).some((w) => w > 0))
        ctx.addIssue({ code: 'custom', path: ['services', i, 'hourShape'], message: 'all weights are 0' });
    });
  });
export type SimProfile = z.infer<typeof SimProfile>;

/** A profile's problems as readable lines (`services.2.serviceMinutes.mean: …`), or the parsed profile. */
export function parseProfile(
  json: unknown,
): { ok: true; profile: SimProfile } | { ok: false; problems: string[] } {
  const r = SimProfile.safeParse(json);
  if (r.success) return { ok: true, profile: r.data };
  return { ok: false, problems: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}

/** Lognormal parameters with the given mean and standard deviation (seconds). */
export function lognormalFromMoments(meanSeconds: number, sdSeconds: number): ServiceTimeModel {
  const sigma2 = Math.log(1 + (sdSeconds * sdSeconds) / (meanSeconds * meanSeconds));
  return { kind: 'lognormal', mu: Math.log(meanSeconds) - sigma2 / 2, sigma: Math.sqrt(sigma2), meanSeconds };
}

/** One service time in whole seconds (at least 1). */
export function sampleServiceSeconds(model: ServiceTimeModel, rnd: Random): number {
  const s =
    model.kind === 'lognormal'
      ? model.sigma === 0
        ? Math.exp(model.mu)
        : rnd.lognormal(model.mu, model.sigma)
      : (model.seconds[rnd.int(model.seconds.length)] ?? model.meanSeconds);
  return Math.max(1, Math.round(s));
}

const PREFIXES = '123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

const numberFormat = (prefix: string | undefined, index: number): NumberFormat => ({
  prefix: prefix ?? PREFIXES[index] ?? `Z${index}`,
  digits: 3,
});

/** The weights of the hours the center is open on `isoWeekday` (an hour counts if a span overlaps it), summing to 1. */
function normalisedShape(shape: Record<string, number>, hours: WeeklyHours, isoWeekday: number): number[] {
  const spans = spansOn(hours, isoWeekday).map((s) => [parseHourMinute(s.open), parseHourMinute(s.close)]);
  const open = (h: number): boolean => spans.some(([o, c]) => o! < (h + 1) * 60 && c! > h * 60);
  const out = Array.from({ length: 24 }, (_, h) => (open(h) ? (shape[String(h)] ?? 0) : 0));
  const total = out.reduce((a, b) => a + b, 0);
  return total > 0 ? out.map((w) => w / total) : out;
}

/** The model a validated profile describes; services get ids 1, 2, … in the profile's order. */
export function modelFromProfile(profile: SimProfile): DayModel {
  const hours = profile.hours ?? USUAL_CENTER_HOURS;
  return {
    source: 'profile',
    name: profile.name,
    hours,
    services: profile.services.map((s, i) => {
      const arrivals = [0, 1, 2, 3, 4, 5, 6, 7].map((wd) => {
        const perDay = wd === 0 ? 0 : (s.arrivalsPerDay[String(wd) as (typeof WEEKDAY_KEYS)[number]] ?? 0);
        return normalisedShape(s.hourShape ?? profile.hourShape, hours, wd).map((w) => w * perDay);
      });
      return {
        code: s.code,
        name: s.name ?? s.code,
        rules: {
          id: i + 1,
          numberFormat: numberFormat(s.prefix, i),
          dailyCap: s.dailyCap ?? 999,
          hours,
          active: true,
        },
        arrivals,
        serviceTime: lognormalFromMoments(s.serviceMinutes.mean * 60, s.serviceMinutes.sd * 60),
      };
    }),
  };
}

/** A ticket of the history as the report reads it (`reports/reads.ts`); times in epoch ms. */
export type HistoryTicket = Pick<
  ReportTicket,
  'serviceId' | 'day' | 'status' | 'issuedAt' | 'calledAt' | 'servedAt' | 'finishedAt' | 'transferredIn'
>;

export interface HistoryInput {
  name: string;
  hours: WeeklyHours;
  services: readonly (ServiceRules & { code: string; name: string })[];
  tickets: Iterable<HistoryTicket>;
  /** The bookings of the same days (issue 21): their check-ins are booked arrivals, learnt per slot. */
  bookings?: Iterable<HistoryBooking>;
  /** The center's booking settings, carried to the model. */
  booking?: BookingSettings;
  /** The days the tickets were read from (all of them, with or without tickets): they give each weekday's count. */
  days: readonly string[];
  /** Service time of a service with fewer than `minSamples` finished tickets: lognormal with this mean and sd. */
  fallbackServiceMinutes?: { mean: number; sd: number };
  minSamples?: number;
}

/** Longest history kept per service for the empirical distribution (a year of one service is plenty). */
const MAX_SAMPLES = 20_000;

/**
 * The model learned from history: arrivals per service × weekday × hour are the mean kiosk issues (transfers
 * excluded) over the days of that weekday in `days`; service times are the empirical distribution of
 * served → finished seconds of done tickets (a lognormal fallback below `minSamples`).
 */
export function modelFromHistory(input: HistoryInput): DayModel {
  const weekdayCount = new Array<number>(8).fill(0);
  for (const d of input.days) weekdayCount[vnLocal(new Date(`${d}T12:00:00+07:00`)).isoWeekday]! += 1;
  const counts = new Map<number, number[][]>();
  const seconds = new Map<number, number[]>();
  for (const s of input.services) {
    counts.set(
      s.id,
      Array.from({ length: 8 }, () => new Array<number>(24).fill(0)),
    );
    seconds.set(s.id, []);
  }
  for (const t of input.tickets) {
    const byDay = counts.get(t.serviceId);
    if (!byDay) continue;
    if (!t.transferredIn) {
      const local = vnLocal(new Date(t.issuedAt));
      byDay[local.isoWeekday]![Math.floor(local.minutes / 60)]! += 1;
    }
    const start = t.servedAt ?? t.calledAt;
    if (t.status === 'done' && start !== null && t.finishedAt !== null) {
      const list = seconds.get(t.serviceId)!;
      if (list.length < MAX_SAMPLES) list.push(Math.max(1, (t.finishedAt - start) / 1000));
    }
  }
  // A booked ticket is issued at check-in: it arrives as booked, by its slot, not as a walk-in.
  const learnt = bookedFromHistory(input.bookings ?? [], weekdayCount);
  for (const [serviceId, byDay] of learnt.checkIns) {
    const walkIns = counts.get(serviceId);
    if (walkIns)
      byDay.forEach((hours, wd) =>
        hours.forEach((n, h) => (walkIns[wd]![h] = Math.max(0, walkIns[wd]![h]! - n))),
      );
  }
  const fallback = input.fallbackServiceMinutes ?? { mean: 8, sd: 4 };
  const minSamples = input.minSamples ?? 5;
  return {
    source: 'history',
    name: input.name,
    hours: input.hours,
    ...(input.booking ? { booking: input.booking } : {}),
    services: input.services.map((s) => {
      const byDay = counts.get(s.id)!;
      const list = seconds.get(s.id)!;
      const mean = list.reduce((a, b) => a + b, 0) / Math.max(1, list.length);
      return {
        code: s.code,
        name: s.name,
        rules: {
          id: s.id,
          numberFormat: s.numberFormat,
          dailyCap: s.dailyCap,
          hours: s.hours,
          active: s.active,
        },
        arrivals: byDay.map((hours, wd) =>
          hours.map((n) => (weekdayCount[wd]! > 0 ? n / weekdayCount[wd]! : 0)),
        ),
        serviceTime:
          list.length >= minSamples
            ? { kind: 'empirical', seconds: list, meanSeconds: mean }
            : lognormalFromMoments(fallback.mean * 60, fallback.sd * 60),
        ...(learnt.booked.has(s.id) ? { booked: learnt.booked.get(s.id) } : {}),
      };
    }),
  };
}

/** Expected arrivals of a service on a weekday (the sum of its hourly rates). */
export function expectedArrivals(service: SimService, isoWeekday: number): number {
  return (service.arrivals[isoWeekday] ?? []).reduce((a, b) => a + b, 0);
}
