import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queueNumberWords, wholeNumberWords } from './number-words.js';

/** Written from the rules (vietnam.md: mười/mươi, linh/lẻ, mốt, lăm, tư), one row per rule and its edges. */
const NORTH: [number, string][] = [
  [0, 'không'],
  [1, 'một'],
  [4, 'bốn'],
  [5, 'năm'],
  [10, 'mười'],
  [11, 'mười một'],
  [14, 'mười bốn'],
  [15, 'mười lăm'],
  [20, 'hai mươi'],
  [21, 'hai mươi mốt'],
  [24, 'hai mươi tư'],
  [25, 'hai mươi lăm'],
  [31, 'ba mươi mốt'],
  [34, 'ba mươi tư'],
  [55, 'năm mươi lăm'],
  [99, 'chín mươi chín'],
  [100, 'một trăm'],
  [101, 'một trăm linh một'],
  [104, 'một trăm linh bốn'],
  [105, 'một trăm linh năm'],
  [110, 'một trăm mười'],
  [111, 'một trăm mười một'],
  [115, 'một trăm mười lăm'],
  [121, 'một trăm hai mươi mốt'],
  [124, 'một trăm hai mươi tư'],
  [500, 'năm trăm'],
  [1000, 'một nghìn'],
  [1001, 'một nghìn không trăm linh một'],
  [1005, 'một nghìn không trăm linh năm'],
  [1010, 'một nghìn không trăm mười'],
  [1015, 'một nghìn không trăm mười lăm'],
  [1050, 'một nghìn không trăm năm mươi'],
  [1100, 'một nghìn một trăm'],
  [1234, 'một nghìn hai trăm ba mươi tư'],
  [2001, 'hai nghìn không trăm linh một'],
  [2021, 'hai nghìn không trăm hai mươi mốt'],
  [10_000, 'mười nghìn'],
  [15_005, 'mười lăm nghìn không trăm linh năm'],
  [21_000, 'hai mươi mốt nghìn'],
  [100_000, 'một trăm nghìn'],
  [1_000_001, 'một triệu không trăm linh một'],
  [1_005_000, 'một triệu không trăm linh năm nghìn'],
];

describe('whole numbers in Vietnamese', () => {
  it.each(NORTH)('%i → %s', (n, words) => {
    expect(wholeNumberWords(n)).toBe(words);
  });

  it('reads linh as lẻ and nghìn as ngàn in the south', () => {
    expect(wholeNumberWords(105, 'south')).toBe('một trăm lẻ năm');
    expect(wholeNumberWords(1005, 'south')).toBe('một ngàn không trăm lẻ năm');
    expect(wholeNumberWords(24, 'south')).toBe('hai mươi tư');
  });

  it('never says "mươi một", "mươi năm", "mươi bốn" or "mười tư", nor ends on "linh", for any number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), (n) => {
        const w = wholeNumberWords(n);
        expect(w).not.toMatch(/mươi một\b|mươi năm\b|mười tư|mươi bốn\b|linh$|^linh/);
        expect(w).toBe(w.normalize('NFC'));
        expect(w.split(' ').filter((x) => x === 'linh').length).toBeLessThanOrEqual(3);
      }),
    );
  });

  it('refuses what is not a whole number in range', () => {
    expect(() => wholeNumberWords(-1)).toThrow(RangeError);
    expect(() => wholeNumberWords(1.5)).toThrow(RangeError);
    expect(() => wholeNumberWords(1_000_000_000)).toThrow(RangeError);
  });
});

describe('queue numbers for the announcement', () => {
  it('reads digit by digit', () => {
    expect(queueNumberWords('1005', 'digits')).toBe('một không không năm');
    expect(queueNumberWords('A012', 'digits')).toBe('a không một hai');
  });

  it('reads as a whole number, prefix letters first', () => {
    expect(queueNumberWords('1005', 'whole')).toBe('một nghìn không trăm linh năm');
    expect(queueNumberWords('2024', 'whole', 'south')).toBe('hai ngàn không trăm hai mươi tư');
    expect(queueNumberWords('B015', 'whole')).toBe('bê mười lăm');
  });

  it('refuses what cannot be a queue number', () => {
    expect(() => queueNumberWords('', 'digits')).toThrow(RangeError);
    expect(() => queueNumberWords('1 005', 'whole')).toThrow(RangeError);
  });
});
