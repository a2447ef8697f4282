import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import defaultPack from '../../public/voice/default/manifest.json';
import { DEFAULT_ANNOUNCE, sentenceParts, type AnnounceSettings } from './announcement.js';
import {
  ClipEngine,
  clipUrl,
  createClipEngine,
  parseManifest,
  planClips,
  type VoicePackManifest,
} from './clip-engine.js';

const pack = (clips: Record<string, string>, chime?: string): VoicePackManifest =>
  parseManifest({ name: 'test', version: 1, clips, ...(chime ? { chime } : {}) });

describe('parseManifest', () => {
  it('accepts a pack and normalises its keys (NFC, lower case, no punctuation)', () => {
    const m = parseManifest({
      name: ' Giọng chị Lan ',
      version: 1,
      chime: 'chuong.mp3',
      clips: { ['Xin mời, công dân'.normalize('NFD')]: 'a.ogg', MỘT: 'sub/mot 1.wav' },
    });
    expect(m).toEqual({
      name: 'Giọng chị Lan',
      version: 1,
      chime: 'chuong.mp3',
      clips: { 'xin mời công dân': 'a.ogg', một: 'sub/mot 1.wav' },
    });
  });

  it('leaves chime out when the pack has none', () => {
    expect(parseManifest({ name: 'x', version: 1, clips: {} })).toEqual({ name: 'x', version: 1, clips: {} });
  });

  it.each([
    [null, /object/],
    [[], /object/],
    [{ name: 'x', version: 2, clips: {} }, /version/],
    [{ name: 'x', clips: {} }, /version/],
    [{ name: 'x', version: 1 }, /clips/],
    [{ name: 'x', version: 1, clips: { một: 3 } }, /file name/],
    [{ name: 'x', version: 1, clips: { một: '' } }, /file name/],
    [{ name: 'x', version: 1, clips: { '…': 'a.wav' } }, /no words/],
    [{ name: 'x', version: 1, clips: { một: '../secret.wav' } }, /inside the pack/],
    [{ name: 'x', version: 1, clips: { một: '/etc/a.wav' } }, /inside the pack/],
    [{ name: 'x', version: 1, clips: { một: 'https://evil.example/a.wav' } }, /inside the pack/],
    [{ name: 'x', version: 1, clips: {}, chime: 42 }, /chime/],
  ])('rejects %j', (json, message) => {
    expect(() => parseManifest(json)).toThrow(message);
  });
});

describe('planClips', () => {
  const m = pack({
    'xin mời công dân có số thứ tự': 'xin-moi.wav',
    'kính mời': 'kinh-moi.wav',
    'công dân': 'cong-dan.wav',
    có: 'co.wav',
    số: 'so.wav',
    'thứ tự': 'thu-tu.wav',
    một: 'mot.wav',
    'e-lờ': 'e-lo.wav',
  });

  it('takes a part whole when the pack has it', () => {
    expect(planClips(m, ['xin mời công dân có số thứ tự', 'một', 'E-LỜ'])).toEqual({
      ok: true,
      files: ['xin-moi.wav', 'mot.wav', 'e-lo.wav'],
    });
  });

  it('otherwise covers the part with the longest runs of words that have clips', () => {
    expect(planClips(m, ['kính mời công dân có số thứ tự'])).toEqual({
      ok: true,
      files: ['kinh-moi.wav', 'cong-dan.wav', 'co.wav', 'so.wav', 'thu-tu.wav'],
    });
  });

  it('lists the words no clip covers, once each', () => {
    expect(planClips(m, ['mời quý khách', 'một', 'tư', 'quý'])).toEqual({
      ok: false,
      missing: ['mời', 'quý', 'khách', 'tư'],
    });
  });

  it('ignores empty parts and does not take inherited keys for clips', () => {
    expect(planClips(m, ['', ' , '])).toEqual({ ok: true, files: [] });
    expect(planClips(m, ['constructor'])).toEqual({ ok: false, missing: ['constructor'] });
  });
});

