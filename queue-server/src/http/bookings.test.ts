import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOOKING_SETTINGS, type BookingSettings, type PublicBooking } from '@layso/protocol';
import { readBookingSettings, saveBookingSettings } from '../app/booking-settings.js';
import { vnInstant } from '../domain/time.js';
import { startNotifyMock, type NotifyMock } from '../notify/mock.js';
import { readNoticeConfig, saveNoticeConfig } from '../notify/settings.js';
import { bookingProof } from '../testing/bookings.js';
import { seedSmallCenter } from '../testing/center.js';
import { ManualClock, startHarness, type Harness } from '../testing/harness.js';
import { issue, login } from '../testing/kit.js';

/**
 * Appointments on the server (issue 21): the one-time code through the SMS stand-in, booking, moving, cancelling,
 * the limits per person and per slot (200 racing for the last places), the codes' refusals and rate limits, the
 * lapse on a fake clock. Real SQLite, real HTTP; Monday 2026-12-07, 07:00 Vietnam time unless a test moves it.
 */
const DAY = '2026-12-07';
const START = vnInstant(DAY, 7 * 60);
const clock = new ManualClock(START);
const lines: string[] = [];
let h: Harness;
let mock: NotifyMock;
let tp: number;
let ca: number;
let tc: number;

const CCCD = '079123456789';
const PHONE = '0912345678';
/** Requests from another address (TRUST_PROXY is the loopback, so X-Forwarded-For names the client). */
const from = (address: string) => ({ 'x-forwarded-for': address });

