import { z } from 'zod';
import { Role } from './enums.js';
import {
  FeedbackChannel,
  FeedbackClass,
  FeedbackStatus,
  FeedbackTopic,
  FEEDBACK_ORIGINS,
  ForwardMeans,
} from './feedback.js';
import { ReportDay } from './reports.js';
import { Id, IsoDateTime } from './scalars.js';
import { Text } from './text.js';

/**
 * The feedback register (issue 22): what its keepers — supervisors, admins and the feedback desk — read and do: the
 * cases with their history and files, the actions, the report. The intake side is feedback.ts.
 */

// ---------- the register (admin, supervisors, the feedback desk) ----------

export const FeedbackFile = z.object({
  id: Id,
  type: z.enum(['image/jpeg', 'image/png']),
  bytes: z.number().int().nonnegative(),
  /** A PDF is kept as its pages drawn as pictures: the page it was, 1-based (null for a photo). */
  page: z.number().int().positive().nullable(),
});
export type FeedbackFile = z.infer<typeof FeedbackFile>;

/** One line of a case's history: who did what, when (received, classified, assigned, forwarded, answered, closed). */
export const FeedbackEvent = z.object({
  at: IsoDateTime,
  kind: z.enum([
    'received',
    'classified',
    'assigned',
    'forwarded',
    'answered',
    'published',
    'closed',
    'erased',
  ]),
  /** The staff member's display name; null for the citizen (received from kiosk or phone) and the system. */
  by: z.string().nullable(),
  note: z.string().nullable(),
});
export type FeedbackEvent = z.infer<typeof FeedbackEvent>;

/** A row of the register (list and XLSX). Personal data is shown to the register's staff only. */
export const FeedbackCaseSummary = z.object({
  id: Id,
  code: z.string(),
  channel: FeedbackChannel,
  origin: z.enum(FEEDBACK_ORIGINS).nullable(),
  receivedAt: IsoDateTime,
  topic: FeedbackTopic,
  /** The first 140 characters of the text. */
  excerpt: z.string(),
  status: FeedbackStatus,
  class: FeedbackClass.nullable(),
  serviceId: Id.nullable(),
  serviceName: z.string().nullable(),
  officerId: Id.nullable(),
  officerName: z.string().nullable(),
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  forwardDueDay: ReportDay,
  answerDueDay: ReportDay,
  /** Past a due date not met (forwarding for a case outside authority; the answer for any case not answered). */
  overdue: z.boolean(),
  /** Within `soonDays` working days of a due date not met. */
  dueSoon: z.boolean(),
  answeredAt: IsoDateTime.nullable(),
  closedAt: IsoDateTime.nullable(),
});
export type FeedbackCaseSummary = z.infer<typeof FeedbackCaseSummary>;

/** What may be done to a case now (the server's transition rules, so a screen never repeats them). */
export const FeedbackAction = z.enum(['classify', 'assign', 'forward', 'answer', 'close']);
export type FeedbackAction = z.infer<typeof FeedbackAction>;

export const FeedbackCase = FeedbackCaseSummary.extend({
  actions: z.array(FeedbackAction),
  /** Whether answering it now would tell the citizen (a phone given and a text channel — ZNS or SMS — switched on). */
  noticeOnAnswer: z.boolean(),
  text: z.string(),
  /** Null when not given, or erased by retention. */
  name: z.string().nullable(),
  phone: z.string().nullable(),
  personalErased: z.boolean(),
  dossierCode: z.string().nullable(),
  ticket: z
    .object({ id: Id, number: z.string(), issuedAt: IsoDateTime, rating: z.string().nullable() })
    .nullable(),
  counterId: Id.nullable(),
  counterName: z.string().nullable(),
  /** The staff member who took it (officer or help desk); null from kiosk or phone. */
  receivedBy: z.string().nullable(),
  classNote: z.string().nullable(),
  forward: z
    .object({ to: z.string(), means: ForwardMeans, at: IsoDateTime, reference: z.string().nullable() })
    .nullable(),
  answer: z.string().nullable(),
  published: z.boolean(),
  closeNote: z.string().nullable(),
  files: z.array(FeedbackFile),
  history: z.array(FeedbackEvent),
});
export type FeedbackCase = z.infer<typeof FeedbackCase>;

