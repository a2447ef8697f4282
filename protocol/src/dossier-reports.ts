/**
 * Deadlines for the center (issue 18): the admin's lists of the dossier register and Decision 766's
 * "tiến độ giải quyết" figures. How a dossier is judged (the server's `domain/dossier-deadlines.ts`):
 * - a dossier is *resolved* when its result came (`resultReadyAt`, else `returnedAt`); *closed* when not
 *   received, withdrawn or stopped (TrangThaiHoSo 3, 7, 8);
 * - resolved *early* / *on time* / *late*: the Vietnam day it was resolved is before / the same as / after the
 *   appointment's day (no appointment: on time);
 * - *overdue*: not resolved, not closed, and past its appointment;
 * - *uncollected*: resolved, not returned to the citizen, for at least N working days (Mon–Fri).
 */
import { z } from 'zod';
import { DossierProgress, DossierRecord, DossierView } from './dossier-register.js';
import { checkReportRange, ReportDay } from './reports.js';
import { IsoDateTime } from './rest.js';

const QueryId = z.coerce.number().int().positive().max(2_147_483_647);

/** `GET /api/dossiers?view=…&serviceId=…&officerId=…&format=json|xlsx`. */
export const DossierListQuery = z.object({
  view: DossierView.default('overdue'),
  /** The receiving service. */
  serviceId: QueryId.optional(),
  /** The receiving officer. */
  officerId: QueryId.optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});
export type DossierListQuery = z.infer<typeof DossierListQuery>;

/** The most rows one list answers (the oldest deadlines first); `total` says how many matched. */
export const DOSSIER_LIST_MAX = 2000;

export const DossierList = z.object({
  view: DossierView,
  at: IsoDateTime,
  /** The working days after which a ready result counts as uncollected (the center's setting). */
  uncollectedAlertDays: z.number().int().positive(),
  total: z.number().int().nonnegative(),
  dossiers: z.array(DossierRecord),
});
export type DossierList = z.infer<typeof DossierList>;

/** `GET /api/reports/dossiers?from=YYYY-MM-DD&to=YYYY-MM-DD`: Vietnam days, as the queue report's. */
export const DossierProgressQuery = z
  .object({ from: ReportDay, to: ReportDay })
  .superRefine(checkReportRange);
export type DossierProgressQuery = z.infer<typeof DossierProgressQuery>;

/** One group's figures: a receiving service, or a receiving officer. */
export const DossierProgressLine = DossierProgress.extend({ id: z.number().int(), name: z.string() });
export type DossierProgressLine = z.infer<typeof DossierProgressLine>;

/**
 * Decision 766's progress figures over a range: `received` counts dossiers received on those days; the resolved
 * ones (early, on time, late) those resolved on those days; in progress (within time, overdue) those received
 * on those days and still unresolved now.
 */
export const DossierProgressReply = z.object({
  from: z.string(),
  to: z.string(),
  totals: DossierProgress,
  byService: z.array(DossierProgressLine),
  byOfficer: z.array(DossierProgressLine),
});
export type DossierProgressReply = z.infer<typeof DossierProgressReply>;
