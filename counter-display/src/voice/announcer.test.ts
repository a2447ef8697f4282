import { describe, expect, it } from 'vitest';
import type { Utterance } from './announcement.js';
import { Announcer, type AnnouncerState, type VoiceEngine } from './announcer.js';

/** One engine.play call, held open until the test settles it. */
interface Call {
  engine: string;
  u: Utterance;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * An engine whose plays end only when the test says so (deferred promises, no timers): the test decides exactly
 * when each utterance finishes and watches what the announcer does meanwhile.
 */
class FakeEngine implements VoiceEngine {
  readonly calls: Call[] = [];
  active = 0;
  maxActive = 0;
  private consumed = 0;
  private waiters: (() => void)[] = [];

  constructor(
    readonly name: string,
    private readonly log: Call[] = [],
  ) {}

  play(u: Utterance): Promise<void> {
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    return new Promise<void>((resolve, reject) => {
      const call: Call = {
        engine: this.name,
        u,
        resolve: () => {
          this.active -= 1;
          resolve();
        },
        reject: (error) => {
          this.active -= 1;
          reject(error);
        },
      };
      this.calls.push(call);
      this.log.push(call);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** The next play call not yet handed out, waiting for it if the announcer has not made it yet. */
  async next(): Promise<Call> {
    while (this.calls.length <= this.consumed) await new Promise<void>((r) => this.waiters.push(r));
    return this.calls[this.consumed++] as Call;
  }
}

/** Lets every pending promise callback run (the announcer's awaits), without any timer. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

const speech = (text: string): Utterance => ({ kind: 'speech', text, parts: [text] });
const script = (key: string): Utterance[] => [{ kind: 'chime' }, speech(key), speech(key)];
const said = (calls: readonly Call[]): string[] =>
  calls.map((c) => (c.u.kind === 'chime' ? 'chime' : c.u.text));

/** Plays every call as soon as it comes, until the announcer is idle. */
async function drain(engine: FakeEngine, announcer: Announcer): Promise<void> {
  const done = announcer.idle();
  let finished = false;
  void done.then(() => (finished = true));
  while (!finished) {
    await settle();
    const open = engine.calls.filter((c) => !('done' in c));
    for (const c of open) {
      Object.assign(c, { done: true });
      c.resolve();
    }
  }
}

describe('Announcer', () => {
  it('says announcements first come, first said, each script in order', async () => {
    const engine = new FakeEngine('fake');
    const announcer = new Announcer(engine);
    announcer.announce('1', script('1'));
    announcer.announce('2', script('2'));
    announcer.announce('3', script('3'));
    await drain(engine, announcer);
    expect(said(engine.calls)).toEqual(['chime', '1', '1', 'chime', '2', '2', 'chime', '3', '3']);
    expect(announcer.state()).toEqual({ playing: null, queued: [], played: 3, failed: 0, lastError: null });
  });

  it('never plays two utterances at once, however many arrive together', async () => {
    const engine = new FakeEngine('fake');
    const announcer = new Announcer(engine);
    for (let i = 0; i < 50; i += 1) announcer.announce(String(i), script(String(i)));
    expect(engine.active).toBe(1);
    await drain(engine, announcer);
    expect(engine.maxActive).toBe(1);
    expect(engine.calls).toHaveLength(150);
  });

  it('does not cut an announcement off: the next starts only after the last utterance of the current ends', async () => {
    const engine = new FakeEngine('fake');
    const announcer = new Announcer(engine);
    announcer.announce('A', script('A'));
    (await engine.next()).resolve(); // chime
    const firstSentence = await engine.next();
    announcer.announce('B', script('B'));
    await settle();
    expect(announcer.state().playing).toBe('A');
    expect(announcer.state().queued).toEqual(['B']);
    expect(engine.calls).toHaveLength(2);
    firstSentence.resolve();
    const repeat = await engine.next();
    expect(said([repeat])).toEqual(['A']);
    await settle();
    expect(engine.calls).toHaveLength(3); // B waits for A's repeat
    repeat.resolve();
    const bChime = await engine.next();
    expect(bChime.u).toEqual({ kind: 'chime' });
    expect(announcer.state().playing).toBe('B');
  });

  it('clear() drops the waiting announcements but lets the playing one finish', async () => {
    const engine = new FakeEngine('fake');
    const announcer = new Announcer(engine);
    announcer.announce('A', script('A'));
    announcer.announce('B', script('B'));
    announcer.announce('C', script('C'));
    announcer.clear();
    expect(announcer.state()).toMatchObject({ playing: 'A', queued: [] });
    expect(announcer.pending()).toBe(1);
    await drain(engine, announcer);
    expect(said(engine.calls)).toEqual(['chime', 'A', 'A']);
  });

  it('does not queue a key twice while it waits, but takes its newest script', async () => {
    const engine = new FakeEngine('fake');
    const announcer = new Announcer(engine);
    announcer.announce('A', script('A'));
    announcer.announce('B', script('B'));
    announcer.announce('B', [speech('B at counter 5')]);
    announcer.announce('C', script('C'));
    announcer.announce('B', [speech('B at counter 6')]);
    expect(announcer.state().queued).toEqual(['B', 'C']);
    expect(announcer.pending()).toBe(3);
    await drain(engine, announcer);
    expect(said(engine.calls)).toEqual(['chime', 'A', 'A', 'B at counter 6', 'chime', 'C', 'C']);
  });

  it('queues again a key that is being said (a recall)', async () => {
    const engine = new FakeEngine('fake');
    const announcer = new Announcer(engine);
    announcer.announce('A', script('A'));
    announcer.announce('A', script('A'));
    expect(announcer.state()).toMatchObject({ playing: 'A', queued: ['A'] });
    await drain(engine, announcer);
    expect(announcer.state().played).toBe(2);
  });

  it('skips to the next announcement when the engine rejects, and reports it', async () => {
    const engine = new FakeEngine('fake');
    const announcer = new Announcer(engine);
    announcer.announce('A', script('A'));
    announcer.announce('B', script('B'));
    (await engine.next()).resolve();
    (await engine.next()).reject(new Error('no clip for "tư"'));
    const next = await engine.next();
    expect(next.u).toEqual({ kind: 'chime' });
    expect(announcer.state()).toMatchObject({ playing: 'B', failed: 1, lastError: 'A: no clip for "tư"' });
    next.resolve();
    await drain(engine, announcer);
    expect(said(engine.calls)).toEqual(['chime', 'A', 'chime', 'B', 'B']);
    expect(announcer.state()).toMatchObject({ played: 1, failed: 1 });
  });

  it('goes on when the engine throws instead of rejecting', async () => {
    const broken: VoiceEngine = {
      name: 'broken',
      play: () => {
        throw new Error('speechSynthesis is undefined');
      },
    };
    const announcer = new Announcer(broken);
    announcer.announce('A', script('A'));
    announcer.announce('B', script('B'));
    await announcer.idle();
    expect(announcer.state()).toEqual({
      playing: null,
      queued: [],
      played: 0,
      failed: 2,
      lastError: 'B: speechSynthesis is undefined',
    });
  });

  it('setEngine takes effect from the next announcement, never midway through one', async () => {
    const log: Call[] = [];
    const first = new FakeEngine('first', log);
    const second = new FakeEngine('second', log);
    const announcer = new Announcer(first);
    announcer.announce('A', script('A'));
    announcer.announce('B', script('B'));
    (await first.next()).resolve();
    announcer.setEngine(second);
    expect(announcer.currentEngine()).toBe(second);
    (await first.next()).resolve();
    (await first.next()).resolve();
    for (let i = 0; i < 3; i += 1) (await second.next()).resolve();
    await announcer.idle();
    expect(log.map((c) => `${c.engine}:${said([c])[0]}`)).toEqual([
      'first:chime',
      'first:A',
      'first:A',
      'second:chime',
      'second:B',
      'second:B',
    ]);
  });

  it('idle() resolves at once when silent, and only when the queue has run dry otherwise', async () => {
    const engine = new FakeEngine('fake');
    const announcer = new Announcer(engine);
    await announcer.idle();
    announcer.announce('A', [speech('A')]);
    announcer.announce('B', [speech('B')]);
    let idle = false;
    void announcer.idle().then(() => (idle = true));
    (await engine.next()).resolve();
    await settle();
    expect(idle).toBe(false);
    (await engine.next()).resolve();
    await settle();
    expect(idle).toBe(true);
    expect(announcer.pending()).toBe(0);
  });

  it('tells listeners every change, survives a throwing listener, and stops telling after unsubscribe', async () => {
    const engine = new FakeEngine('fake');
    const announcer = new Announcer(engine);
    const states: AnnouncerState[] = [];
    announcer.onChange(() => {
      throw new Error('render bug');
    });
    const stop = announcer.onChange((s) => states.push(s));
    announcer.announce('A', [speech('A')]);
    announcer.announce('B', [speech('B')]);
    (await engine.next()).resolve();
    (await engine.next()).reject(new Error('boom'));
    await announcer.idle();
    expect(states).toEqual([
      { playing: 'A', queued: [], played: 0, failed: 0, lastError: null },
      { playing: 'A', queued: ['B'], played: 0, failed: 0, lastError: null },
      { playing: 'B', queued: [], played: 1, failed: 0, lastError: null },
      { playing: null, queued: [], played: 1, failed: 1, lastError: 'B: boom' },
    ]);
    stop();
    announcer.announce('C', [speech('C')]);
    (await engine.next()).resolve();
    await announcer.idle();
    expect(states).toHaveLength(4);
  });

  it('starts again when a listener announces while being told the queue ran dry', async () => {
    const engine = new FakeEngine('fake');
    const announcer = new Announcer(engine);
    let again = true;
    announcer.onChange((s) => {
      if (s.playing === null && again) {
        again = false;
        announcer.announce('B', [speech('B')]);
      }
    });
    announcer.announce('A', [speech('A')]);
    let idle = false;
    void announcer.idle().then(() => (idle = true));
    (await engine.next()).resolve();
    const b = await engine.next();
    await settle();
    expect(idle).toBe(false);
    b.resolve();
    await announcer.idle();
    expect(said(engine.calls)).toEqual(['A', 'B']);
    expect(engine.maxActive).toBe(1);
  });
});
