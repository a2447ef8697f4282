import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FEEDBACK_CONSENT } from '@layso/protocol';
import { vnInstant } from '../domain/time.js';
import { startFeedbackKit, type FeedbackKit } from '../testing/feedback.js';
import { PLAIN_JPEG } from '../testing/feedback-files.js';
import { issue, login } from '../testing/kit.js';

/**
 * Where a case starts (issue 22): each channel and what it attaches, the consent, the limits. Real SQLite and HTTP
 * on a fake clock (Monday 2026-12-07, 09:00).
 */
const DAY = '2026-12-07';
const PHONE = '0912345678';
const TEXT = 'Chờ quá lâu ở quầy Tư pháp, cán bộ không hướng dẫn';
let k: FeedbackKit;

beforeAll(async () => {
  k = await startFeedbackKit(DAY);
  k.sms(true);
});
afterAll(() => k.close());
beforeEach(() => {
  k.clock.set(vnInstant(DAY, 9 * 60));
  k.settings({});
});

/** The first officer signed in at their counter, a new ticket of its first service called to it. */
async function calledTicket() {
  const officer = await login(k.h, 1);
  const serviceId = k.h.store.counters.byId(officer.counterId)?.serviceIds[0] ?? 0;
  const t = await issue(k.h, serviceId);
  const called = await k.h.api(`/api/counters/${officer.counterId}/call-next`, {
    token: officer.token,
    method: 'POST',
  });
  expect(called.status).toBe(200);
  return { officer, serviceId, t };
}

