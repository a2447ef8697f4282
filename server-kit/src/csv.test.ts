import { describe, expect, it } from 'vitest';
import { csvField, csvFile } from './csv.js';

describe('CSV cells a spreadsheet would run as formulas', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+84 912', "'+84 912"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['\rCR', '"\'\rCR"'],
  ])('neutralises %j', (text, field) => {
    expect(csvField(text)).toBe(field);
  });

  it('leaves ordinary text, Vietnamese and numbers (negative ones too) as they are', () => {
    expect(csvField('Hộ tịch')).toBe('Hộ tịch');
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(-2)).toBe('-2');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField(2 / 3)).toBe('0.6667');
  });

  it('quotes commas, quotes and line breaks (RFC 4180), and writes nothing for null', () => {
    expect(csvField('Quầy "A", tầng 1')).toBe('"Quầy ""A"", tầng 1"');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField(null)).toBe('');
  });
});

describe('a CSV file', () => {
  it('starts with a BOM and ends each row with CRLF', () => {
    expect(
      csvFile([
        ['Mã', 'Tên'],
        ['HT', '=HYPERLINK("x"), Trà Vinh'],
        [1, null],
      ]),
    ).toBe('\uFEFFMã,Tên\r\nHT,"\'=HYPERLINK(""x""), Trà Vinh"\r\n1,\r\n');
  });
});
