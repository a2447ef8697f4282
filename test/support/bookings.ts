/**
 * The booking setup the end-to-end tests share (issue 21): SMS on towards the notice stand-in of `npm run
 * notify-mock`, booking opened for a service through the admin's API, and a booking made through the same endpoints
 * the booking page calls, its one-time code read from the SMS the stand-in received. One copy, so a change of the
 * flow is one change here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  DEFAULT_BOOKING_SETTINGS,
  ENDPOINTS,
  type BookingServiceSettings,
  type BookingSettings,
  type PublicBooking,
} from '@layso/protocol';
import { startVirtualPrinter, type VirtualPrinter } from '@layso/printer-drivers';
import { startNotifyMock, type NotifyMock } from '@layso/queue-server';
import { login, startHarness, type Harness, type ManualClock } from '@layso/queue-server/testing';

/** The SMS gateway key the stand-in is started with; the admin's settings show its last four characters. */
export const SMS_KEY = 'sms-gateway-key-0021';
/** The brandname the SMS go out under (the stand-in's default). */
export const BRANDNAME = 'LAYSO';

/** The notice stand-in on a free port, its SMS gateway expecting `SMS_KEY`. */
export const startSmsStandIn = (): Promise<NotifyMock> =>
  startNotifyMock({ port: 0, sms: { apiKey: SMS_KEY } });

/** A server printing to a virtual printer, beside the notice stand-in; `close` stops all three. */
export interface KioskWithSms {
  h: Harness;
  mock: NotifyMock;
  printer: VirtualPrinter;
  /** Where the virtual printer writes each paper it decoded (a PNG). */
  printedDir: string;
  close(): Promise<void>;
}

/**
 * The notice stand-in, a virtual ticket printer and the demo center's server printing to it (SMS not on yet: see
 * `smsOn`). The stand-in is plain http on 127.0.0.1, which the server allows for labs and tests only.
 */
export async function startKioskWithSms(name: string, clock?: ManualClock): Promise<KioskWithSms> {
  const mock = await startSmsStandIn();
  const printedDir = mkdtempSync(join(tmpdir(), `layso-${name}-printed-`));
  const close: (() => unknown)[] = [
    () => mock.close(),
    () => rmSync(printedDir, { recursive: true, force: true }),
  ];
  const closeAll = async () => {
    for (const c of close.reverse()) await c();
  };
  try {
    const printer = await startVirtualPrinter({ port: 0, host: '127.0.0.1', outDir: printedDir });
    close.push(() => printer.close());
    const h = await startHarness({
      clock,
      printerUrl: `tcp://127.0.0.1:${printer.port}`,
      env: { ALLOW_HTTP_UPSTREAM: 'true' },
    });
    close.push(() => h.close());
    return { h, mock, printer, printedDir, close: closeAll };
  } catch (e) {
    await closeAll();
    throw e;
  }
}

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
 * Booking on for one service through the admin's API, over the defaults: the real center's hours and windows (08:00
 * to 16:00, check-in from 15 minutes early to 10 late), not the demo's round-the-clock ones.
 */
export async function bookingOn(h: Harness, service: BookingServiceSettings): Promise<void> {
  const admin = await login(h, 'admin');
  const settings: BookingSettings = { ...DEFAULT_BOOKING_SETTINGS, services: [service] };
  const put = await h.api(ENDPOINTS.bookingSettings.path, {
    method: 'PUT',
    token: admin.token,
    body: settings,
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
