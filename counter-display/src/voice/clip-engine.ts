/**
 * Announcements from a clip pack: recorded phrases and number words played back to back (vietnam.md: "a clip
 * pack sounds human and lets a center record its own announcer"). A pack is a folder with `manifest.json` and
 * audio files; the default one is generated with espeak-ng (scripts/make-voice-pack.sh, public/voice/default/),
 * a center's own is served by the server from `VOICE_PACK_DIR` at `/voice-pack/`.
 *
 *   { "name": "…", "version": 1, "chime": "chime.wav", "clips": { "xin mời công dân có số thứ tự": "….wav", … } }
 *
 * Clip keys are phrases as `phraseKey` writes them (NFC, lower case, no punctuation); a center's manifest is
 * normalised the same way on load, so "Xin mời …" or a decomposed "mời" typed on another system still match.
 */
import { phraseKey, type Utterance } from './announcement.js';
import type { VoiceEngine } from './announcer.js';
import { playBuffers, playToneChime } from './web-audio.js';

export interface VoicePackManifest {
  name: string;
  version: 1;
  /** The chime before each announcement; without one the engine synthesises a two-tone chime. */
  chime?: string;
  /** Phrase key → file, relative to the pack's folder. */
  clips: Record<string, string>;
}

export type ClipPlan = { ok: true; files: string[] } | { ok: false; missing: string[] };

