import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCccd } from '../cccd/parse.js';
import { classifyScan } from '../scans/classify.js';
import type { KeyLike } from './wedge.js';
import { WedgeDetector } from './wedge.js';

/** The US-layout key a scanner presses for each character it can type: [code, shift]. */
const SHIFTED_DIGITS = ')!@#$%^&*(';
const PUNCTUATION: Record<string, [string, boolean]> = {
  ' ': ['Space', false],
  '-': ['Minus', false],
  _: ['Minus', true],
  '.': ['Period', false],
  ',': ['Comma', false],
  '/': ['Slash', false],
  '?': ['Slash', true],
  '|': ['Backslash', true],
  '\\': ['Backslash', false],
  ':': ['Semicolon', true],
  '=': ['Equal', false],
};
function keyFor(char: string): [code: string, shift: boolean] {
  if (/^[a-z]$/.test(char)) return [`Key${char.toUpperCase()}`, false];
  if (/^[A-Z]$/.test(char)) return [`Key${char}`, true];
  if (/^\d$/.test(char)) return [`Digit${char}`, false];
  const digit = SHIFTED_DIGITS.indexOf(char);
  if (digit >= 0) return [`Digit${digit}`, true];
  const punctuation = PUNCTUATION[char];
  if (!punctuation) throw new Error(`no US key for ${JSON.stringify(char)}`);
  return punctuation;
}
const TYPABLE = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...SHIFTED_DIGITS,
  ...Object.keys(PUNCTUATION),
];

type Style = 'plain' | 'ime' | 'composing' | 'unidentified';
/** The keydown a scanner's character produces, as the page sees it with or without an input method. */
function keydown(char: string, style: Style = 'plain'): KeyLike {
  const [code, shiftKey] = keyFor(char);
  switch (style) {
    case 'plain':
      return { key: char, code, shiftKey };
    case 'ime':
      return { key: 'Process', code, shiftKey, isComposing: false };
    case 'composing':
      return { key: char, code, shiftKey, isComposing: true };
    case 'unidentified':
      return { key: 'Unidentified', code, shiftKey };
  }
}
const ENTER: KeyLike = { key: 'Enter', code: 'Enter', shiftKey: false };

interface Press {
  event: KeyLike;
  at: number;
}
/** A scanner typing `text` then Enter, one key every `gapMs` from `startMs`. */
function scan(text: string, { startMs = 1000, gapMs = 4, style = 'plain' as Style } = {}): Press[] {
  const presses = [...text].map((char, i) => ({ event: keydown(char, style), at: startMs + i * gapMs }));
  return [...presses, { event: ENTER, at: startMs + text.length * gapMs }];
}
/** Every non-null result of feeding the presses in order. */
function feed(detector: WedgeDetector, presses: readonly Press[]): string[] {
  return presses.flatMap(({ event, at }) => detector.push(event, at) ?? []);
}

const CODE = '000.00.12.H62-201105-0004';
const PAYLOAD = '086095001234|364512345|NGUYEN VAN AN|15031995|Nam|12C Hoang Thai Hieu, Phuong 1|20042021';