/**
 * A staff member the register's forms can name as concerned or assign the case to (the feedback desk may not read
 * the accounts' admin list): active accounts, their name and role only.
 */
export const FeedbackStaff = z.object({ id: Id, displayName: z.string(), role: Role });
export type FeedbackStaff = z.infer<typeof FeedbackStaff>;

export const FeedbackListQuery = z
  .object({
    status: FeedbackStatus.optional(),
    class: FeedbackClass.optional(),
    channel: FeedbackChannel.optional(),
    /** Only cases past or near a due date, not yet answered or forwarded as due. */
    due: z.enum(['overdue', 'soon']).optional(),
    from: ReportDay.optional(),
    to: ReportDay.optional(),
    /** Searches the code and the text (diacritics folded). */
    q: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();

export const FeedbackList = z.object({
  cases: z.array(FeedbackCaseSummary),
  /** All cases matching the filters (the list may be cut at `limit`). */
  total: z.number().int().nonnegative(),
  overdue: z.number().int().nonnegative(),
  dueSoon: z.number().int().nonnegative(),
});
export type FeedbackList = z.infer<typeof FeedbackList>;

const Note = Text(1000, { multiline: true });

export const FeedbackClassifyBody = z
  .object({
    class: FeedbackClass,
    serviceId: Id.nullable().optional(),
    officerId: Id.nullable().optional(),
    note: Note.nullable().optional(),
  })
  .strict();
export const FeedbackAssignBody = z.object({ assigneeId: Id.nullable() }).strict();
export const FeedbackForwardBody = z
  .object({
    /** The competent agency it goes to. */
    to: Text(200),
    means: ForwardMeans,
    /** When it was sent; default now. Not in the future, not before the case was received. */
    at: IsoDateTime.optional(),
    /** The letter's number, the e-mail's subject, the portal's case code. */
    reference: Text(100).nullable().optional(),
  })
  .strict();
export const FeedbackAnswerBody = z
  .object({ answer: Text(4000, { multiline: true }), publish: z.boolean() })
  .strict();
export const FeedbackCloseBody = z.object({ note: Note.nullable().optional() }).strict();

// ---------- reports ----------

export const FeedbackReportQuery = z.object({ from: ReportDay, to: ReportDay }).strict();
export const FeedbackRegisterQuery = FeedbackReportQuery;

const Tally = z.object({
  key: z.string(),
  /** The class, department, officer or channel's name (Vietnamese). */
  label: z.string(),
  cases: z.number().int().nonnegative(),
  answered: z.number().int().nonnegative(),
  answeredOnTime: z.number().int().nonnegative(),
  overdue: z.number().int().nonnegative(),
});

/**
 * Cases received in [from, to] by class, department, officer and channel; answered on time (on or before the answer
 * due day); forwarded on time; and the link between ratings and cases: unsatisfied ratings in the range, cases that
 * came from one (origin 'rating' or a rated ticket), per officer too.
 */
export const FeedbackReport = z.object({
  from: ReportDay,
  to: ReportDay,
  totals: z.object({
    cases: z.number().int().nonnegative(),
    answered: z.number().int().nonnegative(),
    answeredOnTime: z.number().int().nonnegative(),
    forwarded: z.number().int().nonnegative(),
    forwardedOnTime: z.number().int().nonnegative(),
    overdue: z.number().int().nonnegative(),
    anonymous: z.number().int().nonnegative(),
  }),
  byClass: z.array(Tally),
  byDepartment: z.array(Tally),
  byOfficer: z.array(Tally),
  byChannel: z.array(Tally),
  ratings: z.object({
    unsatisfied: z.number().int().nonnegative(),
    /** Cases about a ticket that was rated, and of those the ones rated unsatisfied. */
    casesWithRating: z.number().int().nonnegative(),
    casesAfterUnsatisfied: z.number().int().nonnegative(),
    byOfficer: z.array(
      z.object({
        officerId: Id,
        officerName: z.string(),
        unsatisfied: z.number().int().nonnegative(),
        cases: z.number().int().nonnegative(),
      }),
    ),
  }),
});
export type FeedbackReport = z.infer<typeof FeedbackReport>;