describe('the committed default pack (public/voice/default, scripts/make-voice-pack.sh)', () => {
  const manifest = parseManifest(defaultPack);
  const templates = [
    DEFAULT_ANNOUNCE.template,
    'Kính mời công dân có số thứ tự {number} đến quầy số {counter}',
    'Xin mời khách hàng có số thứ tự {number} đến quầy số {counter}, xin cảm ơn',
    'Mời số {number} đến quầy {counter}',
  ];
  const every = (settings: AnnounceSettings, number: string, counter: number): void => {
    const plan = planClips(manifest, sentenceParts(settings, number, counter));
    expect(plan, `${number} / ${counter}`).toMatchObject({ ok: true });
  };

  it('is named, has a chime, and keys in NFC', () => {
    expect(defaultPack.name).toBe('espeak-ng vi (mặc định)');
    expect(manifest.chime).toBe('chime.wav');
    for (const key of Object.keys(defaultPack.clips)) expect(key).toBe(key.normalize('NFC'));
    const files = Object.values(manifest.clips);
    expect(new Set(files).size).toBe(files.length);
    for (const f of files) expect(f).toMatch(/^[a-z0-9-]+\.wav$/);
  });

  it('says the usual sentences with their pieces whole', () => {
    const plan = planClips(manifest, sentenceParts(DEFAULT_ANNOUNCE, '1005', 3));
    expect(plan).toEqual({
      ok: true,
      files: [
        'xin-moi-cong-dan-co-so-thu-tu.wav',
        'mot.wav',
        'khong.wav',
        'khong.wav',
        'nam.wav',
        'den-quay-so.wav',
        'ba.wav',
      ],
    });
  });

  it('says every letter and digit of a queue number, in both readings and dialects', () => {
    for (const template of templates) {
      for (const reading of ['digits', 'whole'] as const) {
        for (const dialect of ['north', 'south'] as const) {
          const s = { template, reading, dialect, repeat: 0 };
          for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') every(s, `${c}1`, 1);
        }
      }
    }
  });

  it('says every whole number a queue or counter number can be', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom<'north' | 'south'>('north', 'south'),
        (n, counter, dialect) =>
          every({ ...DEFAULT_ANNOUNCE, reading: 'whole', dialect }, String(n), counter),
      ),
      { numRuns: 2000 },
    );
    for (let counter = 0; counter <= 120; counter += 1) {
      every({ ...DEFAULT_ANNOUNCE, dialect: 'north' }, '1', counter);
      every({ ...DEFAULT_ANNOUNCE, dialect: 'south' }, '1', counter);
    }
  });
});

describe('clipUrl', () => {
  it('joins the base and the file, encoding each segment', () => {
    expect(clipUrl('/voice-pack', 'mot.wav')).toBe('/voice-pack/mot.wav');
    expect(clipUrl('/voice/default/', 'giọng chị/một 1.mp3')).toBe(
      '/voice/default/gi%E1%BB%8Dng%20ch%E1%BB%8B/m%E1%BB%99t%201.mp3',
    );
  });
});

/* A fake AudioContext: enough of Web Audio for the engine, recording what is scheduled when. */

interface FakeSource {
  buffer: { duration: number; file: string } | null;
  startedAt: number | null;
  stopped: boolean;
  onended: (() => void) | null;
  connect(): void;
  disconnect(): void;
  start(t: number): void;
  stop(): void;
}

function fakeContext(state: 'running' | 'suspended' = 'running') {
  const sources: FakeSource[] = [];
  const ctx = {
    state,
    currentTime: 10,
    destination: { fake: 'destination' },
    resumed: 0,
    decoded: [] as string[],
    sources,
    async resume() {
      ctx.resumed += 1;
      ctx.state = 'running';
    },
    async decodeAudioData(data: ArrayBuffer) {
      const file = new TextDecoder().decode(data);
      ctx.decoded.push(file);
      // A file's length in seconds is written in its name ("mot-0.25.wav"), for the schedule to check.
      return { duration: Number(/-([\d.]+)\.\w+$/.exec(file)?.[1] ?? 1), file };
    },
    createBufferSource() {
      const s: FakeSource = {
        buffer: null,
        startedAt: null,
        stopped: false,
        onended: null,
        connect() {},
        disconnect() {},
        start(t) {
          s.startedAt = t;
        },
        stop() {
          s.stopped = true;
        },
      };
      sources.push(s);
      return s;
    },
  };
  return ctx;
}

