/** A cell of a CSV file: text, a number, or nothing (an empty field). */
export type CsvCell = string | number | null;

/**
 * Text a spreadsheet would read as a formula (`=`, `+`, `-`, `@`) or that starts with a tab or CR: a name an admin or
 * an officer typed, like `=HYPERLINK(…)`, must stay text when the file is opened in Excel, so it gets a leading `'`
 * (OWASP's advice). Numbers are ours and never pass through here.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes doubled. Text that would start
 * a formula is neutralised first; numbers are rounded to 4 decimals.
 */
export function csvField(v: CsvCell): string {
  if (v === null) return '';
  const s =
    typeof v === 'number' ? String(Math.round(v * 10_000) / 10_000) : FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV file Excel opens as UTF-8 (a BOM first), a line per row, CRLF line ends. */
export function csvFile(rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
