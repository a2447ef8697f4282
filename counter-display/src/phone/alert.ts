/**
 * The call, felt and heard: vibration where the phone allows it, and a short two-tone chime through Web Audio
 * (browsers let a page play sound only after the citizen touched it once: `unlock()` on their first tap).
 */
let audio: AudioContext | null = null;

export function unlock(): void {
  if (audio || typeof AudioContext === 'undefined') return;
  try {
    audio = new AudioContext();
    void audio.resume();
  } catch {
    audio = null;
  }
}

export function alertCall(): void {
  if (typeof navigator.vibrate === 'function') navigator.vibrate([400, 200, 400, 200, 400]);
  const ctx = audio;
  if (!ctx || ctx.state !== 'running') return;
  const now = ctx.currentTime;
  for (const [i, freq] of [880, 660, 880].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, now + i * 0.35);
    gain.gain.exponentialRampToValueAtTime(0.4, now + i * 0.35 + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.35 + 0.3);
    osc.connect(gain).connect(ctx.destination);
    osc.start(now + i * 0.35);
    osc.stop(now + i * 0.35 + 0.32);
  }
}