describe('WedgeDetector', () => {
  it('returns a fast burst ended by Enter', () => {
    const detector = new WedgeDetector();
    const presses = scan(CODE);
    presses.slice(0, -1).forEach(({ event, at }) => expect(detector.push(event, at)).toBeNull());
    const enter = presses.at(-1);
    if (!enter) throw new Error('no Enter');
    expect(detector.push(enter.event, enter.at)).toBe(CODE);
  });

  it('reads characters from the physical key when an input method hides them', () => {
    for (const style of ['ime', 'composing', 'unidentified'] as const) {
      expect(feed(new WedgeDetector(), scan(PAYLOAD, { style })), style).toEqual([PAYLOAD]);
    }
    // Telex would turn "dd" into "đ" and "aa" into "â"; the keys still say d, d and a, a.
    const telexBait = 'Ddaang Thij Ddaof 0123456789|';
    expect(feed(new WedgeDetector(), scan(telexBait, { style: 'ime' }))).toEqual([telexBait]);
  });

  it('uses shift on the US layout: capitals, | and shifted digits', () => {
    const text = 'ABC|xyz|!@#$%^&*()_?:';
    expect(feed(new WedgeDetector({ minLength: 5 }), scan(text, { style: 'ime' }))).toEqual([text]);
  });

  it('ignores modifier keydowns between characters, however they are timed', () => {
    const detector = new WedgeDetector();
    const presses: Press[] = [];
    let at = 0;
    for (const char of CODE) {
      if (/[A-Z]/.test(char))
        presses.push({ event: { key: 'Shift', code: 'ShiftLeft', shiftKey: true }, at: at + 1 });
      presses.push({ event: keydown(char), at: (at += 5) });
    }
    presses.push({ event: ENTER, at: at + 5 });
    expect(feed(detector, presses)).toEqual([CODE]);
    // Shift held by a person repeats its keydown every 30 ms (as 'Process' under an input method): slow
    // letters typed meanwhile stay slow.
    const held: Press[] = [...CODE.toUpperCase()].flatMap((char, i) => [
      { event: keydown(char), at: i * 100 },
      ...[30, 60, 90].map((dt) => ({
        event: { key: i % 2 ? 'Shift' : 'Process', code: 'ShiftLeft', shiftKey: true, repeat: true },
        at: i * 100 + dt,
      })),
    ]);
    expect(feed(detector, [...held, { event: ENTER, at: CODE.length * 100 }])).toEqual([]);
  });

  it('never reports slow typing, even a long line ended by Enter', () => {
    const detector = new WedgeDetector();
    expect(feed(detector, scan(PAYLOAD, { gapMs: 80 }))).toEqual([]);
    expect(feed(detector, scan(PAYLOAD, { gapMs: 36, startMs: 99_000 }))).toEqual([]);
  });

  it('treats a gap of exactly maxGapMs as fast and one millisecond more as slow', () => {
    expect(feed(new WedgeDetector({ maxGapMs: 35 }), scan(CODE, { gapMs: 35 }))).toEqual([CODE]);
    expect(feed(new WedgeDetector({ maxGapMs: 35 }), scan(CODE, { gapMs: 36 }))).toEqual([]);
    expect(feed(new WedgeDetector({ maxGapMs: 10 }), scan(CODE, { gapMs: 11 }))).toEqual([]);
  });

  it('drops what came before a long gap: only the fast tail ending in Enter counts', () => {
    const head = scan('086095001234|36451', { startMs: 0 }).slice(0, -1);
    const tail = scan('2345|NGUYEN VAN AN|15031995', { startMs: 500 });
    expect(feed(new WedgeDetector(), [...head, ...tail])).toEqual(['2345|NGUYEN VAN AN|15031995']);
    const shortTail = scan('15031995', { startMs: 500 });
    expect(feed(new WedgeDetector(), [...head, ...shortTail])).toEqual([]);
    const lateEnter = [...scan(CODE).slice(0, -1), { event: ENTER, at: 1000 + CODE.length * 4 + 100 }];
    expect(feed(new WedgeDetector(), lateEnter)).toEqual([]);
  });

  it('does not count a human key typed just before a scan', () => {
    const human = { event: keydown('x'), at: 0 };
    expect(feed(new WedgeDetector(), [human, ...scan(CODE, { startMs: 2000 })])).toEqual([CODE]);
  });

  it('returns nothing for Enter alone or a burst shorter than minLength', () => {
    const detector = new WedgeDetector();
    expect(detector.push(ENTER, 0)).toBeNull();
    expect(detector.push(ENTER, 5)).toBeNull();
    expect(feed(detector, scan('1234567890123456789', { startMs: 100 }))).toEqual([]);
    expect(feed(detector, scan('12345678901234567890', { startMs: 200 }))).toEqual(['12345678901234567890']);
    expect(feed(new WedgeDetector({ minLength: 3 }), scan('abc'))).toEqual(['abc']);
  });

  it('accepts NumpadEnter and an Enter an input method reports as Process', () => {
    const presses = scan(CODE).slice(0, -1);
    const last = 1000 + CODE.length * 4;
    const numpad = { event: { key: 'Enter', code: 'NumpadEnter', shiftKey: false }, at: last };
    const process = {
      event: { key: 'Process', code: 'Enter', shiftKey: false, isComposing: true },
      at: last,
    };
    expect(feed(new WedgeDetector(), [...presses, numpad])).toEqual([CODE]);
    expect(feed(new WedgeDetector(), [...presses, process])).toEqual([CODE]);
  });

  it('reports a payload typed twice with Enter between as two bursts, and back to back as one', () => {
    const twice = [...scan(PAYLOAD, { startMs: 0 }), ...scan(PAYLOAD, { startMs: PAYLOAD.length * 4 + 4 })];
    expect(feed(new WedgeDetector(), twice)).toEqual([PAYLOAD, PAYLOAD]);
    expect(feed(new WedgeDetector(), scan(PAYLOAD + PAYLOAD))).toEqual([PAYLOAD + PAYLOAD]);
  });

  it('hands parseCccd what it needs, letters garbled or not', () => {
    // A scanner that cannot type "ễ" sends "?": the card still gives its id and dates.
    const payload = '086095001234||Nguy?n V?n An|15031995|Nam|?p T?n H?nh|20042021';
    const [burst = ''] = feed(new WedgeDetector(), scan(payload + payload, { style: 'ime' }));
    expect(parseCccd(burst)).toEqual({
      ok: true,
      card: {
        idNumber: '086095001234',
        oldIdNumber: null,
        fullName: null,
        birthDate: '1995-03-15',
        gender: 'Nam',
        address: null,
        issueDate: '2021-04-20',
      },
    });
  });

  it("hands over a booking's QR whole, with or without an input method: a check-in, not a slip", () => {
    const url = 'http://10.0.0.2:8080/b/K7PQ3M2D';
    for (const style of ['plain', 'ime', 'composing', 'unidentified'] as const) {
      const bursts = feed(new WedgeDetector(), scan(url, { style }));
      expect(bursts, style).toEqual([url]);
      expect(classifyScan(bursts[0] ?? '')).toEqual({ kind: 'booking', code: 'K7PQ3M2D' });
    }
    // The code typed by hand on a keyboard is no scan: it is typed on the check-in screen's own keys.
    expect(feed(new WedgeDetector(), scan('K7PQ3M2D', { gapMs: 120 }))).toEqual([]);
  });

  it('follows the Backspace an input method sends when it rewrites a letter', () => {
    const presses = scan(CODE).slice(0, -1);
    const at = 1000 + CODE.length * 4;
    const rewrite: Press[] = [
      { event: keydown('d'), at },
      { event: { key: 'Backspace', code: 'Backspace', shiftKey: false }, at: at + 1 },
      { event: { key: 'đ', code: '', shiftKey: false }, at: at + 2 },
      { event: ENTER, at: at + 3 },
    ];
    expect(feed(new WedgeDetector(), [...presses, ...rewrite])).toEqual([`${CODE}đ`]);
  });

  it('skips keys that type nothing (Tab, arrows) without keeping a burst alive', () => {
    const detector = new WedgeDetector();
    const presses = scan(CODE);
    const tab = { event: { key: 'Tab', code: 'Tab', shiftKey: false }, at: 1002 };
    expect(feed(detector, [presses[0] as Press, tab, ...presses.slice(1)])).toEqual([CODE]);
    // A held arrow key repeating every 10 ms does not join slow keys into a burst.
    const slow: Press[] = [...CODE].flatMap((char, i) => [
      { event: keydown(char), at: i * 100 },
      ...[10, 20, 30, 40, 50, 60, 70, 80, 90].map((dt) => ({
        event: { key: 'ArrowLeft', code: 'ArrowLeft', shiftKey: false },
        at: i * 100 + dt,
      })),
    ]);
    expect(feed(detector, [...slow, { event: ENTER, at: CODE.length * 100 }])).toEqual([]);
  });

  it('does not take a held key repeating for a scan', () => {
    const held: Press[] = Array.from({ length: 30 }, (_, i) => ({
      event: { ...keydown('a'), repeat: i > 0 },
      at: i * 30,
    }));
    expect(feed(new WedgeDetector(), [...held, { event: ENTER, at: 30 * 30 }])).toEqual([]);
  });

  it('starts over after reset(), after Enter, and when time goes backwards', () => {
    const detector = new WedgeDetector();
    const presses = scan(CODE);
    feed(detector, presses.slice(0, 10));
    detector.reset();
    expect(feed(detector, presses.slice(10))).toEqual([]);
    expect(feed(detector, scan(CODE, { startMs: 5000 }))).toEqual([CODE]);
    const backwards = [
      ...scan(CODE, { startMs: 9000 }).slice(0, 10),
      ...scan(CODE, { startMs: 8000 }).slice(10),
    ];
    expect(feed(detector, backwards)).toEqual([]);
  });

  it('refuses options that would report nothing or everything', () => {
    expect(() => new WedgeDetector({ minLength: 0 })).toThrow(RangeError);
    expect(() => new WedgeDetector({ minLength: 2.5 })).toThrow(RangeError);
    expect(() => new WedgeDetector({ maxGapMs: 0 })).toThrow(RangeError);
    expect(() => new WedgeDetector({ maxGapMs: Number.NaN })).toThrow(RangeError);
    expect(() => new WedgeDetector({ maxGapMs: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });

  describe('properties', () => {
    const typable = fc.string({ unit: fc.constantFrom(...TYPABLE), minLength: 20, maxLength: 120 });
    const style = fc.constantFrom<Style>('plain', 'ime', 'composing', 'unidentified');

    it('returns exactly what a scanner typed, at any gap up to maxGapMs and in any input mode', () => {
      fc.assert(
        fc.property(
          typable,
          fc.array(fc.integer({ min: 0, max: 35 }), { minLength: 1 }),
          style,
          (text, gaps, s) => {
            const detector = new WedgeDetector();
            let at = 10_000;
            const results = [...text, '\n'].map((char, i) => {
              const event = char === '\n' ? ENTER : keydown(char, s);
              return detector.push(event, (at += gaps[i % gaps.length] ?? 0));
            });
            expect(results.slice(0, -1).every((r) => r === null)).toBe(true);
            expect(results.at(-1)).toBe(text);
          },
        ),
      );
    });

    it('never reports keys typed more than maxGapMs apart', () => {
      const key = fc.oneof(
        fc.constantFrom(...TYPABLE).map((char) => keydown(char)),
        fc.constant(ENTER),
        fc.constant<KeyLike>({ key: 'Shift', code: 'ShiftLeft', shiftKey: true }),
      );
      fc.assert(
        fc.property(
          fc.array(fc.tuple(key, fc.integer({ min: 36, max: 5000 })), { maxLength: 200 }),
          fc.integer({ min: 1, max: 40 }),
          (keys, minLength) => {
            const detector = new WedgeDetector({ minLength });
            let at = 0;
            for (const [event, gap] of keys) expect(detector.push(event, (at += gap))).toBeNull();
          },
        ),
      );
    });
  });
});
