/**
 * Feedback and complaints (issue 22), the pure rules: a case's due days, whether it is overdue or due soon on a
 * day, and which action its state allows. Days are Vietnam days `yyyy-MM-dd` counted in working days on the
 * center's calendar (./working-days.ts). No I/O, no clock: the caller hands the day in.
 */
import type { FeedbackAction, FeedbackClass, FeedbackSettings, FeedbackStatus } from '@layso/protocol';
import { serviceDay } from './time.js';
import { addWorkingDays, type WorkingCalendar } from './working-days.js';

/** The due days of a case received on `receivedDay`, fixed at receipt (a later change of settings keeps them). */
export function feedbackDueDays(
  receivedDay: string,
  s: Pick<FeedbackSettings, 'forwardDays' | 'answerDays'>,
  cal: WorkingCalendar,
): { forwardDueDay: string; answerDueDay: string } {
  return {
    forwardDueDay: addWorkingDays(receivedDay, s.forwardDays, cal),
    answerDueDay: addWorkingDays(receivedDay, s.answerDays, cal),
  };
}

/** The last day a due day counts as "soon" from: `soonDays` working days after today. */
export const soonDayOf = (today: string, soonDays: number, cal: WorkingCalendar): string =>
  addWorkingDays(today, soonDays, cal);

/** What the due rules read of a case. */
export interface FeedbackDueFacts {
  status: FeedbackStatus;
  class: FeedbackClass | null;
  forwardDueDay: string;
  answerDueDay: string;
}

const OPEN: readonly FeedbackStatus[] = ['new', 'processing', 'forwarded'];

/** The due days not met yet: the answer while open; forwarding while not forwarded and maybe outside authority. */
function pendingDueDays(c: FeedbackDueFacts): string[] {
  const days: string[] = [];
  if (OPEN.includes(c.status)) days.push(c.answerDueDay);
  if (
    (c.status === 'new' || c.status === 'processing') &&
    (c.class === null || c.class === 'outside-authority')
  )
    days.push(c.forwardDueDay);
  return days;
}

/**
 * Overdue: a due day not met is before `today`. Due soon: not overdue and a due day not met is on or before
 * `soonDay` ({@link soonDayOf}). db/feedback.ts holds the same rules in SQL for the register's counts.
 */
export function feedbackDue(
  c: FeedbackDueFacts,
  today: string,
  soonDay: string,
): { overdue: boolean; dueSoon: boolean } {
  const days = pendingDueDays(c);
  const overdue = days.some((d) => d < today);
  return { overdue, dueSoon: !overdue && days.some((d) => d <= soonDay) };
}

/** A due day is met when the action happened on or before it (its Vietnam day). */
export const metDueDay = (dueDay: string, at: Date): boolean => serviceDay(at) <= dueDay;

export type FeedbackRefusal = 'LAYSO_FEEDBACK_STATE' | 'LAYSO_FEEDBACK_FORWARD_DATE';
export type FeedbackDecision<T> = { ok: true; value: T } | { ok: false; code: FeedbackRefusal };

const allow = <T>(value: T): FeedbackDecision<T> => ({ ok: true, value });
const refuse = <T>(code: FeedbackRefusal = 'LAYSO_FEEDBACK_STATE'): FeedbackDecision<T> => ({
  ok: false,
  code,
});

/** What the transition rules read of a case. */
export interface FeedbackStateFacts {
  status: FeedbackStatus;
  class: FeedbackClass | null;
  receivedDay: string;
}

/** Classify (again) until answered: a new case goes to processing, a forwarded one stays forwarded. */
export function decideClassify(c: FeedbackStateFacts): FeedbackDecision<FeedbackStatus> {
  if (c.status === 'new' || c.status === 'processing') return allow('processing');
  if (c.status === 'forwarded') return allow('forwarded');
  return refuse();
}

/** Assign (or unassign) while the case is not closed. */
export function decideAssign(c: FeedbackStateFacts): FeedbackDecision<null> {
  return c.status === 'closed' ? refuse() : allow(null);
}

/** A clock a little ahead on the staff member's computer is not "the future". */
const FORWARD_SKEW_MS = 5 * 60_000;

const mayForward = (c: FeedbackStateFacts): boolean =>
  c.status === 'processing' && c.class === 'outside-authority';

/**
 * Forward: only a classified case outside the center's authority, once; the date sent is not in the future and not
 * before the day it was received.
 */
export function decideForward(c: FeedbackStateFacts, at: Date, now: Date): FeedbackDecision<null> {
  if (!mayForward(c)) return refuse();
  if (at.getTime() > now.getTime() + FORWARD_SKEW_MS || serviceDay(at) < c.receivedDay)
    return refuse('LAYSO_FEEDBACK_FORWARD_DATE');
  return allow(null);
}

/** Answer from new, processing or forwarded; an answered case's answer may be corrected until it is closed. */
export function decideAnswer(c: FeedbackStateFacts): FeedbackDecision<{ correction: boolean }> {
  if (c.status === 'closed') return refuse();
  return allow({ correction: c.status === 'answered' });
}

/** Close an answered case, or a case that does not qualify in any state but closed. Closed is final. */
export function decideClose(c: FeedbackStateFacts): FeedbackDecision<null> {
  if (c.status === 'closed') return refuse();
  if (c.status === 'answered' || c.class === 'not-qualified') return allow(null);
  return refuse();
}

/**
 * What its state allows now, by the rules above (forwarding's date is checked when it is done): a screen shows these
 * actions and no others.
 */
export function feedbackActions(c: FeedbackStateFacts): FeedbackAction[] {
  const actions: FeedbackAction[] = [];
  if (decideClassify(c).ok) actions.push('classify');
  if (decideAssign(c).ok) actions.push('assign');
  if (mayForward(c)) actions.push('forward');
  if (decideAnswer(c).ok) actions.push('answer');
  if (decideClose(c).ok) actions.push('close');
  return actions;
}
