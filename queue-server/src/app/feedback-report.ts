import { daysInRange, REPORT_MAX_DAYS, type FeedbackReport } from '@layso/protocol';
import type { DueDays } from '../db/feedback.js';
import type { FeedbackListRow, Store } from '../db/store.js';
import { feedbackDue, metDueDay } from '../domain/feedback.js';
import { fail } from '../errors.js';
import {
  FEEDBACK_CHANNEL_LABELS,
  FEEDBACK_CLASS_LABELS,
  FEEDBACK_UNSET,
} from '@layso/protocol/feedback-labels';

type Tally = FeedbackReport['byClass'][number];

/** More cases than a center receives in a year of reports' range: the register's rows are read whole. */
const ALL_ROWS = 1_000_000;

/** Refuses a range the other reports refuse (reversed, or longer than REPORT_MAX_DAYS). */
export function checkRange(from: string, to: string): void {
  const days = daysInRange(from, to);
  if (days < 1 || days > REPORT_MAX_DAYS) {
    fail('LAYSO_REPORT_RANGE_INVALID', { from, to, problem: days < 1 ? 'order' : 'length' });
  }
}

/** Who reads, and the due days as of today: a case about the viewer stays out until it is answered or closed. */
export interface RegisterView extends DueDays {
  viewerId: number | null;
}

/** The cases received on Vietnam days [from, to] that `view`'s viewer may see, oldest first (the register's order). */
export function registerRows(store: Store, from: string, to: string, view: RegisterView): FeedbackListRow[] {
  checkRange(from, to);
  return store.feedback.list({ ...view, from, to }, ALL_ROWS).reverse();
}

/** Answered (whatever happened next) and whether on or before the answer's due day. */
const answered = (c: FeedbackListRow) => c.answeredAt !== null;
const answeredOnTime = (c: FeedbackListRow) =>
  c.answeredAt !== null && metDueDay(c.answerDueDay, c.answeredAt);

/**
 * Cases by class, department, officer and channel with how many were answered, on time, and are overdue today;
 * forwarding on time; and the link with ratings: unsatisfied ratings over the same days (per officer who served),
 * cases about a rated ticket and, of those, an unsatisfied one.
 */
export function feedbackReport(store: Store, from: string, to: string, view: RegisterView): FeedbackReport {
  const cases = registerRows(store, from, to, view);
  const overdue = (c: FeedbackListRow) => feedbackDue(c, view.today, view.soon).overdue;

  function tallyBy(
    key: (c: FeedbackListRow) => string | null,
    label: (c: FeedbackListRow) => string,
  ): Tally[] {
    const tallies = new Map<string, Tally>();
    for (const c of cases) {
      const k = key(c);
      if (k === null) continue;
      let t = tallies.get(k);
      if (!t)
        tallies.set(
          k,
          (t = { key: k, label: label(c), cases: 0, answered: 0, answeredOnTime: 0, overdue: 0 }),
        );
      t.cases += 1;
      if (answered(c)) t.answered += 1;
      if (answeredOnTime(c)) t.answeredOnTime += 1;
      if (overdue(c)) t.overdue += 1;
    }
    return [...tallies.values()].sort((a, b) => b.cases - a.cases || a.label.localeCompare(b.label, 'vi'));
  }

  const forwarded = cases.filter((c) => c.forwardedAt !== null);
  const ratings = store.feedbackReport.ticketRatings(from, to);
  const shown = new Set(cases.map((c) => c.id));
  const rated = [...ratings].filter(([id]) => shown.has(id));

  // Per officer: unsatisfied ratings of the tickets they served, and the cases about them, over the same days.
  const perOfficer = new Map<
    number,
    { officerId: number; officerName: string; unsatisfied: number; cases: number }
  >();
  const officer = (id: number, name: string | null) => {
    let o = perOfficer.get(id);
    if (!o)
      perOfficer.set(
        id,
        (o = { officerId: id, officerName: name ?? FEEDBACK_UNSET.unknown.vi, unsatisfied: 0, cases: 0 }),
      );
    return o;
  };
  const unsatisfied = store.feedbackReport.unsatisfiedByOfficer(from, to);
  for (const u of unsatisfied)
    if (u.officerId !== null) officer(u.officerId, u.officerName).unsatisfied += u.unsatisfied;
  for (const c of cases) if (c.officerId !== null) officer(c.officerId, c.officerName).cases += 1;

  return {
    from,
    to,
    totals: {
      cases: cases.length,
      answered: cases.filter(answered).length,
      answeredOnTime: cases.filter(answeredOnTime).length,
      forwarded: forwarded.length,
      forwardedOnTime: forwarded.filter(
        (c) => c.forwardedAt !== null && metDueDay(c.forwardDueDay, c.forwardedAt),
      ).length,
      overdue: cases.filter(overdue).length,
      anonymous: cases.filter((c) => c.name === null && c.phone === null && c.personalErasedAt === null)
        .length,
    },
    byClass: tallyBy(
      (c) => c.class ?? 'unclassified',
      (c) => (c.class ? FEEDBACK_CLASS_LABELS[c.class] : FEEDBACK_UNSET.unclassified).vi,
    ),
    byDepartment: tallyBy(
      (c) => (c.serviceId === null ? 'none' : String(c.serviceId)),
      (c) => c.serviceName ?? FEEDBACK_UNSET.unknown.vi,
    ),
    byOfficer: tallyBy(
      (c) => (c.officerId === null ? null : String(c.officerId)),
      (c) => c.officerName ?? FEEDBACK_UNSET.unknown.vi,
    ),
    byChannel: tallyBy(
      (c) => c.channel,
      (c) => FEEDBACK_CHANNEL_LABELS[c.channel].vi,
    ),
    ratings: {
      unsatisfied: unsatisfied.reduce((n, u) => n + u.unsatisfied, 0),
      casesWithRating: rated.length,
      casesAfterUnsatisfied: rated.filter(([, rating]) => rating === 'unsatisfied').length,
      byOfficer: [...perOfficer.values()].sort(
        (a, b) =>
          b.unsatisfied + b.cases - (a.unsatisfied + a.cases) ||
          a.officerName.localeCompare(b.officerName, 'vi'),
      ),
    },
  };
}
