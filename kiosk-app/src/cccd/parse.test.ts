import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CccdCard } from './parse.js';
import { describeIdNumber, formatCccdPayload, parseCccd } from './parse.js';

const SAMPLE =
  '086095001234|364512345|Nguyễn Văn An|15031995|Nam|Ấp Tân Hạnh, Xã Tân Hạnh, Huyện Long Hồ, Vĩnh Long|20042021';
const SAMPLE_CARD: CccdCard = {
  idNumber: '086095001234',
  oldIdNumber: '364512345',
  fullName: 'Nguyễn Văn An',
  birthDate: '1995-03-15',
  gender: 'Nam',
  address: 'Ấp Tân Hạnh, Xã Tân Hạnh, Huyện Long Hồ, Vĩnh Long',
  issueDate: '2021-04-20',
};

/** The payload with one field replaced (0-based index). */
function withField(index: number, value: string, payload = SAMPLE): string {
  const fields = payload.split('|');
  fields[index] = value;
  return fields.join('|');
}

function cardOf(raw: string): CccdCard {
  const result = parseCccd(raw);
  if (!result.ok) throw new Error(`expected a card, got ${result.reason}`);
  return result.card;
}

describe('parseCccd', () => {
  it('reads every field of a real-shaped payload', () => {
    expect(parseCccd(SAMPLE)).toEqual({ ok: true, card: SAMPLE_CARD });
  });

  it('says empty for empty and whitespace-only input', () => {
    for (const raw of ['', '   ', '\r\n', '\t \n\r '])
      expect(parseCccd(raw)).toEqual({ ok: false, reason: 'empty' });
  });

  it('says not-cccd without a separator or without a 12-digit first field', () => {
    for (const raw of [
      'hello',
      '086095001234',
      '000.00.12.H62-201105-0004',
      'https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma=1',
      'abc|def',
      '|086095001234|',
      '08609500123|x|Nguyễn Văn An|15031995|Nam|x|20042021',
      '0860950012345|x|Nguyễn Văn An|15031995|Nam|x|20042021',
      '08609500123a|x|y',
      '０８６０９５００１２３４|x',
    ]) {
      expect(parseCccd(raw)).toEqual({ ok: false, reason: 'not-cccd' });
    }
  });

  it('says bad-id for 12 digits outside the province range', () => {
    for (const id of ['000095001234', '097095001234', '999095001234']) {
      expect(parseCccd(withField(0, id))).toEqual({ ok: false, reason: 'bad-id' });
    }
  });

  it('trims CR/LF and whitespace around the payload and around fields', () => {
    expect(cardOf(`\r\n  ${SAMPLE}\r\n`)).toEqual(SAMPLE_CARD);
    expect(cardOf(withField(2, '  Nguyễn   Văn  An ').replace('|Nam|', '| Nam |'))).toEqual(SAMPLE_CARD);
  });

  it('normalises NFD input to NFC', () => {
    const card = cardOf(SAMPLE.normalize('NFD'));
    expect(card).toEqual(SAMPLE_CARD);
    expect(card.fullName).toBe(card.fullName?.normalize('NFC'));
    expect(card.fullName?.length).toBe('Nguyễn Văn An'.length);
  });

  it('collapses a payload typed twice, with or without a line break between', () => {
    for (const sep of ['', '\n', '\r', '\r\n', '\r\n\r\n', '\t', ' ']) {
      expect(cardOf(SAMPLE + sep + SAMPLE), JSON.stringify(sep)).toEqual(SAMPLE_CARD);
    }
    expect(cardOf(`${SAMPLE}\r\n${SAMPLE}\r\n${SAMPLE}\r\n`)).toEqual(SAMPLE_CARD);
  });

  it('prefers the complete copy when one repeat is cut short', () => {
    const cut = SAMPLE.slice(0, SAMPLE.indexOf('|Nam|'));
    expect(cardOf(`${SAMPLE}\r\n${cut}`)).toEqual(SAMPLE_CARD);
    expect(cardOf(`${cut}\r\n${SAMPLE}`)).toEqual(SAMPLE_CARD);
  });

  it('does not take an old 12-digit CMND equal to the id for a second copy', () => {
    const payload = withField(1, '086095001234');
    const expected = { ...SAMPLE_CARD, oldIdNumber: '086095001234' };
    expect(cardOf(payload)).toEqual(expected);
    expect(cardOf(payload + payload)).toEqual(expected);
  });

  it('ignores extra trailing fields', () => {
    expect(cardOf(`${SAMPLE}|`)).toEqual(SAMPLE_CARD);
    expect(cardOf(`${SAMPLE}|abc|123456789012|`)).toEqual(SAMPLE_CARD);
    expect(cardOf(`${SAMPLE}|x\r\n${SAMPLE}|x`)).toEqual(SAMPLE_CARD);
  });

  it('turns empty fields into null and keeps a payload with missing fields', () => {
    expect(cardOf('086095001234||||||')).toEqual({
      idNumber: '086095001234',
      oldIdNumber: null,
      fullName: null,
      birthDate: null,
      gender: null,
      address: null,
      issueDate: null,
    });
    expect(cardOf('086095001234|364512345')).toMatchObject({ oldIdNumber: '364512345', fullName: null });
  });

  it('keeps 9- and 12-digit old numbers and drops anything else', () => {
    expect(cardOf(withField(1, '364512345')).oldIdNumber).toBe('364512345');
    expect(cardOf(withField(1, '364512345678')).oldIdNumber).toBe('364512345678');
    for (const old of ['', '36451234', '3645123456', 'abcdefghi', '36451234?']) {
      expect(cardOf(withField(1, old)).oldIdNumber).toBeNull();
    }
  });

  it('turns a name garbled by a keyboard-mode scanner into null, not wrong text', () => {
    for (const name of [
      'Nguy?n V?n An',
      '???',
      'Nguy\uFFFDn',
      'Nguyễn\u0000An',
      'An\u200B',
      '12345',
      '.',
      '',
    ]) {
      expect(cardOf(withField(2, name)).fullName, JSON.stringify(name)).toBeNull();
    }
    expect(cardOf(withField(2, "H'Hen Niê")).fullName).toBe("H'Hen Niê");
    expect(cardOf(withField(2, 'NGUYỄN VĂN AN')).fullName).toBe('NGUYỄN VĂN AN');
  });

  it('applies the same garble rule to the address', () => {
    expect(cardOf(withField(5, '?p T?n H?nh')).address).toBeNull();
    expect(cardOf(withField(5, '12/3')).address).toBeNull();
    expect(cardOf(withField(5, '12C  Hoàng Thái Hiếu,\tPhường 1')).address).toBe(
      '12C Hoàng Thái Hiếu, Phường 1',
    );
  });

  it('turns dates that are not calendar dates into null', () => {
    const birth = (value: string) => cardOf(withField(3, value)).birthDate;
    expect(birth('29022020')).toBe('2020-02-29');
    expect(birth('29022000')).toBe('2000-02-29');
    expect(birth('31122099')).toBe('2099-12-31');
    for (const bad of ['29021900', '29022021', '31042020', '32012020', '00012020', '15132020', '15002020']) {
      expect(birth(bad), bad).toBeNull();
    }
    for (const bad of ['01010000', '1503199', '150319950', '15-03-1995', '15/03/1995', 'abcdefgh', '']) {
      expect(birth(bad), bad).toBeNull();
    }
    expect(cardOf(withField(6, '31022021')).issueDate).toBeNull();
  });

  it('reads the gender, falling back to the id number when the field is garbled', () => {
    const gender = (value: string, id = '086095001234') =>
      cardOf(withField(4, value, withField(0, id))).gender;
    expect(gender('Nam')).toBe('Nam');
    expect(gender('Nữ')).toBe('Nữ');
    expect(gender('NỮ')).toBe('Nữ');
    expect(gender('nam')).toBe('Nam');
    expect(gender('')).toBeNull();
    expect(gender('N?', '086195001234')).toBe('Nữ');
    expect(gender('Nu', '086195001234')).toBe('Nữ');
    expect(gender('N?', '086295001234')).toBe('Nam');
  });

  it('still reads the id and dates when an input method rewrote the letters', () => {
    // A keyboard-mode scanner typing with Telex active: "dd" → "đ", "aa" → "â", "w" → "ư"; unsendable letters → "?".
    const raw =
      '086195001234|364512345|Nguy?n THij Đaoo|01021990|N?|?p Tân Hâanh, Huyeenj Long Hoof|05062022\r\n';
    expect(cardOf(raw)).toEqual({
      idNumber: '086195001234',
      oldIdNumber: '364512345',
      fullName: null,
      birthDate: '1990-02-01',
      gender: 'Nữ',
      address: null,
      issueDate: '2022-06-05',
    });
  });
});

