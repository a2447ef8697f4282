/**
 * The reports API: `GET /api/reports?from=YYYY-MM-DD&to=YYYY-MM-DD&format=json|csv|xlsx&targetWaitMinutes=15`.
 * Days are Vietnam service days (Asia/Ho_Chi_Minh), the `day` a ticket was issued or transferred on.
 */
import { z } from 'zod';

/** The longest range one report covers, in days (both ends included). */
export const REPORT_MAX_DAYS = 366;

const DAY_MS = 86_400_000;

/** Epoch ms of a `yyyy-MM-dd` at UTC midnight, or null when it is not a real calendar date. */
export function calendarDay(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t;
}

/** Days from `from` to `to`, both included (0 or less when `to` comes first). */
export function daysInRange(from: string, to: string): number {
  const a = calendarDay(from);
  const b = calendarDay(to);
  if (a === null || b === null) return 0;
  return Math.round((b - a) / DAY_MS) + 1;
}

export const ReportDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày dạng YYYY-MM-DD / date as YYYY-MM-DD')
  .refine((s) => calendarDay(s) !== null, 'Ngày không có thật / not a calendar date');

/** A range of report days runs forward and spans at most {@link REPORT_MAX_DAYS} (LAYSO_REPORT_RANGE_INVALID). */
export function checkReportRange(q: { from: string; to: string }, ctx: z.RefinementCtx): void {
  // A malformed date has its own issue already (zod runs this refinement even then).
  if (calendarDay(q.from) === null || calendarDay(q.to) === null) return;
  const days = daysInRange(q.from, q.to);
  if (days < 1 || days > REPORT_MAX_DAYS) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message:
        days < 1
          ? 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc / from must not be after to'
          : `Tối đa ${REPORT_MAX_DAYS} ngày / at most ${REPORT_MAX_DAYS} days`,
      params: { layso: 'LAYSO_REPORT_RANGE_INVALID', problem: days < 1 ? 'order' : 'length' },
    });
  }
}

export const ReportFormat = z.enum(['json', 'csv', 'xlsx']);
export type ReportFormat = z.infer<typeof ReportFormat>;

export const ReportQuery = z
  .object({
    from: ReportDay,
    to: ReportDay,
    format: ReportFormat.default('json'),
    /** The target wait for `servedWithinTarget`, in minutes. */
    targetWaitMinutes: z.coerce.number().int().min(1).max(480).default(15),
  })
  .superRefine(checkReportRange);
export type ReportQuery = z.infer<typeof ReportQuery>;

const Seconds = z.number().nonnegative().nullable();

export const RatingCounts = z.object({
  verySatisfied: z.number().int().nonnegative(),
  satisfied: z.number().int().nonnegative(),
  unsatisfied: z.number().int().nonnegative(),
  /** Served (done) tickets nobody rated. */
  none: z.number().int().nonnegative(),
});
export type RatingCounts = z.infer<typeof RatingCounts>;

/**
 * The figures of a group of tickets (a ticket is one visit to one service: a transfer closes it and opens a new
 * ticket in the target service, counted there).
 * - `called`: tickets called to a counter at least once (any status after waiting).
 * - `served`: tickets finished with status `done` (whatever the outcome: received, returned, guidance).
 * - `noShow`: tickets closed as `no-show` (called, the citizen did not come).
 * - `transferred`: tickets this service/counter/officer sent on to another service (status `transferred`).
 * - `leftWaiting`: tickets still open (`waiting`, `called` or `serving`) on a day before today (Vietnam) —
 *   nobody closed them by the end of their day. Open tickets of today are in progress, not counted.
 * - `avgWaitSeconds`, `p90WaitSeconds`: over called tickets, first call − issue (for a ticket transferred in,
 *   from the transfer). p90 is the nearest-rank 90th percentile. null without any called ticket.
 * - `avgServiceSeconds`, `p90ServiceSeconds`: over served tickets, finish − start of service (a ticket finished
 *   straight from the call counts from the call). null without any served ticket.
 * - `servedWithinTarget`: share (0..1) of called tickets whose wait ≤ `targetWaitMinutes`; null if none called.
 * - `ratings`: the citizens' ratings of served tickets; `none` = served and not rated.
 */
export const ReportFigures = z.object({
  called: z.number().int().nonnegative(),
  served: z.number().int().nonnegative(),
  noShow: z.number().int().nonnegative(),
  transferred: z.number().int().nonnegative(),
  leftWaiting: z.number().int().nonnegative(),
  avgWaitSeconds: Seconds,
  p90WaitSeconds: Seconds,
  avgServiceSeconds: Seconds,
  p90ServiceSeconds: Seconds,
  servedWithinTarget: z.number().min(0).max(1).nullable(),
  ratings: RatingCounts,
});
export type ReportFigures = z.infer<typeof ReportFigures>;

/**
 * `issued`: tickets taken at a kiosk (or by the API) on those days — transfers in are not new issues.
 * `cancelled`: tickets the citizen released from the phone page ("Hủy số") while waiting; never called, so counted
 * in the totals and their service only. Issued = served + noShow + transferred + leftWaiting + cancelled + those
 * still open today (less transfers in, which close as one of these without being issued).
 */
export const ReportTotals = ReportFigures.extend({
  issued: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
});
export type ReportTotals = z.infer<typeof ReportTotals>;

export const ServiceReport = ReportTotals.extend({
  serviceId: z.number().int(),
  code: z.string(),
  name: z.string(),
});
export type ServiceReport = z.infer<typeof ServiceReport>;

/** Tickets are counted at the counter that (last) called them. */
export const CounterReport = ReportFigures.extend({
  counterId: z.number().int(),
  number: z.number().int().nullable(),
  name: z.string(),
});
export type CounterReport = z.infer<typeof CounterReport>;

/** Tickets are counted for the officer who called them; only the officer's display name, nothing of citizens. */
export const OfficerReport = ReportFigures.extend({ officerId: z.number().int(), displayName: z.string() });
export type OfficerReport = z.infer<typeof OfficerReport>;

/** Tickets issued (not transferred) in one Vietnam hour of one weekday (1 = Monday … 7 = Sunday), summed over the range. */
export const HourArrivals = z.object({
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  arrivals: z.number().int().nonnegative(),
});
export type HourArrivals = z.infer<typeof HourArrivals>;

export const ReportReply = z.object({
  from: z.string(),
  to: z.string(),
  targetWaitMinutes: z.number().int(),
  totals: ReportTotals,
  byService: z.array(ServiceReport),
  byCounter: z.array(CounterReport),
  byOfficer: z.array(OfficerReport),
  /** All 7 × 24 cells, Monday 00h first. */
  byHour: z.array(HourArrivals),
});
export type ReportReply = z.infer<typeof ReportReply>;
