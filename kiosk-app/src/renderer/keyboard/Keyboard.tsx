import { useState } from 'react';
import { Bi, Icon } from '@layso/ui-kit';
import { M } from '../messages.js';
import { applyTone, backspace, capitalizeWords, typeMarkedLetter, type Tone } from './vietnamese.js';

const LETTER_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
/** The seven Vietnamese letters with a mark of their own: typed directly, or marking the plain letter just typed. */
const VIET_LETTERS = ['ă', 'â', 'đ', 'ê', 'ô', 'ơ', 'ư'];
/** Tone keys show the tone on "a" so a citizen recognises it; it lands on the right vowel of the word. */
const TONES: { tone: Tone; sample: string; name: string }[] = [
  { tone: 'sac', sample: 'á', name: 'sắc' },
  { tone: 'huyen', sample: 'à', name: 'huyền' },
  { tone: 'hoi', sample: 'ả', name: 'hỏi' },
  { tone: 'nga', sample: 'ã', name: 'ngã' },
  { tone: 'nang', sample: 'ạ', name: 'nặng' },
];
const DIGIT_ROWS = ['123', '456', '789'];
/** Free text (a feedback case) also needs digits and the marks of a sentence. */
const TEXT_DIGITS = '1234567890';
/** Beside the space bar: a comma before it, a full stop and a question mark after it. */
const MARKS_AFTER_SPACE = ['.', '?'];
/**
 * A booking code's keys: digits and the capitals of Crockford's base32 in keyboard order. I, L, O and U are
 * never in a code (read as 1, 1 and 0), so they have no key: a citizen cannot type a code that cannot exist.
 */
const CODE_ROWS = ['1234567890', 'QWERTYP', 'ASDFGHJK', 'ZXCVBNM'];

/**
 * The on-screen keyboard of a kiosk with no physical keyboard. Letters mode types every Vietnamese letter with
 * its tone: the marked letters are keys of their own and a tone key puts the tone where Vietnamese spelling
 * wants it in the word just typed. Digits mode is a big phone-style keypad.
 */
export function Keyboard({
  value,
  onChange,
  mode,
  maxLength,
  capitalize = false,
  text = false,
}: {
  value: string;
  onChange: (v: string) => void;
  mode: 'letters' | 'digits' | 'code';
  maxLength: number;
  /** Names: every word starts with a capital. */
  capitalize?: boolean;
  /** Free text: a row of digits and keys for , . ? beside the space bar (letters mode). */
  text?: boolean;
}) {
  const [shift, setShift] = useState(false);
  const put = (next: string) => {
    const v = (capitalize ? capitalizeWords(next) : next).normalize('NFC');
    if (v.length <= maxLength) onChange(v);
  };
  const type = (ch: string) => {
    const typed = shift ? ch.toUpperCase() : ch;
    put(VIET_LETTERS.includes(ch) ? typeMarkedLetter(value, typed) : value + typed);
    setShift(false);
  };
  const key = (ch: string, label = ch, wide = false) => (
    <button
      key={label}
      type="button"
      className={`k-key ${wide ? 'k-key-wide' : ''}`}
      onClick={() => type(ch)}
      data-key={ch}
    >
      {shift ? label.toUpperCase() : label}
    </button>
  );
  const del = (
    <button
      type="button"
      className="k-key k-key-action"
      onClick={() => onChange(backspace(value))}
      data-key="backspace"
      aria-label={`${M.keyboardDelete.vi} / ${M.keyboardDelete.en}`}
    >
      <Icon name="backspace" /> <Bi m={M.keyboardDelete} single />
    </button>
  );

  if (mode === 'code') {
    return (
      <div className="k-keyboard k-keyboard-code" role="group" aria-label="Bàn phím mã / Code keyboard">
        {CODE_ROWS.map((row, i) => (
          <div className="k-keyrow" key={row}>
            {row.split('').map((ch) => (
              <button key={ch} type="button" className="k-key" onClick={() => put(value + ch)} data-key={ch}>
                {ch}
              </button>
            ))}
            {i === CODE_ROWS.length - 1 ? del : null}
          </div>
        ))}
      </div>
    );
  }
  if (mode === 'digits') {
    return (
      <div className="k-keyboard k-keypad" role="group" aria-label="Bàn phím số / Number pad">
        {DIGIT_ROWS.map((row) => (
          <div className="k-keyrow" key={row}>
            {row.split('').map((d) => key(d))}
          </div>
        ))}
        <div className="k-keyrow">
          <span className="k-key-spacer" />
          {key('0')}
          {del}
        </div>
      </div>
    );
  }
  return (
    <div className="k-keyboard" role="group" aria-label="Bàn phím tiếng Việt / Vietnamese keyboard">
      <div className="k-keyrow k-tones" aria-label={`${M.keyboardTones.vi} / ${M.keyboardTones.en}`}>
        {TONES.map((t) => (
          <button
            key={t.tone}
            type="button"
            className="k-key k-key-tone"
            onClick={() => put(applyTone(value, t.tone))}
            data-key={`tone-${t.tone}`}
            aria-label={`Dấu ${t.name}`}
          >
            <span className="k-tone-sample">{t.sample}</span>
            <span className="k-tone-name">{t.name}</span>
          </button>
        ))}
      </div>
      {text ? (
        <div className="k-keyrow k-keyrow-digits">{TEXT_DIGITS.split('').map((d) => key(d))}</div>
      ) : null}
      <div className="k-keyrow">{VIET_LETTERS.map((l) => key(l))}</div>
      {LETTER_ROWS.map((row, i) => (
        <div className="k-keyrow" key={row}>
          {row.split('').map((l) => key(l))}
          {i === 2 ? del : null}
        </div>
      ))}
      <div className="k-keyrow">
        <button
          type="button"
          className={`k-key k-key-action ${shift ? 'k-key-on' : ''}`}
          onClick={() => setShift((s) => !s)}
          aria-pressed={shift}
          data-key="shift"
        >
          <Icon name="shift" /> <Bi m={M.keyboardShift} single />
        </button>
        {text ? key(',') : null}
        <button type="button" className="k-key k-key-space" onClick={() => type(' ')} data-key="space">
          <Bi m={M.keyboardSpace} single />
        </button>
        {text ? MARKS_AFTER_SPACE.map((m) => key(m)) : null}
      </div>
    </div>
  );
}
