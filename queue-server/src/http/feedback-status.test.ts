import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FEEDBACK_CONSENT } from '@layso/protocol';
import { vnInstant } from '../domain/time.js';
import { startFeedbackKit, type FeedbackKit } from '../testing/feedback.js';

/**
 * What the citizen is told (issue 22): the case's status page by its code and with the proof, and whether an answer
 * will come by text — promised only when a text channel is on. Real SQLite and HTTP on a fake clock.
 */
const DAY = '2026-12-07';
const PHONE = '0912345678';
const TEXT = 'Chờ quá lâu ở quầy Tư pháp, cán bộ không hướng dẫn';
let k: FeedbackKit;

beforeAll(async () => {
  k = await startFeedbackKit(DAY);
});
afterAll(() => k.close());
beforeEach(() => {
  k.clock.set(vnInstant(DAY, 9 * 60));
  k.settings({});
  k.sms(true);
});

const withPhone = { topic: 'delay', text: TEXT, phone: PHONE, consentVersion: FEEDBACK_CONSENT.version };
const statusOf = (code: string, headers = k.fresh()) => k.h.api(`/api/public/feedback/${code}`, { headers });
const lookup = (code: string, proof: string, headers = k.fresh()) =>
  k.h.api(`/api/public/feedback/${code}/lookup`, { body: { proof }, headers });

describe("the citizen's status page", () => {
  it('shows the state by code alone, the text and answer with the last 4 digits; wrong proofs are limited', async () => {
    const r = await k.phone(withPhone);
    const code = r.body.code as string;
    const id = k.idOf(code);
    const who = k.from('198.51.100.9');
    const plain = await statusOf(code.toLowerCase(), who);
    expect(plain.body).toMatchObject({
      code,
      status: 'new',
      detailed: false,
      text: null,
      topic: null,
      hasPhone: true,
    });
    await k.act(k.desk, id, 'answer', { answer: 'Đã xử lý', publish: false });
    expect((await statusOf(code, who)).body).toMatchObject({ status: 'answered', answer: null });
    const detailed = await lookup(code, '5678', who);
    expect(detailed.body).toMatchObject({ detailed: true, text: TEXT, answer: 'Đã xử lý' });
    expect(JSON.stringify(detailed.body)).not.toContain(PHONE);

    const wrong = await lookup(code, '0000', who);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('LAYSO_FEEDBACK_PROOF_INVALID');
    // Five wrong guesses on a case from anywhere: even the right digits wait.
    for (let i = 0; i < 4; i++) await lookup(code, `111${i}`);
    expect((await lookup(code, '5678')).body.error.code).toBe('LAYSO_FEEDBACK_LIMIT');

    const anonymous = await k.kiosk({ topic: 'delay', text: TEXT });
    expect((await lookup(anonymous.body.code, '5678')).body.error.code).toBe('LAYSO_FEEDBACK_PROOF_INVALID');
    expect((await statusOf('ZZZZ-ZZZZ')).body.error.code).toBe('LAYSO_FEEDBACK_NOT_FOUND');
  });

  it('shows a published answer to anyone with the code', async () => {
    const r = await k.kiosk({ topic: 'suggestion', text: TEXT });
    await k.act(k.desk, k.idOf(r.body.code), 'answer', { answer: 'Cảm ơn góp ý', publish: true });
    expect((await statusOf(r.body.code)).body).toMatchObject({
      answer: 'Cảm ơn góp ý',
      published: true,
      hasPhone: false,
    });
  });

  it('says when a case was forwarded to anyone, and to whom only with the proof', async () => {
    const r = await k.phone({ ...withPhone, phone: '0912000333' });
    const id = k.idOf(r.body.code);
    await k.act(k.desk, id, 'classify', { class: 'outside-authority' });
    const forwarded = await k.act(k.desk, id, 'forward', { to: 'Sở Xây dựng', means: 'letter' });
    expect(forwarded.body.status).toBe('forwarded');
    const plain = (await statusOf(r.body.code)).body;
    expect(plain).toMatchObject({
      status: 'forwarded',
      forwardedTo: null,
      forwardedAt: forwarded.body.forward.at,
    });
    expect(JSON.stringify(plain)).not.toContain('Sở Xây dựng');
    expect((await lookup(r.body.code, '0333')).body).toMatchObject({
      detailed: true,
      forwardedTo: 'Sở Xây dựng',
      forwardedAt: forwarded.body.forward.at,
    });
  });
});

describe('an answer by text', () => {
  it('is promised, and shown to the register as coming, only when a phone was given and ZNS or SMS is on', async () => {
    k.sms(false);
    const off = await k.phone(withPhone);
    expect(off.status, JSON.stringify(off.body)).toBe(201);
    expect(off.body.answerByNotice).toBe(false);
    const offId = k.idOf(off.body.code);
    expect((await k.caseOf(k.desk, offId)).body.noticeOnAnswer).toBe(false);
    // Answered with no text channel: nothing planned that could never go.
    await k.act(k.desk, offId, 'answer', { answer: 'Đã xử lý', publish: false });
    expect(k.h.store.notices.forKey(`f${offId}:feedback_answered`)).toHaveLength(0);

    k.sms(true);
    const on = await k.phone({ ...withPhone, phone: '0912000444' });
    expect(on.body.answerByNotice).toBe(true);
    const onId = k.idOf(on.body.code);
    expect((await k.caseOf(k.desk, onId)).body.noticeOnAnswer).toBe(true);
    const answered = await k.act(k.desk, onId, 'answer', { answer: 'Đã xử lý', publish: false });
    // A correction tells nobody again.
    expect(answered.body.noticeOnAnswer).toBe(false);
    expect(k.h.store.notices.forKey(`f${onId}:feedback_answered`)).toHaveLength(1);

    const anonymous = await k.kiosk({ topic: 'delay', text: TEXT });
    expect(anonymous.body.answerByNotice).toBe(false);
    expect((await k.caseOf(k.desk, k.idOf(anonymous.body.code))).body.noticeOnAnswer).toBe(false);
  });
});
