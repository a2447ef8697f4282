import { describe, expect, it } from 'vitest';
import { DEFAULT_FEEDBACK_SETTINGS } from '@layso/protocol';
import {
  dueBadge,
  emptyFilter,
  eventNote,
  feedbackRoute,
  registerQuery,
  settingsFromForm,
} from './feedback-view.js';

/** The default feedback settings as the form shows them. */
const DEFAULTS_TYPED = {
  forwardDays: '5',
  answerDays: '10',
  soonDays: '2',
  retentionDays: '1825',
  perKioskPerHour: '20',
  perSenderPerDay: '5',
  perAddressPerDay: '30',
};

describe('the feedback section', () => {
  it('opens the part its address names', () => {
    expect(feedbackRoute('#feedback')).toEqual({ view: 'register', due: null });
    expect(feedbackRoute('#feedback/overdue')).toEqual({ view: 'register', due: 'overdue' });
    expect(feedbackRoute('#/feedback/soon')).toEqual({ view: 'register', due: 'soon' });
    expect(feedbackRoute('#feedback/12')).toEqual({ view: 'case', id: 12 });
    expect(feedbackRoute('#feedback/new')).toEqual({ view: 'new' });
    expect(feedbackRoute('#feedback/report')).toEqual({ view: 'report' });
    expect(feedbackRoute('#feedback/settings')).toEqual({ view: 'settings' });
    expect(feedbackRoute('#feedback/0')).toEqual({ view: 'register', due: null });
    expect(feedbackRoute('#feedback/x1')).toEqual({ view: 'register', due: null });
  });

  it('asks the register only for the filters set, the search trimmed', () => {
    expect(registerQuery(emptyFilter())).toEqual({});
    expect(
      registerQuery({
        ...emptyFilter('overdue'),
        class: 'outside-authority',
        from: '2026-12-01',
        q: '  chậm ',
      }),
    ).toEqual({ due: 'overdue', class: 'outside-authority', from: '2026-12-01', q: 'chậm' });
  });

  it('badges overdue before due soon, nothing when neither', () => {
    expect(dueBadge({ overdue: true, dueSoon: true })?.kind).toBe('overdue');
    expect(dueBadge({ overdue: false, dueSoon: true })?.m.vi).toBe('Sắp đến hạn');
    expect(dueBadge({ overdue: false, dueSoon: false })).toBeNull();
  });

  it("puts the history's keys in words, other notes as written", () => {
    expect(eventNote({ kind: 'received', note: 'kiosk' })?.vi).toBe('Tại ki-ốt');
    expect(eventNote({ kind: 'classified', note: 'outside-authority' })?.vi).toBe(
      'Không thuộc thẩm quyền (chuyển cơ quan khác)',
    );
    expect(eventNote({ kind: 'forwarded', note: 'letter' })?.vi).toBe('Công văn');
    expect(eventNote({ kind: 'answered', note: 'correction' })?.vi).toBe('Sửa câu trả lời');
    expect(eventNote({ kind: 'closed', note: 'Đã xong' })?.vi).toBe('Đã xong');
    expect(eventNote({ kind: 'assigned', note: null })).toBeNull();
  });

  it('refuses a setting out of the contract range before sending, naming the field', () => {
    const typed = DEFAULTS_TYPED;
    expect(settingsFromForm(true, typed)).toEqual({ ok: true, settings: DEFAULT_FEEDBACK_SETTINGS });
    const bad = settingsFromForm(true, { ...typed, retentionDays: '10' });
    expect(bad).toMatchObject({ ok: false, field: 'retentionDays' });
    expect(!bad.ok && bad.problem.vi).toBe(
      'Giữ họ tên, điện thoại, ảnh sau khi trả lời hoặc kết thúc (ngày): nhập số nguyên từ 30 đến 3650.',
    );
    expect(settingsFromForm(false, { ...typed, answerDays: '2.5' })).toMatchObject({
      ok: false,
      field: 'answerDays',
    });
    expect(settingsFromForm(true, { ...typed, perAddressPerDay: '0' })).toMatchObject({
      ok: false,
      field: 'perAddressPerDay',
    });
  });

  it("refuses a forwarding time longer than the answer's, in the contract's words", () => {
    const typed = { ...DEFAULTS_TYPED, forwardDays: '12' };
    expect(settingsFromForm(true, typed)).toEqual({
      ok: false,
      field: 'forwardDays',
      problem: {
        vi: 'Hạn chuyển không được dài hơn hạn trả lời',
        en: 'The forwarding time cannot be longer than the answer time',
      },
    });
  });
});
