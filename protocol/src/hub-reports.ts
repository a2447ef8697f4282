/**
 * The province's reports (issue 20, Deliver 4): `GET /api/hub/reports?from&to&sites=1,2&format&targetWaitMinutes`,
 * read from the hub's roll-ups, never from the facts. Days are Vietnam days (Asia/Ho_Chi_Minh) of the facts, as in
 * the center's report; the range rules are the center's (forward, at most REPORT_MAX_DAYS days).
 */
import { z } from 'zod';
import { checkReportRange, ReportDay, ReportFormat } from './reports.js';

/**
 * The waiting targets the roll-ups count "served within" for: a target is fixed when a fact is summed, so the
 * report offers these and no other. 15 min is the center report's default; 30 min the usual provincial one.
 */
export const HUB_WAIT_TARGETS = [10, 15, 20, 30] as const;
export type HubWaitTarget = (typeof HUB_WAIT_TARGETS)[number];

/** At most this many sites named in `sites=` (the province has ~125; the whole province is `sites` left out). */
export const HUB_REPORT_MAX_SITES = 1000;

const SiteIds = z
  .string()
  .regex(
    /^\d{1,9}(,\d{1,9})*$/,
    'Mã điểm cách nhau bởi dấu phẩy, vd 1,2 / site ids separated by commas, e.g. 1,2',
  )
  .transform((s) => [...new Set(s.split(',').map(Number))])
  .refine((ids) => ids.length <= HUB_REPORT_MAX_SITES, {
    message: `Tối đa ${HUB_REPORT_MAX_SITES} điểm / at most ${HUB_REPORT_MAX_SITES} sites`,
  });

export const HubReportQuery = z
  .strictObject({
    from: ReportDay,
    to: ReportDay,
    /** Site ids; left out = every site the viewer may see. */
    sites: SiteIds.optional(),
    format: ReportFormat.default('json'),
    targetWaitMinutes: z.coerce
      .number()
      .pipe(
        z.literal(HUB_WAIT_TARGETS, {
          error: `Chỉ ${HUB_WAIT_TARGETS.join(', ')} phút / only ${HUB_WAIT_TARGETS.join(', ')} minutes`,
        }),
      )
      .default(15),
  })
  .superRefine(checkReportRange);
export type HubReportQuery = z.infer<typeof HubReportQuery>;

const Share = z.number().min(0).max(1).nullable();
const Seconds = z.number().nonnegative().nullable();

/**
 * The figures of a group (the province, a site, a service), the Decision 766 indicators the facts reach.
 * - `issued`, `served`, `noShow`, `cancelled`, `transferred`: as the center's report counts them, by the Vietnam
 *   day of the fact (issue, finish, no-show…).
 * - `noShowRate`: noShow / (served + noShow + transferred) — of the tickets a counter closed; null when none.
 * - `avgWaitSeconds`, `maxWaitSeconds`: issue → first call, over served tickets (the finish fact carries the wait).
 * - `avgServiceSeconds`: call → finish, over served tickets.
 * - `servedWithinTarget`: share of served tickets whose wait ≤ `targetWaitMinutes`.
 * - `satisfaction`: (very satisfied + satisfied) / ratings given; null without a rating.
 * - `dossiers`: received and returned; a returned dossier with a due day (NgayHenTra) is early (returned before
 *   it), on time (on it) or late (after it); `onTimeRate` = (early + on time) / those three.
 */
export const HubReportFigures = z.object({
  issued: z.number().int().nonnegative(),
  served: z.number().int().nonnegative(),
  noShow: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
  transferred: z.number().int().nonnegative(),
  noShowRate: Share,
  avgWaitSeconds: Seconds,
  maxWaitSeconds: Seconds,
  avgServiceSeconds: Seconds,
  servedWithinTarget: Share,
  ratings: z.object({
    verySatisfied: z.number().int().nonnegative(),
    satisfied: z.number().int().nonnegative(),
    unsatisfied: z.number().int().nonnegative(),
  }),
  satisfaction: Share,
  dossiers: z.object({
    received: z.number().int().nonnegative(),
    returned: z.number().int().nonnegative(),
    returnedEarly: z.number().int().nonnegative(),
    returnedOnTime: z.number().int().nonnegative(),
    returnedLate: z.number().int().nonnegative(),
    onTimeRate: Share,
  }),
});
export type HubReportFigures = z.infer<typeof HubReportFigures>;

/** What the site itself reported for those days (its daily_totals facts), beside what the hub summed. */
export const HubSiteReported = z.object({
  issued: z.number().int().nonnegative(),
  served: z.number().int().nonnegative(),
  noShow: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
});
export type HubSiteReported = z.infer<typeof HubSiteReported>;

export const HubSiteReport = HubReportFigures.extend({
  siteId: z.number().int(),
  code: z.string(),
  name: z.string(),
  commune: z.string(),
  /** null when the site sent no daily totals for those days. */
  siteReported: HubSiteReported.nullable(),
});
export type HubSiteReport = z.infer<typeof HubSiteReport>;

/** By the site's service code ("" = dossier facts that named no service). */
export const HubServiceReport = HubReportFigures.extend({ code: z.string() });
export type HubServiceReport = z.infer<typeof HubServiceReport>;

/**
 * One weekday (1 = Monday … 7 = Sunday) × Vietnam hour, summed over the range: tickets issued, and the average wait
 * of the tickets served that arrived in that hour (their issue time reckoned back from the finish).
 */
export const HubHourCell = z.object({
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  arrivals: z.number().int().nonnegative(),
  avgWaitSeconds: Seconds,
});
export type HubHourCell = z.infer<typeof HubHourCell>;

export const HubReportReply = z.object({
  from: z.string(),
  to: z.string(),
  targetWaitMinutes: z.number().int(),
  totals: HubReportFigures,
  bySite: z.array(HubSiteReport),
  byService: z.array(HubServiceReport),
  /** All 7 × 24 cells, Monday 00h first. */
  byHour: z.array(HubHourCell),
});
export type HubReportReply = z.infer<typeof HubReportReply>;
