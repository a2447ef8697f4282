import { describe, expect, it } from 'vitest';
import { ManualClock } from '../testing/harness.js';
import { AttemptLimiter } from './lookup-limit.js';

const W = { max: 3, windowMs: 60_000 };

describe('the lookup limiter', () => {
  it('blocks a key at its failures in the window, and frees it as they age out', () => {
    const clock = new ManualClock(new Date('2026-12-07T09:00:00+07:00'));
    const limiter = new AttemptLimiter(clock);
    limiter.fail('code:a', W);
    clock.advance(30_000);
    limiter.fail('code:a', W);
    expect(limiter.blocked('code:a', W)).toBe(false);
    limiter.fail('code:a', W);
    expect(limiter.blocked('code:a', W)).toBe(true);
    // Another key is its own.
    expect(limiter.blocked('code:b', W)).toBe(false);
    // The first failure ages out: one more try.
    clock.advance(30_001);
    expect(limiter.blocked('code:a', W)).toBe(false);
    limiter.fail('code:a', W);
    expect(limiter.blocked('code:a', W)).toBe(true);
    clock.advance(60_001);
    expect(limiter.blocked('code:a', W)).toBe(false);
  });

  it('a flood of made-up keys forgets the least recent ones first, not the latest', () => {
    const clock = new ManualClock(new Date('2026-12-07T09:00:00+07:00'));
    const limiter = new AttemptLimiter(clock);
    const one = { max: 1, windowMs: 3_600_000 };
    limiter.fail('ip:first', one);
    for (let i = 0; i < 20_000; i++) limiter.fail(`code:${i}`, one);
    limiter.fail('ip:last', one);
    expect(limiter.blocked('ip:last', one)).toBe(true);
    expect(limiter.blocked('code:19999', one)).toBe(true);
    expect(limiter.blocked('ip:first', one)).toBe(false);
  });
});
