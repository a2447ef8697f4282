import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FEEDBACK_SETTINGS, FEEDBACK_CONSENT, type FeedbackSettings } from '@layso/protocol';
import { hashPassword } from '@layso/server-kit';
import { saveFeedbackSettings } from '../app/feedback-settings.js';
import { PLAIN_JPEG } from '../testing/feedback-files.js';
import { vnInstant } from '../domain/time.js';
import { seedSmallCenter } from '../testing/center.js';
import { startNotifyMock, type NotifyMock } from '../notify/mock.js';
import { readNoticeConfig, saveNoticeConfig } from '../notify/settings.js';
import { ManualClock, startHarness, type Harness } from '../testing/harness.js';
import { issue, login, type Session } from '../testing/kit.js';

/**
 * Feedback cases on the server (issue 22): each channel and what it attaches, the register's transitions and
 * refusals (nothing changes), the case about its viewer hidden until answered, the limits, the status page and its
 * proof, the notice planned on answer. Real SQLite and HTTP on a fake clock (Monday 2026-12-07, 09:00).
 */
const DAY = '2026-12-07';
const clock = new ManualClock(vnInstant(DAY, 9 * 60));
let h: Harness;
let mock: NotifyMock;
let admin: Session;
let desk: Session;
const PHONE = '0912345678';
const from = (address: string) => ({ 'x-forwarded-for': address });
let address = 0;
/** A fresh address for each request that should not meet another test's limits. */
const fresh = () => from(`10.0.${Math.floor(++address / 250)}.${address % 250}`);

beforeAll(async () => {
  mock = await startNotifyMock({ port: 0 });
  h = await startHarness({
    clock,
    seed: seedSmallCenter, // Sessions outlive the days the clock moves over.
    env: { TRUST_PROXY: '127.0.0.1', SESSION_TTL_HOURS: '720', ALLOW_HTTP_UPSTREAM: 'true' },
    notices: { dispatch: { backoff: { baseMs: 5, capMs: 50 }, idleMs: 50 } },
  });
  admin = await login(h, 'admin');
  desk = await login(h, 'tiepnhan');
  // Answers go by SMS, to the notify stand-in.
  const c = readNoticeConfig(h.store);
  saveNoticeConfig(h.store, {
    ...c,
    channels: {
      ...c.channels,
      sms: { ...c.channels.sms, enabled: true, url: mock.urls.sms, credential: 'sms-key', sender: 'LAYSO' },
    },
  });
});
afterAll(async () => {
  await h.close();
  await mock.close();
});

/** The SMS the stand-in received for `phone`, waiting (bounded) for the dispatcher until there are `n`. */
async function smsTo(phone: string, n: number): Promise<string[]> {
  const sent = () => mock.sms.received().filter((m) => m.to.endsWith(phone.slice(1)));
  const dispatcher = h.server.ctx.notices.dispatcher;
  for (let i = 0; i < 200 && sent().length < n; i++) {
    dispatcher.wake();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 50);
      const off = dispatcher.onChange(done);
      function done() {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  }
  return sent().map((m) => m.text);
}
beforeEach(() => {
  clock.set(vnInstant(DAY, 9 * 60));
  settings({});
});

function settings(s: Partial<FeedbackSettings>): void {
  saveFeedbackSettings(h.store, { ...DEFAULT_FEEDBACK_SETTINGS, ...s });
}

const kiosk = (body: object) =>
  h.api('/api/kiosk/feedback', { token: h.credentials.kioskToken, body, headers: fresh() });
const phone = (body: object, headers: Record<string, string> = fresh()) =>
  h.api('/api/public/feedback', { body, headers });
const act = (s: Session, id: number, action: string, body: object) =>
  h.api(`/api/admin/feedback/${id}/${action}`, { token: s.token, body });
