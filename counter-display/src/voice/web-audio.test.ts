import { describe, expect, it } from 'vitest';
import { TONE_CHIME, ensureRunning, playToneChime } from './web-audio.js';

/** A context whose resume() never succeeds, as under a browser's autoplay policy before any user gesture. */
const blocked = () =>
  ({ state: 'suspended', resume: () => new Promise<void>(() => {}) }) as unknown as AudioContext;

interface FakeOscillator {
  frequency: { value: number };
  startedAt: number;
  stoppedAt: number;
  onended: (() => void) | null;
}

function oscillatorContext() {
  const oscillators: FakeOscillator[] = [];
  const param = () => ({ setValueAtTime() {}, exponentialRampToValueAtTime() {} });
  return {
    state: 'running',
    currentTime: 2,
    destination: {},
    oscillators,
    createGain: () => ({ gain: param(), connect: (n: unknown) => n }),
    createOscillator() {
      const o = {
        type: '',
        frequency: { value: 0 },
        startedAt: NaN,
        stoppedAt: NaN,
        onended: null as (() => void) | null,
        connect: (n: unknown) => n,
        disconnect() {},
        start(t: number) {
          o.startedAt = t;
        },
        stop(t?: number) {
          if (t !== undefined) o.stoppedAt = t;
        },
      };
      oscillators.push(o);
      return o;
    },
  };
}

describe('ensureRunning', () => {
  it('fails loudly when the browser keeps audio blocked, instead of waiting forever', async () => {
    await expect(ensureRunning(blocked(), 0)).rejects.toThrow(/autoplay/);
  });

  it('fails for a closed context', async () => {
    await expect(ensureRunning({ state: 'closed' } as unknown as AudioContext)).rejects.toThrow(/closed/);
  });
});

describe('playToneChime', () => {
  it('schedules the two tones and resolves when the last one ends', async () => {
    const ctx = oscillatorContext();
    const playing = playToneChime(ctx as unknown as AudioContext);
    for (let i = 0; i < 20 && ctx.oscillators.length < 2; i += 1) await Promise.resolve();
    expect(ctx.oscillators.map((o) => o.frequency.value)).toEqual(TONE_CHIME.map((t) => t.frequency));
    expect(ctx.oscillators[0]?.startedAt).toBeCloseTo(2.05);
    expect(ctx.oscillators[1]?.startedAt).toBeCloseTo(2.05 + 0.35);
    expect(ctx.oscillators[1]?.stoppedAt).toBeCloseTo(2.05 + 0.35 + 0.85);
    ctx.oscillators[1]?.onended?.();
    await playing;
  });
});
