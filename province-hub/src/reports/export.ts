/**
 * The province report as files, Vietnamese headings first and the center report's wording where a figure means the
 * same: CSV (a row per site and a total row; RFC 4180, UTF-8 with a BOM so Excel reads the Vietnamese, CRLF) and
 * XLSX (ExcelJS: a summary sheet, by site, by service, and the weekday × hour matrices of arrivals and waits).
 */
import type { HubReportFigures, HubReportReply, HubSiteReport } from '@layso/protocol';
import { csvFile } from '@layso/server-kit';
import type ExcelJS from 'exceljs';

type Cell = string | number | null;

interface Column<T> {
  header: string;
  value: (row: T) => Cell;
  /** Excel number format. */
  format?: string;
}

const SHARE = '0.0%';
const SECONDS = '#,##0';

function figureColumns<T extends HubReportFigures>(targetWaitMinutes: number): Column<T>[] {
  return [
    { header: 'Số phiếu cấp', value: (r) => r.issued },
    { header: 'Đã phục vụ', value: (r) => r.served },
    { header: 'Vắng mặt', value: (r) => r.noShow },
    { header: 'Tự hủy số', value: (r) => r.cancelled },
    { header: 'Chuyển lĩnh vực', value: (r) => r.transferred },
    { header: 'Tỷ lệ vắng mặt', value: (r) => r.noShowRate, format: SHARE },
    { header: 'Thời gian chờ TB (giây)', value: (r) => r.avgWaitSeconds, format: SECONDS },
    { header: 'Thời gian chờ dài nhất (giây)', value: (r) => r.maxWaitSeconds, format: SECONDS },
    { header: 'Thời gian phục vụ TB (giây)', value: (r) => r.avgServiceSeconds, format: SECONDS },
    { header: `Tỷ lệ chờ ≤ ${targetWaitMinutes} phút`, value: (r) => r.servedWithinTarget, format: SHARE },
    { header: 'Rất hài lòng', value: (r) => r.ratings.verySatisfied },
    { header: 'Hài lòng', value: (r) => r.ratings.satisfied },
    { header: 'Không hài lòng', value: (r) => r.ratings.unsatisfied },
    { header: 'Tỷ lệ hài lòng', value: (r) => r.satisfaction, format: SHARE },
    { header: 'Hồ sơ tiếp nhận', value: (r) => r.dossiers.received },
    { header: 'Hồ sơ đã trả kết quả', value: (r) => r.dossiers.returned },
    { header: 'Trả trước hạn', value: (r) => r.dossiers.returnedEarly },
    { header: 'Trả đúng hạn', value: (r) => r.dossiers.returnedOnTime },
    { header: 'Trả quá hạn', value: (r) => r.dossiers.returnedLate },
    { header: 'Tỷ lệ trả đúng hạn', value: (r) => r.dossiers.onTimeRate, format: SHARE },
  ];
}

/** A site row, or the total row (no site: "Tổng cộng"). */
type SiteLine = HubReportFigures & { site?: HubSiteReport };

function siteColumns(targetWaitMinutes: number): Column<SiteLine>[] {
  return [
    { header: 'Mã điểm', value: (r) => r.site?.code ?? '' },
    { header: 'Tên điểm', value: (r) => r.site?.name ?? 'Tổng cộng' },
    { header: 'Xã/phường', value: (r) => r.site?.commune ?? '' },
    ...figureColumns<SiteLine>(targetWaitMinutes),
    // What the site itself reported for those days, to compare with the hub's sums.
    { header: 'Điểm tự báo: số phiếu cấp', value: (r) => r.site?.siteReported?.issued ?? null },
    { header: 'Điểm tự báo: đã phục vụ', value: (r) => r.site?.siteReported?.served ?? null },
    { header: 'Điểm tự báo: vắng mặt', value: (r) => r.site?.siteReported?.noShow ?? null },
    { header: 'Điểm tự báo: tự hủy số', value: (r) => r.site?.siteReported?.cancelled ?? null },
  ];
}

