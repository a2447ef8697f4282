import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { existsSync, chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BookingOtpReply, BookingVerifyReply } from '@layso/protocol';
import type { BookingProofRow } from '../db/bookings.js';
import type { Store } from '../db/store.js';
import { maskTail } from '../domain/bookings.js';
import { localPhone } from '../domain/phone.js';
import { toIso } from '../domain/time.js';
import type { Clock } from '../domain/types.js';
import { fail } from '../errors.js';
import type { NoticePlanner } from '../notify/planner.js';
import { readBookingSettings } from './booking-settings.js';
import { AttemptLimiter, type Window } from './lookup-limit.js';

/** The secret the CCCD numbers are keyed with (HMAC-SHA256), kept beside the database like the VAPID keys. */
export const BOOKING_SECRET_FILE = 'booking-secret';

/** Reads the secret in DATA_DIR, or makes it (owner-only) on first start. */
export function loadBookingSecret(dataDir: string): Buffer {
  const file = join(dataDir, BOOKING_SECRET_FILE);
  if (existsSync(file)) {
    const hex = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex))
      throw new Error(`${BOOKING_SECRET_FILE} in DATA_DIR is not a 32-byte hex key`);
    chmodSync(file, 0o600);
    return Buffer.from(hex, 'hex');
  }
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  return key;
}

/** The booking page's rate limits (BOOKING_* in config.ts), each a number of attempts in a sliding window. */
export interface BookingLimits {
  /** Codes sent to one phone, to one CCCD number, from one address. */
  otpPerPhone: Window;
  otpPerCccd: Window;
  otpPerSource: Window;
  /** Wrong one-time codes from one address, and for one phone or CCCD number. */
  wrongPerSource: Window;
  wrongPerPerson: Window;
  /** Unknown booking codes (and invalid proofs) from one address. */
  lookupPerSource: Window;
}

export const DEFAULT_BOOKING_LIMITS: BookingLimits = {
  otpPerPhone: { max: 3, windowMs: 30 * 60_000 },
  otpPerCccd: { max: 5, windowMs: 30 * 60_000 },
  otpPerSource: { max: 30, windowMs: 10 * 60_000 },
  wrongPerSource: { max: 20, windowMs: 10 * 60_000 },
  wrongPerPerson: { max: 10, windowMs: 30 * 60_000 },
  lookupPerSource: { max: 30, windowMs: 10 * 60_000 },
};

/** How long a verified phone may book (and book again) without a new code. */
export const PROOF_MINUTES = 30;

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export interface BookingOtpOptions {
  store: Store;
  clock: Clock;
  secret: Buffer;
  limits: BookingLimits;
  planner: NoticePlanner;
  /** The notice workers look at once. */
  wake: () => void;
}

/**
 * The phone's proof (issue 21): a 6-digit one-time code sent by ZNS or SMS (stored only as an HMAC keyed by the
 * challenge), single use, with counted wrong tries and an expiry; the right code gives a proof token (stored hashed)
 * that books for {@link PROOF_MINUTES}. Sends are limited per phone, CCCD and address; wrong codes per address and
 * per person; unknown booking codes per address. The limiter is in memory (a restart forgets it).
 */
export class BookingIdentity {
  private readonly limiter: AttemptLimiter;

  constructor(private readonly o: BookingOtpOptions) {
    this.limiter = new AttemptLimiter(o.clock);
  }

  /** The CCCD number keyed with the server's secret: what the store keeps for limits and the card check-in. */
  cccdHash(cccd: string): string {
    return createHmac('sha256', this.o.secret).update(cccd.trim()).digest('hex');
  }

