import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FEEDBACK_SETTINGS, FEEDBACK_CONSENT } from '@layso/protocol';
import { hashPassword } from '@layso/server-kit';
import { vnInstant } from '../domain/time.js';
import { startFeedbackKit, type FeedbackKit } from '../testing/feedback.js';
import { login } from '../testing/kit.js';

/**
 * The feedback register over HTTP (issue 22): the transitions and refusals (nothing changes), what a case says may
 * be done to it, the case about its viewer hidden until answered, due days on the center's calendar, the notice
 * planned on answer, the audit. Real SQLite and HTTP on a fake clock (Monday 2026-12-07, 09:00).
 */
const DAY = '2026-12-07';
const PHONE = '0912345678';
const TEXT = 'Chờ quá lâu ở quầy Tư pháp, cán bộ không hướng dẫn';
let k: FeedbackKit;

beforeAll(async () => {
  k = await startFeedbackKit(DAY);
  // Answers go by SMS, to the notify stand-in.
  k.sms(true);
});
afterAll(() => k.close());
beforeEach(() => {
  k.clock.set(vnInstant(DAY, 9 * 60));
  k.settings({});
});

describe('the register', () => {
  it('classifies, forwards, answers and closes; refuses what the state does not allow and changes nothing', async () => {
    const { act, desk } = k;
    const ANSWER = 'Sở đã kiểm tra hồ sơ của ông và trả lời bằng văn bản';
    const r = await k.phone({
      topic: 'wrong-rules',
      text: TEXT,
      phone: PHONE,
      consentVersion: FEEDBACK_CONSENT.version,
    });
    const id = k.idOf(r.body.code);
    const state = () => k.h.store.feedback.byId(id);
    expect((await k.caseOf(desk, id)).body.actions).toEqual(['classify', 'assign', 'answer']);
    expect((await act(desk, id, 'forward', { to: 'Sở Xây dựng', means: 'letter' })).body.error.code).toBe(
      'LAYSO_FEEDBACK_STATE',
    );
    expect((await act(desk, id, 'close', {})).body.error.code).toBe('LAYSO_FEEDBACK_STATE');
    expect(state()?.status).toBe('new');

    const classified = await act(desk, id, 'classify', {
      class: 'outside-authority',
      note: 'Thuộc Sở Xây dựng',
    });
    expect(classified.body).toMatchObject({
      status: 'processing',
      class: 'outside-authority',
      classNote: 'Thuộc Sở Xây dựng',
      actions: ['classify', 'assign', 'forward', 'answer'],
    });
    const future = await act(desk, id, 'forward', {
      to: 'Sở Xây dựng',
      means: 'letter',
      at: '2026-12-09T09:00:00+07:00',
    });
    expect(future.body.error.code).toBe('LAYSO_FEEDBACK_FORWARD_DATE');
    expect(state()?.status).toBe('processing');

    k.clock.set(vnInstant('2026-12-09', 10 * 60));
    const forwarded = await act(desk, id, 'forward', {
      to: 'Sở Xây dựng',
      means: 'email',
      reference: 'CV 12/TTPVHCC',
    });
    expect(forwarded.body).toMatchObject({
      status: 'forwarded',
      forward: { to: 'Sở Xây dựng', means: 'email', reference: 'CV 12/TTPVHCC' },
      overdue: false,
      actions: ['classify', 'assign', 'answer'],
    });
    expect((await act(desk, id, 'forward', { to: 'X', means: 'other' })).body.error.code).toBe(
      'LAYSO_FEEDBACK_STATE',
    );

    const answered = await act(desk, id, 'answer', { answer: ANSWER, publish: false });
    expect(answered.body).toMatchObject({
      status: 'answered',
      published: false,
      actions: ['assign', 'answer', 'close'],
    });
    const notices = k.h.store.notices.forKey(`f${id}:feedback_answered`);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ event: 'feedback_answered', target: `f${id}` });
    expect(notices[0]?.params.case).toBe(r.body.code);
    const sms = await k.smsTo(PHONE, 1);
    expect(sms.at(-1)).toContain(`Phản ánh ${r.body.code as string} của bạn`);

    // A correction is allowed until closed, tells nobody again, and keeps when and by whom it was answered (the
    // report's "on time" reads them): only its history says who corrected it when.
    const firstAnswer = state();
    k.clock.set(vnInstant('2026-12-28', 10 * 60));
    const corrected = await act(k.admin, id, 'answer', { answer: 'Đã sửa câu trả lời', publish: true });
    expect(corrected.body).toMatchObject({
      answer: 'Đã sửa câu trả lời',
      published: true,
      answeredAt: answered.body.answeredAt,
    });
    expect(state()).toMatchObject({
      answeredAt: firstAnswer?.answeredAt,
      answeredBy: desk.user.id,
    });
    expect(corrected.body.history.at(-2)).toMatchObject({
      kind: 'answered',
      by: k.admin.user.displayName,
      note: 'correction',
    });
    expect(k.h.store.notices.forKey(`f${id}:feedback_answered`)).toHaveLength(1);

    const closed = await act(desk, id, 'close', { note: 'Xong' });
    expect(closed.body).toMatchObject({ status: 'closed', actions: [] });
    for (const [action, body] of [
      ['classify', { class: 'within-authority' }],
      ['answer', { answer: 'x', publish: false }],
      ['close', {}],
      ['assign', { assigneeId: null }],
    ] as const)
      expect((await act(desk, id, action, body)).body.error.code).toBe('LAYSO_FEEDBACK_STATE');
    expect(state()).toMatchObject({ status: 'closed', answer: 'Đã sửa câu trả lời', closeNote: 'Xong' });
    expect(closed.body.history.map((e: { kind: string }) => e.kind)).toEqual([
      'received',
      'classified',
      'forwarded',
      'answered',
      'answered',
      'published',
      'closed',
    ]);
    // Who did what is audited and logged, never what the citizen wrote, their phone, or the answer.
    const audit = JSON.stringify(
      k.h.store.db.prepare("SELECT action, detail FROM audit_log WHERE action LIKE 'feedback.%'").all(),
    );
    expect(audit).toContain('feedback.');
    for (const secret of [TEXT, PHONE, PHONE.slice(1), ANSWER, 'Đã sửa câu trả lời']) {
      expect(audit).not.toContain(secret);
      expect(k.logs.join('\n')).not.toContain(secret);
    }
  });

  it('closes a case that does not qualify at once', async () => {
    const r = await k.kiosk({ topic: 'other', text: 'Quảng cáo' });
    const id = k.idOf(r.body.code);
    const classified = await k.act(k.desk, id, 'classify', { class: 'not-qualified' });
    expect(classified.body.actions).toEqual(['classify', 'assign', 'answer', 'close']);
    expect((await k.act(k.desk, id, 'close', { note: 'Không thuộc phạm vi' })).body.status).toBe('closed');
  });

  it('never shows a supervisor a case about them until it is answered', async () => {
    const username = 'gs1';
    k.h.store.accounts.addUser({
      username,
      displayName: 'Giám sát Một',
      role: 'supervisor',
      passwordHash: await hashPassword('mat-khau-gs1'),
      counterId: null,
    });
    const sup = await login(k.h, username, 'mat-khau-gs1');
    const r = await k.kiosk({ topic: 'attitude', text: 'Giám sát nói năng thiếu tôn trọng' });
    const id = k.idOf(r.body.code);
    const seen = async () => {
      const l = await k.h.api('/api/admin/feedback?limit=500', { token: sup.token });
      return { listed: l.body.cases.some((c: { id: number }) => c.id === id), total: l.body.total };
    };
    expect((await seen()).listed).toBe(true);
    await k.act(k.desk, id, 'classify', { class: 'officer-conduct', officerId: sup.user.id });
    const hidden = await seen();
    expect(hidden.listed).toBe(false);
    expect((await k.caseOf(sup, id)).body.error.code).toBe('LAYSO_FEEDBACK_NOT_FOUND');
    expect(
      (await k.act(sup, id, 'answer', { answer: 'Tôi không sai', publish: false })).body.error.code,
    ).toBe('LAYSO_FEEDBACK_NOT_FOUND');
    expect(k.h.store.feedback.byId(id)?.status).toBe('processing');
    const others = await k.h.api('/api/admin/feedback?limit=500', { token: k.admin.token });
    expect(others.body.total).toBe(hidden.total + 1);

    await k.act(k.desk, id, 'answer', { answer: 'Đã nhắc nhở', publish: false });
    expect((await seen()).listed).toBe(true);
    expect((await k.caseOf(sup, id)).status).toBe(200);
  });

  it('lists by due state and filters; reception reads the settings, only an admin changes them', async () => {
    const old = await k.kiosk({ topic: 'delay', text: TEXT });
    k.clock.set(vnInstant('2026-12-15', 9 * 60));
    const overdue = await k.h.api('/api/admin/feedback?due=overdue&limit=500', { token: k.desk.token });
    expect(overdue.body.cases.map((c: { code: string }) => c.code)).toContain(old.body.code);
    expect(overdue.body.overdue).toBeGreaterThan(0);
    const range = await k.h.api('/api/admin/feedback?from=2026-12-09&to=2026-12-01', { token: k.desk.token });
    expect(range.body.error.code).toBe('LAYSO_REPORT_RANGE_INVALID');
    expect(k.h.server.ctx.floor.state().alerts.some((a) => a.kind === 'feedback-overdue')).toBe(true);

    const path = '/api/admin/feedback/settings';
    expect((await k.h.api(path, { token: k.desk.token })).body).toEqual(DEFAULT_FEEDBACK_SETTINGS);
    const next = { ...DEFAULT_FEEDBACK_SETTINGS, answerDays: 15 };
    expect((await k.h.api(path, { token: k.desk.token, method: 'PUT', body: next })).status).toBe(403);
    const put = await k.h.api(path, { token: k.admin.token, method: 'PUT', body: next });
    expect(put.body.answerDays).toBe(15);
    // Cases already received keep their due days.
    expect(k.h.store.feedback.byCode(old.body.code.replace('-', ''))?.answerDueDay).toBe('2026-12-21');
  });
});