describe('describeIdNumber', () => {
  it('reads province, gender and year for every century digit', () => {
    const table: [string, string, 'Nam' | 'Nữ', number][] = [
      ['086095001234', '086', 'Nam', 1995],
      ['083195001234', '083', 'Nữ', 1995],
      ['084200001234', '084', 'Nam', 2000],
      ['001399001234', '001', 'Nữ', 2099],
      ['096401001234', '096', 'Nam', 2101],
      ['079550001234', '079', 'Nữ', 2150],
      ['079600001234', '079', 'Nam', 2200],
      ['079712001234', '079', 'Nữ', 2212],
      ['079899001234', '079', 'Nam', 1899],
      ['079980001234', '079', 'Nữ', 1880],
    ];
    for (const [id, provinceCode, gender, birthYear] of table) {
      expect(describeIdNumber(id), id).toEqual({ provinceCode, gender, birthYear });
    }
  });

  it('rejects other shapes and provinces outside 001–096', () => {
    for (const id of [
      '000095001234',
      '097095001234',
      '999095001234',
      '08609500123',
      '0860950012345',
      '08609500123x',
    ]) {
      expect(describeIdNumber(id), id).toBeNull();
    }
    expect(describeIdNumber(' 086095001234')).toBeNull();
    expect(describeIdNumber('')).toBeNull();
  });

  it('accepts exactly the provinces 001–096 (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (id) => {
        const province = Number(id.slice(0, 3));
        const described = describeIdNumber(id);
        expect(described !== null).toBe(province >= 1 && province <= 96);
        if (described) {
          expect(described.gender).toBe(Number(id[3]) % 2 === 0 ? 'Nam' : 'Nữ');
          expect(described.birthYear % 100).toBe(Number(id.slice(4, 6)));
          expect(described.birthYear).toBeGreaterThanOrEqual(1800);
          expect(described.birthYear).toBeLessThan(2300);
        }
      }),
    );
  });
});