const caseOf = (s: Session, id: number) => h.api(`/api/admin/feedback/${id}`, { token: s.token });
const idOf = (code: string) => h.store.feedback.byCode(code.replace('-', ''))?.id ?? 0;

const TEXT = 'Chờ quá lâu ở quầy Tư pháp, cán bộ không hướng dẫn';

describe('a case starts', () => {
  it('at the kiosk: a receipt with the code, its page and QR; anonymous, so no answer by notice', async () => {
    const r = await kiosk({ topic: 'delay', text: TEXT });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(r.body.url).toMatch(new RegExp(`/pa/${r.body.code.replace('-', '')}$`));
    expect(r.body.qrSvg).toMatch(/^<svg/);
    // 10 working days from Monday the 7th: Monday the 21st.
    expect(r.body).toMatchObject({ answerDueDay: '2026-12-21', answerByNotice: false });
    const list = await h.api(`/api/admin/feedback?q=${encodeURIComponent('cho qua lau')}`, {
      token: desk.token,
    });
    const row = list.body.cases.find((c: { code: string }) => c.code === r.body.code);
    expect(row).toMatchObject({
      channel: 'kiosk',
      status: 'new',
      forwardDueDay: '2026-12-14',
      topic: 'delay',
    });
    expect(h.store.feedback.byCode(r.body.code.replace('-', ''))?.deviceId).toBeGreaterThan(0);
  });

  it('from a phone about a ticket: its service, counter, officer who served it; refused for an unknown ticket', async () => {
    const officer = await login(h, 1);
    const serviceId = h.store.counters.byId(officer.counterId)?.serviceIds[0] ?? 0;
    const t = await issue(h, serviceId);
    const called = await h.api(`/api/counters/${officer.counterId}/call-next`, {
      token: officer.token,
      method: 'POST',
    });
    expect(called.status).toBe(200);
    const done = await h.api(`/api/tickets/${t.id}/finish`, {
      token: officer.token,
      body: { outcome: 'guidance' },
    });
    expect(done.status).toBe(200);

    const body = {
      topic: 'attitude',
      text: TEXT,
      phone: PHONE,
      consentVersion: FEEDBACK_CONSENT.version,
      origin: 'rating',
    };
    const r = await phone({ ...body, ticketCode: t.trackingCode });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.answerByNotice).toBe(true);
    const c = (await caseOf(admin, idOf(r.body.code))).body;
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
    expect((await phone({ ...body, ticketCode: 'nope' })).body.error.code).toBe('LAYSO_TICKET_NOT_FOUND');
    // Name or phone without the consent's version is refused by the schema.
    expect((await phone({ topic: 'other', text: TEXT, phone: PHONE })).status).toBe(400);
  });

  it('from a phone with a photo: kept privately, listed on the case; a file of the wrong type is refused', async () => {
    const r = await phone({
      topic: 'other',
      text: TEXT,
      files: [{ type: 'image/jpeg', data: PLAIN_JPEG.toString('base64') }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const c = (await caseOf(desk, idOf(r.body.code))).body;
    expect(c.files).toEqual([
      { id: expect.any(Number), type: 'image/jpeg', bytes: expect.any(Number), page: null },
    ]);
    const before = h.store.feedback.counts({ today: DAY, soon: DAY, viewerId: null }).total;
    const png = await phone({
      topic: 'other',
      text: TEXT,
      files: [{ type: 'image/png', data: PLAIN_JPEG.toString('base64') }],
    });
    expect(png.body.error.code).toBe('LAYSO_FEEDBACK_FILE_INVALID');
    expect(h.store.feedback.counts({ today: DAY, soon: DAY, viewerId: null }).total).toBe(before);
  });

  it('by an officer (channel officer, the ticket attached) or the desk (channel desk), even with the form off', async () => {
    settings({ enabled: false });
    expect((await kiosk({ topic: 'delay', text: TEXT })).body.error.code).toBe('LAYSO_FEEDBACK_DISABLED');
    expect((await phone({ topic: 'delay', text: TEXT })).body.error.code).toBe('LAYSO_FEEDBACK_DISABLED');
    const officer = await login(h, 0);
    const r = await h.api('/api/feedback', {
      token: officer.token,
      body: { topic: 'rules', text: TEXT, counterId: officer.counterId },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await caseOf(admin, idOf(r.body.code))).body).toMatchObject({
      channel: 'officer',
      counterId: officer.counterId,
      receivedBy: officer.user.displayName,
    });
    const d = await h.api('/api/feedback', { token: desk.token, body: { topic: 'suggestion', text: TEXT } });
    expect((await caseOf(admin, idOf(d.body.code))).body).toMatchObject({
      channel: 'desk',
      receivedBy: 'Tiếp nhận phản ánh',
    });
    const bad = await h.api('/api/feedback', {
      token: desk.token,
      body: { topic: 'other', text: TEXT, officerId: 9999 },
    });
    expect(bad.body.error.code).toBe('LAYSO_USER_NOT_FOUND');
  });
});

describe('a case starts (who it is about, and the consent)', () => {
  it('an officer recording a case with the ticket they serve is who took it, not whom it is about', async () => {
    const officer = await login(h, 1);
    const serviceId = h.store.counters.byId(officer.counterId)?.serviceIds[0] ?? 0;
    const t = await issue(h, serviceId);
    const called = await h.api(`/api/counters/${officer.counterId}/call-next`, {
      token: officer.token,
      method: 'POST',
    });
    expect(called.status).toBe(200);
    const r = await h.api('/api/feedback', {
      token: officer.token,
      body: { topic: 'rules', text: TEXT, ticketId: t.id, counterId: officer.counterId },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const c = (await caseOf(admin, idOf(r.body.code))).body;
    expect(c).toMatchObject({ channel: 'officer', officerId: null, receivedBy: officer.user.displayName });
    expect(c.ticket?.id).toBe(t.id);
  });

  it('a name or phone with consent to words that have changed is refused, and nothing is stored', async () => {
    const before = (await h.api('/api/admin/feedback', { token: admin.token })).body.total;
    const stale = { topic: 'delay', text: TEXT, phone: PHONE, consentVersion: '2025-01-old' };
    const k = await kiosk(stale);
    expect([k.status, k.body.error.code]).toEqual([400, 'LAYSO_CONSENT_VERSION_UNKNOWN']);
    const p = await phone(stale);
    expect([p.status, p.body.error.code]).toEqual([400, 'LAYSO_CONSENT_VERSION_UNKNOWN']);
    expect((await h.api('/api/admin/feedback', { token: admin.token })).body.total).toBe(before);
    const ok = await kiosk({ ...stale, consentVersion: FEEDBACK_CONSENT.version });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });
});

describe('the register', () => {
  it('classifies, forwards, answers and closes; refuses what the state does not allow and changes nothing', async () => {
    const r = await phone({
      topic: 'wrong-rules',
      text: TEXT,
      phone: PHONE,
      consentVersion: FEEDBACK_CONSENT.version,
    });
    const id = idOf(r.body.code);
    const state = () => h.store.feedback.byId(id);
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
    });
    const future = await act(desk, id, 'forward', {
      to: 'Sở Xây dựng',
      means: 'letter',
      at: '2026-12-09T09:00:00+07:00',
    });
    expect(future.body.error.code).toBe('LAYSO_FEEDBACK_FORWARD_DATE');
    expect(state()?.status).toBe('processing');

    clock.set(vnInstant('2026-12-09', 10 * 60));
    const forwarded = await act(desk, id, 'forward', {
      to: 'Sở Xây dựng',
      means: 'email',
      reference: 'CV 12/TTPVHCC',
    });
    expect(forwarded.body).toMatchObject({
      status: 'forwarded',
      forward: { to: 'Sở Xây dựng', means: 'email', reference: 'CV 12/TTPVHCC' },
      overdue: false,
    });
    expect((await act(desk, id, 'forward', { to: 'X', means: 'other' })).body.error.code).toBe(
      'LAYSO_FEEDBACK_STATE',
    );

    const answered = await act(desk, id, 'answer', { answer: 'Sở Xây dựng đã trả lời: …', publish: false });
    expect(answered.body).toMatchObject({ status: 'answered', published: false });
    const notices = h.store.notices.forKey(`f${id}:feedback_answered`);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ event: 'feedback_answered', target: `f${id}` });
    expect(notices[0]?.params.case).toBe(r.body.code);
    const sms = await smsTo(PHONE, 1);
    expect(sms.at(-1)).toContain(`Phản ánh ${r.body.code as string} của bạn`);
    // A correction is allowed until closed, and tells nobody again.
    const corrected = await act(desk, id, 'answer', { answer: 'Đã sửa câu trả lời', publish: true });
    expect(corrected.body).toMatchObject({ answer: 'Đã sửa câu trả lời', published: true });
    expect(h.store.notices.forKey(`f${id}:feedback_answered`)).toHaveLength(1);

    const closed = await act(desk, id, 'close', { note: 'Xong' });
    expect(closed.body.status).toBe('closed');
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
    // Who did what is audited, never the text.
    const audit = h.store.db
      .prepare("SELECT action, detail FROM audit_log WHERE action LIKE 'feedback.%'")
      .all();
    expect(audit.length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(audit)).not.toContain('Sở Xây dựng');
  });

  it('closes a case that does not qualify at once; a case within authority is not due to be forwarded', async () => {
    const r = await kiosk({ topic: 'other', text: 'Quảng cáo' });
    const id = idOf(r.body.code);
    await act(desk, id, 'classify', { class: 'not-qualified' });
    expect((await act(desk, id, 'close', { note: 'Không thuộc phạm vi' })).body.status).toBe('closed');
  });

  it('never shows a supervisor a case about them until it is answered', async () => {
    const username = 'gs1';
    h.store.accounts.addUser({
      username,
      displayName: 'Giám sát Một',
      role: 'supervisor',
      passwordHash: await hashPassword('mat-khau-gs1'),
      counterId: null,
    });
    const sup = await login(h, username, 'mat-khau-gs1');
    const r = await kiosk({ topic: 'attitude', text: 'Giám sát nói năng thiếu tôn trọng' });
    const id = idOf(r.body.code);
    const seen = async () => {
      const l = await h.api('/api/admin/feedback?limit=500', { token: sup.token });
      return { listed: l.body.cases.some((c: { id: number }) => c.id === id), total: l.body.total };
    };
    expect((await seen()).listed).toBe(true);
    await act(desk, id, 'classify', { class: 'officer-conduct', officerId: sup.user.id });
    const hidden = await seen();
    expect(hidden.listed).toBe(false);
    expect((await caseOf(sup, id)).body.error.code).toBe('LAYSO_FEEDBACK_NOT_FOUND');
    expect((await act(sup, id, 'answer', { answer: 'Tôi không sai', publish: false })).body.error.code).toBe(
      'LAYSO_FEEDBACK_NOT_FOUND',
    );
    expect(h.store.feedback.byId(id)?.status).toBe('processing');
    const others = await h.api('/api/admin/feedback?limit=500', { token: admin.token });
    expect(others.body.total).toBe(hidden.total + 1);

    await act(desk, id, 'answer', { answer: 'Đã nhắc nhở', publish: false });
    expect((await seen()).listed).toBe(true);
    expect((await caseOf(sup, id)).status).toBe(200);
  });

  it('lists by due state and filters; reception reads the settings, only an admin changes them', async () => {
    const old = await kiosk({ topic: 'delay', text: TEXT });
    clock.set(vnInstant('2026-12-15', 9 * 60));
    const overdue = await h.api('/api/admin/feedback?due=overdue&limit=500', { token: desk.token });
    expect(overdue.body.cases.map((c: { code: string }) => c.code)).toContain(old.body.code);
    expect(overdue.body.overdue).toBeGreaterThan(0);
    expect(
      (await h.api('/api/admin/feedback?from=2026-12-09&to=2026-12-01', { token: desk.token })).body.error
        .code,
    ).toBe('LAYSO_REPORT_RANGE_INVALID');
    expect(h.server.ctx.floor.state().alerts.some((a) => a.kind === 'feedback-overdue')).toBe(true);

    expect((await h.api('/api/admin/feedback/settings', { token: desk.token })).body).toEqual(
      DEFAULT_FEEDBACK_SETTINGS,
    );
    const next = { ...DEFAULT_FEEDBACK_SETTINGS, answerDays: 15 };
    expect(
      (await h.api('/api/admin/feedback/settings', { token: desk.token, method: 'PUT', body: next })).status,
    ).toBe(403);
    const put = await h.api('/api/admin/feedback/settings', {
      token: admin.token,
      method: 'PUT',
      body: next,
    });
    expect(put.body.answerDays).toBe(15);
    // Cases already received keep their due days.
    expect(h.store.feedback.byCode(old.body.code.replace('-', ''))?.answerDueDay).toBe('2026-12-21');
  });
});

