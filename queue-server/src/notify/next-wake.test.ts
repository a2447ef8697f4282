import { describe, expect, it } from 'vitest';
import { nextWake } from './next-wake.js';

const base = { now: 100_000, idleMs: 5_000, nextDueAt: null, fallbackAfterMs: null, oldestUrgentAt: null };

describe("a channel's sleep after a pass", () => {
  it('waits for the next notice due, at most idleMs, when nothing blocks it', () => {
    expect(nextWake({ ...base, blockedMs: 0 })).toBe(5_000);
    expect(nextWake({ ...base, blockedMs: 0, nextDueAt: 101_200 })).toBe(1_200);
    expect(nextWake({ ...base, blockedMs: 0, nextDueAt: 90_000 })).toBe(1);
  });

  it('waits out a failing provider, or its spent rate, when no SMS can stand in', () => {
    expect(nextWake({ ...base, blockedMs: 600_000 })).toBe(600_000);
  });

  it('wakes for an urgent ZNS notice exactly when it becomes due for SMS, not a whole fallback period later', () => {
    // "called" planned 20 s ago, SMS after 30 s: wake in 10 s, though ZNS said to come back in 10 minutes.
    const called = { ...base, blockedMs: 600_000, fallbackAfterMs: 30_000, oldestUrgentAt: 80_000 };
    expect(nextWake(called)).toBe(10_000);
    // Nothing urgent waiting: look again after one fallback period (a new "called" may come meanwhile).
    expect(nextWake({ ...called, oldestUrgentAt: null })).toBe(30_000);
    // Already due for SMS but blocked by the rate: no spinning, one period.
    expect(nextWake({ ...called, oldestUrgentAt: 10_000 })).toBe(30_000);
    // A block shorter than that ends first.
    expect(nextWake({ ...called, blockedMs: 2_000 })).toBe(2_000);
  });
});
