/**
 * Announcements through the browser's Web Speech API (vietnam.md: "works where the OS has a Vietnamese voice").
 * Where it exists (Windows' "Microsoft An", Android, macOS "Linh") it reads any template, which a clip pack
 * cannot; where it does not, `findVietnameseVoice` answers null and the display keeps its clip pack.
 *
 * Browser only; the synthesis object, the utterance constructor and the chime are injectable so that tests drive
 * it with fakes.
 */
import type { Utterance } from './announcement.js';
import type { VoiceEngine } from './announcer.js';
import { playToneChime } from './web-audio.js';

/** Chrome fills `getVoices()` asynchronously; if `voiceschanged` never comes (no speech service), stop waiting. */
export const VOICES_WAIT_MS = 2000;

const normalisedLang = (lang: string): string => lang.toLowerCase().replace(/_/gu, '-');

const isVietnamese = (voice: SpeechSynthesisVoice): boolean => {
  const lang = normalisedLang(voice.lang);
  return lang === 'vi' || lang.startsWith('vi-');
};

/**
 * The best Vietnamese voice of a list, or null. Local voices first: the center's network may be down, and an
 * online voice (Chrome's "Google Tiếng Việt") then fails mid-morning; then vi-VN; then the system default.
 */
export function chooseVietnameseVoice(voices: readonly SpeechSynthesisVoice[]): SpeechSynthesisVoice | null {
  const score = (v: SpeechSynthesisVoice): number =>
    (v.localService ? 4 : 0) + (normalisedLang(v.lang) === 'vi-vn' ? 2 : 0) + (v.default ? 1 : 0);
  const candidates = voices.filter(isVietnamese);
  let best: SpeechSynthesisVoice | null = null;
  for (const v of candidates) if (best === null || score(v) > score(best)) best = v;
  return best;
}

/**
 * A Vietnamese voice of `synth`, or null when it has none. When the list is still empty (Chrome loads it after
 * the page), waits for one `voiceschanged`, at most `timeoutMs`.
 */
export function findVietnameseVoice(
  synth: SpeechSynthesis,
  timeoutMs: number = VOICES_WAIT_MS,
): Promise<SpeechSynthesisVoice | null> {
  if (synth.getVoices().length > 0) return Promise.resolve(chooseVietnameseVoice(synth.getVoices()));
  return new Promise((resolve) => {
    let settled = false;
    function finish(): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      synth.removeEventListener('voiceschanged', finish);
      resolve(chooseVietnameseVoice(synth.getVoices()));
    }
    const timer = setTimeout(finish, timeoutMs);
    synth.addEventListener('voiceschanged', finish);
    // The list may have arrived between the first look and the listener.
    if (synth.getVoices().length > 0) finish();
  });
}

export interface SpeechEngineOptions {
  /** Speaking rate, 1 is the voice's normal speed; a little slower is clearer in a noisy lobby. Default 0.9. */
  rate?: number;
  /** Plays the chime (say a ClipEngine, whose recorded chime then precedes the synthetic voice). */
  chime?: VoiceEngine;
  /** Without `chime`, a two-tone oscillator chime is played on this context; with neither, no chime. */
  audioContext?: AudioContext;
  /** Longest a sentence may take before it is declared stuck; default 10 s + 150 ms per character. */
  maxUtteranceMs?: (text: string) => number;
  /** Injected in tests; `new SpeechSynthesisUtterance(text)` otherwise. */
  makeUtterance?: (text: string) => SpeechSynthesisUtterance;
}

export class SpeechEngine implements VoiceEngine {
  readonly name: string;
  /** Every play waits for the previous one: one SpeechSynthesisUtterance at a time, whoever calls. */
  private tail: Promise<void> = Promise.resolve();
  /**
   * The utterance being spoken. Chrome may garbage-collect an utterance nobody references while it speaks, and
   * its `end` event is then never delivered, which would stall the queue.
   */
  private speaking: SpeechSynthesisUtterance | null = null;

  constructor(
    private readonly synth: SpeechSynthesis,
    readonly voice: SpeechSynthesisVoice,
    private readonly options: SpeechEngineOptions = {},
  ) {
    this.name = `speech: ${voice.name} (${voice.lang})`;
  }

  play(u: Utterance): Promise<void> {
    const run = (): Promise<void> => (u.kind === 'chime' ? this.chime() : this.speak(u.text));
    const played = this.tail.then(run);
    this.tail = played.catch(() => undefined);
    return played;
  }

  private chime(): Promise<void> {
    if (this.options.chime) return this.options.chime.play({ kind: 'chime' });
    if (this.options.audioContext) return playToneChime(this.options.audioContext);
    return Promise.resolve();
  }

  private speak(text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const make = this.options.makeUtterance ?? ((t: string) => new SpeechSynthesisUtterance(t));
      const utterance = make(text);
      utterance.voice = this.voice;
      utterance.lang = this.voice.lang;
      utterance.rate = this.options.rate ?? 0.9;
      const limitMs = (this.options.maxUtteranceMs ?? ((t: string) => 10_000 + 150 * t.length))(text);
      const done = (error?: Error): void => {
        clearTimeout(watchdog);
        utterance.onend = null;
        utterance.onerror = null;
        if (this.speaking === utterance) this.speaking = null;
        if (error) reject(error);
        else resolve();
      };
      // Some engines never fire `end` after a driver hiccup; the queue must not wait forever.
      const watchdog = setTimeout(() => {
        this.synth.cancel();
        done(new Error('Giọng đọc không đọc xong. / Speech synthesis did not finish in time.'));
      }, limitMs);
      utterance.onend = () => done();
      utterance.onerror = (event) =>
        done(new Error(`Giọng đọc lỗi / Speech synthesis failed: ${event.error || 'unknown'}`));
      this.speaking = utterance;
      // Chrome can be left paused (tab hidden, audio device change); a paused synth would queue us forever.
      if (this.synth.paused) this.synth.resume();
      this.synth.speak(utterance);
    });
  }
}

/**
 * A speech engine on the page's `speechSynthesis` with its best Vietnamese voice, or null when the browser has
 * no speech synthesis or no Vietnamese voice.
 */
export async function createSpeechEngine(
  options: SpeechEngineOptions & { synth?: SpeechSynthesis; voicesWaitMs?: number } = {},
): Promise<SpeechEngine | null> {
  const synth = options.synth ?? (typeof speechSynthesis === 'undefined' ? undefined : speechSynthesis);
  if (!synth) return null;
  const voice = await findVietnameseVoice(synth, options.voicesWaitMs);
  return voice ? new SpeechEngine(synth, voice, options) : null;
}