describe('due days on the center calendar', () => {
  it('count from a Friday over a weekend and a holiday; forwarding late is overdue, the answer in time is not', async () => {
    const center = h.server.ctx.settings;
    const before = center.get();
    // Wednesday the 9th is a holiday.
    center.save({ ...before, holidays: ['2026-12-09'], workdays: [] });
    try {
      clock.set(vnInstant('2026-12-04', 10 * 60));
      const r = await kiosk({ topic: 'wrong-rules', text: TEXT });
      // 5 working days: 7, 8, 10, 11, 14; 10: … 15, 16, 17, 18, 21.
      expect(r.body.answerDueDay).toBe('2026-12-21');
      const id = idOf(r.body.code);
      expect((await caseOf(desk, id)).body).toMatchObject({ forwardDueDay: '2026-12-14', overdue: false });
      await act(desk, id, 'classify', { class: 'outside-authority' });
      // Thursday the 10th: 2 working days ahead reach Monday the 14th, the day to forward by.
      clock.set(vnInstant('2026-12-10', 9 * 60));
      expect((await caseOf(desk, id)).body).toMatchObject({ overdue: false, dueSoon: true });
      clock.set(vnInstant('2026-12-15', 9 * 60));
      expect((await caseOf(desk, id)).body).toMatchObject({ overdue: true, dueSoon: false });
      const forwarded = await act(desk, id, 'forward', {
        to: 'Sở Tài nguyên và Môi trường',
        means: 'portal',
      });
      expect(forwarded.body).toMatchObject({ status: 'forwarded', overdue: false, dueSoon: false });
      clock.set(vnInstant('2026-12-21', 16 * 60));
      const answered = await act(desk, id, 'answer', { answer: 'Sở đã trả lời', publish: true });
      expect(answered.body).toMatchObject({ status: 'answered', overdue: false, dueSoon: false });
    } finally {
      center.save(before);
    }
  });
});

