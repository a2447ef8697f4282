/**
 * Failed logins per key (username + address) in a sliding window. In memory: a restart forgets, which only
 * helps a legitimate user; argon2id keeps each guess slow anyway.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  blocked(key: string, now: number): boolean {
    return this.recent(key, now).length >= this.maxFailures;
  }

  fail(key: string, now: number): void {
    const list = this.recent(key, now);
    list.push(now);
    this.failures.set(key, list);
    if (this.failures.size > 10_000) this.prune(now);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }

  private prune(now: number): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key, now).length === 0) this.failures.delete(key);
    }
  }
}

/**
 * Spraying: one address failing for many different usernames (a few guesses at each account stays under the
 * per-username limit). Past `maxUsernames` distinct names failed in the window, the address is refused whatever
 * name it tries next. A name that then signs in rightly is forgiven (its failures were typos).
 */
export class SprayLimiter {
  /** address → username → its last failure. */
  private readonly failures = new Map<string, Map<string, number>>();

  constructor(
    private readonly maxUsernames: number,
    private readonly windowMs: number,
  ) {}

  blocked(address: string, now: number): boolean {
    return this.names(address, now) >= this.maxUsernames;
  }

  /** Distinct usernames failed from this address in the window (0: most likely a desk where someone signs in). */
  failedNames(address: string, now: number): number {
    return this.names(address, now);
  }

  fail(address: string, username: string, now: number): void {
    let names = this.failures.get(address);
    if (!names) this.failures.set(address, (names = new Map()));
    names.set(username, now);
    if (this.failures.size > 10_000) this.prune(now);
  }

  succeed(address: string, username: string): void {
    this.failures.get(address)?.delete(username);
  }

  private names(address: string, now: number): number {
    const names = this.failures.get(address);
    if (!names) return 0;
    for (const [name, at] of names) if (now - at >= this.windowMs) names.delete(name);
    if (names.size === 0) this.failures.delete(address);
    return names.size;
  }

  private prune(now: number): void {
    for (const address of [...this.failures.keys()]) this.names(address, now);
  }
}

/**
 * Failed sign-ins of the whole server per second over the last minute (refusals included), for the floor's alert:
 * at most 60 counters, whatever the flood.
 */
export class FailureRate {
  private readonly perSecond = new Map<number, number>();
  /** When the current surge began (null: calm). */
  private surgeSince: number | null = null;

  constructor(private readonly perMinute: number) {}

  note(now: number): void {
    const second = Math.floor(now / 1000);
    this.perSecond.set(second, (this.perSecond.get(second) ?? 0) + 1);
    this.surge(now);
  }

  /** The failures of the last minute while they exceed the threshold, and since when; null when calm. */
  surge(now: number): { failures: number; since: number } | null {
    const from = Math.floor(now / 1000) - 59;
    let failures = 0;
    for (const [second, n] of this.perSecond) {
      if (second < from) this.perSecond.delete(second);
      else failures += n;
    }
    if (failures <= this.perMinute) this.surgeSince = null;
    else this.surgeSince ??= now;
    return this.surgeSince === null ? null : { failures, since: this.surgeSince };
  }
}

/**
 * Desks (addresses) where someone signed in rightly within `windowMs`: only a right password puts an address here,
 * so a flood from new addresses cannot. Bounded: past `max` addresses the oldest are forgotten (which only moves
 * that desk back to the lane of new desks).
 */
export class KnownDesks {
  /** address → its last right sign-in; in order of that time (re-set on each one). */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly max = 10_000,
  ) {}

  known(address: string, now: number): boolean {
    const at = this.seen.get(address);
    return at !== undefined && now - at < this.windowMs;
  }

  succeed(address: string, now: number): void {
    this.seen.delete(address);
    this.seen.set(address, now);
    for (const [oldest] of this.seen) {
      if (this.seen.size <= this.max) break;
      this.seen.delete(oldest);
    }
  }
}
