/**
 * The lobby display's announcement queue (vietnam.md: "never cut one off with the next; chime, then voice").
 * Calls arrive in bursts — several counters press "next" within a second — while one announcement takes several
 * seconds, so they wait their turn: first come, first said, one at a time, each to its end.
 *
 * Pure queue logic: how an utterance sounds is the engine's business (clips, Web Speech, a fake in tests).
 */
import type { Utterance } from './announcement.js';

export interface VoiceEngine {
  /** For the display's status line and logs ("clips: espeak-ng vi", "speech: Microsoft An"). */
  readonly name: string;
  /** Resolves when the utterance has been said to its end; rejects when it cannot be said. */
  play(u: Utterance): Promise<void>;
}

export interface AnnouncerState {
  /** Key of the announcement being said, null when silent. */
  playing: string | null;
  /** Keys waiting, in the order they will be said (the playing one is not among them). */
  queued: string[];
  /** Announcements said to their end. */
  played: number;
  /** Announcements given up because the engine failed; the queue went on with the next one. */
  failed: number;
  /** The last engine failure, "<key>: <message>", so that a display can show why it fell silent. */
  lastError: string | null;
}

export type AnnouncerListener = (state: AnnouncerState) => void;

interface Pending {
  key: string;
  script: Utterance[];
}

function message(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : String(error);
}

export class Announcer {
  private engine: VoiceEngine;
  private readonly queue: Pending[] = [];
  private playing: string | null = null;
  private running = false;
  private played = 0;
  private failed = 0;
  private lastError: string | null = null;
  private readonly listeners = new Set<AnnouncerListener>();
  private idleWaiters: (() => void)[] = [];

  constructor(engine: VoiceEngine) {
    this.engine = engine;
  }

  /**
   * Queues an announcement, keyed by the caller (say a ticket id and its call count). A key that is already
   * waiting is not queued twice — a double click or a re-sent event must not make the lobby hear a number twice
   * — but its script is replaced, so that the newest details (say a changed counter) are the ones said. A key
   * being said right now is queued again: that is a deliberate recall.
   */
  announce(key: string, script: Utterance[]): void {
    const waiting = this.queue.find((p) => p.key === key);
    if (waiting) {
      waiting.script = [...script];
      return;
    }
    this.queue.push({ key, script: [...script] });
    if (this.running) this.emit();
    else void this.run();
  }

  /** The next announcement (not the one being said) uses this engine: a sentence never changes voice midway. */
  setEngine(engine: VoiceEngine): void {
    this.engine = engine;
  }

  /** The engine the next announcement will use. */
  currentEngine(): VoiceEngine {
    return this.engine;
  }

  /** Called on every change of state; returns the function that stops it. */
  onChange(listener: AnnouncerListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  state(): AnnouncerState {
    return {
      playing: this.playing,
      queued: this.queue.map((p) => p.key),
      played: this.played,
      failed: this.failed,
      lastError: this.lastError,
    };
  }

  /** Announcements not yet finished: the waiting ones and the one being said. */
  pending(): number {
    return this.queue.length + (this.playing === null ? 0 : 1);
  }

  /** Resolves once nothing is waiting and nothing is being said. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops the waiting announcements; the one being said is finished (never cut off). */
  clear(): void {
    if (this.queue.length === 0) return;
    this.queue.length = 0;
    this.emit();
  }

  /**
   * Says the queue out, one announcement after another. Only one run exists at a time (`running`), and each
   * utterance is awaited before the next starts, so nothing overlaps. An engine failure — rejected or thrown —
   * ends that announcement only: it is counted and reported, and the queue goes on.
   */
  private async run(): Promise<void> {
    this.running = true;
    for (let next = this.queue.shift(); next; next = this.queue.shift()) {
      const engine = this.engine;
      this.playing = next.key;
      this.emit();
      try {
        for (const u of next.script) await engine.play(u);
        this.played += 1;
      } catch (error) {
        this.failed += 1;
        this.lastError = `${next.key}: ${message(error)}`;
      }
      this.playing = null;
    }
    this.running = false;
    this.emit();
    // A listener may have queued another announcement while being told the queue ran dry.
    if (!this.running) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private emit(): void {
    const state = this.state();
    for (const listener of this.listeners) {
      // A broken listener (a display's rendering bug) must not stop the announcements.
      try {
        listener(state);
      } catch {
        /* ignored on purpose */
      }
    }
  }
}
