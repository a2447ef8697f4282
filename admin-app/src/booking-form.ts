// The booking settings as the admin's form holds them (text while typed, blank capacity = counted from the counters)
// and back: the ranges come from the contract's schema, so the form refuses exactly what the server would.
import { BookingServiceSettings, BookingSettings, type Service } from '@layso/protocol';
import { format, type Bilingual } from '@layso/ui-kit';
import { B, WEEKDAY_NAMES } from './booking-messages.js';

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The settings' whole numbers, in the order the form shows them. */
export const NUMBER_FIELDS = [
  'daysAhead',
  'closeBeforeMinutes',
  'perPersonPerDay',
  'perServicePerDay',
  'checkInEarlyMinutes',
  'checkInLateMinutes',
  'maxBookedInRow',
  'remindMinutesBefore',
  'otpMinutes',
  'otpMaxTries',
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];

/** One value per whole-number field. */
function perField<T>(f: (k: NumberField) => T): Record<NumberField, T> {
  return {
    daysAhead: f('daysAhead'),
    closeBeforeMinutes: f('closeBeforeMinutes'),
    perPersonPerDay: f('perPersonPerDay'),
    perServicePerDay: f('perServicePerDay'),
    checkInEarlyMinutes: f('checkInEarlyMinutes'),
    checkInLateMinutes: f('checkInLateMinutes'),
    maxBookedInRow: f('maxBookedInRow'),
    remindMinutesBefore: f('remindMinutesBefore'),
    otpMinutes: f('otpMinutes'),
    otpMaxTries: f('otpMaxTries'),
  };
}
/** One value per weekday, Monday first. */
function perWeekday<T>(f: (d: Weekday) => T): Record<Weekday, T> {
  return { '1': f('1'), '2': f('2'), '3': f('3'), '4': f('4'), '5': f('5'), '6': f('6'), '7': f('7') };
}

export interface ServiceForm {
  serviceId: number;
  name: string;
  enabled: boolean;
  slotMinutes: string;
  walkInSharePercent: string;
  /** Per weekday: '' = counted from the counters, '0' = no booking that day, else places per slot. */
  capacity: Record<Weekday, string>;
}

export type BookingForm = Record<NumberField, string> & {
  enabled: boolean;
  /** null while the text typed is not a time (the field says why). */
  bookableFrom: string | null;
  bookableUntil: string | null;
  /** '' = no reminder the day before. */
  remindDayBeforeAt: string | null;
  services: ServiceForm[];
};

/** A service the settings do not name yet: off, half-hour slots, half the places kept for walk-ins. */
export const NEW_SERVICE = { enabled: false, slotMinutes: 30, walkInSharePercent: 50 } as const;

/** A field's name in the form (its input's `name`) and what is wrong with it. */
export interface FormProblem {
  field: string;
  message: Bilingual;
}

export type FormResult = { ok: true; settings: BookingSettings } | { ok: false; problems: FormProblem[] };

interface Range {
  min: number;
  max: number;
}
/** A whole-number field's bounds as the contract's schema sets them. */
function rangeOf(schema: { minValue: number | null; maxValue: number | null }): Range {
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}
const SHAPE = BookingSettings.shape;
const SERVICE_SHAPE = BookingServiceSettings.shape;
export const RANGES: Record<NumberField, Range> = perField((k) => rangeOf(SHAPE[k]));
export const SERVICE_RANGES = {
  slotMinutes: rangeOf(SERVICE_SHAPE.slotMinutes),
  walkInSharePercent: rangeOf(SERVICE_SHAPE.walkInSharePercent),
  capacity: rangeOf(SERVICE_SHAPE.capacity.valueType),
};

/**
 * The form of these settings: one row per service of the catalogue (active ones, and inactive ones the settings
 * already name), in the catalogue's order.
 */
