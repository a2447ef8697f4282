import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  columnFor,
  CsvSyntaxError,
  parseCatalogue,
  parseCsv,
  PROCEDURE_CODE,
} from '@layso/protocol/catalogue-file';

const realCsv = () => readFileSync(new URL('../demo/catalogue.csv', import.meta.url), 'utf8');

describe('parseCsv (RFC 4180)', () => {
  const fields = (text: string) => parseCsv(text).map((r) => r.fields);

  it('splits plain fields and records on LF and CRLF', () => {
    expect(fields('a,b,c\n1,2,3\r\n4,5,6')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
  });

  it('handles quotes, doubled quotes, commas and line breaks inside quotes', () => {
    const text = 'a,b\r\n"x, y","say ""hi"""\r\n"line1\r\nline2",""\r\n';
    expect(fields(text)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['line1\r\nline2', ''],
    ]);
  });

  it('drops a BOM, keeps empty fields, accepts a lone CR and a missing final newline', () => {
    expect(fields('\uFEFFa,,c\rd,e,')).toEqual([
      ['a', '', 'c'],
      ['d', 'e', ''],
    ]);
  });

  it('reports the line where a record starts, counting embedded line breaks', () => {
    const records = parseCsv('h\n"a\nb"\nc\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('throws on an unterminated quote with the records read before it', () => {
    try {
      parseCsv('a,b\n1,2\n"oops,3\n4,5\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CsvSyntaxError);
      const err = e as CsvSyntaxError;
      expect(err.line).toBe(3);
      expect(err.records.map((r) => r.fields)).toEqual([
        ['a', 'b'],
        ['1', '2'],
      ]);
    }
  });
});

describe('columnFor', () => {
  it('maps English, snake/camel case and Vietnamese headers', () => {
    expect(columnFor('processing_time')).toBe('processingTime');
    expect(columnFor('processingTime')).toBe('processingTime');
    expect(columnFor(' Mã ')).toBe('code');
    expect(columnFor('Tên')).toBe('name');
    expect(columnFor('lĩnh vực')).toBe('field');
    expect(columnFor('Cơ quan')).toBe('agency');
    expect(columnFor('cấp')).toBe('level');
    expect(columnFor('Thời hạn')).toBe('processingTime');
    expect(columnFor('phí')).toBe('fee');
    expect(columnFor('source')).toBeUndefined();
  });
});

describe('parseCatalogue', () => {
  it('parses the real catalogue (2,976 procedures) with no errors', () => {
    const { rows, errors } = parseCatalogue('csv', realCsv());
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(2976);
    expect(new Set(rows.map((r) => r.code)).size).toBe(2976);
    const kh = rows.find((r) => r.code === '1.000894');
    expect(kh).toMatchObject({ name: 'Thủ tục đăng ký kết hôn', field: 'Hộ tịch', level: 'xã' });
    const local = rows.find((r) => r.code === '2.000815.000.00.00.H61');
    expect(local?.name).toMatch(/^Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan/);
    expect(local?.fee).toMatch(/^Phí: 2\.000 đồng\/trang; từ trang thứ 3/);
    // Empty cells become null.
    expect(rows.filter((r) => r.agency === null).length).toBe(307);
  });

  it('every real code matches the TTHC code pattern', () => {
    const codes = parseCsv(realCsv())
      .slice(1)
      .map((r) => r.fields[0] ?? '');
    expect(codes.filter((c) => !PROCEDURE_CODE.test(c))).toEqual([]);
  });

  it('is header driven: any column order, Vietnamese headers, extra columns ignored', () => {
    const csv = 'ghi chú,tên,mã,phí,cấp\r\nx,"  Cấp  hộ chiếu ",1.001456,"Không",tỉnh\r\n';
    const { rows, errors } = parseCatalogue('csv', csv);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        code: '1.001456',
        name: 'Cấp hộ chiếu',
        field: null,
        agency: null,
        level: 'tỉnh',
        processingTime: null,
        fee: 'Không',
      },
    ]);
  });

  it('normalises text to NFC and trims it', () => {
    const decomposed = 'Lý lịch tư pháp'.normalize('NFD');
    const { rows } = parseCatalogue(
      'csv',
      `code,name,field\n1.000001, Cấp phiếu ${decomposed} ,${decomposed}\n`,
    );
    expect(rows[0]?.name).toBe('Cấp phiếu Lý lịch tư pháp');
    expect(rows[0]?.name.normalize('NFC')).toBe(rows[0]?.name);
    expect(rows[0]?.field).toBe('Lý lịch tư pháp');
  });

  it('reports bad rows in Vietnamese and English and keeps the good ones', () => {
    const csv = [
      'code,name',
      '1.000001,Một',
      '1.000002,',
      'ABC,Sai mã',
      ',Không mã',
      '1.000001,Trùng',
      '',
      '1.000003,Ba',
    ].join('\n');
    const { rows, errors } = parseCatalogue('csv', csv);
    expect(rows.map((r) => r.code)).toEqual(['1.000001', '1.000003']);
    expect(errors).toEqual([
      { row: 2, code: '1.000002', message: 'Thiếu tên thủ tục / Missing procedure name' },
      { row: 3, code: 'ABC', message: expect.stringContaining('Invalid procedure code') },
      { row: 4, code: null, message: 'Thiếu mã thủ tục / Missing procedure code' },
      {
        row: 5,
        code: '1.000001',
        message: expect.stringContaining('Duplicate procedure code (first seen at row 1)'),
      },
    ]);
  });

  it('rejects a file without the required columns', () => {
    const { rows, errors } = parseCatalogue('csv', 'ma so,ten goi\n1.000001,X\n');
    expect(rows).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 0, code: null });
    expect(errors[0]?.message).toContain('Missing required column: code, name');
  });

  it('rejects empty files and reports an unterminated quote, keeping the rows before it', () => {
    expect(parseCatalogue('csv', '\n\n').errors[0]?.message).toBe('Tệp trống / Empty file');
    const { rows, errors } = parseCatalogue('csv', 'code,name\n1.000001,A\n1.000002,"B\n1.000003,C\n');
    expect(rows.map((r) => r.code)).toEqual(['1.000001']);
    expect(errors[0]?.message).toContain('Unterminated quoted field (from line 3)');
  });

  it('rejects a record with more fields than the header', () => {
    const { rows, errors } = parseCatalogue('csv', 'code,name\n1.000001,A,extra\n');
    expect(rows).toEqual([]);
    expect(errors[0]?.message).toContain('3 columns, the header has 2');
  });

  it('parses JSON arrays with camelCase or snake_case keys', () => {
    const json = JSON.stringify([
      { code: '1.000894', name: 'Thủ tục đăng ký kết hôn', processingTime: '5 ngày', fee: null },
      {
        code: ' 1.001193 ',
        name: 'Thủ tục đăng ký khai sinh',
        processing_time: 'Ngay',
        level: 'xã',
        extra: 1,
      },
      { code: '1.001193', name: 'Trùng' },
      { code: 1.0009, name: 'Mã là số' },
      'not an object',
      { code: '1.000002', name: '   ' },
    ]);
    const { rows, errors } = parseCatalogue('json', json);
    expect(rows).toEqual([
      {
        code: '1.000894',
        name: 'Thủ tục đăng ký kết hôn',
        field: null,
        agency: null,
        level: null,
        processingTime: '5 ngày',
        fee: null,
      },
      {
        code: '1.001193',
        name: 'Thủ tục đăng ký khai sinh',
        field: null,
        agency: null,
        level: 'xã',
        processingTime: 'Ngay',
        fee: null,
      },
    ]);
    expect(errors.map((e) => e.row)).toEqual([3, 4, 5, 6]);
    expect(errors[1]?.message).toContain('Value of "code" must be a string');
    expect(errors[2]?.message).toBe('Phần tử không phải là đối tượng / Item is not an object');
    expect(errors[3]?.message).toBe('Thiếu tên thủ tục / Missing procedure name');
  });

  it('rejects invalid JSON and non-arrays', () => {
    expect(parseCatalogue('json', '{').errors[0]?.message).toMatch(/^JSON không hợp lệ \/ Invalid JSON/);
    expect(parseCatalogue('json', '{"code":"1.000001"}').errors[0]?.message).toContain('must be an array');
  });

  it('CSV and JSON of the same real rows give the same result', () => {
    const { rows } = parseCatalogue('csv', realCsv());
    const sample = rows.slice(0, 50);
    const asJson = parseCatalogue('json', JSON.stringify(sample));
    expect(asJson.errors).toEqual([]);
    expect(asJson.rows).toEqual(sample);
  });
});