function siteLines(report: HubReportReply): SiteLine[] {
  return [...report.bySite.map((site) => ({ ...site, site })), report.totals];
}

/** The CSV file: BOM, header row, a row per site, the total row; CRLF line ends. */
export function reportCsv(report: HubReportReply): string {
  const cols = siteColumns(report.targetWaitMinutes);
  return csvFile([
    cols.map((c) => c.header),
    ...siteLines(report).map((row) => cols.map((c) => c.value(row))),
  ]);
}

export const HUB_REPORT_SHEETS = [
  'Tổng hợp',
  'Theo điểm',
  'Theo lĩnh vực',
  'Lượt đến theo giờ',
  'Thời gian chờ theo giờ',
] as const;

const WEEKDAYS = ['Thứ 2', 'Thứ 3', 'Thứ 4', 'Thứ 5', 'Thứ 6', 'Thứ 7', 'Chủ nhật'] as const;

function addTable<T>(wb: ExcelJS.Workbook, name: string, cols: Column<T>[], rows: readonly T[]): void {
  const ws = wb.addWorksheet(name);
  ws.columns = cols.map((c) => ({ header: c.header, width: Math.max(10, c.header.length + 2) }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(cols.map((c) => c.value(row)));
  cols.forEach((c, i) => {
    if (c.format) ws.getColumn(i + 1).numFmt = c.format;
  });
}

/** A weekday × hour sheet: an hour per row, a weekday per column. */
function addMatrix(
  wb: ExcelJS.Workbook,
  name: string,
  report: HubReportReply,
  value: (cell: HubReportReply['byHour'][number]) => Cell,
): void {
  const ws = wb.addWorksheet(name);
  ws.columns = [{ header: 'Giờ', width: 8 }, ...WEEKDAYS.map((d) => ({ header: d, width: 10 }))];
  ws.getRow(1).font = { bold: true };
  const cells = new Map(report.byHour.map((c) => [`${c.weekday}|${c.hour}`, c]));
  for (let hour = 0; hour < 24; hour++) {
    ws.addRow([
      hour,
      ...WEEKDAYS.map((_, d) => {
        const cell = cells.get(`${d + 1}|${hour}`);
        return cell ? value(cell) : null;
      }),
    ]);
  }
}

/** The XLSX workbook, sheets in HUB_REPORT_SHEETS order. */
export async function reportXlsx(report: HubReportReply): Promise<Buffer> {
  // Loaded on the first export: the hub process does not carry ExcelJS until someone asks for a file.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'LấySố';
  const target = report.targetWaitMinutes;

  const ws = wb.addWorksheet(HUB_REPORT_SHEETS[0]);
  ws.columns = [
    { header: 'Chỉ số', width: 34 },
    { header: 'Giá trị', width: 14 },
  ];
  ws.getRow(1).font = { bold: true };
  const summary: [string, Cell, string?][] = [
    ['Từ ngày', report.from],
    ['Đến ngày', report.to],
    ['Số điểm', report.bySite.length],
    ['Thời gian chờ mục tiêu (phút)', target],
    ...figureColumns<HubReportFigures>(target).map((c): [string, Cell, string?] => [
      c.header,
      c.value(report.totals),
      c.format,
    ]),
  ];
  for (const [label, value, format] of summary) {
    const row = ws.addRow([label, value]);
    if (format) row.getCell(2).numFmt = format;
  }

  addTable(wb, HUB_REPORT_SHEETS[1], siteColumns(target), siteLines(report));
  addTable(
    wb,
    HUB_REPORT_SHEETS[2],
    [
      { header: 'Mã lĩnh vực', value: (r) => r.code },
      ...figureColumns<HubReportReply['byService'][number]>(target),
    ],
    report.byService,
  );
  addMatrix(wb, HUB_REPORT_SHEETS[3], report, (c) => c.arrivals);
  addMatrix(wb, HUB_REPORT_SHEETS[4], report, (c) => c.avgWaitSeconds);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
