import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseRetryAfter, ProvinceHealth } from './health.js';

const health = (random: () => number, capMs = 10_000) =>
  new ProvinceHealth({ baseMs: 500, capMs, maxRetryAfterMs: 15 * 60_000, random });

describe('ProvinceHealth', () => {
  it('starts unknown and lets the first request go at once', () => {
    const h = health(() => 0.5);
    expect(h.waitMs(0)).toBe(0);
    expect(h.snapshot(0)).toMatchObject({ state: 'unknown', consecutiveFailures: 0, nextAttemptAt: null });
  });

  it('full jitter: each wait is drawn below min(cap, base × 2^(n−1))', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (draws) => {
          let i = 0;
          const h = health(() => draws[i]!);
          for (i = 0; i < draws.length; i += 1) {
            const wait = h.failed(1_000, 'HTTP 503');
            expect(wait).toBeGreaterThanOrEqual(0);
            expect(wait).toBeLessThan(Math.min(10_000, 500 * 2 ** i));
            expect(wait).toBe(Math.floor(draws[i]! * Math.min(10_000, 500 * 2 ** i)));
          }
        },
      ),
    );
  });

  it('honours Retry-After up to its limit, and an answer ends the wait for everyone', () => {
    const h = health(() => 0.1);
    expect(h.failed(0, 'HTTP 429', 30_000)).toBe(30_000);
    expect(h.waitMs(29_999)).toBe(1);
    expect(h.failed(0, 'HTTP 429', 24 * 3_600_000)).toBe(15 * 60_000);
    expect(h.snapshot(0)).toMatchObject({ state: 'failing', consecutiveFailures: 2, lastError: 'HTTP 429' });
    h.succeeded(5);
    expect(h.waitMs(5)).toBe(0);
    expect(h.snapshot(5)).toMatchObject({ state: 'up', consecutiveFailures: 0, lastSuccessAt: 5 });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates; ignores what it cannot read', () => {
    const now = Date.parse('2026-12-03T05:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 03 Dec 2026 05:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Thu, 03 Dec 2026 04:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
