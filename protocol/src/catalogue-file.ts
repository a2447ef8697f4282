/**
 * Parsing and validation of a procedure catalogue (danh mục TTHC) imported by an admin as CSV or JSON.
 * Pure: text in, rows and a validation report out. The store decides what to do with them. Shared by a center's
 * import (queue-server) and the province hub's (the catalogue it pushes down to sites), so both take one format.
 * A subpath of its own (`@layso/protocol/catalogue-file`): its text helpers are not names for the whole contract.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** NFC → lowercase → strip diacritics (`đ` → `d`). "Cấp Phiếu Lý lịch" → "cap phieu ly lich". */
export function fold(text: string): string {
  return text.normalize('NFC').toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd');
}

/** Trim and NFC-normalise; collapse runs of whitespace (including embedded newlines) to one space. */
export function clean(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export interface CatalogueRow {
  code: string;
  name: string;
  field: string | null;
  agency: string | null;
  level: string | null;
  processingTime: string | null;
  fee: string | null;
}

export interface CatalogueError {
  /** 1-based position of the record among the data records (the CSV header is not counted); 0 = whole file. */
  row: number;
  code: string | null;
  message: string;
}

export interface ParsedCatalogue {
  rows: CatalogueRow[];
  errors: CatalogueError[];
}

export type CatalogueFormat = 'csv' | 'json';

/** National TTHC code (`1.000894`), optionally with a local suffix (`2.000815.000.00.00.H61`). */
export const PROCEDURE_CODE = /^\d\.\d{6}(\.[0-9A-Za-z.]+)?$/;

const MAX_NAME = 2_000;
const MAX_TEXT = 5_000;

type Column = keyof CatalogueRow;

/** Accepted header / JSON key spellings, folded (lowercase, no diacritics, separators removed). */
const COLUMN_ALIASES: Record<Column, string[]> = {
  code: ['code', 'ma', 'mathutuc', 'matthc', 'procedurecode'],
  name: ['name', 'ten', 'tenthutuc', 'tentthc', 'procedurename'],
  field: ['field', 'linhvuc'],
  agency: ['agency', 'coquan', 'coquanthuchien'],
  level: ['level', 'cap', 'capthuchien'],
  processingTime: ['processingtime', 'thoihan', 'thoihangiaiquyet', 'thoigiangiaiquyet'],
  fee: ['fee', 'phi', 'lephi', 'philephi'],
};

const ALIAS_TO_COLUMN = new Map<string, Column>(
  (Object.entries(COLUMN_ALIASES) as [Column, string[]][]).flatMap(([column, aliases]) =>
    aliases.map((alias) => [alias, column] as const),
  ),
);

/** "processing_time", "processingTime", "Thời hạn" → the column they name, or undefined. */
export function columnFor(header: string): Column | undefined {
  return ALIAS_TO_COLUMN.get(fold(header).replace(/[^a-z0-9]/g, ''));
}

const msg = (vi: string, en: string) => `${vi} / ${en}`;

// ---------- CSV (RFC 4180) ----------

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly records: CsvRecord[],
  ) {
    super(
      msg(`Dấu ngoặc kép không được đóng (từ dòng ${line})`, `Unterminated quoted field (from line ${line})`),
    );
  }
}

