import ExcelJS from 'exceljs';
import type { ReportFigures, ReportReply } from '@layso/protocol';
import { describe, expect, it } from 'vitest';
import { reportCsv, reportXlsx } from './export.js';

const FIGURES: ReportFigures = {
  called: 1,
  served: 1,
  noShow: 0,
  transferred: 0,
  leftWaiting: 0,
  avgWaitSeconds: 60,
  p90WaitSeconds: 60,
  avgServiceSeconds: 120,
  p90ServiceSeconds: 120,
  servedWithinTarget: 1,
  ratings: { verySatisfied: 0, satisfied: 0, unsatisfied: 0, none: 1 },
};
const HOSTILE = '=HYPERLINK("http://x","y")';

/** A report whose service, counter and officer names were typed by someone hostile. */
function hostileReport(): ReportReply {
  return {
    from: '2026-03-11',
    to: '2026-03-11',
    targetWaitMinutes: 15,
    totals: { ...FIGURES, issued: 1, cancelled: 0 },
    byService: [{ ...FIGURES, issued: 1, cancelled: 0, serviceId: 1, code: 'HT', name: HOSTILE }],
    byCounter: [{ ...FIGURES, counterId: 1, number: 1, name: '+1 quầy' }],
    byOfficer: [{ ...FIGURES, officerId: 1, displayName: HOSTILE }],
    byHour: [],
  };
}

describe('CSV cells a spreadsheet would run as formulas', () => {
  it('writes a service named =HYPERLINK(…) as quoted text, never a live formula', () => {
    const csv = reportCsv(hostileReport());
    const serviceRow = csv.split('\r\n')[1] ?? '';
    expect(serviceRow.startsWith(`HT,"'=HYPERLINK(""http://x"",""y"")",1,`)).toBe(true);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('keeps the same names string cells in the XLSX', async () => {
    const file = await reportXlsx(hostileReport());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
    for (const [sheet, col] of [
      ['Theo lĩnh vực', 2],
      ['Theo cán bộ', 1],
    ] as const) {
      const cell = wb.getWorksheet(sheet)?.getRow(2).getCell(col);
      expect(cell?.type, sheet).toBe(ExcelJS.ValueType.String);
      expect(cell?.value, sheet).toBe(HOSTILE);
    }
  });
});