function fakeFetch(files: Record<string, unknown>, log: string[] = []): typeof fetch {
  return (async (input: string) => {
    log.push(input);
    const name = decodeURIComponent(input.replace(/^.*\/voice\//, ''));
    if (!(name in files)) return { ok: false, status: 404 } as Response;
    const body = files[name];
    return {
      ok: true,
      status: 200,
      json: async () => body,
      arrayBuffer: async () => new TextEncoder().encode(name).buffer,
    } as unknown as Response;
  }) as unknown as typeof fetch;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await Promise.resolve();
  if (!condition()) throw new Error('condition never met');
}

const FILES = {
  'manifest.json': {
    name: 'test pack',
    version: 1,
    chime: 'chime-1.2.wav',
    clips: { 'xin mời': 'xin-moi-0.8.wav', một: 'mot-0.25.wav', hai: 'hai-0.5.wav', ba: 'ba-broken-0.3.wav' },
  },
  'chime-1.2.wav': 1,
  'xin-moi-0.8.wav': 1,
  'mot-0.25.wav': 1,
  'hai-0.5.wav': 1,
};

describe('ClipEngine', () => {
  it('loads the manifest and decodes every clip once, up front; reports a broken one through canSay', async () => {
    const ctx = fakeContext();
    const log: string[] = [];
    const engine = await createClipEngine('/voice/', ctx as unknown as AudioContext, {
      fetch: fakeFetch(FILES, log),
    });
    expect(engine.name).toBe('clips: test pack');
    expect(log[0]).toBe('/voice/manifest.json');
    expect([...ctx.decoded].sort()).toEqual([
      'chime-1.2.wav',
      'hai-0.5.wav',
      'mot-0.25.wav',
      'xin-moi-0.8.wav',
    ]);
    expect(engine.canSay(['xin mời', 'một', 'hai'])).toBe(true);
    expect(engine.canSay(['ba'])).toBe(false); // in the manifest, but its file is missing
    expect(engine.canSay(['bốn'])).toBe(false);
    expect(await engine.preload()).toEqual(['ba-broken-0.3.wav']);
    expect(ctx.decoded).toHaveLength(4); // cached, not decoded again
  });

  it('schedules a sentence gapless on the context timeline and resolves when the last clip ends', async () => {
    const ctx = fakeContext();
    const engine = await createClipEngine('/voice', ctx as unknown as AudioContext, {
      fetch: fakeFetch(FILES),
    });
    let done = false;
    const playing = engine.play({
      kind: 'speech',
      text: 'Xin mời một hai một',
      parts: ['xin mời', 'một', 'hai', 'một'],
    });
    void playing.then(() => (done = true));
    await until(() => ctx.sources.length === 4);
    expect(ctx.sources.map((s) => [s.buffer?.file, Math.round((s.startedAt ?? NaN) * 1000) / 1000])).toEqual([
      ['xin-moi-0.8.wav', 10.05],
      ['mot-0.25.wav', 10.85],
      ['hai-0.5.wav', 11.1],
      ['mot-0.25.wav', 11.6],
    ]);
    ctx.sources[2]?.onended?.();
    await Promise.resolve();
    expect(done).toBe(false);
    ctx.sources[3]?.onended?.();
    await playing;
  });

  it('plays the pack’s chime file for a chime', async () => {
    const ctx = fakeContext();
    const engine = await createClipEngine('/voice/', ctx as unknown as AudioContext, {
      fetch: fakeFetch(FILES),
    });
    const playing = engine.play({ kind: 'chime' });
    await until(() => ctx.sources.length === 1);
    expect(ctx.sources[0]?.buffer?.file).toBe('chime-1.2.wav');
    ctx.sources[0]?.onended?.();
    await playing;
  });

  it('rejects a sentence with a part the pack cannot say, naming the missing words, and plays nothing', async () => {
    const ctx = fakeContext();
    const engine = await createClipEngine('/voice/', ctx as unknown as AudioContext, {
      fetch: fakeFetch(FILES),
    });
    await expect(engine.play({ kind: 'speech', text: 'Một tư', parts: ['một', 'tư'] })).rejects.toThrow(
      /thiếu: tư.*no clip for: tư/,
    );
    await expect(engine.play({ kind: 'speech', text: 'Ba', parts: ['ba'] })).rejects.toThrow(
      /Could not load/,
    );
    expect(ctx.sources).toHaveLength(0);
  });

  it('loads lazily when asked, and resumes a suspended context before playing', async () => {
    const ctx = fakeContext('suspended');
    const engine = await createClipEngine('/voice/', ctx as unknown as AudioContext, {
      fetch: fakeFetch(FILES),
      preload: false,
    });
    expect(ctx.decoded).toEqual([]);
    const playing = engine.play({ kind: 'speech', text: 'Hai', parts: ['hai'] });
    await until(() => ctx.sources.length === 1);
    expect(ctx.resumed).toBe(1);
    expect(ctx.decoded).toEqual(['hai-0.5.wav']);
    ctx.sources[0]?.onended?.();
    await playing;
  });

  it('rejects when the manifest is missing or invalid', async () => {
    const ctx = fakeContext() as unknown as AudioContext;
    await expect(createClipEngine('/voice/', ctx, { fetch: fakeFetch({}) })).rejects.toThrow(/HTTP 404/);
    const bad = { 'manifest.json': { version: 3, clips: {} } };
    await expect(createClipEngine('/voice/', ctx, { fetch: fakeFetch(bad) })).rejects.toThrow(/version/);
  });

  it('can be built from a parsed manifest directly', () => {
    const engine = new ClipEngine(pack({ một: 'mot.wav' }), '/x/', fakeContext() as unknown as AudioContext);
    expect(engine.canSay(['một'])).toBe(true);
    expect(engine.canSay(['một', 'hai'])).toBe(false);
  });
});
