import { describe, expect, it } from 'vitest';
import { validateTemplate } from '@layso/protocol';
import {
  DEFAULT_ANNOUNCE,
  announcementScript,
  clampRepeat,
  phraseKey,
  sentenceParts,
  sentenceText,
  type AnnounceSettings,
} from './announcement.js';

const settings = (over: Partial<AnnounceSettings> = {}): AnnounceSettings => ({
  ...DEFAULT_ANNOUNCE,
  ...over,
});

describe('DEFAULT_ANNOUNCE', () => {
  it('is the usual southern sentence, digit by digit, said twice', () => {
    expect(DEFAULT_ANNOUNCE).toEqual({
      template: 'Xin mời công dân có số thứ tự {number} đến quầy số {counter}',
      reading: 'digits',
      dialect: 'south',
      repeat: 1,
    });
    expect(validateTemplate(DEFAULT_ANNOUNCE.template)).toBeNull();
  });
});

describe('sentenceText', () => {
  it('reads the number digit by digit by default', () => {
    expect(sentenceText(DEFAULT_ANNOUNCE, '1005', 3)).toBe(
      'Xin mời công dân có số thứ tự một không không năm đến quầy số ba',
    );
  });

  it('reads the number whole when asked, with the dialect’s words (lẻ/ngàn south, linh/nghìn north)', () => {
    expect(sentenceText(settings({ reading: 'whole' }), '1005', 3)).toBe(
      'Xin mời công dân có số thứ tự một ngàn không trăm lẻ năm đến quầy số ba',
    );
    expect(sentenceText(settings({ reading: 'whole', dialect: 'north' }), '1005', 3)).toBe(
      'Xin mời công dân có số thứ tự một nghìn không trăm linh năm đến quầy số ba',
    );
  });

  it('keeps the template’s own wording, case and punctuation, and capitalises a leading number', () => {
    const s = settings({ template: 'Kính mời khách hàng số {number}, đến quầy {counter}.' });
    expect(sentenceText(s, 'A012', 2)).toBe('Kính mời khách hàng số a không một hai, đến quầy hai.');
    const lead = settings({ template: '{number} — mời đến quầy {counter} !' });
    expect(sentenceText(lead, '7', 4)).toBe('Bảy — mời đến quầy bốn!');
  });
});

