import { ProvinceHealth, type HealthOptions } from '../sync/health.js';

/**
 * Web Push has no one provider: each subscription names its push service (FCM, Mozilla, Apple … or anything a
 * phone page was given). One health per endpoint origin (scheme + host + port), so a service that hangs, fails or
 * asks to wait holds only its own notices while the others keep flowing. Only failing origins are kept (a success
 * forgets one), at most `max` of them: the least recently failed go first.
 */
export class OriginHealth {
  private readonly failing = new Map<string, ProvinceHealth>();

  constructor(
    private readonly options: HealthOptions,
    private readonly max = 10_000,
  ) {}

  /** The origin of a push endpoint, or null when it is not a URL. */
  static of(endpoint: string): string | null {
    try {
      return new URL(endpoint).origin;
    } catch {
      return null;
    }
  }

  /** True while `origin` fails: a failure now is the outage's, not the notice's. */
  isFailing(origin: string): boolean {
    return this.failing.has(origin);
  }

  /** Milliseconds before `origin` may be tried again; 0 = now. */
  waitMs(origin: string, now: number): number {
    return this.failing.get(origin)?.waitMs(now) ?? 0;
  }

  succeeded(origin: string): void {
    this.failing.delete(origin);
  }

  /** A retryable failure of `origin`; returns its wait (full jitter, or its Retry-After, capped). */
  failed(origin: string, now: number, error: string, retryAfterMs: number | null): number {
    const health = this.failing.get(origin) ?? new ProvinceHealth(this.options);
    this.failing.delete(origin);
    this.failing.set(origin, health);
    while (this.failing.size > this.max) {
      const oldest = this.failing.keys().next();
      if (oldest.done) break;
      this.failing.delete(oldest.value);
    }
    return health.failed(now, error, retryAfterMs);
  }

  /** How many origins fail now (for the admin and tests). */
  get size(): number {
    return this.failing.size;
  }
}