  /** Sends a one-time code for this phone and CCCD number (through the notices outbox). */
  request(typedPhone: string, cccd: string, address: string): BookingOtpReply {
    const { store, clock, limits } = this.o;
    // +84 912… and 0912… are one phone: one key for its limits, one form stored.
    const phone = localPhone(typedPhone);
    const settings = readBookingSettings(store);
    if (!settings.enabled) fail('LAYSO_BOOKING_CLOSED');
    const channel = this.o.planner.phoneChannel();
    if (channel === null) fail('LAYSO_BOOKING_CLOSED');
    const hash = this.cccdHash(cccd);
    const keys: [string, Window][] = [
      [`otp-phone:${phone}`, limits.otpPerPhone],
      [`otp-cccd:${hash}`, limits.otpPerCccd],
      [`otp-ip:${address}`, limits.otpPerSource],
    ];
    // All three checked before any is counted: a refusal spends nothing.
    if (keys.some(([k, w]) => this.limiter.blocked(k, w))) fail('LAYSO_OTP_LIMIT');
    for (const [k, w] of keys) this.limiter.fail(k, w);
    const now = clock.now();
    const id = randomBytes(18).toString('base64url');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(now.getTime() + settings.otpMinutes * 60_000);
    store.transaction(() => {
      store.bookings.insertOtp({
        id,
        phone,
        cccdHash: hash,
        cccdLast: cccd.trim().slice(-3),
        codeHash: this.codeHash(id, code),
        expiresAt,
        at: now,
      });
      this.o.planner.bookingCode(id, code, settings.otpMinutes, now);
    });
    this.o.wake();
    return { challengeId: id, channel, expiresAt: toIso(expiresAt), phoneMasked: maskTail(phone) };
  }

  /**
   * The code typed: a proof, or a refusal (wrong, expired or used, too many tries). A wrong code writes nothing: its
   * tries are counted in memory, per challenge (otpMaxTries, then it is spent), per phone and CCCD, per address.
   */
  verify(challengeId: string, code: string, address: string): BookingVerifyReply {
    const { store, clock, limits } = this.o;
    const source = `wrong-ip:${address}`;
    if (!this.limiter.take(source, limits.wrongPerSource)) fail('LAYSO_BOOKING_LIMIT');
    const now = clock.now();
    const otp = store.bookings.otp(challengeId);
    // A code lives at most 30 minutes (otpMinutes): a window that long holds all of its tries.
    const tries: [string, Window] = [
      `otp:${challengeId}`,
      { max: readBookingSettings(store).otpMaxTries, windowMs: 30 * 60_000 },
    ];
    if (!otp || otp.usedAt !== null || otp.expiresAt <= now || this.limiter.blocked(...tries))
      fail('LAYSO_OTP_EXPIRED');
    const person: [string, Window][] = [
      [`wrong-phone:${otp.phone}`, limits.wrongPerPerson],
      [`wrong-cccd:${otp.cccdHash}`, limits.wrongPerPerson],
    ];
    if (person.some(([k, w]) => this.limiter.blocked(k, w))) fail('LAYSO_BOOKING_LIMIT');
    const expected = Buffer.from(otp.codeHash, 'hex');
    const given = Buffer.from(this.codeHash(challengeId, code), 'hex');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      for (const [k, w] of [tries, ...person]) this.limiter.fail(k, w);
      fail('LAYSO_OTP_INVALID');
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + PROOF_MINUTES * 60_000);
    store.transaction(() => {
      // Two verifies racing with the right code: one wins, the other finds it used.
      if (!store.bookings.otpUse(challengeId, now)) fail('LAYSO_OTP_EXPIRED');
      store.bookings.insertProof({
        tokenHash: sha256(token),
        phone: otp.phone,
        cccdHash: otp.cccdHash,
        cccdLast: otp.cccdLast,
        expiresAt,
        at: now,
      });
    });
    this.limiter.refund(source);
    return { proof: token, expiresAt: toIso(expiresAt) };
  }

  /** What a proof token holds, or LAYSO_BOOKING_PROOF_INVALID (counted per address: tokens cannot be swept). */
  proof(token: string, address: string): BookingProofRow {
    const key = `lookup-ip:${address}`;
    if (!this.limiter.take(key, this.o.limits.lookupPerSource)) fail('LAYSO_BOOKING_LIMIT');
    const p = this.o.store.bookings.proof(sha256(token), this.o.clock.now());
    if (!p) fail('LAYSO_BOOKING_PROOF_INVALID');
    this.limiter.refund(key);
    return p;
  }

  /**
   * Counts a use of a booking's code from `address` before it is looked up; `found` gives it back. Beyond the
   * window's unknown codes: LAYSO_BOOKING_LIMIT.
   */
  lookup<T>(address: string, find: () => T | null): T | null {
    const key = `lookup-ip:${address}`;
    if (!this.limiter.take(key, this.o.limits.lookupPerSource)) fail('LAYSO_BOOKING_LIMIT');
    const found = find();
    if (found !== null) this.limiter.refund(key);
    return found;
  }

  private codeHash(challengeId: string, code: string): string {
    return createHmac('sha256', this.o.secret).update(`${challengeId}:${code}`).digest('hex');
  }
}
