import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { ManualClock } from '../testing/harness.js';
import { DeviceRate, TOO_FAST_CLEAR_MS } from './device-rate.js';

const start = new Date('2026-03-11T08:00:00+07:00');
const PACE = { burst: 10, everySeconds: 3 };

describe('DeviceRate (a token bucket per kiosk)', () => {
  it('lets a burst through at once, then one per pace; each device has its own bucket', () => {
    const clock = new ManualClock(start);
    const rate = new DeviceRate(clock, () => PACE);
    const first = Array.from({ length: 15 }, () => rate.take(1));
    expect(first).toEqual([...Array<boolean>(10).fill(true), ...Array<boolean>(5).fill(false)]);
    expect(rate.take(2)).toBe(true); // another kiosk is not slowed by the first
    clock.advance(2_999);
    expect(rate.take(1)).toBe(false);
    clock.advance(1);
    expect(rate.take(1)).toBe(true);
    expect(rate.take(1)).toBe(false);
  });

  it('never refuses 30 people taking numbers one after another at a human pace, even 3 s apart', () => {
    for (const gapMs of [3_000, 5_000, 12_000]) {
      const clock = new ManualClock(start);
      const rate = new DeviceRate(clock, () => PACE);
      const refused = Array.from({ length: 30 }, () => {
        const ok = rate.take(7);
        clock.advance(gapMs);
        return ok;
      }).filter((ok) => !ok);
      expect(refused, `people ${gapMs} ms apart`).toEqual([]);
      expect(rate.tooFast()).toEqual([]);
    }
  });

  it('a queue arriving together: a burst at once, then the rest at the pace, never refused', () => {
    const clock = new ManualClock(start);
    const rate = new DeviceRate(clock, () => PACE);
    for (let i = 0; i < 10; i++) expect(rate.take(3)).toBe(true);
    for (let i = 0; i < 20; i++) {
      clock.advance(3_000);
      expect(rate.take(3)).toBe(true);
    }
  });

  it('remembers a refused device for the floor until it has been quiet for a while, and says so once', () => {
    const clock = new ManualClock(start);
    const rate = new DeviceRate(clock, () => ({ burst: 1, everySeconds: 60 }));
    const heard: number[] = [];
    rate.onChange((id) => heard.push(id));
    expect(rate.take(4)).toBe(true);
    expect(rate.take(4)).toBe(false);
    clock.advance(10_000);
    expect(rate.take(4)).toBe(false);
    expect(heard).toEqual([4]);
    expect(rate.tooFast()).toEqual([{ deviceId: 4, since: start, last: clock.now() }]);
    clock.advance(TOO_FAST_CLEAR_MS);
    expect(rate.tooFast()).toHaveLength(1);
    clock.advance(1);
    expect(rate.tooFast()).toEqual([]);
  });

  it('off (null) refuses nothing', () => {
    const rate = new DeviceRate(new ManualClock(start), () => null);
    expect(Array.from({ length: 1000 }, () => rate.take(1)).every(Boolean)).toBe(true);
  });
});

describe('KIOSK_ISSUE_RATE', () => {
  it('reads "burst/pace s", "off" and refuses anything else', () => {
    expect(loadConfig({}).KIOSK_ISSUE_RATE).toEqual({ burst: 10, everySeconds: 3 });
    expect(loadConfig({ KIOSK_ISSUE_RATE: '20/1.5s' }).KIOSK_ISSUE_RATE).toEqual({
      burst: 20,
      everySeconds: 1.5,
    });
    expect(loadConfig({ KIOSK_ISSUE_RATE: 'off' }).KIOSK_ISSUE_RATE).toBeNull();
    for (const bad of ['10', '0/3s', '10/3', 'fast'])
      expect(() => loadConfig({ KIOSK_ISSUE_RATE: bad }), bad).toThrow(/KIOSK_ISSUE_RATE/);
  });
});
