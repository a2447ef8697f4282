/**
 * How the center judges a dossier against its appointment (issue 18; the rules are written out in the protocol's
 * `dossier-reports.ts`): resolved early, on time or late; overdue; ready but uncollected; and Decision 766's
 * progress figures over a range of days. Pure: the caller hands in the clock's `now` and the rows.
 */
import { DOSSIER_STATUS_CODES as S, type DossierProgress } from '@layso/protocol';
import { serviceDay } from './time.js';
import { MON_TO_FRI, workingDaysBetween, type WorkingCalendar } from './working-days.js';

/** What the judgement reads of a dossier. */
export interface DossierTimes {
  status: number;
  receivedAt: Date | null;
  appointmentAt: Date | null;
  resultReadyAt: Date | null;
  returnedAt: Date | null;
}

export type Timing = 'early' | 'on-time' | 'late';

const CLOSED: ReadonlySet<number> = new Set([S.notReceived, S.withdrawn, S.stopped]);

/** Not received, withdrawn or stopped: no deadline applies any more. */
export const isClosed = (d: DossierTimes): boolean => CLOSED.has(d.status);

/** When the result came: the province's NgayCoKetQua, else the return itself; null while unresolved. */
export function resolvedAt(d: DossierTimes): Date | null {
  if (d.resultReadyAt) return d.resultReadyAt;
  if (d.returnedAt) return d.returnedAt;
  return null;
}

const isReturned = (d: DossierTimes): boolean => d.returnedAt !== null || d.status === S.returned;

/** Resolved (a result ready or returned), whatever the dates known. */
const isResolved = (d: DossierTimes): boolean =>
  resolvedAt(d) !== null || d.status === S.processed || isReturned(d);

/** Past its appointment without a result, and not closed. */
export function isOverdue(d: DossierTimes, now: Date): boolean {
  return (
    !isClosed(d) &&
    !isResolved(d) &&
    d.appointmentAt !== null &&
    d.appointmentAt.getTime() < now.getTime()
  );
}

/** Early, on time or late by Vietnam days against the appointment (none: on time); null while unresolved. */
export function timing(d: DossierTimes): Timing | null {
  const at = resolvedAt(d);
  if (at === null) return null;
  if (d.appointmentAt === null) return 'on-time';
  const done = serviceDay(at);
  const due = serviceDay(d.appointmentAt);
  return done < due ? 'early' : done === due ? 'on-time' : 'late';
}

/**
 * Ready and not handed over for at least `minWorkingDays` working days (counted from the day the result came;
 * `readySince` stands in when the province never said when, e.g. the day status 9 was learnt).
 */
export function isUncollected(
  d: DossierTimes & { readySince?: Date | null },
  now: Date,
  minWorkingDays: number,
  cal: WorkingCalendar = MON_TO_FRI,
): boolean {
  if (isReturned(d) || isClosed(d) || !isResolved(d)) return false;
  const since = d.resultReadyAt ?? d.readySince ?? null;
  if (since === null) return false;
  return workingDaysBetween(serviceDay(since), serviceDay(now), cal) >= minWorkingDays;
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
export function addToProgress(p: DossierProgress, d: DossierTimes, from: string, to: string, now: Date): void {
  const received = within(d.receivedAt, from, to);
  if (received) p.received++;
  if (isClosed(d)) return;
  if (within(resolvedAt(d), from, to)) {
    const t = timing(d);
    if (t === 'early') p.returnedEarly++;
    else if (t === 'on-time') p.returnedOnTime++;
    else if (t === 'late') p.returnedLate++;
  } else if (received && !isResolved(d)) {
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
export function progressOf(rows: Iterable<DossierTimes>, from: string, to: string, now: Date): DossierProgress {
  const p = emptyProgress();
  for (const d of rows) addToProgress(p, d, from, to, now);
  return finishProgress(p);
}