export function toForm(
  s: BookingSettings,
  catalogue: readonly Pick<Service, 'id' | 'name' | 'active'>[],
): BookingForm {
  const bySvc = new Map(s.services.map((x) => [x.serviceId, x]));
  const services = catalogue
    .filter((c) => c.active || bySvc.has(c.id))
    .map((c): ServiceForm => {
      const x = bySvc.get(c.id);
      return {
        serviceId: c.id,
        name: c.name,
        enabled: x?.enabled ?? NEW_SERVICE.enabled,
        slotMinutes: String(x?.slotMinutes ?? NEW_SERVICE.slotMinutes),
        walkInSharePercent: String(x?.walkInSharePercent ?? NEW_SERVICE.walkInSharePercent),
        capacity: perWeekday((d) => {
          const n = x?.capacity[d];
          return n === undefined ? '' : String(n);
        }),
      };
    });
  const numbers = perField((k) => String(s[k]));
  return {
    ...numbers,
    enabled: s.enabled,
    bookableFrom: s.bookableFrom,
    bookableUntil: s.bookableUntil,
    remindDayBeforeAt: s.remindDayBeforeAt ?? '',
    services,
  };
}

/** A whole number in range typed in a field, or null. */
export function wholeNumber(text: string, r: Range): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= r.min && n <= r.max ? n : null;
}

/** A message about one field: `{label}` in each language, then the figures. */
function about(m: Bilingual, label: Bilingual, params: Record<string, number> = {}): Bilingual {
  const f = format(m, params);
  return { vi: f.vi.replace('{label}', label.vi), en: f.en.replace('{label}', label.en) };
}

/** The settings the form holds, or every field that is wrong (Vietnamese first), nothing sent. */
export function fromForm(f: BookingForm): FormResult {
  const problems: FormProblem[] = [];
  const num = (field: string, label: Bilingual, text: string, r: Range): number => {
    const n = wholeNumber(text, r);
    if (n === null) problems.push({ field, message: about(B.badNumber, label, { min: r.min, max: r.max }) });
    return n ?? r.min;
  };
  const numbers = perField((k) => num(k, B[k], f[k], RANGES[k]));

  if (f.bookableFrom === null || f.bookableFrom === '')
    problems.push({ field: 'bookableFrom', message: about(B.badTime, B.bookableFrom) });
  if (f.bookableUntil === null || f.bookableUntil === '')
    problems.push({ field: 'bookableUntil', message: about(B.badTime, B.bookableUntil) });
  if (f.bookableFrom && f.bookableUntil && f.bookableFrom >= f.bookableUntil)
    problems.push({ field: 'bookableUntil', message: B.hoursOrder });
  if (f.remindDayBeforeAt === null)
    problems.push({ field: 'remindDayBeforeAt', message: about(B.badTime, B.remindDayBeforeAt) });

  const services = f.services.map((s): BookingServiceSettings => {
    const where = (label: Bilingual): Bilingual => ({
      vi: `${s.name} — ${label.vi}`,
      en: `${s.name} — ${label.en}`,
    });
    const capacity: BookingServiceSettings['capacity'] = {};
    for (const d of WEEKDAYS) {
      if (s.capacity[d].trim() === '') continue;
      capacity[d] = num(
        `capacity-${s.serviceId}-${d}`,
        where(WEEKDAY_NAMES[Number(d) - 1] ?? B.capacity),
        s.capacity[d],
        SERVICE_RANGES.capacity,
      );
    }
    return {
      serviceId: s.serviceId,
      enabled: s.enabled,
      slotMinutes: num(
        `slotMinutes-${s.serviceId}`,
        where(B.slotMinutes),
        s.slotMinutes,
        SERVICE_RANGES.slotMinutes,
      ),
      walkInSharePercent: num(
        `walkInSharePercent-${s.serviceId}`,
        where(B.walkInSharePercent),
        s.walkInSharePercent,
        SERVICE_RANGES.walkInSharePercent,
      ),
      capacity,
    };
  });
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    settings: {
      enabled: f.enabled,
      ...numbers,
      bookableFrom: f.bookableFrom ?? '',
      bookableUntil: f.bookableUntil ?? '',
      remindDayBeforeAt: f.remindDayBeforeAt || null,
      services,
    },
  };
}