describe('limits', () => {
  it('per kiosk an hour, per phone a day, per address a day', async () => {
    settings({ perKioskPerHour: 2, perSenderPerDay: 2 });
    clock.set(vnInstant('2026-12-10', 9 * 60));
    // Other tests' kiosk cases were days ago; two this hour pass, the third waits for the next hour.
    expect((await kiosk({ topic: 'delay', text: TEXT })).status).toBe(201);
    expect((await kiosk({ topic: 'delay', text: TEXT })).status).toBe(201);
    const third = await kiosk({ topic: 'delay', text: TEXT });
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('LAYSO_FEEDBACK_LIMIT');
    clock.advance(61 * 60_000);
    expect((await kiosk({ topic: 'delay', text: TEXT })).status).toBe(201);

    const withPhone = {
      topic: 'delay',
      text: TEXT,
      phone: '0987000111',
      consentVersion: FEEDBACK_CONSENT.version,
    };
    expect((await phone(withPhone)).status).toBe(201);
    expect((await phone(withPhone)).status).toBe(201);
    expect((await phone(withPhone)).body.error.code).toBe('LAYSO_FEEDBACK_LIMIT');

    const one = from('192.0.2.7');
    expect((await phone({ topic: 'delay', text: TEXT }, one)).status).toBe(201);
    expect((await phone({ topic: 'delay', text: TEXT }, one)).status).toBe(201);
    expect((await phone({ topic: 'delay', text: TEXT }, one)).body.error.code).toBe('LAYSO_FEEDBACK_LIMIT');
  });
});

