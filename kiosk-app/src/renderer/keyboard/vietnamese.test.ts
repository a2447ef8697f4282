import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Mark, Tone } from './vietnamese.js';
import { applyMark, applyTone, backspace, capitalizeWords, typeMarkedLetter } from './vietnamese.js';

const TONES: readonly Tone[] = ['none', 'sac', 'huyen', 'hoi', 'nga', 'nang'];
const MARKS: readonly Mark[] = ['breve', 'circumflex', 'horn', 'stroke'];

/**
 * Types `keys` on the on-screen keyboard, starting from `start`: plain characters are appended; `[sac]`,
 * `[horn]`… press a tone or mark key; `[bs]` is backspace; `[cap]` capitalises the words.
 */
function type(keys: string, start = ''): string {
  let text = start;
  for (const [, command, char = ''] of keys.matchAll(/\[(\w+)\]|([\s\S])/gu)) {
    if (command === undefined) text += char;
    else if (command === 'bs') text = backspace(text);
    else if (command === 'cap') text = capitalizeWords(text);
    else if ((TONES as readonly string[]).includes(command)) text = applyTone(text, command as Tone);
    else if ((MARKS as readonly string[]).includes(command)) text = applyMark(text, command as Mark);
    else throw new Error(`unknown key [${command}]`);
  }
  return text;
}

/** The 12 vowels × 6 tones (none, huyền, sắc, hỏi, ngã, nặng), written out by hand, in NFC. */
const VOWEL_ROWS: readonly { base: string; mark: Mark | null; row: string }[] = [
  { base: 'a', mark: null, row: 'aàáảãạ' },
  { base: 'a', mark: 'breve', row: 'ăằắẳẵặ' },
  { base: 'a', mark: 'circumflex', row: 'âầấẩẫậ' },
  { base: 'e', mark: null, row: 'eèéẻẽẹ' },
  { base: 'e', mark: 'circumflex', row: 'êềếểễệ' },
  { base: 'i', mark: null, row: 'iìíỉĩị' },
  { base: 'o', mark: null, row: 'oòóỏõọ' },
  { base: 'o', mark: 'circumflex', row: 'ôồốổỗộ' },
  { base: 'o', mark: 'horn', row: 'ơờớởỡợ' },
  { base: 'u', mark: null, row: 'uùúủũụ' },
  { base: 'u', mark: 'horn', row: 'ưừứửữự' },
  { base: 'y', mark: null, row: 'yỳýỷỹỵ' },
];
const ROW_TONES: readonly Tone[] = ['none', 'huyen', 'sac', 'hoi', 'nga', 'nang'];