describe('formatCccdPayload', () => {
  it('writes the payload parseCccd reads', () => {
    expect(formatCccdPayload(SAMPLE_CARD)).toBe(SAMPLE);
    expect(
      formatCccdPayload({
        idNumber: '086095001234',
        oldIdNumber: null,
        fullName: null,
        birthDate: null,
        gender: null,
        address: null,
        issueDate: null,
      }),
    ).toBe('086095001234||||||');
  });

  it('writes NFC even from NFD fields', () => {
    const payload = formatCccdPayload({ ...SAMPLE_CARD, fullName: 'Nguyễn Văn An'.normalize('NFD') });
    expect(payload).toBe(SAMPLE);
  });

  it('refuses values the format cannot carry', () => {
    expect(() => formatCccdPayload({ ...SAMPLE_CARD, fullName: 'A|B' })).toThrow(RangeError);
    expect(() => formatCccdPayload({ ...SAMPLE_CARD, address: 'a\nb' })).toThrow(RangeError);
    expect(() => formatCccdPayload({ ...SAMPLE_CARD, birthDate: '15/03/1995' })).toThrow(RangeError);
  });
});

// ---- properties ----

const LOWER_LETTERS = [
  ...'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ',
];
const word = fc
  .array(fc.constantFrom(...LOWER_LETTERS), { minLength: 1, maxLength: 7 })
  .map(([first = '', ...rest]) => first.toUpperCase() + rest.join(''));
const realName = fc.constantFrom(
  'Nguyễn Văn An',
  'Trần Thị Ngọc Hân',
  'Lê Phước Dương',
  'Huỳnh Thị Thủy',
  'Đặng Quý',
  'Võ Trường Giang',
  "H'Hen Niê",
);
const fullName = fc.oneof(
  realName,
  fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')),
);
const addressToken = fc.oneof(
  word,
  fc.stringMatching(/^\d{1,3}[A-C]?(\/\d{1,2})?$/),
  fc.constantFrom('Phường 1', 'TP'),
);
const address = fc
  .tuple(word, fc.array(addressToken, { maxLength: 8 }), fc.constantFrom(' ', ', '))
  .map(([first, rest, sep]) => [first, ...rest].join(sep));
