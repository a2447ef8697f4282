/**
 * How the center judges a dossier against its appointment (issue 18; the rules are written out in the protocol's
 * `dossier-reports.ts`): resolved early, on time or late; overdue; ready but uncollected; and Decision 766's
 * progress figures over a range of days. Pure: the caller hands in the clock's `now` and the rows.
 */
import { DOSSIER_STATUS_CODES as S, type DossierProgress } from '@layso/protocol';
import { isClosed, isOverdue, type Dossier } from './dossiers.js';
import { addDays, serviceDay, vnInstant } from './time.js';
import { isWorkingDay, MON_TO_FRI, type WorkingCalendar } from './working-days.js';

export type Timing = 'early' | 'on-time' | 'late';

/** When the result came: the province's NgayCoKetQua (or when we learnt of it), else the return itself. */
export const resolvedAt = (d: Dossier): Date | null => d.resultReadyAt ?? d.returnedAt;

const isReturned = (d: Dossier): boolean => d.returnedAt !== null || d.status === S.returned;

/** Early, on time or late by Vietnam days against the appointment (none: on time); null while unresolved. */
export function timing(d: Dossier): Timing | null {
  const at = resolvedAt(d);
  if (at === null) return null;
  if (d.appointmentAt === null) return 'on-time';
  const done = serviceDay(at);
  const due = serviceDay(d.appointmentAt);
  return done < due ? 'early' : done === due ? 'on-time' : 'late';
}

/**
 * The instant a result must have come before to count as uncollected now: the start of the day after the last
 * day from which `minWorkingDays` working days have passed (a result ready on Wednesday has waited 3 working days
 * on Monday). Bounded like `addWorkingDays`.
 */
export function uncollectedCutoff(
  now: Date,
  minWorkingDays: number,
  cal: WorkingCalendar = MON_TO_FRI,
): Date {
  let day = serviceDay(now);
  let counted = 0;
  for (let step = 0; counted < minWorkingDays; step++) {
    if (step > 366 + minWorkingDays * 7) throw new RangeError('no working day in the calendar');
    if (isWorkingDay(day, cal)) counted++;
    day = addDays(day, -1);
  }
  return vnInstant(addDays(day, 1));
}

/** Ready and not handed over for at least `minWorkingDays` working days, counted from the day the result came. */
export function isUncollected(
  d: Dossier,
  now: Date,
  minWorkingDays: number,
  cal: WorkingCalendar = MON_TO_FRI,
): boolean {
  if (isReturned(d) || isClosed(d.status) || d.resultReadyAt === null) return false;
  return d.resultReadyAt.getTime() < uncollectedCutoff(now, minWorkingDays, cal).getTime();
}

/** Whether an instant falls on a Vietnam day of `from..to`. */
const within = (at: Date | null, from: string, to: string): boolean => {
  if (at === null) return false;
  const day = serviceDay(at);
  return day >= from && day <= to;
};

export const emptyProgress = (): DossierProgress => ({
  received: 0,
  returnedEarly: 0,
  returnedOnTime: 0,
  returnedLate: 0,
  inProgressOnTime: 0,
  inProgressOverdue: 0,
  onTimeRate: null,
});

/**
 * Adds one dossier to the figures of `from..to` (Vietnam days): received on those days; resolved on those days
 * (early, on time, late); received on those days and unresolved now (within time or overdue). Closed dossiers
 * count as received only. `onTimeRate` is left to {@link finishProgress}.
 */
export function addToProgress(p: DossierProgress, d: Dossier, from: string, to: string, now: Date): void {
  const received = within(d.receivedAt, from, to);
  if (received) p.received++;
  if (isClosed(d.status)) return;
  const resolved = resolvedAt(d);
  if (within(resolved, from, to)) {
    const t = timing(d);
    if (t === 'early') p.returnedEarly++;
    else if (t === 'on-time') p.returnedOnTime++;
    else if (t === 'late') p.returnedLate++;
  } else if (received && resolved === null) {
    if (isOverdue(d, now)) p.inProgressOverdue++;
    else p.inProgressOnTime++;
  }
}

/** The on-time rate: (early + on time) / resolved, null with nothing resolved. */
export function finishProgress(p: DossierProgress): DossierProgress {
  const resolved = p.returnedEarly + p.returnedOnTime + p.returnedLate;
  return { ...p, onTimeRate: resolved === 0 ? null : (p.returnedEarly + p.returnedOnTime) / resolved };
}

/** The figures of a set of dossiers over `from..to`. */
export function progressOf(rows: Iterable<Dossier>, from: string, to: string, now: Date): DossierProgress {
  const p = emptyProgress();
  for (const d of rows) addToProgress(p, d, from, to, now);
  return finishProgress(p);
}
