import type { Database } from 'better-sqlite3';
import { toDate } from './sql.js';
import { FORGET_CODE } from './notices.js';

/** A one-time code sent to confirm a phone (its code stored hashed). Personal: never log it. */
export interface BookingOtpRow {
  id: string;
  phone: string;
  cccdHash: string;
  cccdLast: string;
  codeHash: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

/** What a verified code proves: this phone and this CCCD, until `expiresAt`. */
export interface BookingProofRow {
  phone: string;
  cccdHash: string;
  cccdLast: string;
  expiresAt: Date;
}

interface OtpRow {
  id: string;
  phone: string;
  cccd_hash: string;
  cccd_last: string;
  code_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

const fromOtp = (r: OtpRow): BookingOtpRow => ({
  id: r.id,
  phone: r.phone,
  cccdHash: r.cccd_hash,
  cccdLast: r.cccd_last,
  codeHash: r.code_hash,
  createdAt: new Date(r.created_at),
  expiresAt: new Date(r.expires_at),
  usedAt: toDate(r.used_at),
});

function prepare(db: Database) {
  return {
    insertOtp: db.prepare<{
      id: string;
      phone: string;
      cccdHash: string;
      cccdLast: string;
      codeHash: string;
      at: number;
      expiresAt: number;
    }>(`INSERT INTO booking_otps (id, phone, cccd_hash, cccd_last, code_hash, created_at, expires_at)
      VALUES (@id, @phone, @cccdHash, @cccdLast, @codeHash, @at, @expiresAt)`),
    otp: db.prepare<[string], OtpRow>('SELECT * FROM booking_otps WHERE id = ?'),
    otpUse: db.prepare<[number, string]>(
      'UPDATE booking_otps SET used_at = ? WHERE id = ? AND used_at IS NULL',
    ),
    purgeOtps: db.prepare<[number]>('DELETE FROM booking_otps WHERE expires_at < ?'),
    // The code's notice rows (key 'o<challenge>:booking_code') still pending when it expires lose it with it.
    forgetOtpNotices: db.prepare<[number]>(
      `UPDATE notices SET params = ${FORGET_CODE} WHERE key IN
        (SELECT 'o' || id || ':booking_code' FROM booking_otps WHERE expires_at < ?)`,
    ),
    insertProof: db.prepare<{
      tokenHash: string;
      phone: string;
      cccdHash: string;
      cccdLast: string;
      at: number;
      expiresAt: number;
    }>(`INSERT INTO booking_proofs (token_hash, phone, cccd_hash, cccd_last, created_at, expires_at)
      VALUES (@tokenHash, @phone, @cccdHash, @cccdLast, @at, @expiresAt)`),
    proof: db.prepare<
      [string, number],
      { phone: string; cccd_hash: string; cccd_last: string; expires_at: number }
    >(
      `SELECT phone, cccd_hash, cccd_last, expires_at FROM booking_proofs WHERE token_hash = ?
        AND expires_at > ?`,
    ),
    purgeProofs: db.prepare<[number]>('DELETE FROM booking_proofs WHERE expires_at < ?'),
  };
}

/**
 * The booking page's one-time codes (sent to confirm a phone) and the proofs a verified code gives (migration
 * 0180). Composed into the store as part of `store.bookings` ({@link BookingsRepo} extends it).
 */
export class BookingCodesRepo {
  private readonly codes: ReturnType<typeof prepare>;

  constructor(db: Database) {
    this.codes = prepare(db);
  }

  insertOtp(o: Omit<BookingOtpRow, 'createdAt' | 'usedAt'> & { at: Date }): void {
    this.codes.insertOtp.run({
      id: o.id,
      phone: o.phone,
      cccdHash: o.cccdHash,
      cccdLast: o.cccdLast,
      codeHash: o.codeHash,
      at: o.at.getTime(),
      expiresAt: o.expiresAt.getTime(),
    });
  }

  otp(id: string): BookingOtpRow | null {
    const r = this.codes.otp.get(id);
    return r ? fromOtp(r) : null;
  }

  /** Spends a code; false when it was already used (single use, even when two verifies race). */
  otpUse(id: string, at: Date): boolean {
    return this.codes.otpUse.run(at.getTime(), id).changes === 1;
  }

  // ---------- proofs ----------

  insertProof(p: BookingProofRow & { tokenHash: string; at: Date }): void {
    this.codes.insertProof.run({
      tokenHash: p.tokenHash,
      phone: p.phone,
      cccdHash: p.cccdHash,
      cccdLast: p.cccdLast,
      at: p.at.getTime(),
      expiresAt: p.expiresAt.getTime(),
    });
  }

  /** The proof this token (hashed) holds, if it has not expired by `now`. */
  proof(tokenHash: string, now: Date): BookingProofRow | null {
    const r = this.codes.proof.get(tokenHash, now.getTime());
    return r
      ? { phone: r.phone, cccdHash: r.cccd_hash, cccdLast: r.cccd_last, expiresAt: new Date(r.expires_at) }
      : null;
  }

  /** Drops codes and proofs expired before `before` (and the codes from their notices); returns how many rows went. */
  purgeCodes(before: Date): number {
    this.codes.forgetOtpNotices.run(before.getTime());
    return (
      this.codes.purgeOtps.run(before.getTime()).changes +
      this.codes.purgeProofs.run(before.getTime()).changes
    );
  }
}
