/**
 * A list of the dossier register as an XLSX file (issue 18): one sheet of dossiers, Vietnamese headers, times in
 * Vietnam time as printed on slips; a second sheet says which list, when and how many. The authorised collector's
 * name stays out of the file: a spreadsheet outlives the intake retention. And the queue report's sheet of the
 * dossiers' progress (Decision 766).
 */
import type ExcelJS from 'exceljs';
import {
  DOSSIER_STATUS_LABELS,
  type DossierList,
  type DossierProgressLine,
  type DossierProgressReply,
  type DossierRecord,
  type DossierView,
} from '@layso/protocol';
import { formatVnTime } from '../domain/time.js';
import { addTable, SHARE, type Column } from './xlsx.js';

export const DOSSIER_VIEW_NAMES: Record<DossierView, string> = {
  'due-today': 'Đến hạn trả hôm nay',
  'due-tomorrow': 'Đến hạn trả ngày làm việc tiếp theo',
  overdue: 'Quá hạn, chưa có kết quả',
  uncollected: 'Có kết quả, chưa đến nhận',
  'returned-late': 'Có kết quả quá hạn',
  all: 'Tất cả hồ sơ',
};

const CHANNELS: Record<number, string> = { 1: 'Trực tiếp', 2: 'Trực tuyến', 3: 'Bưu chính công ích' };
const COLLECTORS = { owner: 'Chủ hồ sơ', authorised: 'Người được ủy quyền' } as const;

const time = (iso: string | null): string | null => (iso === null ? null : formatVnTime(new Date(iso)));

const COLUMNS: Column<DossierRecord>[] = [
  { header: 'Mã hồ sơ', value: (d) => d.code },
  { header: 'Thủ tục', value: (d) => d.procedureName },
  { header: 'Lĩnh vực', value: (d) => d.serviceName },
  { header: 'Kênh', value: (d) => CHANNELS[d.channel] ?? null },
  { header: 'Ngày tiếp nhận', value: (d) => time(d.receivedAt) },
  { header: 'Ngày hẹn trả', value: (d) => time(d.appointmentAt) },
  { header: 'Trạng thái', value: (d) => DOSSIER_STATUS_LABELS[d.status]?.vi ?? String(d.status) },
  { header: 'Cập nhật lúc', value: (d) => time(d.statusLearntAt) },
  { header: 'Quá hạn', value: (d) => (d.overdue ? 'Quá hạn' : null) },
  { header: 'Ngày có kết quả', value: (d) => time(d.resultReadyAt) },
  { header: 'Ngày trả', value: (d) => time(d.returnedAt) },
  { header: 'Người nhận', value: (d) => (d.collectedBy ? COLLECTORS[d.collectedBy] : null) },
  { header: 'Số bản gốc trả lại', value: (d) => d.originalsReturned },
  { header: 'Cán bộ tiếp nhận', value: (d) => d.receivingOfficer },
  { header: 'Lý do / ghi chú của tỉnh', value: (d) => d.reason },
];

export const DOSSIER_SHEETS = ['Hồ sơ', 'Thông tin'] as const;

export async function dossierListXlsx(list: DossierList): Promise<Buffer> {
  // Loaded on the first export, as the queue report's.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'LấySố';
  addTable(wb, DOSSIER_SHEETS[0], COLUMNS, list.dossiers);
  const info = wb.addWorksheet(DOSSIER_SHEETS[1]);
  info.columns = [
    { header: 'Mục', width: 34 },
    { header: 'Giá trị', width: 40 },
  ];
  info.getRow(1).font = { bold: true };
  info.addRow(['Danh sách', DOSSIER_VIEW_NAMES[list.view]]);
  info.addRow(['Lập lúc', formatVnTime(new Date(list.at))]);
  info.addRow(['Số hồ sơ', list.total]);
  if (list.total > list.dossiers.length) info.addRow(['Có trong tệp', list.dossiers.length]);
  info.addRow(['Chưa nhận kết quả sau (ngày làm việc)', list.uncollectedAlertDays]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The queue report's extra sheet: Decision 766's progress over the report's days. */
export const DOSSIER_PROGRESS_SHEET = 'Tiến độ hồ sơ';

const PROGRESS_COLUMNS: Column<DossierProgressLine>[] = [
  { header: 'Nhóm', value: (r) => r.name },
  { header: 'Đã tiếp nhận', value: (r) => r.received },
  { header: 'Trả trước hạn', value: (r) => r.returnedEarly },
  { header: 'Trả đúng hạn', value: (r) => r.returnedOnTime },
  { header: 'Trả quá hạn', value: (r) => r.returnedLate },
  { header: 'Đang giải quyết trong hạn', value: (r) => r.inProgressOnTime },
  { header: 'Đang giải quyết quá hạn', value: (r) => r.inProgressOverdue },
  { header: 'Tỷ lệ đúng hạn', value: (r) => r.onTimeRate, format: SHARE },
];

/** The totals first ("Tổng cộng"), then each receiving service, then each receiving officer. */
export function addProgressSheet(wb: ExcelJS.Workbook, p: DossierProgressReply): void {
  addTable(wb, DOSSIER_PROGRESS_SHEET, PROGRESS_COLUMNS, [
    { id: 0, name: 'Tổng cộng', ...p.totals },
    ...p.byService.map((s) => ({ ...s, name: `Lĩnh vực: ${s.name}` })),
    ...p.byOfficer.map((o) => ({ ...o, name: `Cán bộ: ${o.name}` })),
  ]);
}
