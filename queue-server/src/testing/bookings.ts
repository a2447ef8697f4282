import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { DEFAULT_BOOKING_SETTINGS, PublicBooking, type BookingSettings } from '@layso/protocol';
import { readBookingSettings, saveBookingSettings } from '../app/booking-settings.js';
import { vnInstant } from '../domain/time.js';
import { startNotifyMock, type NotifyMock } from '../notify/mock.js';
import { readNoticeConfig, saveNoticeConfig } from '../notify/settings.js';
import { seedSmallCenter } from './center.js';
import { ManualClock, startHarness, type Harness } from './harness.js';

/**
 * Bookings for tests (issue 21) without the one-time code's round trip: a proof put in the store as a verified code
 * would leave it, then the booking made through the real endpoint (every rule and the transaction apply). The code's
 * own path is tested in http/booking-codes.test.ts against the SMS stand-in.
 */
export function bookingProof(h: Harness, cccd: string, phone = '0912345678', hours = 24): string {
  const token = randomBytes(32).toString('base64url');
  const now = h.server.ctx.clock.now();
  h.store.bookings.insertProof({
    tokenHash: createHash('sha256').update(token).digest('hex'),
    phone,
    cccdHash: h.server.ctx.bookingIdentity.cccdHash(cccd),
    cccdLast: cccd.slice(-3),
    expiresAt: new Date(now.getTime() + hours * 3_600_000),
    at: now,
  });
  return token;
}

/** Books `start` ("HH:mm") of `day` for a service as `cccd`; throws with the refusal when it is not 201. */
export async function bookSlot(
  h: Harness,
  b: { serviceId: number; day: string; start: string; cccd: string; phone?: string; procedureId?: number },
): Promise<PublicBooking> {
  const { cccd, phone, ...rest } = b;
  const r = await h.api('/api/public/bookings', { body: { proof: bookingProof(h, cccd, phone), ...rest } });
  if (r.status !== 201) throw new Error(`booking ${b.start} ${b.day}: ${r.status} ${JSON.stringify(r.body)}`);
  return PublicBooking.parse(r.body);
}

/** The services booking is enabled for, as the settings hold now (the demo seeds Tư pháp and three others). */
export function bookableServices(h: Harness): number[] {
  return readBookingSettings(h.store)
    .services.filter((s) => s.enabled)
    .map((s) => s.serviceId);
}

/** The booking tests' day: Monday 2026-12-07; they start at 07:00 Vietnam time unless a test moves the clock. */
export const BOOKING_DAY = '2026-12-07';
export const BOOKING_START = vnInstant(BOOKING_DAY, 7 * 60);

/** Requests from another address (TRUST_PROXY is the loopback, so X-Forwarded-For names the client). */
export const from = (address: string) => ({ 'x-forwarded-for': address });

/**
 * The booking endpoints' tests (http/bookings*.test.ts): one server on a fake clock with the small center, SMS
 * through the notify stand-in, booking open for Tư pháp, Công an and Thuế with 30-minute slots. Made by
 * {@link bookingBench}, which starts it for the file and gives every test a clean day.
 */
export class BookingBench {
  readonly clock = new ManualClock(BOOKING_START);
  /** What the server logged. */
  readonly lines: string[] = [];
  tp = 0;
  ca = 0;
  tc = 0;
  /** The booking settings as each test starts (saved again before each). */
  settings: BookingSettings = DEFAULT_BOOKING_SETTINGS;
  private started: { h: Harness; mock: NotifyMock } | null = null;

  get h(): Harness {
    if (!this.started) throw new Error('the booking bench is not started');
    return this.started.h;
  }

  get mock(): NotifyMock {
    if (!this.started) throw new Error('the booking bench is not started');
    return this.started.mock;
  }

  async start(): Promise<void> {
    const mock = await startNotifyMock({ port: 0 });
    const h = await startHarness({
      clock: this.clock,
      seed: seedSmallCenter,
      env: { ALLOW_HTTP_UPSTREAM: 'true', TRUST_PROXY: '127.0.0.1', LOG_LEVEL: 'info' },
      notices: { dispatch: { backoff: { baseMs: 5, capMs: 50 }, idleMs: 50 } },
      logStream: { write: (line) => void this.lines.push(line) },
    });
    this.started = { h, mock };
    const ids = (code: string) => h.store.catalogue.serviceByCode(code)?.id ?? 0;
    [this.tp, this.ca, this.tc] = [ids('TP'), ids('CA'), ids('TC')];
    const c = readNoticeConfig(h.store);
    saveNoticeConfig(h.store, {
      ...c,
      channels: {
        ...c.channels,
        sms: { ...c.channels.sms, enabled: true, url: mock.urls.sms, credential: 'sms-key', sender: 'LAYSO' },
      },
    });
  }

