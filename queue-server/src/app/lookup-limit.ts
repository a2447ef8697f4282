import type { Clock } from '../domain/types.js';

/** At most `max` failures within `windowMs`. */
export interface Window {
  max: number;
  windowMs: number;
}

/** How many wrong dossier lookups are allowed: per code (guessing its digits), per kiosk or address (scanning codes). */
export interface LookupLimits {
  perCode: Window;
  perSource: Window;
}

/** The defaults of LOOKUP_WRONG_PER_CODE and LOOKUP_WRONG_PER_SOURCE (config.ts); tests build services without config. */
export const DEFAULT_LOOKUP_LIMITS: LookupLimits = {
  perCode: { max: 5, windowMs: 3_600_000 },
  perSource: { max: 20, windowMs: 600_000 },
};

/** Keys followed at most; beyond it the stalest go first (a flood of made-up codes cannot grow memory). */
const MAX_KEYS = 20_000;

/**
 * Failed lookups by key in a sliding window, in memory: a restart forgets them, which gives a guesser at most one
 * more window. A key is a code (`code:…`) or where the lookup came from (`device:12`, `ip:…`).
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  /** Whether `key` has used up its failures in the window. */
  blocked(key: string, w: Window): boolean {
    return this.recent(key, w).length >= w.max;
  }

  /**
   * Counts an attempt as failed before it is decided (false, counting nothing, when `key` is used up), so that
   * lookups in flight at once cannot all pass the check; {@link refund} gives it back when it did not fail.
   */
  take(key: string, w: Window): boolean {
    if (this.blocked(key, w)) return false;
    this.fail(key, w);
    return true;
  }

  /** Gives back the latest failure of `key` (an attempt taken that did not fail). */
  refund(key: string): void {
    const times = this.failures.get(key);
    if (!times) return;
    times.pop();
    if (times.length === 0) this.failures.delete(key);
  }

  /** One more failure of `key`. */
  fail(key: string, w: Window): void {
    const times = this.recent(key, w);
    times.push(this.clock.now().getTime());
    // Re-inserted last: the Map's order is then least recently failed first.
    this.failures.delete(key);
    this.failures.set(key, times);
    while (this.failures.size > MAX_KEYS) {
      const oldest = this.failures.keys().next();
      if (oldest.done) break;
      this.failures.delete(oldest.value);
    }
  }

  private recent(key: string, w: Window): number[] {
    const since = this.clock.now().getTime() - w.windowMs;
    const times = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }
}