const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const idNumber = fc
  .tuple(fc.integer({ min: 1, max: 96 }), fc.stringMatching(/^\d{9}$/))
  .map(([province, rest]) => String(province).padStart(3, '0') + rest);
const card: fc.Arbitrary<CccdCard> = fc.record({
  idNumber,
  oldIdNumber: fc.option(fc.stringMatching(/^(\d{9}|\d{12})$/), { nil: null }),
  fullName: fc.option(fullName, { nil: null }),
  birthDate: fc.option(isoDate, { nil: null }),
  gender: fc.constantFrom('Nam' as const, 'Nữ' as const, null),
  address: fc.option(address, { nil: null }),
  issueDate: fc.option(isoDate, { nil: null }),
});
const separator = fc.constantFrom('', '\n', '\r', '\r\n', '\r\n\r\n', '\t', ' \r\n');

describe('parseCccd properties', () => {
  it('parse(format(card)) is the card, from NFC or NFD text', () => {
    fc.assert(
      fc.property(card, fc.boolean(), (c, nfd) => {
        const payload = formatCccdPayload(c);
        expect(parseCccd(nfd ? payload.normalize('NFD') : payload)).toEqual({ ok: true, card: c });
      }),
    );
  });

  it('a doubled payload parses the same as a single one', () => {
    fc.assert(
      fc.property(card, separator, separator, (c, between, after) => {
        const payload = formatCccdPayload(c);
        expect(parseCccd(payload + between + payload + after)).toEqual(parseCccd(payload));
      }),
    );
  });

  it('extra trailing fields are ignored', () => {
    fc.assert(
      fc.property(
        card,
        fc.array(
          fc.string().filter((s) => !s.includes('|')),
          { minLength: 1 },
        ),
        (c, extra) => {
          const payload = formatCccdPayload(c);
          expect(parseCccd(`${payload}|${extra.join('|')}`)).toEqual({ ok: true, card: c });
        },
      ),
    );
  });

  it('letters rewritten by an input method never cost the id or the dates', () => {
    const replacement = fc.constantFrom('?', '', 'a', 'aa', 'đ', 'ư', 'w', 'X', '\uFFFD', ' ');
    fc.assert(
      fc.property(card, fc.array(replacement, { minLength: 1, maxLength: 20 }), (c, replacements) => {
        let n = 0;
        const mangled = formatCccdPayload(c).replace(
          /\p{L}/gu,
          () => replacements[n++ % replacements.length] ?? '',
        );
        const parsed = cardOf(mangled);
        expect(parsed.idNumber).toBe(c.idNumber);
        expect(parsed.oldIdNumber).toBe(c.oldIdNumber);
        expect(parsed.birthDate).toBe(c.birthDate);
        expect(parsed.issueDate).toBe(c.issueDate);
        expect(parsed.fullName ?? '').not.toMatch(/[?\uFFFD]/);
        expect(parsed.address ?? '').not.toMatch(/[?\uFFFD]/);
      }),
    );
  });

  it('never throws, and anything it accepts is well formed', () => {
    const structured = fc.string({
      unit: fc.constantFrom(...'0123456789||||\r\n ?aàNamNữ'.split(''), '086095001234|'),
      maxLength: 80,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), structured), (raw) => {
        const result = parseCccd(raw);
        if (!result.ok) return;
        const c = result.card;
        expect(describeIdNumber(c.idNumber)).not.toBeNull();
        for (const date of [c.birthDate, c.issueDate]) {
          if (date !== null) expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
        }
        for (const text of [c.fullName, c.address]) {
          if (text !== null) {
            expect(text).toBe(text.normalize('NFC'));
            expect(text).toBe(text.trim());
            expect(text).not.toMatch(/[?|\p{Cc}]/u);
          }
        }
        expect([null, 'Nam', 'Nữ']).toContain(c.gender);
      }),
      { numRuns: 500 },
    );
  });
});