  async close(): Promise<void> {
    await this.h.close();
    await this.mock.close();
  }

  /** A clean day: the clock at 07:00, the settings as they start, no bookings, proofs nor notices. */
  reset(): void {
    this.clock.set(BOOKING_START);
    this.settings = {
      ...DEFAULT_BOOKING_SETTINGS,
      services: [this.tp, this.ca, this.tc].map((serviceId) => ({
        serviceId,
        enabled: true,
        slotMinutes: 30,
        walkInSharePercent: 50,
        capacity: {},
      })),
    };
    saveBookingSettings(this.h.store, this.settings);
    // Bookings are never deleted in service; here they are, so their notices (keyed by booking id) go too.
    this.h.store.db.exec(
      'UPDATE tickets SET booking_id = NULL; DELETE FROM bookings; DELETE FROM booking_proofs; DELETE FROM notices',
    );
  }

  readonly sentTo = (phone: string) => this.mock.sms.received().filter((m) => m.to.endsWith(phone.slice(1)));

  /** Waits (bounded) until `done()` holds, looking again after each notice the dispatcher handles (or 50 ms). */
  readonly eventually = async (done: () => boolean, what: string): Promise<void> => {
    const dispatcher = this.h.server.ctx.notices.dispatcher;
    for (let i = 0; i < 400; i++) {
      if (done()) return;
      dispatcher.wake();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(seen, 50);
        const off = dispatcher.onChange(seen);
        function seen() {
          clearTimeout(timer);
          off();
          resolve();
        }
      });
    }
    throw new Error(`never: ${what}`);
  };

  /** The newest text to `phone` once the SMS stand-in has received more than `seen` messages to it. */
  readonly nextSms = async (phone: string, seen: number): Promise<string> => {
    await this.eventually(() => this.sentTo(phone).length > seen, `a new SMS to ${phone}`);
    return this.sentTo(phone).at(-1)?.text ?? '';
  };

  /** Asks for a code for `phone` and reads it from the SMS stand-in. */
  readonly requestCode = async (phone: string, cccd: string, headers: Record<string, string>) => {
    const seen = this.sentTo(phone).length;
    const otp = await this.h.api('/api/public/booking/otp', { body: { phone, cccd }, headers });
    expect(otp.status, JSON.stringify(otp.body)).toBe(202);
    const code = /(\d{6})/.exec(await this.nextSms(phone, seen))?.[1] ?? '';
    return { challengeId: otp.body.challengeId as string, code };
  };

  /** The whole phone flow: a code by SMS, verified, a proof. */
  readonly proofFor = async (phone: string, cccd: string, headers = from('10.0.0.1')): Promise<string> => {
    const { challengeId, code } = await this.requestCode(phone, cccd, headers);
    const verify = await this.h.api('/api/public/booking/verify', { body: { challengeId, code }, headers });
    expect(verify.status, JSON.stringify(verify.body)).toBe(200);
    return verify.body.proof as string;
  };

  /** A proof put in the store directly (the races need hundreds of people without hundreds of SMS). */
  readonly directProof = (cccd: string, phone = '0912345678') => bookingProof(this.h, cccd, phone);

  readonly book = (
    proof: string,
    serviceId: number,
    start = '09:00',
    day = BOOKING_DAY,
    headers = from('10.0.0.2'),
  ) => this.h.api('/api/public/bookings', { body: { proof, serviceId, day, start }, headers });

  /** SQLite's count of rows written so far: a refusal must leave it as it was. */
  readonly changes = () => Number(this.h.store.db.prepare('SELECT total_changes()').pluck().get());
}

/** A {@link BookingBench} started for the calling test file (its hooks registered there). */
export function bookingBench(): BookingBench {
  const bench = new BookingBench();
  beforeAll(() => bench.start());
  afterAll(() => bench.close());
  beforeEach(() => bench.reset());
  return bench;
}
