import { describe, expect, it } from 'vitest';
import {
  decideAnswer,
  decideAssign,
  decideClassify,
  decideClose,
  decideForward,
  feedbackDue,
  feedbackDueDays,
  metDueDay,
  soonDayOf,
  type FeedbackStateFacts,
} from './feedback.js';
import { vnInstant } from './time.js';
import { calendarOf, MON_TO_FRI } from './working-days.js';

// 2026-12-04 is a Friday; the 9th (Wednesday) a holiday, the 12th (Saturday) a make-up working day.
const HOLIDAY = calendarOf({ holidays: ['2026-12-09'], workdays: [] });
const MAKE_UP = calendarOf({ holidays: ['2026-12-09'], workdays: ['2026-12-12'] });
const DAYS = { forwardDays: 5, answerDays: 10 };

describe('feedback due days', () => {
  it('count working days from the day received, across a weekend, a holiday and a make-up day', () => {
    expect(feedbackDueDays('2026-12-04', DAYS, MON_TO_FRI)).toEqual({
      forwardDueDay: '2026-12-11',
      answerDueDay: '2026-12-18',
    });
    expect(feedbackDueDays('2026-12-04', DAYS, HOLIDAY)).toEqual({
      forwardDueDay: '2026-12-14',
      answerDueDay: '2026-12-21',
    });
    expect(feedbackDueDays('2026-12-04', DAYS, MAKE_UP)).toEqual({
      forwardDueDay: '2026-12-12',
      answerDueDay: '2026-12-18',
    });
    // Received on a Sunday: the first working day counted is Monday.
    expect(feedbackDueDays('2026-12-06', { forwardDays: 1, answerDays: 2 }, HOLIDAY)).toEqual({
      forwardDueDay: '2026-12-07',
      answerDueDay: '2026-12-08',
    });
  });

  it('are met by an action on or before the day, in Vietnam time', () => {
    expect(metDueDay('2026-12-11', vnInstant('2026-12-11', 23 * 60 + 59))).toBe(true);
    expect(metDueDay('2026-12-11', vnInstant('2026-12-12', 0))).toBe(false);
  });

  it('make a case overdue past a due day not met, due soon within soonDays working days', () => {
    const c = {
      status: 'new' as const,
      class: null,
      forwardDueDay: '2026-12-14',
      answerDueDay: '2026-12-21',
    };
    // Friday the 11th, 2 working days ahead over the weekend: Tuesday the 15th covers the forwarding.
    const soon = soonDayOf('2026-12-11', 2, HOLIDAY);
    expect(soon).toBe('2026-12-15');
    expect(feedbackDue(c, '2026-12-11', soon)).toEqual({ overdue: false, dueSoon: true });
    expect(feedbackDue(c, '2026-12-07', soonDayOf('2026-12-07', 2, HOLIDAY))).toEqual({
      overdue: false,
      dueSoon: false,
    });
    expect(feedbackDue(c, '2026-12-15', '2026-12-17')).toEqual({ overdue: true, dueSoon: false });
    // Within the center's authority: no forwarding is due, only the answer.
    const within = { ...c, status: 'processing' as const, class: 'within-authority' as const };
    expect(feedbackDue(within, '2026-12-15', '2026-12-17')).toEqual({ overdue: false, dueSoon: false });
    expect(feedbackDue(within, '2026-12-18', '2026-12-22')).toEqual({ overdue: false, dueSoon: true });
    expect(feedbackDue(within, '2026-12-22', '2026-12-24')).toEqual({ overdue: true, dueSoon: false });
    // Forwarded: only the answer; answered or closed: nothing.
    expect(
      feedbackDue({ ...c, status: 'forwarded', class: 'outside-authority' }, '2026-12-15', '2026-12-17'),
    ).toEqual({ overdue: false, dueSoon: false });
    expect(feedbackDue({ ...c, status: 'answered' }, '2027-01-30', '2027-02-02')).toEqual({
      overdue: false,
      dueSoon: false,
    });
  });
});

describe('feedback transitions', () => {
  const at = (status: FeedbackStateFacts['status'], cls: FeedbackStateFacts['class'] = null) => ({
    status,
    class: cls,
    receivedDay: '2026-12-04',
  });
  const refused = { ok: false, code: 'LAYSO_FEEDBACK_STATE' };

  it('classify until answered; a forwarded case stays forwarded', () => {
    expect(decideClassify(at('new'))).toEqual({ ok: true, value: 'processing' });
    expect(decideClassify(at('processing', 'within-authority'))).toEqual({ ok: true, value: 'processing' });
    expect(decideClassify(at('forwarded', 'outside-authority'))).toEqual({ ok: true, value: 'forwarded' });
    expect(decideClassify(at('answered', 'within-authority'))).toEqual(refused);
    expect(decideClassify(at('closed', 'not-qualified'))).toEqual(refused);
  });

  it('forward only a classified case outside authority, once, on a date neither future nor before receipt', () => {
    const now = vnInstant('2026-12-08', 10 * 60);
    expect(decideForward(at('processing', 'outside-authority'), now, now)).toEqual({ ok: true, value: null });
    expect(decideForward(at('new'), now, now)).toEqual(refused);
    expect(decideForward(at('processing', 'within-authority'), now, now)).toEqual(refused);
    expect(decideForward(at('forwarded', 'outside-authority'), now, now)).toEqual(refused);
    const date = { ok: false, code: 'LAYSO_FEEDBACK_FORWARD_DATE' };
    expect(decideForward(at('processing', 'outside-authority'), vnInstant('2026-12-09', 0), now)).toEqual(
      date,
    );
    expect(decideForward(at('processing', 'outside-authority'), vnInstant('2026-12-03', 600), now)).toEqual(
      date,
    );
    expect(decideForward(at('processing', 'outside-authority'), vnInstant('2026-12-04', 1), now).ok).toBe(
      true,
    );
  });

  it('answer from any open state, correct an answer until closed; close answered or not-qualified cases', () => {
    for (const s of ['new', 'processing', 'forwarded'] as const)
      expect(decideAnswer(at(s))).toEqual({ ok: true, value: { correction: false } });
    expect(decideAnswer(at('answered'))).toEqual({ ok: true, value: { correction: true } });
    expect(decideAnswer(at('closed'))).toEqual(refused);
    expect(decideClose(at('answered', 'within-authority')).ok).toBe(true);
    expect(decideClose(at('new', 'not-qualified')).ok).toBe(true);
    expect(decideClose(at('processing', 'within-authority'))).toEqual(refused);
    expect(decideClose(at('new'))).toEqual(refused);
    expect(decideClose(at('closed', 'not-qualified'))).toEqual(refused);
    expect(decideAssign(at('answered')).ok).toBe(true);
    expect(decideAssign(at('closed'))).toEqual(refused);
  });
});
