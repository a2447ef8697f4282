/**
 * The booking setup the end-to-end tests share (issue 21): SMS on towards the notice stand-in of `npm run
 * notify-mock`, booking opened for a service through the admin's API, and a booking made through the same endpoints
 * the booking page calls, its one-time code read from the SMS the stand-in received. One copy, so a change of the
 * flow is one change here.
 */
import { expect } from 'vitest';
import {
  DEFAULT_BOOKING_SETTINGS,
  ENDPOINTS,
  type BookingServiceSettings,
  type BookingSettings,
  type PublicBooking,
} from '@layso/protocol';
import { startNotifyMock, type NotifyMock } from '@layso/queue-server';
import { login, type Harness } from '@layso/queue-server/testing';

/** The SMS gateway key the stand-in is started with; the admin's settings show its last four characters. */
export const SMS_KEY = 'sms-gateway-key-0021';
/** The brandname the SMS go out under (the stand-in's default). */
export const BRANDNAME = 'LAYSO';

/** The notice stand-in on a free port, its SMS gateway expecting `SMS_KEY`. */
export const startSmsStandIn = (): Promise<NotifyMock> =>
  startNotifyMock({ port: 0, sms: { apiKey: SMS_KEY } });

/** The SMS the stand-in received for a phone written 0912… (the gateway's form is 84912…). */
export const smsTo = (mock: NotifyMock, phone: string) =>
  mock.sms.received().filter((m) => m.to === `84${phone.slice(1)}`);

/**
 * The admin turns SMS on as in Admin → Thông báo: the stand-in's address, the gateway key, the brandname. The
 * plain-http stand-in needs the harness started with `ALLOW_HTTP_UPSTREAM: 'true'`. Answers the saved SMS channel.
 */
export async function smsOn(
  h: Harness,
  mock: NotifyMock,
): Promise<{ enabled: boolean; credential: string; sender: string }> {
  const admin = await login(h, 'admin');
  const before = await h.api('/api/admin/notices/settings', { token: admin.token });
  const sms = { ...before.body.channels.sms, enabled: true, url: mock.urls.sms, credential: SMS_KEY };
  const saved = await h.api('/api/admin/notices/settings', {
    method: 'PUT',
    token: admin.token,
    body: { channels: { sms: { ...sms, sender: BRANDNAME } } },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return saved.body.channels.sms;
}

/**
 * Booking on for one service through the admin's API: over the defaults (the real center's hours and windows), or
 * over the settings the center has now (`'current'`: the demo's round-the-clock ones).
 */
export async function bookingOn(
  h: Harness,
  service: BookingServiceSettings,
  over: 'defaults' | 'current' = 'defaults',
): Promise<void> {
  const admin = await login(h, 'admin');
  let base: BookingSettings = DEFAULT_BOOKING_SETTINGS;
  if (over === 'current') base = (await h.api(ENDPOINTS.bookingSettings.path, { token: admin.token })).body;
  const put = await h.api(ENDPOINTS.bookingSettings.path, {
    method: 'PUT',
    token: admin.token,
    body: { ...base, services: [service] },
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
}

/** The six-digit one-time code of the latest SMS to this phone, once it has more than `seen` of them. */
export async function oneTimeCode(mock: NotifyMock, phone: string, seen: number): Promise<string> {
  await mock.until(() => smsTo(mock, phone).length > seen, 30_000);
  const text = smsTo(mock, phone).at(-1)?.text ?? '';
  expect(text).toContain('Mã xác nhận đặt lịch');
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!code) throw new Error(`no 6-digit code in "${text}"`);
  return code;
}

/** A booking made as the booking page makes it: the one-time code by SMS, the proof, the slot. */
export async function bookByApi(
  h: Harness,
  mock: NotifyMock,
  person: { cccd: string; phone: string },
  slot: { serviceId: number; day: string; start: string },
): Promise<PublicBooking> {
  const seen = smsTo(mock, person.phone).length;
  const otp = await h.api(ENDPOINTS.bookingOtp.path, { body: person });
  expect(otp.status, JSON.stringify(otp.body)).toBe(202);
  const code = await oneTimeCode(mock, person.phone, seen);
  const verified = await h.api(ENDPOINTS.bookingVerify.path, {
    body: { challengeId: otp.body.challengeId, code },
  });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  const made = await h.api(ENDPOINTS.bookingCreate.path, { body: { proof: verified.body.proof, ...slot } });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body;
}
