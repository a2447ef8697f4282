/** What the XLSX exports share (the queue report's and the dossier register's): a sheet made of a table. */
import type ExcelJS from 'exceljs';

export type Cell = string | number | null;

export interface Column<T> {
  header: string;
  value: (row: T) => Cell;
  /** Excel number format. */
  format?: string;
}

/** A share 0..1 shown as a percentage. */
export const SHARE = '0.0%';

/** A sheet named `name`: a bold header row, a row per item, the columns' number formats. */
export function addTable<T>(wb: ExcelJS.Workbook, name: string, cols: Column<T>[], rows: readonly T[]): void {
  const ws = wb.addWorksheet(name);
  ws.columns = cols.map((c) => ({ header: c.header, width: Math.max(10, c.header.length + 2) }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(cols.map((c) => c.value(row)));
  cols.forEach((c, i) => {
    if (c.format) ws.getColumn(i + 1).numFmt = c.format;
  });
}
