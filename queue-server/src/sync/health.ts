/**
 * The province's health as one thing, not one per record (issue 8): consecutive failures of any record make the
 * worker wait before its next request — full jitter (a random wait between 0 and min(cap, base × 2^(n−1))),
 * longer when the province said so with `Retry-After` — and then send one request, a probe. The first answer
 * ends the wait for everyone: the records still pending go out straight away. Pure: time comes in as numbers.
 */
import type { UpstreamHealth } from '@layso/protocol';
import { toIso } from '../domain/time.js';

export interface HealthOptions {
  /** First backoff step (ms); doubles with each consecutive failure. */
  baseMs: number;
  /**
   * Longest wait between probes while the province fails (ms). It is also the longest a recovered province waits
   * for us, so it bounds the delivery delay after an outage.
   */
  capMs: number;
  /** The longest `Retry-After` honoured (ms); a larger one is cut to this. */
  maxRetryAfterMs: number;
  /** 0 ≤ random() < 1; injectable for tests. */
  random: () => number;
}

export type ProvinceState = 'unknown' | 'up' | 'failing';

export interface HealthSnapshot {
  state: ProvinceState;
  consecutiveFailures: number;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  /** Short, with no personal data: e.g. "HTTP 503", "timeout after 10000 ms". */
  lastError: string | null;
  /** When the next request may go (ms since the epoch); null when it may go now. */
  nextAttemptAt: number | null;
}

/** A snapshot as the protocol's UpstreamHealth (times in Vietnam ISO); `enabled` false reads as off. */
export function upstreamView(h: HealthSnapshot & { enabled: boolean }): UpstreamHealth {
  const at = (ms: number | null) => (ms === null ? null : toIso(new Date(ms)));
  return {
    state: h.enabled ? h.state : 'off',
    consecutiveFailures: h.consecutiveFailures,
    lastSuccessAt: at(h.lastSuccessAt),
    lastFailureAt: at(h.lastFailureAt),
    lastError: h.lastError,
    nextAttemptAt: at(h.nextAttemptAt),
  };
}

export class ProvinceHealth {
  private failures = 0;
  private lastSuccessAt: number | null = null;
  private lastFailureAt: number | null = null;
  private lastError: string | null = null;
  private notBefore = 0;

  constructor(private readonly options: HealthOptions) {}

  /** Milliseconds to wait before the next request at `now`; 0 = send now. */
  waitMs(now: number): number {
    return Math.max(0, this.notBefore - now);
  }

  /** True while the province answers: a failure now is the record's own fault, not an outage's. */
  get answering(): boolean {
    return this.failures === 0;
  }

  /** The province answered (any HTTP reply that is not a retryable failure): the wait ends for everyone. */
  succeeded(now: number): void {
    this.failures = 0;
    this.lastSuccessAt = now;
    this.notBefore = 0;
  }

  /** A retryable failure at `now`; `retryAfterMs` when the province named its own wait. Returns the wait. */
  failed(now: number, error: string, retryAfterMs: number | null = null): number {
    this.failures += 1;
    this.lastFailureAt = now;
    this.lastError = error;
    const { baseMs, capMs, maxRetryAfterMs, random } = this.options;
    const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(this.failures - 1, 30));
    const jitter = Math.floor(random() * ceiling);
    const wait = Math.max(jitter, Math.min(retryAfterMs ?? 0, maxRetryAfterMs));
    this.notBefore = now + wait;
    return wait;
  }

  snapshot(now: number): HealthSnapshot {
    return {
      state: this.failures > 0 ? 'failing' : this.lastSuccessAt === null ? 'unknown' : 'up',
      consecutiveFailures: this.failures,
      lastSuccessAt: this.lastSuccessAt,
      lastFailureAt: this.lastFailureAt,
      lastError: this.lastError,
      nextAttemptAt: this.notBefore > now ? this.notBefore : null,
    };
  }
}

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent
 * or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
