/**
 * Queue numbers as a Vietnamese announcer says them. Two readings, chosen per center:
 *   - digit by digit: 1005 → "một không không năm";
 *   - as a whole number: 1005 → "một nghìn không trăm linh năm".
 * Whole-number rules: mười (10–19) and mươi (20–90); 1 after mươi is "mốt" (21, 31 …), 5 after mười/mươi is
 * "lăm" (15, 25 …), 4 after mươi is "tư" (24, 34 …, never 14); a zero ten before a unit is "linh" (north) or
 * "lẻ" (south): 105 → "một trăm linh năm"; a zero hundred inside a larger number is read: 1005 → "… không
 * trăm …"; thousands are "nghìn" (north) or "ngàn" (south). Letters of a number's prefix are read one by one.
 */
import type { Dialect, NumberReading } from '@layso/protocol';

export type { Dialect, NumberReading };

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

/** Letter names as read aloud in Vietnamese (for prefixes such as "A001"). */
const LETTERS: Record<string, string> = {
  A: 'a',
  B: 'bê',
  C: 'xê',
  D: 'đê',
  E: 'e',
  F: 'ép',
  G: 'gờ',
  H: 'hát',
  I: 'i',
  J: 'gi',
  K: 'ca',
  L: 'e-lờ',
  M: 'em-mờ',
  N: 'en-nờ',
  O: 'o',
  P: 'pê',
  Q: 'quy',
  R: 'e-rờ',
  S: 'ét-sì',
  T: 'tê',
  U: 'u',
  V: 'vê',
  W: 'vê kép',
  X: 'ích-xì',
  Y: 'i dài',
  Z: 'dét',
};

const digit = (d: number): string => DIGITS[d] as string;

/** 0–99 after a hundreds place (`inside`) or on its own. */
function tensAndUnits(n: number, inside: boolean, dialect: Dialect): string[] {
  const tens = Math.floor(n / 10);
  const unit = n % 10;
  if (tens === 0) {
    if (unit === 0) return [];
    return inside ? [dialect === 'north' ? 'linh' : 'lẻ', digit(unit)] : [digit(unit)];
  }
  const words = tens === 1 ? ['mười'] : [digit(tens), 'mươi'];
  if (unit === 0) return words;
  if (unit === 5) return [...words, 'lăm'];
  if (tens > 1 && unit === 1) return [...words, 'mốt'];
  if (tens > 1 && unit === 4) return [...words, 'tư'];
  return [...words, digit(unit)];
}

/** 0–999; `inside` when a larger group stands before it (its zero hundred is then read). */
function hundreds(n: number, inside: boolean, dialect: Dialect): string[] {
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h === 0 && !inside) return tensAndUnits(rest, false, dialect);
  if (h === 0 && rest === 0) return [];
  return [digit(h), 'trăm', ...tensAndUnits(rest, true, dialect)];
}

/** A whole number from 0 to 999 999 999 in words (a queue number has at most 9 digits). */
export function wholeNumberWords(n: number, dialect: Dialect = 'north'): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999_999) throw new RangeError(`cannot read ${n}`);
  if (n === 0) return 'không';
  const groups = [Math.floor(n / 1_000_000), Math.floor(n / 1000) % 1000, n % 1000];
  const names = ['triệu', dialect === 'north' ? 'nghìn' : 'ngàn', ''];
  const words: string[] = [];
  groups.forEach((g, i) => {
    const before = words.length > 0;
    const said = hundreds(g, before, dialect);
    if (said.length === 0) return;
    words.push(...said);
    if (names[i]) words.push(names[i] as string);
  });
  return words.join(' ');
}

/**
 * A queue number as printed ("1005", "A012") in words for the announcement. Digits mode reads every character;
 * whole mode reads the letters of the prefix one by one, then the digits as one number (leading zeros dropped).
 */
export function queueNumberWords(number: string, reading: NumberReading, dialect: Dialect = 'north'): string {
  const text = number.trim().toUpperCase();
  // A number format has at most a 3-character prefix and 6 digits.
  if (!/^[0-9A-Z]{1,9}$/.test(text)) throw new RangeError(`not a queue number: ${number}`);
  const chars = [...text];
  if (reading === 'digits') return chars.map((c) => (/\d/.test(c) ? digit(Number(c)) : LETTERS[c])).join(' ');
  const letters = chars.filter((c) => !/\d/.test(c)).map((c) => LETTERS[c] as string);
  const digitsPart = chars.filter((c) => /\d/.test(c)).join('');
  const spoken = digitsPart ? [wholeNumberWords(Number(digitsPart), dialect)] : [];
  return [...letters, ...spoken].join(' ');
}