beforeAll(async () => {
  mock = await startNotifyMock({ port: 0 });
  h = await startHarness({
    clock,
    seed: seedSmallCenter,
    env: { ALLOW_HTTP_UPSTREAM: 'true', TRUST_PROXY: '127.0.0.1', LOG_LEVEL: 'info' },
    notices: { dispatch: { backoff: { baseMs: 5, capMs: 50 }, idleMs: 50 } },
    logStream: { write: (line) => void lines.push(line) },
  });
  const ids = (code: string) => h.store.catalogue.serviceByCode(code)?.id ?? 0;
  [tp, ca, tc] = [ids('TP'), ids('CA'), ids('TC')];
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

let settings: BookingSettings;
beforeEach(() => {
  clock.set(START);
  settings = {
    ...DEFAULT_BOOKING_SETTINGS,
    services: [tp, ca, tc].map((serviceId) => ({
      serviceId,
      enabled: true,
      slotMinutes: 30,
      walkInSharePercent: 50,
      capacity: {},
    })),
  };
  saveBookingSettings(h.store, settings);
  // Bookings are never deleted in service; here they are, so their notices (keyed by booking id) go too.
  h.store.db.exec(
    'UPDATE tickets SET booking_id = NULL; DELETE FROM bookings; DELETE FROM booking_proofs; DELETE FROM notices',
  );
});

const sentTo = (phone: string) => mock.sms.received().filter((m) => m.to.endsWith(phone.slice(1)));

/** Waits (bounded) until `done()` holds, looking again after each notice the dispatcher handles (or 50 ms). */
async function eventually(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (done()) return;
    h.server.ctx.notices.dispatcher.wake();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 50);
      const off = h.server.ctx.notices.dispatcher.onChange(done);
      function done() {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  }
  throw new Error(`never: ${what}`);
}

/** The newest text to `phone` once the SMS stand-in has received more than `seen` messages to it. */
async function nextSms(phone: string, seen: number): Promise<string> {
  await eventually(() => sentTo(phone).length > seen, `a new SMS to ${phone}`);
  return sentTo(phone).at(-1)?.text ?? '';
}

/** Asks for a code for `phone` and reads it from the SMS stand-in. */
async function requestCode(phone: string, cccd: string, headers: Record<string, string>) {
  const seen = sentTo(phone).length;
  const otp = await h.api('/api/public/booking/otp', { body: { phone, cccd }, headers });
  expect(otp.status, JSON.stringify(otp.body)).toBe(202);
  const code = /(\d{6})/.exec(await nextSms(phone, seen))?.[1] ?? '';
  return { challengeId: otp.body.challengeId as string, code };
}

/** The whole phone flow: a code by SMS, verified, a proof. */
async function proofFor(phone: string, cccd: string, headers = from('10.0.0.1')): Promise<string> {
  const { challengeId, code } = await requestCode(phone, cccd, headers);
  const verify = await h.api('/api/public/booking/verify', { body: { challengeId, code }, headers });
  expect(verify.status, JSON.stringify(verify.body)).toBe(200);
  return verify.body.proof as string;
}

/** A proof put in the store directly (the races need hundreds of people without hundreds of SMS). */
const directProof = (cccd: string, phone = PHONE) => bookingProof(h, cccd, phone);

const book = (proof: string, serviceId: number, start = '09:00', day = DAY, headers = from('10.0.0.2')) =>
  h.api('/api/public/bookings', { body: { proof, serviceId, day, start }, headers });

const changes = () => Number(h.store.db.prepare('SELECT total_changes()').pluck().get());

describe('booking from a phone', () => {
  it('sends the code by SMS, books a slot, shows it masked, moves and cancels it', async () => {
    const options = await h.api('/api/public/booking/options');
    expect(options.body.codesAvailable).toBe(true);
    expect(options.body.services.map((s: { id: number }) => s.id).sort()).toEqual([tp, ca, tc].sort());
    const days = await h.api(`/api/public/booking/days?serviceId=${tp}`);
    expect(days.body.days).toHaveLength(7);
    expect(days.body.days[0]).toMatchObject({ day: DAY, weekday: 1, open: true });
    const slots = await h.api(`/api/public/booking/slots?serviceId=${tp}&day=${DAY}`);
    // 3 counters × 30 min ÷ 8 min × 50 % = 5 places a slot, 08:00 … 15:30.
    expect(slots.body.slots[0]).toMatchObject({
      start: '08:00',
      end: '08:30',
      capacity: 5,
      free: 5,
      open: true,
    });
    expect(slots.body.slots).toHaveLength(16);

    const proof = await proofFor(PHONE, CCCD);
    const created = await book(proof, tp, '09:00');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const b = created.body as PublicBooking;
    expect(b).toMatchObject({
      status: 'booked',
      start: '09:00',
      end: '09:30',
      cccdMasked: '•••••••••789',
      phoneMasked: '•••••••678',
      changeable: true,
      checkInFrom: '2026-12-07T08:45:00.000+07:00',
      checkInUntil: '2026-12-07T09:10:00.000+07:00',
    });
    expect(b.url).toMatch(new RegExp(`/b/${b.code}$`));
    const page = await h.api(`/api/public/bookings/${b.code.slice(0, 4)}-${b.code.slice(4).toLowerCase()}`);
    expect(page.body.code).toBe(b.code);
    const after = await h.api(`/api/public/booking/slots?serviceId=${tp}&day=${DAY}`);
    expect(after.body.slots[2]).toMatchObject({ start: '09:00', free: 4 });

    // The reminder an hour before goes at 08:00, to the booking's phone, with its code and page.
    const seen = sentTo(PHONE).length;
    clock.set(vnInstant(DAY, 8 * 60));
    const reminder = await nextSms(PHONE, seen);
    expect(reminder).toContain(`Nhắc lịch hẹn ${b.code.slice(0, 4)}-${b.code.slice(4)}: Sở Tư pháp, 09:00`);
    clock.set(START);

    const moved = await h.api(`/api/public/bookings/${b.code}/move`, { body: { day: DAY, start: '10:00' } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ start: '10:00', status: 'booked' });
    const cancelled = await h.api(`/api/public/bookings/${b.code}/cancel`, { method: 'POST' });
    expect(cancelled.body.status).toBe('cancelled');
    const again = await h.api(`/api/public/bookings/${b.code}/cancel`, { method: 'POST' });
    expect(again.body.error.code).toBe('LAYSO_BOOKING_NOT_CHANGEABLE');
    const free = await h.api(`/api/public/booking/slots?serviceId=${tp}&day=${DAY}`);
    expect(free.body.slots.every((s: { free: number }) => s.free === 5)).toBe(true);
  });

  it('lets 200 racing requests take exactly the last places of a slot, the rest told it is full', async () => {
    saveBookingSettings(h.store, {
      ...settings,
      services: settings.services.map((s) => ({ ...s, capacity: { '1': 10 } })),
    });
    for (let i = 0; i < 7; i++)
      expect((await book(directProof(`0010000000${i}0`), tp, '11:00')).status).toBe(201);
    const proofs = Array.from({ length: 200 }, (_, i) => directProof(`0020000${String(i).padStart(5, '0')}`));
    const eleven = { startsAt: vnInstant(DAY, 11 * 60), endsAt: vnInstant(DAY, 11 * 60 + 30) };
    const before = h.store.bookings.countLive(tp, DAY, eleven);
    expect(before).toBe(7);
    const replies = await Promise.all(proofs.map((p) => book(p, tp, '11:00')));
    const statuses = replies.map((r) => (r.status === 201 ? 'booked' : r.body.error.code));
    expect(statuses.filter((s) => s === 'booked')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'LAYSO_BOOKING_SLOT_FULL')).toHaveLength(197);
    expect(h.store.bookings.countLive(tp, DAY, eleven)).toBe(10);
    expect(h.store.bookings.listDay(DAY)).toHaveLength(10);
  });

  it('counts one person once across phones and with their walk-in tickets', async () => {
    const onA = directProof(CCCD, '0912345678');
    const onB = directProof(CCCD, '0987654321');
    expect((await book(onA, tp)).status).toBe(201);
    const twice = await book(onB, tp, '10:00');
    expect(twice.body.error.code).toBe('LAYSO_BOOKING_SERVICE_LIMIT');
    expect((await book(onB, ca)).status).toBe(201);
    const third = await book(onA, tc);
    expect(third.body.error.code).toBe('LAYSO_BOOKING_PERSON_LIMIT');
    // Another person: one walk-in ticket with their ID number leaves one booking that day.
    const other = '079199999999';
    await issue(h, tc, { intake: { consent: true, idNumber: other } });
    const proof = directProof(other);
    expect((await book(proof, tp)).status).toBe(201);
    const refused = await book(proof, ca, '10:00');
    expect(refused.body.error.code).toBe('LAYSO_BOOKING_PERSON_LIMIT');
    // The next day is free again.
    expect((await book(proof, ca, '09:00', '2026-12-08')).status).toBe(201);
  });

  it('refuses a closed day, a closed service, an unknown or closed slot, and changes nothing', async () => {
    saveBookingSettings(h.store, {
      ...settings,
      services: settings.services.map((s) => (s.serviceId === ca ? { ...s, enabled: false } : s)),
    });
    const proof = directProof(CCCD);
    const before = changes();
    const cases: [Promise<{ status: number; body: { error: { code: string } } }>, string][] = [
      [book(proof, tp, '09:00', '2026-12-06'), 'LAYSO_BOOKING_DAY_CLOSED'],
      [book(proof, tp, '09:00', '2026-12-14'), 'LAYSO_BOOKING_DAY_CLOSED'],
      [book(proof, ca), 'LAYSO_BOOKING_SERVICE_CLOSED'],
      [book(proof, 999_999), 'LAYSO_SERVICE_NOT_FOUND'],
      [book(proof, tp, '09:10'), 'LAYSO_BOOKING_SLOT_UNKNOWN'],
      [book(proof, tp, '07:00'), 'LAYSO_BOOKING_SLOT_UNKNOWN'],
      [book('p'.repeat(40), tp), 'LAYSO_BOOKING_PROOF_INVALID'],
    ];
    for (const [reply, code] of cases) expect((await reply).body.error.code).toBe(code);
    clock.set(vnInstant(DAY, 8 * 60 + 31));
    expect((await book(proof, tp, '09:00')).body.error.code).toBe('LAYSO_BOOKING_SLOT_CLOSED');
    clock.set(START);
    expect(changes()).toBe(before);
    const holiday = readBookingSettings(h.store);
    h.server.ctx.settings.save({ ...h.server.ctx.settings.get(), holidays: ['2026-12-08'] });
    try {
      expect((await book(proof, tp, '09:00', '2026-12-08')).body.error.code).toBe('LAYSO_BOOKING_DAY_CLOSED');
    } finally {
      h.server.ctx.settings.save({ ...h.server.ctx.settings.get(), holidays: [] });
    }
    saveBookingSettings(h.store, { ...holiday, enabled: false });
    expect((await book(proof, tp)).body.error.code).toBe('LAYSO_BOOKING_CLOSED');
    expect(h.store.bookings.listDay(DAY)).toEqual([]);
  });

  it('drops the reminders of a booking moved or cancelled instead of sending them', async () => {
    const b = (await book(directProof(CCCD, '0944444444'), tp, '09:00')).body as PublicBooking;
    const id = h.store.bookings.byCode(b.code)?.id ?? 0;
    const key = (minutes: number) => `b${id}:booking_reminder:before:${vnInstant(DAY, minutes).getTime()}`;
    expect(
      (await h.api(`/api/public/bookings/${b.code}/move`, { body: { day: DAY, start: '10:00' } })).status,
    ).toBe(200);
    const state = (k: string) => h.store.notices.forKey(k)[0];
    clock.set(vnInstant(DAY, 8 * 60));
    await eventually(() => state(key(9 * 60))?.droppedAt != null, 'the old slot reminder dropped');
    expect(state(key(9 * 60))?.lastError).toBe('stale: moved');
    expect(state(key(10 * 60))?.droppedAt).toBeNull();
    clock.set(START);
    expect((await h.api(`/api/public/bookings/${b.code}/cancel`, { method: 'POST' })).status).toBe(200);
    clock.set(vnInstant(DAY, 9 * 60));
    await eventually(() => state(key(10 * 60))?.droppedAt != null, 'the cancelled booking reminder dropped');
    expect(state(key(10 * 60))?.lastError).toBe('stale: cancelled');
    expect(sentTo('0944444444')).toEqual([]);
  });

  it('lapses a booking never checked in to no-show once its window has ended', async () => {
    const b = (await book(directProof(CCCD), tp, '09:00')).body as PublicBooking;
    clock.set(vnInstant(DAY, 9 * 60 + 10));
    expect(h.server.ctx.bookings.lapse()).toBe(0);
    clock.set(new Date(vnInstant(DAY, 9 * 60 + 10).getTime() + 1));
    expect(h.server.ctx.bookings.lapse()).toBe(1);
    expect(h.store.bookings.byCode(b.code)?.status).toBe('no_show');
    expect(h.server.ctx.bookings.lapse()).toBe(0);
  });

  it('counts bookings made on the old slot grid in the new slots they overlap (no oversell)', async () => {
    const grid = (slotMinutes: number, places: number) =>
      saveBookingSettings(h.store, {
        ...settings,
        services: settings.services.map((s) => ({ ...s, slotMinutes, capacity: { '1': places } })),
      });
    grid(30, 2);
    const made: string[] = [];
    for (const [i, start] of ['09:00', '09:00', '09:30'].entries()) {
      const r = await book(directProof(`0030000000${i}0`), tp, start);
      expect(r.status).toBe(201);
      made.push(r.body.code as string);
    }
    // One-hour slots of three places now: 9:00–10:00 already holds all three (two began at 9:00, one at 9:30).
    grid(60, 3);
    const slots = await h.api(`/api/public/booking/slots?serviceId=${tp}&day=${DAY}`);
    expect(slots.body.slots.find((x: { start: string }) => x.start === '09:00')).toMatchObject({ free: 0 });
    const r = await book(directProof('003000000090'), tp, '09:00');
    expect(r.body.error?.code).toBe('LAYSO_BOOKING_SLOT_FULL');
    expect(h.store.bookings.listDay(DAY)).toHaveLength(3);
    // The 9:30 booking moves to the new 9:00 slot it already holds a place in.
    const moved = await h.api(`/api/public/bookings/${made[2]}/move`, { body: { day: DAY, start: '09:00' } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ start: '09:00', end: '10:00' });
  });
});