describe('due days on the center calendar', () => {
  it('count from a Friday over a weekend and a holiday; forwarding late is overdue, the answer in time is not', async () => {
    const { act, caseOf, desk } = k;
    const center = k.h.server.ctx.settings;
    const before = center.get();
    // Wednesday the 9th is a holiday.
    center.save({ ...before, holidays: ['2026-12-09'], workdays: [] });
    try {
      k.clock.set(vnInstant('2026-12-04', 10 * 60));
      const r = await k.kiosk({ topic: 'wrong-rules', text: TEXT });
      // 5 working days: 7, 8, 10, 11, 14; 10: … 15, 16, 17, 18, 21.
      expect(r.body.answerDueDay).toBe('2026-12-21');
      const id = k.idOf(r.body.code);
      expect((await caseOf(desk, id)).body).toMatchObject({ forwardDueDay: '2026-12-14', overdue: false });
      await act(desk, id, 'classify', { class: 'outside-authority' });
      // Thursday the 10th: 2 working days ahead reach Monday the 14th, the day to forward by.
      k.clock.set(vnInstant('2026-12-10', 9 * 60));
      expect((await caseOf(desk, id)).body).toMatchObject({ overdue: false, dueSoon: true });
      k.clock.set(vnInstant('2026-12-15', 9 * 60));
      expect((await caseOf(desk, id)).body).toMatchObject({ overdue: true, dueSoon: false });
      const forwarded = await act(desk, id, 'forward', {
        to: 'Sở Tài nguyên và Môi trường',
        means: 'portal',
      });
      expect(forwarded.body).toMatchObject({ status: 'forwarded', overdue: false, dueSoon: false });
      k.clock.set(vnInstant('2026-12-21', 16 * 60));
      const answered = await act(desk, id, 'answer', { answer: 'Sở đã trả lời', publish: true });
      expect(answered.body).toMatchObject({ status: 'answered', overdue: false, dueSoon: false });
    } finally {
      center.save(before);
    }
  });
});
