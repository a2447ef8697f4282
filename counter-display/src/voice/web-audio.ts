/**
 * Web Audio helpers shared by the clip engine and the speech engine's chime. Browser only (AudioContext), but
 * written against the few members they use so that tests can drive them with a fake context.
 *
 * Two failure modes matter on a lobby display, and both would stall the announcement queue if ignored:
 *   - the autoplay policy keeps a new AudioContext suspended until someone touches the page: nothing plays and
 *     no `ended` event ever fires. `ensureRunning` tries to resume and otherwise fails loudly (a kiosk browser
 *     can be started with `--autoplay-policy=no-user-gesture-required`);
 *   - a context suspended mid-sentence (device unplugged, OS sleep) never reaches `ended` either: `whenEnded`
 *     gives up a little after the scheduled end.
 */

/** Scheduling slightly ahead of `currentTime` so that the first buffer is not started in the past. */
export const SCHEDULE_LEAD_SECONDS = 0.05;
/** How long after its scheduled end a sound may still report `ended` before it is declared stuck. */
export const ENDED_SLACK_MS = 3000;
/** How long `resume()` may take before a suspended context is reported as blocked. */
export const RESUME_WAIT_MS = 1000;

const stateOf = (ctx: AudioContext): AudioContextState => ctx.state;

export async function ensureRunning(ctx: AudioContext, waitMs = RESUME_WAIT_MS): Promise<void> {
  if (stateOf(ctx) === 'running') return;
  if (stateOf(ctx) === 'closed') throw new Error('Âm thanh đã đóng. / The AudioContext is closed.');
  let timer: ReturnType<typeof setTimeout> | undefined;
  // In some browsers resume() stays pending until a user gesture instead of rejecting: wait a bounded time.
  await Promise.race([
    ctx.resume().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
    }),
  ]);
  clearTimeout(timer);
  if (stateOf(ctx) !== 'running') {
    throw new Error(
      'Trình duyệt đang chặn âm thanh: chạm hoặc nhấn một phím trên màn hình một lần. / ' +
        'The browser blocks audio until someone taps or presses a key on the display (autoplay policy).',
    );
  }
}

/**
 * Resolves when the last of `sources` ends, rejects if it has not ended `ENDED_SLACK_MS` after `endTime`
 * (context time); every source is then stopped, so that a late resume cannot make it overlap the next sound.
 */
export function whenEnded(
  ctx: AudioContext,
  sources: readonly AudioScheduledSourceNode[],
  endTime: number,
): Promise<void> {
  const last = sources[sources.length - 1];
  if (!last) return Promise.resolve();
  const release = (): void => {
    for (const s of sources) {
      try {
        s.stop();
      } catch {
        /* already stopped */
      }
      s.disconnect();
    }
  };
  return new Promise((resolve, reject) => {
    const waitMs = Math.max(0, endTime - ctx.currentTime) * 1000 + ENDED_SLACK_MS;
    const watchdog = setTimeout(() => {
      last.onended = null;
      release();
      reject(
        new Error('Âm thanh không phát hết. / Audio playback did not finish (is the audio device there?).'),
      );
    }, waitMs);
    last.onended = () => {
      clearTimeout(watchdog);
      last.onended = null;
      release();
      resolve();
    };
  });
}

/**
 * Buffers back to back on the context's timeline: each starts exactly where the previous one ends (plus
 * `gapSeconds`), which timers could not do; resolves when the last one has ended.
 */
export async function playBuffers(
  ctx: AudioContext,
  buffers: readonly AudioBuffer[],
  destination: AudioNode = ctx.destination,
  gapSeconds = 0,
): Promise<void> {
  if (buffers.length === 0) return;
  await ensureRunning(ctx);
  let t = ctx.currentTime + SCHEDULE_LEAD_SECONDS;
  const sources = buffers.map((buffer, i) => {
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(destination);
    if (i > 0) t += gapSeconds;
    source.start(t);
    t += buffer.duration;
    return source;
  });
  await whenEnded(ctx, sources, t);
}

/** The oscillator chime: two soft sine tones (E5, C5), "ding-dong", for when no chime recording is at hand. */
export const TONE_CHIME: readonly { frequency: number; start: number; length: number }[] = [
  { frequency: 659.25, start: 0, length: 0.6 },
  { frequency: 523.25, start: 0.35, length: 0.85 },
];

export async function playToneChime(
  ctx: AudioContext,
  destination: AudioNode = ctx.destination,
): Promise<void> {
  await ensureRunning(ctx);
  const t0 = ctx.currentTime + SCHEDULE_LEAD_SECONDS;
  let end = t0;
  const oscillators = TONE_CHIME.map(({ frequency, start, length }) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    // A quick attack and an exponential decay sound like a bell rather than a beep; ramps cannot reach 0.
    const at = t0 + start;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.2, at + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
    osc.connect(gain).connect(destination);
    osc.start(at);
    osc.stop(at + length);
    end = Math.max(end, at + length);
    return osc;
  });
  await whenEnded(ctx, oscillators, end);
}