describe("the citizen's status page", () => {
  it('shows the state by code alone, the text and answer with the last 4 digits; wrong proofs are limited', async () => {
    const r = await phone({
      topic: 'delay',
      text: TEXT,
      phone: PHONE,
      consentVersion: FEEDBACK_CONSENT.version,
    });
    const code = r.body.code as string;
    const id = idOf(code);
    const who = from('198.51.100.9');
    const plain = await h.api(`/api/public/feedback/${code.toLowerCase()}`, { headers: who });
    expect(plain.body).toMatchObject({
      code,
      status: 'new',
      detailed: false,
      text: null,
      topic: null,
      hasPhone: true,
    });
    await act(desk, id, 'answer', { answer: 'Đã xử lý', publish: false });
    expect((await h.api(`/api/public/feedback/${code}`, { headers: who })).body).toMatchObject({
      status: 'answered',
      answer: null,
    });
    const detailed = await h.api(`/api/public/feedback/${code}/lookup`, {
      body: { proof: '5678' },
      headers: who,
    });
    expect(detailed.body).toMatchObject({ detailed: true, text: TEXT, answer: 'Đã xử lý' });
    expect(JSON.stringify(detailed.body)).not.toContain(PHONE);

    const wrong = await h.api(`/api/public/feedback/${code}/lookup`, {
      body: { proof: '0000' },
      headers: who,
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('LAYSO_FEEDBACK_PROOF_INVALID');
    // Five wrong guesses on a case from anywhere: even the right digits wait.
    for (let i = 0; i < 4; i++)
      await h.api(`/api/public/feedback/${code}/lookup`, { body: { proof: `111${i}` }, headers: fresh() });
    const blocked = await h.api(`/api/public/feedback/${code}/lookup`, {
      body: { proof: '5678' },
      headers: fresh(),
    });
    expect(blocked.body.error.code).toBe('LAYSO_FEEDBACK_LIMIT');

    const anonymous = await kiosk({ topic: 'delay', text: TEXT });
    const none = await h.api(`/api/public/feedback/${anonymous.body.code}/lookup`, {
      body: { proof: '5678' },
      headers: fresh(),
    });
    expect(none.body.error.code).toBe('LAYSO_FEEDBACK_PROOF_INVALID');
    expect((await h.api('/api/public/feedback/ZZZZ-ZZZZ', { headers: fresh() })).body.error.code).toBe(
      'LAYSO_FEEDBACK_NOT_FOUND',
    );
  });

  it('shows a published answer to anyone with the code', async () => {
    const r = await kiosk({ topic: 'suggestion', text: TEXT });
    await act(desk, idOf(r.body.code), 'answer', { answer: 'Cảm ơn góp ý', publish: true });
    expect((await h.api(`/api/public/feedback/${r.body.code}`, { headers: fresh() })).body).toMatchObject({
      answer: 'Cảm ơn góp ý',
      published: true,
      hasPhone: false,
    });
  });
});