describe('the admin', () => {
  it('reads and changes the settings (audited), and sees the day masked with its slots', async () => {
    const admin = await login(h, 'admin');
    const got = await h.api('/api/admin/booking/settings', { token: admin.token });
    expect(got.body.services).toHaveLength(3);
    const unknown = await h.api('/api/admin/booking/settings', {
      method: 'PUT',
      token: admin.token,
      body: { ...settings, services: [{ ...settings.services[0], serviceId: 999_999 }] },
    });
    expect(unknown.body.error.code).toBe('LAYSO_SERVICE_NOT_FOUND');
    const [first] = settings.services;
    const twice = await h.api('/api/admin/booking/settings', {
      method: 'PUT',
      token: admin.token,
      body: { ...settings, services: [...settings.services, { ...first, enabled: false }] },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.code).toBe('LAYSO_VALIDATION');
    expect((await h.api('/api/admin/booking/settings', { token: admin.token })).body).toEqual(got.body);
    const changed = {
      ...settings,
      daysAhead: 3,
      services: settings.services.filter((x) => x.serviceId === tp),
    };
    const put = await h.api('/api/admin/booking/settings', {
      method: 'PUT',
      token: admin.token,
      body: changed,
    });
    expect(put.status).toBe(200);
    expect(put.body.daysAhead).toBe(3);
    expect(h.server.ctx.audit.list(1)[0]?.action).toBe('booking.settings.update');
    expect((await h.api(`/api/public/booking/days?serviceId=${tp}`)).body.days).toHaveLength(4);
    expect((await h.api(`/api/public/booking/days?serviceId=${ca}`)).body.error.code).toBe(
      'LAYSO_BOOKING_SERVICE_CLOSED',
    );

    await book(directProof(CCCD), tp, '09:00');
    const day = await h.api(`/api/admin/bookings?day=${DAY}`, { token: admin.token });
    expect(day.status).toBe(200);
    expect(day.body.bookings).toEqual([
      expect.objectContaining({
        status: 'booked',
        serviceName: 'Sở Tư pháp',
        start: '09:00',
        cccdMasked: '•••••••••789',
        phoneMasked: '•••••••678',
        ticketNumber: null,
      }),
    ]);
    expect(JSON.stringify(day.body)).not.toContain(CCCD);
    expect(day.body.services).toHaveLength(1);
    expect(day.body.services[0].slots[2]).toMatchObject({ start: '09:00', capacity: 5, free: 4 });
  });
});

describe('the one-time code', () => {
  it('refuses a wrong code (writing nothing), a spent one, a reused one and an expired one', async () => {
    const headers = from('10.1.0.1');
    const phone = '0911111111';
    const first = await requestCode(phone, CCCD, headers);
    expect(sentTo(phone)).toHaveLength(1);
    const wrong = first.code === '000000' ? '000001' : '000000';
    const verify = (challengeId: string, code: string) =>
      h.api('/api/public/booking/verify', { body: { challengeId, code }, headers });
    const before = changes();
    for (let i = 0; i < settings.otpMaxTries; i++)
      expect((await verify(first.challengeId, wrong)).body.error.code).toBe('LAYSO_OTP_INVALID');
    expect(changes()).toBe(before);
    // Spent by its wrong tries: even the right code is refused now.
    expect((await verify(first.challengeId, first.code)).body.error.code).toBe('LAYSO_OTP_EXPIRED');

    const second = await requestCode(phone, CCCD, headers);
    expect((await verify(second.challengeId, second.code)).status).toBe(200);
    expect((await verify(second.challengeId, second.code)).body.error.code).toBe('LAYSO_OTP_EXPIRED');

    const third = await requestCode(phone, CCCD, headers);
    clock.advance(settings.otpMinutes * 60_000 + 1);
    expect((await verify(third.challengeId, third.code)).body.error.code).toBe('LAYSO_OTP_EXPIRED');
    // A fourth code to the same phone within 30 minutes is refused, nothing sent or stored.
    const n = changes();
    const fourth = await h.api('/api/public/booking/otp', { body: { phone, cccd: CCCD }, headers });
    expect(fourth.body.error.code).toBe('LAYSO_OTP_LIMIT');
    expect(changes()).toBe(n);
  });

  it('limits codes per CCCD number across phones, guesses per address, and unknown booking codes', async () => {
    const cccd = '079100000042';
    const sends = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        h.api('/api/public/booking/otp', {
          body: { phone: `09200000${i}0`, cccd },
          headers: from('10.2.0.1'),
        }),
      ),
    );
    expect(sends.map((r) => r.status).sort()).toEqual([202, 202, 202, 202, 202, 429]);
    const guesses: string[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await h.api('/api/public/booking/verify', {
        body: { challengeId: `unknown-challenge-${String(i).padStart(4, '0')}`, code: '123456' },
        headers: from('10.2.0.2'),
      });
      guesses.push(r.body.error.code);
    }
    expect(guesses.slice(0, 20).every((c) => c === 'LAYSO_OTP_EXPIRED')).toBe(true);
    expect(guesses.slice(20).every((c) => c === 'LAYSO_BOOKING_LIMIT')).toBe(true);
    const lookups: number[] = [];
    for (let i = 0; i < 32; i++)
      lookups.push(
        (await h.api(`/api/public/bookings/ZZZZ${String(i).padStart(4, '0')}`, { headers: from('10.2.0.3') }))
          .status,
      );
    expect(lookups.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(lookups.slice(30)).toEqual([429, 429]);
  });

  it('keeps the one-time code in the outbox only until it is sent', async () => {
    const { challengeId, code } = await requestCode('0955555555', CCCD, from('10.4.0.1'));
    const rows = () => h.store.notices.forKey(`o${challengeId}:booking_code`);
    await eventually(() => rows().some((n) => n.sentAt !== null), 'the code notice marked sent');
    expect(rows().map((n) => n.params.code)).toEqual(rows().map(() => ''));
    expect(JSON.stringify(h.store.db.prepare('SELECT params FROM notices').all())).not.toContain(code);
  });

  it('never logs the CCCD number nor stores it in clear', async () => {
    const cccd = '079188877766';
    await book(await proofFor('0933333333', cccd, from('10.3.0.1')), tp);
    await h.api('/api/public/booking/otp', {
      body: { phone: 'not-a-phone', cccd },
      headers: from('10.3.0.1'),
    });
    await h.api('/api/public/booking/otp', { body: { phone: '0933333333', cccd: `${cccd}x` } });
    expect(lines.join('\n')).not.toContain(cccd);
    const dump = h.store.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all()
      .map((t) => JSON.stringify(h.store.db.prepare(`SELECT * FROM "${String(t)}"`).all()))
      .join('\n');
    expect(dump).not.toContain(cccd);
    expect(dump).toContain(h.server.ctx.bookingIdentity.cccdHash(cccd));
  });
});