interface Target {
  letter: string;
  base: string;
  mark: Mark | null;
  tone: Tone;
}
const TARGETS: readonly Target[] = [
  ...VOWEL_ROWS.flatMap(({ base, mark, row }) =>
    [...row].flatMap((letter, i) => {
      const tone = ROW_TONES[i] ?? 'none';
      return [
        { letter, base, mark, tone },
        { letter: letter.toUpperCase(), base: base.toUpperCase(), mark, tone },
      ];
    }),
  ),
  { letter: 'đ', base: 'd', mark: 'stroke', tone: 'none' },
  { letter: 'Đ', base: 'D', mark: 'stroke', tone: 'none' },
];
const LOWER_LETTERS = [...'bcdđghklmnpqrstvx', ...VOWEL_ROWS.flatMap(({ row }) => [...row])];
const ALL_LETTERS = [...LOWER_LETTERS, ...LOWER_LETTERS.map((l) => l.toUpperCase())];

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const LETTER_MARKS = /[\u0302\u0306\u031B]/gu;
const isNfc = (s: string) => s === s.normalize('NFC');
const tonesOf = (s: string) => (s.normalize('NFD').match(TONE_MARKS) ?? []).sort();
const withoutTones = (s: string) => s.normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
const skeleton = (s: string) =>
  s.normalize('NFD').replace(TONE_MARKS, '').replace(LETTER_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

/** Vietnamese-looking text, sometimes in NFD. */
const vietText = fc
  .string({ unit: fc.constantFrom(...ALL_LETTERS, ' ', ' ', '1', ',', "'", '-'), maxLength: 30 })
  .chain((s) => fc.constantFrom(s, s.normalize('NFD')));

describe('applyTone and applyMark: words typed from empty', () => {
  const words: [keys: string, expected: string][] = [
    ['ngu[horn]o[horn]i[huyen]', 'người'],
    ['nguoi[horn][huyen]', 'người'],
    ['nguoi[huyen][horn]', 'người'],
    ['Nguyen[circumflex][nga]', 'Nguyễn'],
    ['Nguyen[nga][circumflex]', 'Nguyễn'],
    ['Nguy[nga]en[circumflex]', 'Nguyễn'],
    ['Truong[horn][huyen]', 'Trường'],
    ['Tru[horn]o[horn]ng[huyen]', 'Trường'],
    ['quy[sac]', 'quý'],
    ['Quoc[circumflex][sac]', 'Quốc'],
    ['quyen[circumflex][hoi]', 'quyển'],
    ['gia[huyen]', 'già'],
    ['gi[huyen]', 'gì'],
    ['gin[huyen]', 'gìn'],
    ['giu[horn]a[nga]', 'giữa'],
    ['giuong[horn][huyen]', 'giường'],
    ['khuya', 'khuya'],
    ['khuyu[hoi]', 'khuỷu'],
    ['tuyet[circumflex][sac]', 'tuyết'],
    ['tieng[circumflex][sac]', 'tiếng'],
    ['hoang[huyen]', 'hoàng'],
    ['hoa[huyen]', 'hòa'],
    ['thuy[hoi]', 'thủy'],
    ['mua[huyen]', 'mùa'],
    ['tai[huyen]', 'tài'],
    ['cua[hoi]', 'của'],
    ['Thoai[nang]', 'Thoại'],
    ['xoay[sac]', 'xoáy'],
    ['Dang[breve][stroke][nang]', 'Đặng'],
    ['Dang[nang][breve][stroke]', 'Đặng'],
    ['Le[circumflex]', 'Lê'],
    ['Vo[nga]', 'Võ'],
    ['Huynh[huyen]', 'Huỳnh'],
    ['Phuoc[horn][sac]', 'Phước'],
    ['Duong[horn]', 'Dương'],
    ['Ngoc[nang]', 'Ngọc'],
    ['Tran[circumflex][huyen]', 'Trần'],
    ['Pham[nang]', 'Phạm'],
    ['Hue[circumflex][nang]', 'Huệ'],
    ['Nguyet[circumflex][nang]', 'Nguyệt'],
    ['Xuan[circumflex]', 'Xuân'],
    ['Luu[horn]', 'Lưu'],
    ['cuu[horn][sac]', 'cứu'],
    ['ruou[horn][nang]', 'rượu'],
    ['NGUYEN[circumflex][nga]', 'NGUYỄN'],
    ['DANG[breve][stroke][nang]', 'ĐẶNG'],
    ['Nguyen[circumflex][nga] Van[breve] An', 'Nguyễn Văn An'],
    ['nguyen[circumflex][nga] thi[nang] ngoc[nang] han[circumflex][cap]', 'Nguyễn Thị Ngọc Hân'],
    ['dang[breve][stroke][nang] phuoc[horn][sac][cap]', 'Đặng Phước'],
  ];
  for (const [keys, expected] of words) {
    it(`${keys} → ${expected}`, () => {
      const typed = type(keys);
      expect(typed).toBe(expected);
      expect(isNfc(typed)).toBe(true);
    });
  }
});

describe('applyTone', () => {
  it('removes the tone when the same tone is pressed again, and switches to another tone', () => {
    expect(type('hoa[huyen][huyen]')).toBe('hoa');
    expect(type('hoa[huyen][sac]')).toBe('hóa');
    expect(type('hoa[huyen][none]')).toBe('hoa');
    expect(type('Nguyen[circumflex][nga][nga]')).toBe('Nguyên');
    expect(type('Nguyen[circumflex][nga][hoi]')).toBe('Nguyển');
  });

  it('does not move the tone while letters are typed, but re-places it when pressed again', () => {
    expect(type('hoa[huyen]ng')).toBe('hòang');
    expect(type('hoa[huyen]ng[huyen]')).toBe('hoàng');
    expect(type('hoa[huyen]ng[huyen][huyen]')).toBe('hoang');
    expect(type('gi[huyen]a')).toBe('gìa');
    expect(type('gi[huyen]a[huyen]')).toBe('già');
    expect(type('qu[sac]y[sac]')).toBe('quý');
    expect(applyTone('hóa', 'sac')).toBe('hoa');
  });

  it('acts on the last word only and keeps everything before it', () => {
    expect(applyTone('hoa hoa', 'huyen')).toBe('hoa hòa');
    expect(applyTone('(hoa', 'huyen')).toBe('(hòa');
    expect(applyTone('Lê Văn an', 'sac')).toBe('Lê Văn án');
  });

  it('leaves text without a vowel in the last word unchanged', () => {
    for (const text of ['', 'ng', 'Nguyễn ', 'Nguyễn Văn 12', 'đ', 'hoa.']) {
      for (const tone of TONES) expect(applyTone(text, tone), `${text} ${tone}`).toBe(text);
    }
  });

  it('reads NFD input and returns NFC', () => {
    const result = applyTone('Nguyễn Văn an'.normalize('NFD'), 'sac');
    expect(result).toBe('Nguyễn Văn án');
    expect(isNfc(result)).toBe(true);
    expect(applyTone('hòa'.normalize('NFD'), 'huyen')).toBe('hoa');
    expect(applyTone('Nguyễn '.normalize('NFD'), 'sac')).toBe('Nguyễn ');
  });

  it('leaves letters it does not know alone', () => {
    expect(applyTone('Müller', 'sac')).toBe('Müllér');
    expect(applyTone('Müll', 'sac')).toBe('Müll');
    expect(applyTone('ña', 'sac')).toBe('ñá');
  });
});

describe('applyMark', () => {
  it('puts the mark on the last letter that can take it', () => {
    expect(applyMark('Nguyen', 'circumflex')).toBe('Nguyên');
    expect(applyMark('Tuan', 'circumflex')).toBe('Tuân');
    expect(applyMark('Thu', 'horn')).toBe('Thư');
    expect(applyMark('Duong', 'stroke')).toBe('Đuong');
    expect(applyMark('quo', 'horn')).toBe('quơ');
    expect(applyMark('mua', 'horn')).toBe('mưa');
    expect(applyMark('gui', 'horn')).toBe('gưi');
  });

  it('removes the same mark and swaps a different one', () => {
    expect(type('Le[circumflex][circumflex]')).toBe('Le');
    expect(type('a[breve][circumflex]')).toBe('â');
    expect(type('a[circumflex][breve]')).toBe('ă');
    expect(type('o[circumflex][horn]')).toBe('ơ');
    expect(type('Truong[horn][horn]')).toBe('Truong');
    expect(type('Luu[horn][horn]')).toBe('Luu');
    expect(type('d[stroke][stroke]')).toBe('d');
    expect(type('tru[horn]o[horn]')).toBe('trươ');
  });

  it('keeps the tone and the case of the letter', () => {
    expect(type('a[sac][breve]')).toBe('ắ');
    expect(type('A[nga][circumflex]')).toBe('Ẫ');
    expect(type('O[huyen][horn]')).toBe('Ờ');
    expect(type('o[circumflex][sac][circumflex]')).toBe('ó');
    expect(type('U[nang][horn]')).toBe('Ự');
  });

  it('moves a tone the new mark displaces', () => {
    expect(type('Nguyen[nga]')).toBe('Nguỹen');
    expect(type('Nguyen[nga][circumflex]')).toBe('Nguyễn');
    expect(type('nguoi[huyen]')).toBe('nguòi');
    expect(type('nguoi[huyen][horn]')).toBe('người');
  });

  it('leaves text with nothing to mark unchanged', () => {
    expect(applyMark('', 'horn')).toBe('');
    expect(applyMark('xyz', 'stroke')).toBe('xyz');
    expect(applyMark('Nguyễn ', 'circumflex')).toBe('Nguyễn ');
    expect(applyMark('hi', 'breve')).toBe('hi');
  });
});

describe('capitalizeWords', () => {
  it('capitalises the first letter of every word', () => {
    expect(capitalizeWords('nguyễn văn an')).toBe('Nguyễn Văn An');
    expect(capitalizeWords('đặng thị ánh')).toBe('Đặng Thị Ánh');
    expect(capitalizeWords("h'hen niê")).toBe("H'Hen Niê");
    expect(capitalizeWords('  ấp  tân hạnh ')).toBe('  Ấp  Tân Hạnh ');
    expect(capitalizeWords('12a nguyễn')).toBe('12a Nguyễn');
    expect(capitalizeWords('NGUYỄN vĂN')).toBe('NGUYỄN VĂN');
    expect(capitalizeWords('')).toBe('');
  });

  it('returns NFC for NFD input', () => {
    expect(capitalizeWords('ước ơ'.normalize('NFD'))).toBe('Ước Ơ');
  });
});

describe('backspace', () => {
  it('removes one letter with its tone and marks', () => {
    expect(backspace('Nguyễn')).toBe('Nguyễ');
    expect(backspace('Nguyễ')).toBe('Nguy');
    expect(backspace('Nguyễ'.normalize('NFD'))).toBe('Nguy');
    expect(backspace('Đ')).toBe('');
    expect(backspace('An ')).toBe('An');
    expect(backspace('')).toBe('');
  });

  it('removes a whole grapheme cluster', () => {
    expect(backspace('a\r\n')).toBe('a');
    expect(backspace('a👨‍👩‍👧')).toBe('a');
    expect(backspace('ệ\u0301')).toBe('');
  });
});

describe('properties', () => {
  it('every Vietnamese vowel letter with every tone, and đ/Đ, can be typed from a base Latin letter', () => {
    // 12 vowels × 6 tones × 2 cases + đ/Đ; the 134 precomposed Vietnamese letters are those that are not ASCII.
    expect(TARGETS).toHaveLength(146);
    expect(new Set(TARGETS.map((t) => t.letter)).size).toBe(146);
    expect(TARGETS.filter((t) => !/^[a-z]$/i.test(t.letter))).toHaveLength(134);
    const prefix = fc.constantFrom('', 'Họ tên: ', 'Nguyễn '.normalize('NFD'), '12 ', '(');
    fc.assert(
      fc.property(fc.constantFrom(...TARGETS), prefix, fc.boolean(), (target, before, markFirst) => {
        let text = before + target.base;
        const mark = () => (text = target.mark === null ? text : applyMark(text, target.mark));
        const tone = () => (text = target.tone === 'none' ? text : applyTone(text, target.tone));
        if (markFirst) mark();
        tone();
        if (!markFirst) mark();
        const pressed = target.mark !== null || target.tone !== 'none';
        expect(pressed ? text : text.normalize('NFC')).toBe(before.normalize('NFC') + target.letter);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws and always returns NFC, whatever is typed', () => {
    type Key = { press: (text: string) => string } | { append: string };
    const key: fc.Arbitrary<Key> = fc.oneof(
      fc.constantFrom(...TONES).map((tone) => ({ press: (t: string) => applyTone(t, tone) })),
      fc.constantFrom(...MARKS).map((mark) => ({ press: (t: string) => applyMark(t, mark) })),
      fc.constant({ press: backspace }),
      fc.constant({ press: capitalizeWords }),
      fc.string({ unit: 'binary', maxLength: 3 }).map((append) => ({ append })),
      fc.constantFrom(...ALL_LETTERS, ' ').map((letter) => ({ append: letter.normalize('NFD') })),
    );
    fc.assert(
      fc.property(
        fc.oneof(vietText, fc.string({ unit: 'binary' })),
        fc.array(key, { maxLength: 20 }),
        (start, keys) => {
          let text = start;
          for (const k of keys) {
            if ('append' in k) {
              text += k.append;
            } else {
              text = k.press(text);
              expect(isNfc(text)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a tone changes only tones, only in the last word', () => {
    fc.assert(
      fc.property(vietText, fc.constantFrom(...TONES), (text, tone) => {
        const result = applyTone(text, tone);
        expect(withoutTones(result)).toBe(withoutTones(text));
        expect(result.startsWith(text.normalize('NFC').replace(/[\p{L}\p{M}]+$/u, ''))).toBe(true);
      }),
    );
  });

  it('a tone pressed twice on a toneless word gives the word back', () => {
    fc.assert(
      fc.property(vietText, fc.constantFrom(...TONES), (text, tone) => {
        const toneless = applyTone(text, 'none');
        expect(applyTone(applyTone(toneless, tone), tone)).toBe(toneless);
      }),
    );
  });

  it('a tone on a toneless word lands on exactly one letter when the word has a vowel', () => {
    const toneless = fc
      .array(fc.constantFrom(...ALL_LETTERS), { minLength: 1, maxLength: 7 })
      .map((letters) => withoutTones(letters.join('')));
    fc.assert(
      fc.property(toneless, fc.constantFrom(...TONES.filter((t) => t !== 'none')), (word, tone) => {
        const hasVowel = /[aeiouy]/i.test(skeleton(word));
        expect(tonesOf(applyTone(word, tone))).toHaveLength(hasVowel ? 1 : 0);
      }),
    );
  });

  it('a mark changes only marks and keeps every tone', () => {
    fc.assert(
      fc.property(vietText, fc.constantFrom(...MARKS), (text, mark) => {
        const result = applyMark(text, mark);
        expect(skeleton(result)).toBe(skeleton(text));
        expect(tonesOf(result)).toEqual(tonesOf(text));
      }),
    );
  });

  it('backspace removes exactly the last letter typed', () => {
    fc.assert(
      fc.property(vietText, fc.constantFrom(...ALL_LETTERS), fc.boolean(), (text, letter, nfd) => {
        expect(backspace(text + (nfd ? letter.normalize('NFD') : letter))).toBe(text.normalize('NFC'));
      }),
    );
  });

  it('capitalizeWords is idempotent, changes case only, and leaves no word starting in lower case', () => {
    fc.assert(
      fc.property(vietText, (text) => {
        const result = capitalizeWords(text);
        expect(capitalizeWords(result)).toBe(result);
        expect(result.toLowerCase()).toBe(text.normalize('NFC').toLowerCase());
        expect(result).not.toMatch(/(?<![\p{L}\p{M}\p{N}])\p{Ll}/u);
      }),
    );
  });
});

describe('typeMarkedLetter, behind the marked-letter keys', () => {
  it('marks the plain letter just typed, keeping its tone and case', () => {
    expect(typeMarkedLetter('Nguye', 'ê')).toBe('Nguyê');
    expect(typeMarkedLetter('Nguyẽ', 'ê')).toBe('Nguyễ');
    expect(typeMarkedLetter('nguo', 'ơ')).toBe('ngươ');
    expect(typeMarkedLetter('Tu', 'ư')).toBe('Tư');
    expect(typeMarkedLetter('D', 'Đ')).toBe('Đ');
    expect(typeMarkedLetter('A', 'ă')).toBe('Ă');
  });

  it('types the letter itself anywhere else', () => {
    expect(typeMarkedLetter('', 'ê')).toBe('ê');
    expect(typeMarkedLetter('Ngu', 'ê')).toBe('Nguê');
    expect(typeMarkedLetter('Lê ', 'Ư')).toBe('Lê Ư');
    expect(typeMarkedLetter('ng', 'ư')).toBe('ngư');
  });
});