/** Rejected early, so that a mistyped manifest is reported on load rather than at the first call of the day. */
function checkFile(file: unknown, what: string): string {
  if (typeof file !== 'string' || file.trim() === '') {
    throw new Error(`manifest.json: ${what} phải là tên tệp. / ${what} must be a file name.`);
  }
  // A pack is a folder: its files stay inside it.
  if (/^[a-z][a-z0-9+.-]*:/iu.test(file) || file.startsWith('/') || file.split(/[\\/]/u).includes('..')) {
    throw new Error(
      `manifest.json: "${file}" phải nằm trong thư mục của gói. / "${file}" must be inside the pack's folder.`,
    );
  }
  return file;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a parsed `manifest.json` and normalises its keys with `phraseKey`; throws an Error saying what is wrong. */
export function parseManifest(json: unknown): VoicePackManifest {
  if (!isRecord(json))
    throw new Error('manifest.json phải là một đối tượng JSON. / manifest.json must be an object.');
  if (json.version !== 1) {
    throw new Error(
      `manifest.json: chỉ hỗ trợ "version": 1 (gặp ${JSON.stringify(json.version)}). / ` +
        `Only "version": 1 is supported (found ${JSON.stringify(json.version)}).`,
    );
  }
  const name = typeof json.name === 'string' && json.name.trim() !== '' ? json.name.trim() : 'voice pack';
  if (!isRecord(json.clips)) {
    throw new Error('manifest.json: thiếu "clips". / "clips" is missing or not an object.');
  }
  const clips: Record<string, string> = {};
  for (const [phrase, file] of Object.entries(json.clips)) {
    const key = phraseKey(phrase);
    if (key === '')
      throw new Error(`manifest.json: khoá rỗng "${phrase}". / The clip key "${phrase}" has no words.`);
    clips[key] = checkFile(file, `clips["${phrase}"]`);
  }
  const manifest: VoicePackManifest = { name, version: 1, clips };
  if (json.chime !== undefined && json.chime !== null) manifest.chime = checkFile(json.chime, 'chime');
  return manifest;
}

/**
 * The files that say `parts`, in order, or the words no clip covers. Each part is looked up whole first (a
 * recorded "xin mời công dân có số thứ tự" sounds best); failing that its words are covered left to right, each
 * time by the longest run of words that has a clip ("kính mời" + "công dân" + …). `missing` lists the uncovered
 * words, which is what a center has to record.
 */
export function planClips(manifest: VoicePackManifest, parts: readonly string[]): ClipPlan {
  const files: string[] = [];
  const missing: string[] = [];
  const clip = (key: string): string | undefined =>
    Object.prototype.hasOwnProperty.call(manifest.clips, key) ? manifest.clips[key] : undefined;
  for (const part of parts) {
    const key = phraseKey(part);
    if (key === '') continue;
    const whole = clip(key);
    if (whole !== undefined) {
      files.push(whole);
      continue;
    }
    const words = key.split(' ');
    let i = 0;
    while (i < words.length) {
      let found: { file: string; next: number } | undefined;
      for (let j = words.length; j > i && !found; j -= 1) {
        const file = clip(words.slice(i, j).join(' '));
        if (file !== undefined) found = { file, next: j };
      }
      if (found) {
        files.push(found.file);
        i = found.next;
      } else {
        const word = words[i] as string;
        if (!missing.includes(word)) missing.push(word);
        i += 1;
      }
    }
  }
  return missing.length === 0 ? { ok: true, files } : { ok: false, missing };
}

export interface ClipEngineOptions {
  /** Injected in tests; the page's `fetch` otherwise. */
  fetch?: typeof fetch;
  /** Decode every clip on creation (default): the first call is then instant and broken files show at once. */
  preload?: boolean;
  /** Where the sound goes (a GainNode for a volume setting); the context's destination otherwise. */
  destination?: AudioNode;
  /** Silence between clips, in seconds (default 0: the clips are trimmed to sound like one sentence). */
  gapSeconds?: number;
}

/** A file of the pack as a URL: the base gets its trailing slash, each path segment is encoded. */
export function clipUrl(baseUrl: string, file: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return base + file.split('/').map(encodeURIComponent).join('/');
}

export class ClipEngine implements VoiceEngine {
  readonly name: string;
  private readonly buffers = new Map<string, Promise<AudioBuffer>>();
  /** Files that failed to load or decode: `canSay` is false for the parts that need them. */
  private readonly broken = new Set<string>();
  private readonly fetchFile: typeof fetch;

  constructor(
    readonly manifest: VoicePackManifest,
    readonly baseUrl: string,
    private readonly ctx: AudioContext,
    private readonly options: ClipEngineOptions = {},
  ) {
    this.name = `clips: ${manifest.name}`;
    this.fetchFile = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** Whether every part can be said from this pack's clips (and none of the clips needed failed to load). */
  canSay(parts: readonly string[]): boolean {
    const plan = planClips(this.manifest, parts);
    return plan.ok && plan.files.every((f) => !this.broken.has(f));
  }

  /** Fetches and decodes every file of the pack; resolves with the files that failed (never rejects). */
  async preload(): Promise<string[]> {
    const files = new Set(Object.values(this.manifest.clips));
    if (this.manifest.chime !== undefined) files.add(this.manifest.chime);
    const failed: string[] = [];
    await Promise.all(
      [...files].map((file) =>
        this.load(file).catch(() => {
          failed.push(file);
        }),
      ),
    );
    return failed.sort();
  }

  play(u: Utterance): Promise<void> {
    const destination = this.options.destination ?? this.ctx.destination;
    if (u.kind === 'chime') {
      if (this.manifest.chime === undefined) return playToneChime(this.ctx, destination);
      return this.playFiles([this.manifest.chime], destination);
    }
    const plan = planClips(this.manifest, u.parts);
    if (!plan.ok) {
      return Promise.reject(
        new Error(
          `Gói giọng "${this.manifest.name}" thiếu: ${plan.missing.join(', ')}. / ` +
            `The voice pack "${this.manifest.name}" has no clip for: ${plan.missing.join(', ')}.`,
        ),
      );
    }
    return this.playFiles(plan.files, destination);
  }

  private async playFiles(files: readonly string[], destination: AudioNode): Promise<void> {
    // Every buffer is decoded before the first starts: a sentence never stops halfway to wait for a download.
    const buffers = await Promise.all(files.map((f) => this.load(f)));
    await playBuffers(this.ctx, buffers, destination, this.options.gapSeconds ?? 0);
  }

  /** Cached per file; a failure is not cached, so a file fixed on the server is picked up on the next call. */
  private load(file: string): Promise<AudioBuffer> {
    const cached = this.buffers.get(file);
    if (cached) return cached;
    const url = clipUrl(this.baseUrl, file);
    const loading = (async () => {
      const response = await this.fetchFile(url);
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      const buffer = await this.ctx.decodeAudioData(await response.arrayBuffer());
      this.broken.delete(file);
      return buffer;
    })().catch((error: unknown) => {
      this.buffers.delete(file);
      this.broken.add(file);
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`Không tải được ${url}. / Could not load ${url}: ${why}`);
    });
    this.buffers.set(file, loading);
    return loading;
  }
}

/**
 * The engine of the pack at `baseUrl` ("/voice/default/", "/voice-pack/"): fetches and validates its manifest and,
 * unless `preload: false`, decodes every clip. Rejects when the manifest cannot be fetched or is invalid; clips
 * that fail to load do not reject (see `preload()` and `canSay`), since a pack with one bad file still says most
 * sentences.
 */
export async function createClipEngine(
  baseUrl: string,
  ctx: AudioContext,
  options: ClipEngineOptions = {},
): Promise<ClipEngine> {
  const fetchFile = options.fetch ?? ((input, init) => fetch(input, init));
  const url = clipUrl(baseUrl, 'manifest.json');
  const response = await fetchFile(url);
  if (!response.ok)
    throw new Error(`Không tải được ${url} (HTTP ${response.status}). / Could not load ${url}.`);
  const manifest = parseManifest(await response.json());
  const engine = new ClipEngine(manifest, baseUrl, ctx, { ...options, fetch: fetchFile });
  if (options.preload !== false) await engine.preload();
  return engine;
}