describe('sentenceParts', () => {
  it('gives the literal pieces whole and every number word on its own', () => {
    expect(sentenceParts(DEFAULT_ANNOUNCE, '1005', 3)).toEqual([
      'xin mời công dân có số thứ tự',
      'một',
      'không',
      'không',
      'năm',
      'đến quầy số',
      'ba',
    ]);
  });

  it('reads a whole number as its words, dialect by dialect', () => {
    const whole = (dialect: 'north' | 'south', n: string): string[] =>
      sentenceParts(settings({ reading: 'whole', dialect, template: '{number} {counter}' }), n, 1).slice(
        0,
        -1,
      );
    expect(whole('south', '105')).toEqual(['một', 'trăm', 'lẻ', 'năm']);
    expect(whole('north', '105')).toEqual(['một', 'trăm', 'linh', 'năm']);
    expect(whole('south', '0021')).toEqual(['hai', 'mươi', 'mốt']);
    expect(whole('north', '2015')).toEqual(['hai', 'nghìn', 'không', 'trăm', 'mười', 'lăm']);
  });

  it.each([
    [1, ['một']],
    [10, ['mười']],
    [15, ['mười', 'lăm']],
    [21, ['hai', 'mươi', 'mốt']],
    [24, ['hai', 'mươi', 'tư']],
    [14, ['mười', 'bốn']],
    [30, ['ba', 'mươi']],
  ])('reads counter %i as a whole number: %j', (counter, words) => {
    for (const reading of ['digits', 'whole'] as const) {
      const parts = sentenceParts(settings({ reading }), '1', counter);
      expect(parts.slice(parts.indexOf('đến quầy số') + 1)).toEqual(words);
    }
  });

  it('reads counter 105 with linh (north) or lẻ (south)', () => {
    expect(sentenceParts(settings({ dialect: 'north' }), '1', 105).slice(-4)).toEqual([
      'một',
      'trăm',
      'linh',
      'năm',
    ]);
    expect(sentenceParts(settings({ dialect: 'south' }), '1', 105).slice(-4)).toEqual([
      'một',
      'trăm',
      'lẻ',
      'năm',
    ]);
  });

  it('reads prefix letters by name, two-word names as two parts', () => {
    const s = settings({ template: 'số {number} quầy {counter}' });
    expect(sentenceParts(s, 'A012', 1)).toEqual(['số', 'a', 'không', 'một', 'hai', 'quầy', 'một']);
    expect(sentenceParts(s, 'W1', 1)).toEqual(['số', 'vê', 'kép', 'một', 'quầy', 'một']);
    expect(sentenceParts(s, 'L1', 1)).toEqual(['số', 'e-lờ', 'một', 'quầy', 'một']);
    expect(sentenceParts(settings({ ...s, reading: 'whole' }), 'Y012', 1)).toEqual([
      'số',
      'i',
      'dài',
      'mười',
      'hai',
      'quầy',
      'một',
    ]);
  });

  it('normalises literal pieces for lookup: NFC, lower case, no punctuation, single spaces', () => {
    const nfd = 'KÍNH MỜI  công dân, có số thứ tự: {number} … đến quầy số {counter}!'.normalize('NFD');
    const parts = sentenceParts(settings({ template: nfd }), '1', 2);
    expect(parts).toEqual(['kính mời công dân có số thứ tự', 'một', 'đến quầy số', 'hai']);
    for (const p of parts) expect(p).toBe(p.normalize('NFC'));
  });

  it('drops literal pieces with no words and repeats a placeholder used twice', () => {
    expect(sentenceParts(settings({ template: '{number}, {number} — {counter}.' }), '12', 3)).toEqual([
      'một',
      'hai',
      'một',
      'hai',
      'ba',
    ]);
  });

  it('throws a RangeError for an invalid template, a bad queue number or counter', () => {
    expect(() => sentenceParts(settings({ template: 'Mời số {number}' }), '1', 1)).toThrow(RangeError);
    expect(() => sentenceParts(DEFAULT_ANNOUNCE, '12-3', 1)).toThrow(RangeError);
    expect(() => sentenceParts(DEFAULT_ANNOUNCE, '1', 1.5)).toThrow(RangeError);
    expect(() => sentenceText(settings({ template: 'Quầy {counter}' }), '1', 1)).toThrow(/\{number\}/);
  });
});

describe('phraseKey', () => {
  it('keeps hyphens inside words, drops the others', () => {
    expect(phraseKey('E-LỜ')).toBe('e-lờ');
    expect(phraseKey(' - Xin  mời -- công dân! ')).toBe('xin mời công dân');
    expect(phraseKey('...')).toBe('');
  });
});

describe('announcementScript', () => {
  it('is the chime, then the sentence, then the sentence again `repeat` times', () => {
    const script = announcementScript(DEFAULT_ANNOUNCE, '1005', 3);
    const speech = {
      kind: 'speech',
      text: 'Xin mời công dân có số thứ tự một không không năm đến quầy số ba',
      parts: sentenceParts(DEFAULT_ANNOUNCE, '1005', 3),
    };
    expect(script).toEqual([{ kind: 'chime' }, speech, speech]);
    expect(announcementScript(settings({ repeat: 0 }), '1005', 3)).toEqual([{ kind: 'chime' }, speech]);
    expect(announcementScript(settings({ repeat: 2 }), '1005', 3)).toHaveLength(4);
  });

  it('clamps repeat to 0..2', () => {
    expect(announcementScript(settings({ repeat: 9 }), '1', 1)).toHaveLength(4);
    expect(announcementScript(settings({ repeat: -3 }), '1', 1)).toHaveLength(2);
    expect(clampRepeat(Number.NaN)).toBe(0);
    expect(clampRepeat(1.7)).toBe(1);
  });

  it('gives every sentence its own parts array, so that changing one does not change the repeat', () => {
    const [, first, second] = announcementScript(DEFAULT_ANNOUNCE, '1', 1);
    if (first?.kind !== 'speech' || second?.kind !== 'speech') throw new Error('expected two sentences');
    expect(first.parts).not.toBe(second.parts);
  });
});