describe('a case starts', () => {
  it('at the kiosk: a receipt with the code, its page and QR; anonymous, so no answer by notice', async () => {
    const r = await k.kiosk({ topic: 'delay', text: TEXT });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(r.body.url).toMatch(new RegExp(`/pa/${r.body.code.replace('-', '')}$`));
    expect(r.body.qrSvg).toMatch(/^<svg/);
    // 10 working days from Monday the 7th: Monday the 21st.
    expect(r.body).toMatchObject({ answerDueDay: '2026-12-21', answerByNotice: false });
    const list = await k.h.api(`/api/admin/feedback?q=${encodeURIComponent('cho qua lau')}`, {
      token: k.desk.token,
    });
    const row = list.body.cases.find((c: { code: string }) => c.code === r.body.code);
    expect(row).toMatchObject({
      channel: 'kiosk',
      status: 'new',
      forwardDueDay: '2026-12-14',
      topic: 'delay',
    });
    expect(k.h.store.feedback.byCode(r.body.code.replace('-', ''))?.deviceId).toBeGreaterThan(0);
  });

  it('from a phone about a ticket: its service, counter, officer who served it; refused for an unknown ticket', async () => {
    const { officer, serviceId, t } = await calledTicket();
    const done = await k.h.api(`/api/tickets/${t.id}/finish`, {
      token: officer.token,
      body: { outcome: 'guidance' },
    });
    expect(done.status).toBe(200);

    const body = { topic: 'attitude', text: TEXT, phone: PHONE, consentVersion: FEEDBACK_CONSENT.version };
    const r = await k.phone({ ...body, origin: 'rating', ticketCode: t.trackingCode });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.answerByNotice).toBe(true);
    const c = (await k.caseOf(k.admin, k.idOf(r.body.code))).body;
    expect(c).toMatchObject({
      channel: 'phone',
      origin: 'rating',
      serviceId,
      officerId: officer.user.id,
      counterId: officer.counterId,
      phone: PHONE,
      text: TEXT,
      ticket: { id: t.id, number: t.number },
      history: [{ kind: 'received', by: null }],
    });
    expect((await k.phone({ ...body, ticketCode: 'nope' })).body.error.code).toBe('LAYSO_TICKET_NOT_FOUND');
    // Name or phone without the consent's version is refused by the schema.
    expect((await k.phone({ topic: 'other', text: TEXT, phone: PHONE })).status).toBe(400);
  });

  it('from a phone with a photo: kept privately, listed on the case; a file of the wrong type is refused', async () => {
    const jpeg = PLAIN_JPEG.toString('base64');
    const r = await k.phone({ topic: 'other', text: TEXT, files: [{ type: 'image/jpeg', data: jpeg }] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const c = (await k.caseOf(k.desk, k.idOf(r.body.code))).body;
    expect(c.files).toEqual([
      { id: expect.any(Number), type: 'image/jpeg', bytes: expect.any(Number), page: null },
    ]);
    const total = () => k.h.store.feedback.counts({ today: DAY, soon: DAY, viewerId: null }).total;
    const before = total();
    const png = await k.phone({ topic: 'other', text: TEXT, files: [{ type: 'image/png', data: jpeg }] });
    expect(png.body.error.code).toBe('LAYSO_FEEDBACK_FILE_INVALID');
    expect(total()).toBe(before);
  });

  it('by an officer (channel officer, the ticket attached) or the desk (channel desk), even with the form off', async () => {
    k.settings({ enabled: false });
    expect((await k.kiosk({ topic: 'delay', text: TEXT })).body.error.code).toBe('LAYSO_FEEDBACK_DISABLED');
    expect((await k.phone({ topic: 'delay', text: TEXT })).body.error.code).toBe('LAYSO_FEEDBACK_DISABLED');
    const officer = await login(k.h, 0);
    const r = await k.h.api('/api/feedback', {
      token: officer.token,
      body: { topic: 'rules', text: TEXT, counterId: officer.counterId },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await k.caseOf(k.admin, k.idOf(r.body.code))).body).toMatchObject({
      channel: 'officer',
      counterId: officer.counterId,
      receivedBy: officer.user.displayName,
    });
    const d = await k.h.api('/api/feedback', {
      token: k.desk.token,
      body: { topic: 'suggestion', text: TEXT },
    });
    expect((await k.caseOf(k.admin, k.idOf(d.body.code))).body).toMatchObject({
      channel: 'desk',
      receivedBy: 'Tiếp nhận phản ánh',
    });
    const bad = await k.h.api('/api/feedback', {
      token: k.desk.token,
      body: { topic: 'other', text: TEXT, officerId: 9999 },
    });
    expect(bad.body.error.code).toBe('LAYSO_USER_NOT_FOUND');
  });
});

describe('a case starts (who it is about, and the consent)', () => {
  it('an officer recording a case with the ticket they serve is who took it, not whom it is about', async () => {
    const { officer, t } = await calledTicket();
    const r = await k.h.api('/api/feedback', {
      token: officer.token,
      body: { topic: 'rules', text: TEXT, ticketId: t.id, counterId: officer.counterId },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const c = (await k.caseOf(k.admin, k.idOf(r.body.code))).body;
    expect(c).toMatchObject({ channel: 'officer', officerId: null, receivedBy: officer.user.displayName });
    expect(c.ticket?.id).toBe(t.id);
  });

  it('a name or phone with consent to words that have changed is refused, and nothing is stored', async () => {
    const total = async () => (await k.h.api('/api/admin/feedback', { token: k.admin.token })).body.total;
    const before = await total();
    const stale = { topic: 'delay', text: TEXT, phone: PHONE, consentVersion: '2025-01-old' };
    const kiosk = await k.kiosk(stale);
    expect([kiosk.status, kiosk.body.error.code]).toEqual([400, 'LAYSO_CONSENT_VERSION_UNKNOWN']);
    const phone = await k.phone(stale);
    expect([phone.status, phone.body.error.code]).toEqual([400, 'LAYSO_CONSENT_VERSION_UNKNOWN']);
    expect(await total()).toBe(before);
    const ok = await k.kiosk({ ...stale, consentVersion: FEEDBACK_CONSENT.version });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });
});

describe('limits', () => {
  it('per kiosk an hour', async () => {
    k.settings({ perKioskPerHour: 2 });
    k.clock.set(vnInstant('2026-12-10', 9 * 60));
    // Other tests' kiosk cases were days ago; two this hour pass, the third waits for the next hour.
    expect((await k.kiosk({ topic: 'delay', text: TEXT })).status).toBe(201);
    expect((await k.kiosk({ topic: 'delay', text: TEXT })).status).toBe(201);
    const third = await k.kiosk({ topic: 'delay', text: TEXT });
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('LAYSO_FEEDBACK_LIMIT');
    k.clock.advance(61 * 60_000);
    expect((await k.kiosk({ topic: 'delay', text: TEXT })).status).toBe(201);
  });

  it('per phone a day, +84… and 0… being one phone, kept as 0…', async () => {
    k.settings({ perSenderPerDay: 2 });
    k.clock.set(vnInstant('2026-12-11', 9 * 60));
    const withPhone = (phone: string) => ({
      topic: 'delay',
      text: TEXT,
      phone,
      consentVersion: FEEDBACK_CONSENT.version,
    });
    const first = await k.phone(withPhone('+84987000111'));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(k.h.store.feedback.byCode(first.body.code.replace('-', ''))?.phone).toBe('0987000111');
    expect((await k.phone(withPhone('0987000111'))).status).toBe(201);
    expect((await k.phone(withPhone('+84987000111'))).body.error.code).toBe('LAYSO_FEEDBACK_LIMIT');
    expect((await k.phone(withPhone('0987000111'))).body.error.code).toBe('LAYSO_FEEDBACK_LIMIT');
    // The kiosk counts the same phone.
    expect((await k.kiosk(withPhone('+84987000111'))).body.error.code).toBe('LAYSO_FEEDBACK_LIMIT');
    // The next day it may send again.
    k.clock.set(vnInstant('2026-12-12', 9 * 60));
    expect((await k.phone(withPhone('0987000111'))).status).toBe(201);
  });

  it('per address a day, by its own allowance: a hall behind one address is not held to one sender’s', async () => {
    k.settings({ perSenderPerDay: 1, perAddressPerDay: 3 });
    const hall = k.from('192.0.2.7');
    for (let i = 0; i < 3; i++) {
      const r = await k.phone({ topic: 'delay', text: TEXT }, hall);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const fourth = await k.phone({ topic: 'delay', text: TEXT }, hall);
    expect([fourth.status, fourth.body.error.code]).toEqual([429, 'LAYSO_FEEDBACK_LIMIT']);
    expect((await k.phone({ topic: 'delay', text: TEXT })).status).toBe(201);
  });
});
