import { describe, expect, it } from 'vitest';
import type { Utterance } from './announcement.js';
import type { VoiceEngine } from './announcer.js';
import { FallbackEngine } from './fallback-engine.js';
import {
  SpeechEngine,
  chooseVietnameseVoice,
  createSpeechEngine,
  findVietnameseVoice,
} from './speech-engine.js';

const voice = (name: string, lang: string, localService = true, isDefault = false): SpeechSynthesisVoice =>
  ({ name, lang, localService, default: isDefault, voiceURI: name }) as SpeechSynthesisVoice;

interface FakeUtterance {
  text: string;
  voice: SpeechSynthesisVoice | null;
  lang: string;
  rate: number;
  onend: (() => void) | null;
  onerror: ((e: { error: string }) => void) | null;
}

/** speechSynthesis as far as the engine uses it; `spoken` holds what it was asked to say, in order. */
function fakeSynth(initial: SpeechSynthesisVoice[] = []) {
  let voices = initial;
  const listeners = new Set<() => void>();
  const synth = {
    spoken: [] as FakeUtterance[],
    paused: false,
    resumed: 0,
    cancelled: 0,
    getVoices: () => voices,
    addEventListener: (_: string, l: () => void) => listeners.add(l),
    removeEventListener: (_: string, l: () => void) => listeners.delete(l),
    listeners,
    loadVoices(v: SpeechSynthesisVoice[]) {
      voices = v;
      for (const l of [...listeners]) l();
    },
    speak: (u: FakeUtterance) => synth.spoken.push(u),
    resume: () => {
      synth.paused = false;
      synth.resumed += 1;
    },
    cancel: () => {
      synth.cancelled += 1;
    },
  };
  return synth;
}

const makeUtterance = (text: string) =>
  ({
    text,
    voice: null,
    lang: '',
    rate: 1,
    onend: null,
    onerror: null,
  }) as unknown as SpeechSynthesisUtterance;

const asSynth = (s: ReturnType<typeof fakeSynth>) => s as unknown as SpeechSynthesis;

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i += 1) await Promise.resolve();
  if (!condition()) throw new Error('condition never met');
}

const say = (text: string): Utterance => ({ kind: 'speech', text, parts: [text] });

describe('chooseVietnameseVoice', () => {
  it('prefers a local voice, then vi-VN, then the default; null without Vietnamese', () => {
    const online = voice('Google Tiếng Việt', 'vi-VN', false, true);
    const local = voice('Microsoft An', 'vi-VN');
    const plain = voice('espeak vi', 'vi');
    expect(chooseVietnameseVoice([voice('Samantha', 'en-US'), online, plain, local])).toBe(local);
    expect(chooseVietnameseVoice([online, voice('x', 'vi_VN', false)])).toBe(online);
    expect(chooseVietnameseVoice([voice('x', 'vie', true)])).toBeNull();
    expect(chooseVietnameseVoice([voice('Samantha', 'en-US')])).toBeNull();
    expect(chooseVietnameseVoice([])).toBeNull();
  });
});

describe('findVietnameseVoice', () => {
  it('answers at once when the voices are known', async () => {
    const synth = fakeSynth([voice('An', 'vi-VN')]);
    expect((await findVietnameseVoice(asSynth(synth)))?.name).toBe('An');
    expect(synth.listeners.size).toBe(0);
  });

  it('waits for voiceschanged when the list is still empty, then stops listening', async () => {
    const synth = fakeSynth();
    const found = findVietnameseVoice(asSynth(synth));
    expect(synth.listeners.size).toBe(1);
    synth.loadVoices([voice('Linh', 'vi-VN')]);
    expect((await found)?.name).toBe('Linh');
    expect(synth.listeners.size).toBe(0);
  });

  it('gives up with null when voiceschanged never comes', async () => {
    const synth = fakeSynth();
    expect(await findVietnameseVoice(asSynth(synth), 0)).toBeNull();
    expect(synth.listeners.size).toBe(0);
  });

  it('createSpeechEngine is null without speech synthesis or without a Vietnamese voice', async () => {
    expect(await createSpeechEngine()).toBeNull(); // node has no speechSynthesis
    const english = fakeSynth([voice('Samantha', 'en-US')]);
    expect(await createSpeechEngine({ synth: asSynth(english) })).toBeNull();
    const vi = fakeSynth([voice('An', 'vi-VN')]);
    expect((await createSpeechEngine({ synth: asSynth(vi), makeUtterance }))?.name).toBe(
      'speech: An (vi-VN)',
    );
  });
});

