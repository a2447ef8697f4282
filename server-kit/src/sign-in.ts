import { FailureRate, KnownDesks, LoginLimiter, SprayLimiter } from './rate-limit.js';
import { DECOY_HASH, tryVerifyPassword, type Lane } from './tokens.js';

export interface SignInLimits {
  /** Failures of one username from one address in the window before it is refused. */
  maxFailures: number;
  /** Distinct usernames failed from one address in the window before the address is refused (spraying). */
  maxUsernames: number;
  windowMinutes: number;
  /** Sign-ins waiting for the password hasher (per lane) before the next is refused at once. */
  hashQueue: number;
  /** Failed sign-ins in a minute, server-wide, above which `surge` reports one. */
  surgePerMinute: number;
}

/** Why a password check did not let someone in. */
export type SignInRefusal = 'LAYSO_RATE_LIMITED' | 'LAYSO_BAD_CREDENTIALS';

/**
 * How long a desk where someone signed in rightly keeps the front lane of the password hasher: two weeks, so an
 * officer's own desk is still known after a weekend or a holiday (Tết).
 */
const KNOWN_DESK_MS = 14 * 24 * 3_600_000;

/**
 * The password check of a sign-in under every limit both servers apply: failures per username and address,
 * spraying from one address, the hasher's bounded lanes, the decoy hash for an unknown name, and the server-wide
 * surge. The caller looks the account up and decides what a right password leads to (a disabled account, a seat).
 */
export class SignInGate {
  private readonly limiter: LoginLimiter;
  private readonly spray: SprayLimiter;
  private readonly failures: FailureRate;
  private readonly desks = new KnownDesks(KNOWN_DESK_MS);

  constructor(private readonly limits: SignInLimits) {
    this.limiter = new LoginLimiter(limits.maxFailures, limits.windowMinutes * 60_000);
    this.spray = new SprayLimiter(limits.maxUsernames, limits.windowMinutes * 60_000);
    this.failures = new FailureRate(limits.surgePerMinute);
  }

  /**
   * Checks `password` against the account's stored hash (null: no such account, checked against the decoy at the
   * same cost). Resolves null when the password is right; otherwise why not. A right password is not forgiven yet:
   * the caller calls `succeed` once it lets the person in.
   */
  async check(
    username: string,
    stored: string | null,
    password: string,
    address: string,
    now: number,
  ): Promise<SignInRefusal | null> {
    const name = username.toLowerCase();
    const key = `${name}|${address}`;
    if (this.limiter.blocked(key, now) || this.spray.blocked(address, now))
      return this.refused(now, 'LAYSO_RATE_LIMITED');
    const check = tryVerifyPassword(stored ?? DECOY_HASH, password, {
      maxWaiting: this.limits.hashQueue,
      lane: this.laneOf(address, now),
    });
    // The hasher's queue is full: refused now, nothing hashed and nothing counted against the name.
    if (!check) return this.refused(now, 'LAYSO_RATE_LIMITED');
    // Counted before the (slow) password check, so attempts fired in parallel cannot slip past the limits.
    this.limiter.fail(key, now);
    this.spray.fail(address, name, now);
    const ok = await check;
    if (stored === null || !ok) return this.refused(now, 'LAYSO_BAD_CREDENTIALS');
    return null;
  }

  /** The person is in: their failures are forgiven (typos) and the address becomes a known desk. */
  succeed(username: string, address: string, now: number): void {
    const name = username.toLowerCase();
    this.limiter.succeed(`${name}|${address}`);
    this.spray.succeed(address, name);
    this.desks.succeed(address, now);
  }

  /** A surge of failed sign-ins going on, or null. */
  surge(now: number): { failures: number; since: number } | null {
    return this.failures.surge(now);
  }

  private refused(now: number, why: SignInRefusal): SignInRefusal {
    this.failures.note(now);
    return why;
  }

  /**
   * The hasher's lane of a sign-in from `address` (see tokens.ts): chosen by the address's history only, never by
   * the username, so how long a sign-in waits tells nothing about whether the name exists.
   */
  private laneOf(address: string, now: number): Lane {
    const failed = this.spray.failedNames(address, now);
    // One name failed is a typo at a desk; more is someone trying names, who loses the front lane.
    if (failed <= 1 && this.desks.known(address, now)) return 'known';
    return failed === 0 ? 'first' : 'rest';
  }
}