/**
 * RFC 4180 CSV: comma separated, fields optionally in double quotes, `""` inside quotes is one quote,
 * quoted fields may hold commas and line breaks; records end with CRLF, LF or CR; a leading BOM is dropped.
 * Lenient where the RFC is silent: a quote inside an unquoted field, or text after a closing quote, is kept
 * as text. An unterminated quote throws {@link CsvSyntaxError} carrying the records read before it.
 */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = src.length;

  const endRecord = () => {
    fields.push(field);
    records.push({ fields, line: recordLine });
    fields = [];
    field = '';
  };

  while (i < n) {
    const ch = src[i];
    if (ch === '"' && field === '') {
      // Quoted field.
      const quoteLine = line;
      i++;
      let closed = false;
      while (i < n) {
        const c = src[i];
        if (c === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line++;
        field += c;
        i++;
      }
      if (!closed) throw new CsvSyntaxError(quoteLine, records);
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    i++;
  }
  // Last record without a trailing line break.
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

// ---------- rows ----------

type RawRow = Partial<Record<Column, string>>;

function optional(value: string | undefined, keepLines: boolean): string | null {
  if (value === undefined) return null;
  const text = keepLines
    ? value
        .normalize('NFC')
        .replace(/\r\n?/g, '\n')
        .replace(/[ \t]+/g, ' ')
        .trim()
    : clean(value);
  return text === '' ? null : text;
}

/** Validates one raw row; returns the row or the reason it was rejected. */
function validate(raw: RawRow): { row: CatalogueRow } | { error: string; code: string | null } {
  const code = clean(raw.code ?? '');
  const name = clean(raw.name ?? '');
  if (code === '') return { error: msg('Thiếu mã thủ tục', 'Missing procedure code'), code: null };
  if (!PROCEDURE_CODE.test(code)) {
    return {
      error: msg(
        `Mã thủ tục không hợp lệ: "${code.slice(0, 40)}" (dạng 1.000894)`,
        `Invalid procedure code: "${code.slice(0, 40)}" (expected like 1.000894)`,
      ),
      code: code.slice(0, 40),
    };
  }
  if (name === '') return { error: msg('Thiếu tên thủ tục', 'Missing procedure name'), code };
  if (name.length > MAX_NAME) {
    return {
      error: msg(
        `Tên thủ tục dài quá ${MAX_NAME} ký tự`,
        `Procedure name longer than ${MAX_NAME} characters`,
      ),
      code,
    };
  }
  const row: CatalogueRow = {
    code,
    name,
    field: optional(raw.field, false),
    agency: optional(raw.agency, false),
    level: optional(raw.level, false),
    processingTime: optional(raw.processingTime, true),
    fee: optional(raw.fee, true),
  };
  for (const column of ['field', 'agency', 'level', 'processingTime', 'fee'] as const) {
    const value = row[column];
    if (value !== null && value.length > MAX_TEXT) {
      return {
        error: msg(
          `Cột ${column} dài quá ${MAX_TEXT} ký tự`,
          `Column ${column} longer than ${MAX_TEXT} characters`,
        ),
        code,
      };
    }
  }
  return { row };
}

function collect(raws: Iterable<{ row: number; raw: RawRow | string }>, errors: CatalogueError[]) {
  const rows: CatalogueRow[] = [];
  const firstRowOfCode = new Map<string, number>();
  for (const { row, raw } of raws) {
    if (typeof raw === 'string') {
      errors.push({ row, code: null, message: raw });
      continue;
    }
    const result = validate(raw);
    if ('error' in result) {
      errors.push({ row, code: result.code, message: result.error });
      continue;
    }
    const first = firstRowOfCode.get(result.row.code);
    if (first !== undefined) {
      errors.push({
        row,
        code: result.row.code,
        message: msg(
          `Mã thủ tục trùng với dòng ${first}`,
          `Duplicate procedure code (first seen at row ${first})`,
        ),
      });
      continue;
    }
    firstRowOfCode.set(result.row.code, row);
    rows.push(result.row);
  }
  return rows;
}

function parseCsvCatalogue(content: string): ParsedCatalogue {
  const errors: CatalogueError[] = [];
  let records: CsvRecord[];
  try {
    records = parseCsv(content);
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    // Keep what was read before the broken quote; report the rest as one error.
    records = e.records;
    errors.push({ row: Math.max(0, e.records.length), code: null, message: e.message });
  }
  const isBlank = (r: CsvRecord) => r.fields.every((f) => f.trim() === '');
  const nonBlank = records.filter((r) => !isBlank(r));
  const header = nonBlank[0];
  if (header === undefined) {
    return { rows: [], errors: [{ row: 0, code: null, message: msg('Tệp trống', 'Empty file') }, ...errors] };
  }
  const columns = header.fields.map(columnFor);
  const missing = (['code', 'name'] as const).filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    return {
      rows: [],
      errors: [
        {
          row: 0,
          code: null,
          message: msg(
            `Thiếu cột bắt buộc: ${missing.join(', ')} (tiêu đề: mã, tên, lĩnh vực, cơ quan, cấp, thời hạn, phí)`,
            `Missing required column: ${missing.join(', ')} (header: code,name,field,agency,level,processing_time,fee)`,
          ),
        },
      ],
    };
  }
  function* raws() {
    let row = 0;
    for (const record of nonBlank.slice(1)) {
      row++;
      if (record.fields.length > header!.fields.length) {
        yield {
          row,
          raw: msg(
            `Dòng ${record.line}: ${record.fields.length} cột, tiêu đề có ${header!.fields.length}`,
            `Line ${record.line}: ${record.fields.length} columns, the header has ${header!.fields.length}`,
          ),
        };
        continue;
      }
      const raw: RawRow = {};
      record.fields.forEach((value, i) => {
        const column = columns[i];
        if (column !== undefined && raw[column] === undefined) raw[column] = value;
      });
      yield { row, raw };
    }
  }
  const rows = collect(raws(), errors);
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors };
}

function parseJsonCatalogue(content: string): ParsedCatalogue {
  let data: unknown;
  try {
    data = JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      rows: [],
      errors: [{ row: 0, code: null, message: msg('JSON không hợp lệ', `Invalid JSON: ${detail}`) }],
    };
  }
  if (!Array.isArray(data)) {
    return {
      rows: [],
      errors: [
        {
          row: 0,
          code: null,
          message: msg('JSON phải là một mảng các thủ tục', 'JSON must be an array of procedures'),
        },
      ],
    };
  }
  const items: unknown[] = data;
  const errors: CatalogueError[] = [];
  function* raws() {
    for (const [index, item] of items.entries()) {
      const row = index + 1;
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        yield { row, raw: msg('Phần tử không phải là đối tượng', 'Item is not an object') };
        continue;
      }
      const raw: RawRow = {};
      let badKey: string | null = null;
      for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
        const column = columnFor(key);
        if (column === undefined || raw[column] !== undefined || value === null) continue;
        if (typeof value === 'string') raw[column] = value;
        else if (typeof value === 'number' && Number.isFinite(value) && column !== 'code')
          raw[column] = String(value);
        else badKey = key;
      }
      if (badKey !== null) {
        yield {
          row,
          raw: msg(`Giá trị của "${badKey}" phải là chuỗi`, `Value of "${badKey}" must be a string`),
        };
        continue;
      }
      yield { row, raw };
    }
  }
  return { rows: collect(raws(), errors), errors };
}

/**
 * Parses a catalogue file. Header-driven CSV (English `code,name,field,agency,level,processing_time,fee` or
 * Vietnamese `mã,tên,lĩnh vực,cơ quan,cấp,thời hạn,phí`, any order, extra columns ignored) or a JSON array of
 * objects with the same keys (camelCase or snake_case). Text is trimmed and NFC-normalised; each rejected row
 * gets an error (Vietnamese / English) and the valid rows are returned.
 */
export function parseCatalogue(format: CatalogueFormat, content: string): ParsedCatalogue {
  return format === 'csv' ? parseCsvCatalogue(content) : parseJsonCatalogue(content);
}