describe('SpeechEngine', () => {
  const an = voice('An', 'vi-VN');

  it('speaks with the Vietnamese voice and resolves on end', async () => {
    const synth = fakeSynth([an]);
    synth.paused = true;
    const engine = new SpeechEngine(asSynth(synth), an, { makeUtterance, rate: 0.8 });
    let done = false;
    const p = engine.play(say('Xin mời số một')).then(() => (done = true));
    await until(() => synth.spoken.length === 1);
    const u = synth.spoken[0] as FakeUtterance;
    expect(u).toMatchObject({ text: 'Xin mời số một', voice: an, lang: 'vi-VN', rate: 0.8 });
    expect(synth.resumed).toBe(1);
    await Promise.resolve();
    expect(done).toBe(false);
    u.onend?.();
    await p;
    expect(u.onend).toBeNull();
  });

  it('rejects on error, saying why', async () => {
    const synth = fakeSynth([an]);
    const engine = new SpeechEngine(asSynth(synth), an, { makeUtterance });
    const p = engine.play(say('một'));
    await until(() => synth.spoken.length === 1);
    synth.spoken[0]?.onerror?.({ error: 'synthesis-unavailable' });
    await expect(p).rejects.toThrow(/synthesis-unavailable/);
  });

  it('says one utterance at a time even when played concurrently, and goes on after an error', async () => {
    const synth = fakeSynth([an]);
    const engine = new SpeechEngine(asSynth(synth), an, { makeUtterance });
    const first = engine.play(say('một'));
    const second = engine.play(say('hai'));
    const third = engine.play(say('ba'));
    await until(() => synth.spoken.length === 1);
    await Promise.resolve();
    expect(synth.spoken.map((u) => u.text)).toEqual(['một']);
    synth.spoken[0]?.onerror?.({ error: 'audio-busy' });
    await expect(first).rejects.toThrow(/audio-busy/);
    await until(() => synth.spoken.length === 2);
    expect(synth.spoken[1]?.text).toBe('hai');
    synth.spoken[1]?.onend?.();
    await second;
    await until(() => synth.spoken.length === 3);
    synth.spoken[2]?.onend?.();
    await third;
  });

  it('gives up on an utterance that never ends, cancelling it', async () => {
    const synth = fakeSynth([an]);
    const engine = new SpeechEngine(asSynth(synth), an, { makeUtterance, maxUtteranceMs: () => 0 });
    await expect(engine.play(say('một'))).rejects.toThrow(/did not finish/);
    expect(synth.cancelled).toBe(1);
  });

  it('delegates the chime to the chime engine, or skips it with neither engine nor audio context', async () => {
    const synth = fakeSynth([an]);
    const played: Utterance[] = [];
    const chime: VoiceEngine = { name: 'clips', play: async (u) => void played.push(u) };
    await new SpeechEngine(asSynth(synth), an, { makeUtterance, chime }).play({ kind: 'chime' });
    expect(played).toEqual([{ kind: 'chime' }]);
    await new SpeechEngine(asSynth(synth), an, { makeUtterance }).play({ kind: 'chime' });
    expect(synth.spoken).toHaveLength(0);
  });
});

describe('FallbackEngine', () => {
  it('says with clips what the pack can say, the rest with the second engine; the chime from the pack', async () => {
    const log: string[] = [];
    const clips = {
      name: 'clips',
      canSay: (parts: readonly string[]) => parts.every((p) => p !== 'quý khách'),
      play: async (u: Utterance) => void log.push(`clips:${u.kind === 'speech' ? u.text : 'chime'}`),
    };
    const speech: VoiceEngine = {
      name: 'speech',
      play: async (u) => void log.push(`speech:${u.kind === 'speech' ? u.text : 'chime'}`),
    };
    const engine = new FallbackEngine(clips, speech);
    expect(engine.name).toBe('clips, else speech');
    await engine.play({ kind: 'chime' });
    await engine.play({ kind: 'speech', text: 'Mời số một', parts: ['mời số', 'một'] });
    await engine.play({ kind: 'speech', text: 'Mời quý khách', parts: ['mời', 'quý khách'] });
    expect(log).toEqual(['clips:chime', 'clips:Mời số một', 'speech:Mời quý khách']);
  });
});
