/**
 * The feedback register as an XLSX file in the layout of the paper "sổ theo dõi" (issue 22): the center's name, the
 * title and the period on top, then one row a case with what the register records by law — received, classified,
 * forwarded (to whom, when, by what means, the letter's number), due days, answer, published, on time, closed.
 * Printed landscape on A4, fit to the page's width, the header repeated on every page.
 */
import type ExcelJS from 'exceljs';
import type { FeedbackListRow } from '../db/store.js';
import { feedbackDue, metDueDay } from '../domain/feedback.js';
import { formatVnTime, serviceDay } from '../domain/time.js';
import { formatFeedbackCode } from '@layso/protocol';
import {
  FEEDBACK_CHANNEL_LABELS,
  FEEDBACK_CLASS_LABELS,
  FEEDBACK_FORWARD_MEANS_LABELS,
  FEEDBACK_TOPIC_LABELS,
  FEEDBACK_UNSET,
} from '@layso/protocol/feedback-labels';
import type { Column } from './xlsx.js';

export const FEEDBACK_REGISTER_TITLE = 'SỔ THEO DÕI PHẢN ÁNH, KIẾN NGHỊ';
export const FEEDBACK_REGISTER_SHEET = 'Sổ theo dõi';
/** The row of the column headers (after the center, the title, the period and a blank line). */
export const FEEDBACK_REGISTER_HEADER_ROW = 5;

export interface FeedbackRegisterInput {
  centerName: string;
  from: string;
  to: string;
  /** The cases the viewer may see, in the register's order (oldest first). */
  rows: readonly FeedbackListRow[];
  /** Today and the "due soon" day, for the cases not answered yet. */
  today: string;
  soon: string;
}

/** A Vietnam day `yyyy-MM-dd` as written in a register: `dd/MM/yyyy`. */
const day = (d: string): string => d.split('-').reverse().join('/');
/** An instant's Vietnam day, `dd/MM/yyyy`. */
const dayOf = (at: Date | null): string | null => (at === null ? null : day(serviceDay(at)));

function citizen(c: FeedbackListRow): string {
  if (c.personalErasedAt !== null) return 'Đã xóa theo thời hạn lưu';
  if (c.name === null && c.phone === null) return 'Ẩn danh';
  return [c.name, c.phone].filter((s): s is string => s !== null).join('\n');
}

/** Forwarding is due for a case outside the center's authority, or not classified yet. */
const forwardDue = (c: FeedbackListRow) =>
  c.forwardedAt !== null || c.class === null || c.class === 'outside-authority';

function forwarded(c: FeedbackListRow): string | null {
  if (c.forwardedAt === null) return null;
  const parts = [
    c.forwardedTo,
    dayOf(c.forwardedAt),
    c.forwardMeans ? FEEDBACK_FORWARD_MEANS_LABELS[c.forwardMeans].vi : null,
  ];
  if (c.forwardReference) parts.push(`Số: ${c.forwardReference}`);
  return parts.filter((s): s is string => s !== null).join('\n');
}

function timeliness(c: FeedbackListRow, today: string, soon: string): string | null {
  if (c.answeredAt !== null) return metDueDay(c.answerDueDay, c.answeredAt) ? 'Đúng hạn' : 'Trễ hạn';
  if (c.status === 'closed') return null;
  return feedbackDue(c, today, soon).overdue ? 'Quá hạn' : null;
}

const columns = (
  input: FeedbackRegisterInput,
): (Column<FeedbackListRow & { n: number }> & { width: number })[] => [
  { header: 'STT', width: 6, value: (c) => c.n },
  { header: 'Ngày tiếp nhận', width: 12, value: (c) => formatVnTime(c.receivedAt).replace(' ', '\n') },
  { header: 'Mã phản ánh', width: 12, value: (c) => formatFeedbackCode(c.code) },
  { header: 'Kênh', width: 14, value: (c) => FEEDBACK_CHANNEL_LABELS[c.channel].vi },
  { header: 'Người phản ánh (họ tên, điện thoại)', width: 20, value: citizen },
  { header: 'Nội dung', width: 48, value: (c) => `[${FEEDBACK_TOPIC_LABELS[c.topic].vi}]\n${c.text}` },
  {
    header: 'Phân loại',
    width: 18,
    value: (c) => (c.class ? FEEDBACK_CLASS_LABELS[c.class] : FEEDBACK_UNSET.unclassified).vi,
  },
  {
    header: 'Cơ quan/cán bộ liên quan',
    width: 20,
    value: (c) => [c.serviceName, c.officerName].filter((s): s is string => s !== null).join('\n') || null,
  },
  { header: 'Chuyển đến (nơi, ngày, hình thức, số văn bản)', width: 24, value: forwarded },
  { header: 'Hạn chuyển', width: 11, value: (c) => (forwardDue(c) ? day(c.forwardDueDay) : null) },
  { header: 'Hạn trả lời', width: 11, value: (c) => day(c.answerDueDay) },
  { header: 'Ngày trả lời', width: 11, value: (c) => dayOf(c.answeredAt) },
  { header: 'Nội dung trả lời', width: 40, value: (c) => c.answer },
  {
    header: 'Công khai',
    width: 9,
    value: (c) => (c.answeredAt === null ? null : c.published ? 'Có' : 'Không'),
  },
  { header: 'Đúng hạn/Trễ hạn', width: 11, value: (c) => timeliness(c, input.today, input.soon) },
  { header: 'Ngày đóng', width: 11, value: (c) => dayOf(c.closedAt) },
];

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export async function feedbackRegisterXlsx(input: FeedbackRegisterInput): Promise<Buffer> {
  // Loaded on the first export, as the other reports'.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'LấySố';
  const cols = columns(input);
  const ws = wb.addWorksheet(FEEDBACK_REGISTER_SHEET, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${FEEDBACK_REGISTER_HEADER_ROW}:${FEEDBACK_REGISTER_HEADER_ROW}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    views: [{ state: 'frozen', ySplit: FEEDBACK_REGISTER_HEADER_ROW }],
  });
  ws.columns = cols.map((c) => ({ width: c.width }));
  const title = (row: number, text: string, font: Partial<ExcelJS.Font>) => {
    ws.mergeCells(row, 1, row, cols.length);
    const cell = ws.getCell(row, 1);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: 'center' };
  };
  title(1, input.centerName.toLocaleUpperCase('vi'), { bold: true });
  title(2, FEEDBACK_REGISTER_TITLE, { bold: true, size: 14 });
  title(3, `Từ ngày ${day(input.from)} đến ngày ${day(input.to)}`, { italic: true });

  const header = ws.getRow(FEEDBACK_REGISTER_HEADER_ROW);
  header.values = cols.map((c) => c.header);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.border = THIN;
  });
  input.rows.forEach((c, i) => {
    const row = ws.addRow(cols.map((col) => col.value({ ...c, n: i + 1 })));
    for (let k = 1; k <= cols.length; k += 1) {
      const cell = row.getCell(k);
      cell.alignment = { wrapText: true, vertical: 'top' };
      cell.border = THIN;
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
