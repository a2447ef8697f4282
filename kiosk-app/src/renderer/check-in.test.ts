import { describe, expect, it } from 'vitest';
import type { PublicBooking, Ticket } from '@layso/protocol';
import type { CccdCard } from '../cccd/parse.js';
import { WELCOME, flow, resetsWhenIdle, type FlowAction, type FlowState, type NotIssued } from './flow.js';
import { notIssuedText, typedCode } from './screens/CheckIn.js';

const CODE = 'K7PQ3M2D';
const booking = (over: Partial<PublicBooking> = {}): PublicBooking => ({
  code: CODE,
  status: 'booked',
  centerName: 'Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long',
  serviceId: 5,
  serviceName: 'Sở Tư pháp',
  procedureName: null,
  day: '2026-12-08',
  start: '09:30',
  end: '10:00',
  startsAt: '2026-12-08T02:30:00.000Z',
  checkInFrom: '2026-12-08T02:15:00.000Z',
  checkInUntil: '2026-12-08T02:40:00.000Z',
  cccdMasked: '*********123',
  phoneMasked: '09******78',
  ticket: null,
  changeable: true,
  url: `https://laysso.example.vn/b/${CODE}`,
  ...over,
});
const early: NotIssued = { outcome: 'early', booking: booking(), comeBackAt: '2026-12-08T02:15:00.000Z' };
const late: NotIssued = { outcome: 'late', booking: booking({ status: 'late' }) };
const card: CccdCard = {
  idNumber: '086195001234',
  oldIdNumber: null,
  fullName: 'Trần Thị Bích',
  birthDate: '1950-03-15',
  gender: 'Nữ',
  address: null,
  issueDate: null,
};
const run = (state: FlowState, ...actions: FlowAction[]) => actions.reduce(flow, state);
/** A citizen halfway through a walk-in number: a draft with details and a refusal on screen. */
const midway = run(
  WELCOME,
  { type: 'choose', serviceId: 3 },
  { type: 'intake', intake: { fullName: 'Nguyễn Văn An' } },
  { type: 'refused', reason: { vi: 'Hết số', en: 'No numbers left' } },
);
const ticket = { id: 9, number: '2001', serviceId: 5 } as Ticket;
const issued = { type: 'issued', issued: { ticket, print: 'printing', priorityName: null } } as const;

describe('"Đã đặt lịch hẹn? Nhận số tại đây"', () => {
  it('opens afresh from the welcome screen, and the idle timer takes it back', () => {
    const s = flow(midway, { type: 'show', step: { kind: 'check-in' } });
    expect(s).toEqual({ ...WELCOME, step: { kind: 'check-in' } });
    expect(resetsWhenIdle(s)).toBe(true);
    expect(flow(s, { type: 'home' })).toBe(WELCOME);
  });

  it('a booking QR scanned checks in from any screen, dropping a half-made number, but not over a number', () => {
    const scanned = flow(midway, { type: 'check-in', code: CODE });
    expect(scanned).toEqual({
      ...WELCOME,
      step: { kind: 'check-in' },
      checkIn: { code: CODE, answer: null },
    });
    const showing = flow(midway, issued);
    expect(flow(showing, { type: 'check-in', code: CODE })).toBe(showing);
    // By the card, nothing of it is kept in the state: only that a check-in is under way.
    expect(flow(WELCOME, { type: 'check-in', code: null }).checkIn).toEqual({ code: null, answer: null });
  });

  it('a card read on the check-in screen is the check-in (App sends it), never anyone’s details', () => {
    const open = flow(WELCOME, { type: 'show', step: { kind: 'check-in' } });
    expect(flow(open, { type: 'card', card, at: 5 })).toBe(open);
    // Elsewhere it keeps its meaning: on the welcome screen it asks for a department first.
    expect(flow(WELCOME, { type: 'card', card, at: 5 }).step).toEqual({ kind: 'welcome' });
  });

  it('too early or too late shows the answer; an answer after the citizen left is dropped', () => {
    const checking = flow(WELCOME, { type: 'check-in', code: CODE });
    const refused = flow(checking, { type: 'refused', reason: { vi: 'Quá nhanh', en: 'Too fast' } });
    for (const answer of [early, late]) {
      const s = flow(refused, { type: 'check-in-answer', answer });
      expect(s).toMatchObject({
        step: { kind: 'check-in-answer' },
        refusal: null,
        checkIn: { code: CODE, answer },
      });
      expect(resetsWhenIdle(s)).toBe(true);
    }
    expect(flow(WELCOME, { type: 'check-in-answer', answer: early })).toBe(WELCOME);
    expect(flow(midway, { type: 'check-in-answer', answer: early })).toBe(midway);
  });

  it('a refusal (not found) stays on the check-in screen with the code', () => {
    const checking = flow(WELCOME, { type: 'check-in', code: CODE });
    const reason = { vi: 'Không tìm thấy lịch hẹn', en: 'Booking not found' };
    expect(flow(checking, { type: 'refused', reason })).toMatchObject({
      step: { kind: 'check-in' },
      refusal: reason,
      checkIn: { code: CODE },
    });
  });

  it('the booked number, or the normal one offered when late, shows the ticket and forgets the check-in', () => {
    const booked = run(WELCOME, { type: 'check-in', code: CODE }, issued);
    expect(booked).toMatchObject({ step: { kind: 'ticket' }, checkIn: null, draft: null });
    const walkIn = run(
      WELCOME,
      { type: 'check-in', code: CODE },
      { type: 'check-in-answer', answer: late },
      { type: 'request' },
      issued,
    );
    expect(walkIn).toMatchObject({ step: { kind: 'ticket' }, checkIn: null });
    // A department tapped afterwards starts a walk-in of its own, the check-in forgotten.
    const after = run(WELCOME, { type: 'check-in', code: CODE }, { type: 'choose', serviceId: 2 });
    expect(after.checkIn).toBeNull();
  });
});

describe('what the check-in screens say', () => {
  it('shows the code as it is typed, then as XXXX-XXXX', () => {
    expect(typedCode('')).toBe('');
    expect(typedCode('K7PQ')).toBe('K7PQ');
    expect(typedCode('K7PQ3')).toBe('K7PQ-3');
    expect(typedCode(CODE)).toBe('K7PQ-3M2D');
  });

  it('too early: when to come back, in Vietnam time, with the slot', () => {
    expect(notIssuedText(early)).toEqual({
      title: { vi: 'Bạn đến sớm', en: 'You are early' },
      line: {
        vi: 'Mời quay lại lúc 09:15 (lịch hẹn 09:30)',
        en: 'Please come back at 09:15 (booking at 09:30)',
      },
    });
  });

  it('too late: how late is too late, from the booking’s own window', () => {
    expect(notIssuedText(late).title).toEqual({
      vi: 'Lịch hẹn 09:30 đã quá giờ nhận số (trễ hơn 10 phút)',
      en: 'The 09:30 booking can no longer be checked in (more than 10 minutes late)',
    });
    const strict = { ...late, booking: booking({ checkInUntil: '2026-12-08T02:35:00.000Z' }) };
    expect(notIssuedText(strict).title.vi).toContain('trễ hơn 5 phút');
  });
});
