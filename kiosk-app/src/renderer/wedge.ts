/**
 * Tells a barcode/QR scanner in keyboard-wedge mode from a person at a keyboard: the scanner types a whole code
 * in a burst of keys a few milliseconds apart and ends it with Enter; no person keeps up `minLength` keys at
 * `maxGapMs`. Pure: the caller feeds every keydown with its timestamp (`KeyboardEvent.timeStamp`).
 *
 * With a Vietnamese input method active, keydown `key` is often 'Process' or 'Unidentified' (or the event is
 * composing); the character is then read from the physical key (`code`) on the US layout, which is what the
 * scanner meant to type. The input method cannot turn "dd" into "đ" here.
 */

export interface KeyLike {
  key: string;
  code: string;
  shiftKey: boolean;
  isComposing?: boolean;
  /** A held key repeating (`KeyboardEvent.repeat`): a person, never a scanner. */
  repeat?: boolean;
}

const DEFAULT_MAX_GAP_MS = 35;
const DEFAULT_MIN_LENGTH = 20;

/** Keys whose `key` does not say which character was typed. */
const UNKNOWN_KEYS = new Set(['Process', 'Unidentified', 'Dead']);
const PRINTABLE_ASCII = /^[\x20-\x7E]$/;

/** `code` → [unshifted, shifted] on the US layout. */
const US_LAYOUT: ReadonlyMap<string, readonly [string, string]> = new Map<string, readonly [string, string]>([
  ...[...'abcdefghijklmnopqrstuvwxyz'].map(
    (c) => [`Key${c.toUpperCase()}`, [c, c.toUpperCase()]] as [string, readonly [string, string]],
  ),
  ...[...')!@#$%^&*('].map(
    (shifted, d) => [`Digit${d}`, [String(d), shifted]] as [string, readonly [string, string]],
  ),
  ...[...'0123456789'].map((d) => [`Numpad${d}`, [d, d]] as [string, readonly [string, string]]),
  ['Space', [' ', ' ']],
  ['Minus', ['-', '_']],
  ['Equal', ['=', '+']],
  ['BracketLeft', ['[', '{']],
  ['BracketRight', [']', '}']],
  ['Backslash', ['\\', '|']],
  ['Semicolon', [';', ':']],
  ['Quote', ["'", '"']],
  ['Backquote', ['`', '~']],
  ['Comma', [',', '<']],
  ['Period', ['.', '>']],
  ['Slash', ['/', '?']],
  ['NumpadDecimal', ['.', '.']],
  ['NumpadAdd', ['+', '+']],
  ['NumpadSubtract', ['-', '-']],
  ['NumpadMultiply', ['*', '*']],
  ['NumpadDivide', ['/', '/']],
]);

export class WedgeDetector {
  readonly #maxGapMs: number;
  readonly #minLength: number;
  /** The characters of the burst in progress, one code point each. */
  #chars: string[] = [];
  #lastAt: number | null = null;
  #repeated = false;

  constructor(opts: { maxGapMs?: number; minLength?: number } = {}) {
    const maxGapMs = opts.maxGapMs ?? DEFAULT_MAX_GAP_MS;
    const minLength = opts.minLength ?? DEFAULT_MIN_LENGTH;
    if (!Number.isFinite(maxGapMs) || maxGapMs <= 0)
      throw new RangeError(`maxGapMs must be > 0, got ${maxGapMs}`);
    if (!Number.isInteger(minLength) || minLength < 1) {
      throw new RangeError(`minLength must be an integer ≥ 1, got ${minLength}`);
    }
    this.#maxGapMs = maxGapMs;
    this.#minLength = minLength;
  }

  /** Feed every keydown with its timestamp; returns the completed burst text when Enter ends a fast burst of at least minLength chars, else null. Slow human typing never produces a burst. */
  push(e: KeyLike, atMs: number): string | null {
    const enter = e.key === 'Enter' || e.code === 'Enter' || e.code === 'NumpadEnter';
    const backspace = e.key === 'Backspace' || e.code === 'Backspace';
    const char = enter || backspace ? null : characterOf(e);
    // Keys that type nothing (Shift, which a scanner presses before capitals; Tab, arrows, a held modifier
    // repeating) neither add text nor keep a burst alive.
    if (!enter && !backspace && char === null) return null;

    const last = this.#lastAt;
    if (last === null || atMs < last || atMs - last > this.#maxGapMs) this.reset();
    this.#lastAt = atMs;
    if (e.repeat === true) this.#repeated = true;

    if (enter) {
      const burst = this.#chars.length >= this.#minLength && !this.#repeated ? this.#chars.join('') : null;
      this.reset();
      return burst;
    }
    // An input method that rewrites typed text (dd → đ) sends Backspace and the new letter: follow it.
    if (backspace) this.#chars.pop();
    else if (char !== null) this.#chars.push(...char);
    return null;
  }

  reset(): void {
    this.#chars = [];
    this.#lastAt = null;
    this.#repeated = false;
  }
}

/** The character a keydown typed, or null for a key that types none. */
function characterOf(e: KeyLike): string | null {
  const fromCode = (): string | null => US_LAYOUT.get(e.code)?.[e.shiftKey ? 1 : 0] ?? null;
  if (e.isComposing === true || UNKNOWN_KEYS.has(e.key)) return fromCode();
  if (PRINTABLE_ASCII.test(e.key)) return e.key;
  if (Array.from(e.key).length === 1 && !/\p{C}/u.test(e.key)) return fromCode() ?? e.key;
  return null;
}
