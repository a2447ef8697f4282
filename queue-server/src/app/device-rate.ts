import type { Clock } from '../domain/types.js';

/** A kiosk's issuing pace: `burst` tickets at once, then one every `everySeconds`. */
export interface IssueRate {
  burst: number;
  everySeconds: number;
}

/** A device refused recently, for the floor: since when it has been refused, and when last. */
export interface TooFast {
  deviceId: number;
  since: Date;
  last: Date;
}

/** A device that has not been refused for this long is no longer an alert on the floor. */
export const TOO_FAST_CLEAR_MS = 5 * 60_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * How fast each kiosk may issue: a token bucket per device id, so a real queue of people taking numbers one after
 * another is never refused while a scripted token cannot empty a service's daily cap. In memory only — a restart
 * gives every kiosk a full bucket again, which costs at most one burst.
 */
export class DeviceRate {
  private readonly buckets = new Map<number, Bucket>();
  private readonly refused = new Map<number, TooFast>();
  private readonly listeners = new Set<(deviceId: number) => void>();

  constructor(
    private readonly clock: Clock,
    private readonly rate: () => IssueRate | null,
  ) {}

  /** Takes one ticket's worth for `deviceId`; false when it is beyond its pace (nothing is taken then). */
  take(deviceId: number): boolean {
    const rate = this.rate();
    if (rate === null) return true;
    const now = this.clock.now().getTime();
    const b = this.buckets.get(deviceId) ?? { tokens: rate.burst, at: now };
    // A clock moved backwards refills nothing (and takes nothing back).
    const elapsed = Math.max(0, now - b.at) / 1000;
    b.tokens = Math.min(rate.burst, b.tokens + elapsed / rate.everySeconds);
    b.at = now;
    this.buckets.set(deviceId, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return true;
    }
    // A refusal after a quiet spell starts a new episode: a new `since`, and the listeners hear of it again.
    const seen = this.refused.get(deviceId);
    const ongoing = seen !== undefined && now - seen.last.getTime() <= TOO_FAST_CLEAR_MS ? seen : null;
    this.refused.set(deviceId, { deviceId, since: ongoing?.since ?? new Date(now), last: new Date(now) });
    if (!ongoing) for (const fn of this.listeners) fn(deviceId);
    return false;
  }

  /** The devices refused within the last {@link TOO_FAST_CLEAR_MS}; older refusals are forgotten. */
  tooFast(): TooFast[] {
    const now = this.clock.now().getTime();
    for (const [id, r] of this.refused)
      if (now - r.last.getTime() > TOO_FAST_CLEAR_MS) this.refused.delete(id);
    return [...this.refused.values()];
  }

  /** Called when a device starts being refused (the floor shows it at once, not at the next tick; a log line). */
  onChange(fn: (deviceId: number) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
