/**
 * A report as files: CSV (one row per service plus a total row, Vietnamese headers, RFC 4180, UTF-8 with a BOM so
 * Excel reads the Vietnamese right) and XLSX (ExcelJS: one sheet per view, numbers stored as numbers).
 */
import type { DossierProgressReply, ReportFigures, ReportReply, ReportTotals } from '@layso/protocol';
import { csvFile } from '@layso/server-kit';
import { addProgressSheet } from './dossier-export.js';
import { addTable, SHARE, type Cell, type Column } from './xlsx.js';

const SECONDS = '#,##0';

/** The figures every view shares, in the order of the columns. */
function figureColumns<T extends ReportFigures>(targetWaitMinutes: number): Column<T>[] {
  return [
    { header: 'Đã gọi', value: (r) => r.called },
    { header: 'Đã phục vụ', value: (r) => r.served },
    { header: 'Vắng mặt', value: (r) => r.noShow },
    { header: 'Chuyển lĩnh vực', value: (r) => r.transferred },
    { header: 'Còn chờ cuối ngày', value: (r) => r.leftWaiting },
    { header: 'Thời gian chờ TB (giây)', value: (r) => r.avgWaitSeconds, format: SECONDS },
    { header: 'Thời gian chờ P90 (giây)', value: (r) => r.p90WaitSeconds, format: SECONDS },
    { header: 'Thời gian phục vụ TB (giây)', value: (r) => r.avgServiceSeconds, format: SECONDS },
    { header: 'Thời gian phục vụ P90 (giây)', value: (r) => r.p90ServiceSeconds, format: SECONDS },
    {
      header: `Tỷ lệ chờ ≤ ${targetWaitMinutes} phút`,
      value: (r) => r.servedWithinTarget,
      format: SHARE,
    },
    { header: 'Rất hài lòng', value: (r) => r.ratings.verySatisfied },
    { header: 'Hài lòng', value: (r) => r.ratings.satisfied },
    { header: 'Không hài lòng', value: (r) => r.ratings.unsatisfied },
    { header: 'Chưa đánh giá', value: (r) => r.ratings.none },
  ];
}

type ServiceLine = ReportTotals & { code: string; name: string };

function serviceColumns(targetWaitMinutes: number): Column<ServiceLine>[] {
  return [
    { header: 'Mã lĩnh vực', value: (r) => r.code },
    { header: 'Lĩnh vực', value: (r) => r.name },
    { header: 'Số phiếu cấp', value: (r) => r.issued },
    { header: 'Tự hủy số', value: (r) => r.cancelled },
    ...figureColumns<ServiceLine>(targetWaitMinutes),
  ];
}

/** The service rows and the total row ("Tổng cộng"). */
function serviceLines(report: ReportReply): ServiceLine[] {
  return [...report.byService, { ...report.totals, code: '', name: 'Tổng cộng' }];
}

/** The CSV file: BOM, header row, a row per service, the total row; CRLF line ends. */
export function reportCsv(report: ReportReply): string {
  const cols = serviceColumns(report.targetWaitMinutes);
  return csvFile([
    cols.map((c) => c.header),
    ...serviceLines(report).map((row) => cols.map((c) => c.value(row))),
  ]);
}

export const REPORT_SHEETS = ['Tổng hợp', 'Theo lĩnh vực', 'Theo quầy', 'Theo cán bộ', 'Theo giờ'] as const;

export const WEEKDAYS_VI = ['Thứ 2', 'Thứ 3', 'Thứ 4', 'Thứ 5', 'Thứ 6', 'Thứ 7', 'Chủ nhật'] as const;

/**
 * The XLSX workbook, sheets in `REPORT_SHEETS` order; with the dossiers' progress over the same days, one more
 * sheet ({@link DOSSIER_PROGRESS_SHEET}).
 */
export async function reportXlsx(report: ReportReply, progress?: DossierProgressReply): Promise<Buffer> {
  // Loaded on the first export: ExcelJS costs the server ~20 MB of memory it would otherwise carry all day.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'LấySố';
  const target = report.targetWaitMinutes;

  const summary: [string, Cell, string?][] = [
    ['Từ ngày', report.from],
    ['Đến ngày', report.to],
    ['Thời gian chờ mục tiêu (phút)', target],
    ['Số phiếu cấp', report.totals.issued],
    ['Tự hủy số', report.totals.cancelled],
    ...figureColumns<ReportTotals>(target).map((c): [string, Cell, string?] => [
      c.header,
      c.value(report.totals),
      c.format,
    ]),
  ];
  const ws = wb.addWorksheet(REPORT_SHEETS[0]);
  ws.columns = [
    { header: 'Chỉ số', width: 34 },
    { header: 'Giá trị', width: 14 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const [label, value, format] of summary) {
    const row = ws.addRow([label, value]);
    if (format) row.getCell(2).numFmt = format;
  }

  addTable(wb, REPORT_SHEETS[1], serviceColumns(target), serviceLines(report));
  addTable(
    wb,
    REPORT_SHEETS[2],
    [
      { header: 'Quầy số', value: (r) => r.number },
      { header: 'Tên quầy', value: (r) => r.name },
      ...figureColumns<ReportReply['byCounter'][number]>(target),
    ],
    report.byCounter,
  );
  addTable(
    wb,
    REPORT_SHEETS[3],
    [
      { header: 'Cán bộ', value: (r) => r.displayName },
      ...figureColumns<ReportReply['byOfficer'][number]>(target),
    ],
    report.byOfficer,
  );

  const hours = wb.addWorksheet(REPORT_SHEETS[4]);
  hours.columns = [{ header: 'Giờ', width: 8 }, ...WEEKDAYS_VI.map((d) => ({ header: d, width: 10 }))];
  hours.getRow(1).font = { bold: true };
  for (let h = 0; h < 24; h++) {
    hours.addRow([
      h,
      ...WEEKDAYS_VI.map(
        (_, d) => report.byHour.find((c) => c.weekday === d + 1 && c.hour === h)?.arrivals ?? 0,
      ),
    ]);
  }

  if (progress) addProgressSheet(wb, progress);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
