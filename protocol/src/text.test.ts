import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEXT_PROBLEMS, Text, textProblem } from './text.js';

const Name = Text(10);
const Note = Text(200, { multiline: true });

function refusal(schema: typeof Name, input: unknown): string | undefined {
  const r = schema.safeParse(input);
  return r.success ? undefined : r.error.issues[0]?.message;
}

describe('Text: names and free text', () => {
  it('normalises before measuring: an NFD Vietnamese name that fits in NFC is accepted, stored in NFC', () => {
    const nfd = 'Nguyễn Ánh'.normalize('NFD');
    expect(nfd.length).toBeGreaterThan(10);
    expect(Name.parse(`  ${nfd} `)).toBe('Nguyễn Ánh'.normalize('NFC'));
    expect(Name.safeParse('Nguyễn Ánh Dương').success).toBe(false);
  });

  it.each([
    ['NUL', 'An\u0000h', 'control'],
    ['escape sequence', '\u001b[31mĐỏ', 'control'],
    ['DEL', 'An\u007fh', 'control'],
    ['C1 control', 'An\u0085h', 'control'],
    ['line feed', 'Dòng 1\nDòng 2', 'control'],
    ['carriage return', 'A\rB', 'control'],
    ['tab', 'A\tB', 'control'],
    ['line separator', 'A\u2028B', 'control'],
    ['lone high surrogate', 'Lan\uD800', 'surrogate'],
    ['lone low surrogate', '\uDC00Lan', 'surrogate'],
    ['right-to-left override', 'abc\u202Efdp.exe', 'bidi'],
    ['left-to-right embedding', '\u202AAn', 'bidi'],
    ['isolate', 'An\u2066h\u2069', 'bidi'],
    ['zero-width only', '\u200B\u200C\u200D', 'invisible'],
    ['word joiner and BOM only', '\u2060\uFEFF\u200B', 'invisible'],
  ] as const)('refuses %s with a bilingual message', (_what, input, problem) => {
    expect(refusal(Text(40), input)).toBe(TEXT_PROBLEMS[problem]);
    expect(TEXT_PROBLEMS[problem]).toMatch(/^\S.* \/ [A-Z]/);
  });

  it('lets a note keep its line breaks but not other controls or overrides', () => {
    expect(Note.parse('Đã kiểm tra giấy tờ\r\nThiếu bản sao CCCD')).toBe(
      'Đã kiểm tra giấy tờ\r\nThiếu bản sao CCCD',
    );
    expect(refusal(Note, 'a\u0000b')).toBe(TEXT_PROBLEMS.control);
    expect(refusal(Note, 'a\u202Eb')).toBe(TEXT_PROBLEMS.bidi);
  });

  it('keeps an empty text only where allowed, and emoji with joiners and surrogate pairs', () => {
    expect(Name.safeParse('   ').success).toBe(false);
    expect(Text(10, { allowEmpty: true }).parse('  ')).toBe('');
    expect(Name.parse('👩‍👧 Hà')).toBe('👩‍👧 Hà');
  });

  it('accepts any NFC Vietnamese name within the limit, whatever form it came in (property)', () => {
    const letters = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ'];
    const tones = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
    const word = fc
      .array(fc.tuple(fc.constantFrom(...letters), fc.constantFrom(...tones)), { minLength: 1, maxLength: 7 })
      .map((cs) => cs.map(([l, t]) => l + t).join(''));
    const name = fc.array(word, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(name, fc.boolean(), (n, decomposed) => {
        const input = decomposed ? n.normalize('NFD') : n.normalize('NFC');
        const expected = n.normalize('NFC');
        const r = Text(120).safeParse(input);
        expect(r.success).toBe(true);
        expect(r.success && r.data).toBe(expected);
      }),
    );
  });

  it('never lets a control, bidi override or lone surrogate through, wherever it sits (property)', () => {
    const bad = fc.oneof(
      fc.integer({ min: 0, max: 0x1f }).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d),
      fc.integer({ min: 0x7f, max: 0x9f }),
      fc.integer({ min: 0x202a, max: 0x202e }),
      fc.integer({ min: 0x2066, max: 0x2069 }),
      fc.integer({ min: 0xd800, max: 0xdfff }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), bad, fc.string({ maxLength: 20 }), (before, c, after) => {
        const text = `x${before}${String.fromCharCode(c)}${after}x`;
        expect(textProblem(text.normalize('NFC'))).not.toBeNull();
        expect(Text(200, { multiline: true }).safeParse(text).success).toBe(false);
      }),
    );
  });
});
