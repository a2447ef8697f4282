/**
 * The signature of a status the province pushes to `POST /api/provincial/status` (DESIGN.md, "Provincial status"):
 * `X-Layso-Timestamp` = unix seconds, `X-Layso-Signature` = hex HMAC-SHA256 of `timestamp + "." + body` with the
 * shared secret (PROVINCIAL_PUSH_SECRET). A push is taken only inside a 5-minute window either side of our clock,
 * compared in constant time, and a signature once stored is not applied twice (a replay inside the window). The
 * stand-in signs with {@link signedHeaders}; the center checks with {@link PushVerifier}.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-layso-timestamp';
export const SIGNATURE_HEADER = 'x-layso-signature';
/** Either way: a push older or newer than this is refused. */
export const PUSH_WINDOW_SECONDS = 300;

/** Hex HMAC-SHA256 of `timestamp + "." + body`. */
export function signPush(secret: string, timestamp: number, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The headers a signed push carries, made at `nowMs`. */
export function signedHeaders(secret: string, body: Buffer | string, nowMs: number): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    'X-Layso-Timestamp': String(timestamp),
    'X-Layso-Signature': signPush(secret, timestamp, body),
  };
}

export type PushRefusal = 'LAYSO_PUSH_UNSIGNED' | 'LAYSO_PUSH_STALE' | 'LAYSO_PUSH_BAD_SIGNATURE';

/** A valid signature, to be remembered with {@link PushVerifier.commit} once its push is stored. */
export interface PushSeal {
  readonly key: string;
  /** When it stops mattering (ms): after that its timestamp is stale anyway. */
  readonly until: number;
}

export type PushVerdict =
  | { ok: true; replayed: boolean; seal: PushSeal }
  /** `reason` is safe to log: it never holds the body, a signature or the secret. */
  | { ok: false; code: PushRefusal; reason: string };

export interface PushHeaders {
  timestamp: string | string[] | undefined;
  signature: string | string[] | undefined;
}

const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^[0-9a-f]{64}$/i;
/** Signatures remembered for the replay check: beyond it the oldest are forgotten (they would be stale soon). */
const MAX_SEEN = 10_000;

const single = (v: string | string[] | undefined): string | null => (typeof v === 'string' ? v.trim() : null);

/** Checks pushes against one secret, remembering the signatures it accepted for the window. */
export class PushVerifier {
  /** Signature (lower-case hex) → when it stops mattering (ms): after that its timestamp is stale anyway. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly secret: string) {}

  verify(headers: PushHeaders, body: Buffer, nowMs: number): PushVerdict {
    const ts = single(headers.timestamp);
    const sig = single(headers.signature);
    if (!ts || !sig) return { ok: false, code: 'LAYSO_PUSH_UNSIGNED', reason: 'missing headers' };
    if (!TIMESTAMP.test(ts)) {
      return { ok: false, code: 'LAYSO_PUSH_UNSIGNED', reason: 'timestamp is not unix seconds' };
    }
    const skew = Math.floor(nowMs / 1000) - Number(ts);
    if (Math.abs(skew) > PUSH_WINDOW_SECONDS) {
      return { ok: false, code: 'LAYSO_PUSH_STALE', reason: `timestamp off by ${skew} s` };
    }
    if (!SIGNATURE.test(sig)) {
      return { ok: false, code: 'LAYSO_PUSH_BAD_SIGNATURE', reason: 'signature is not 64 hex digits' };
    }
    const expected = Buffer.from(signPush(this.secret, Number(ts), body), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) {
      return { ok: false, code: 'LAYSO_PUSH_BAD_SIGNATURE', reason: 'signature does not match' };
    }
    const key = sig.toLowerCase();
    return {
      ok: true,
      replayed: this.seen.has(key),
      seal: { key, until: (Number(ts) + PUSH_WINDOW_SECONDS) * 1000 },
    };
  }

  /**
   * Remembers a signature as seen — only once its push is validated and stored, so a push that failed to store
   * (a full disk: 503) is taken when the province sends it again, not refused as a replay.
   */
  commit(seal: PushSeal, nowMs: number): void {
    const { key, until } = seal;
    for (const [k, t] of this.seen) if (t < nowMs) this.seen.delete(k);
    if (this.seen.size >= MAX_SEEN) {
      const oldest = this.seen.keys().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
    this.seen.set(key, until);
  }
}
