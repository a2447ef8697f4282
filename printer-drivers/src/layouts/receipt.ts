import type { MonoBitmap } from '../render/bitmap.js';
import { code128Width, renderCode128 } from '../render/code128.js';
import { qrModuleDotsFor, renderQr } from '../render/qr.js';
import { drawLine, normalizeText, wrapText, type TextStyle } from '../render/text.js';
import { layoutFrame, type LayoutOptions } from './common.js';
import { formatFormTime } from './time.js';

/** Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Circular 03/2025/TT-VPCP), thermal-width version. */
export interface ReceiptData {
  centerName: string;
  /** e.g. "000.00.12.H62-201105-0004"; printed as text, Code 128 and QR. */
  dossierCode: string;
  applicantName: string;
  applicantAddress?: string | null;
  applicantPhone?: string | null;
  applicantIdNumber?: string | null;
  procedureName: string;
  /** Documents received, one per line. */
  documents?: readonly string[];
  /** e.g. "05 ngày làm việc". */
  processingTime?: string | null;
  receivedAt: Date;
  appointmentAt: Date;
  /** Where the result is collected, e.g. "Quầy số 3, Trung tâm Phục vụ Hành chính công". */
  collectAt: string;
  officerName?: string | null;
  /** QR content; defaults to the dossier code. */
  trackingUrl?: string | null;
}

export const RECEIPT_TEXT = {
  title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
  code: 'Mã hồ sơ',
  applicant: 'Ông/Bà',
  address: 'Địa chỉ',
  phone: 'Số điện thoại',
  idNumber: 'Số giấy tờ tùy thân',
  request: 'Nội dung yêu cầu giải quyết',
  documents: 'Thành phần hồ sơ',
  processing: 'Thời gian giải quyết',
  received: 'Thời gian nhận hồ sơ',
  appointment: 'Thời gian trả kết quả',
  collect: 'Nơi nhận kết quả',
  applicantSign: 'NGƯỜI NỘP HỒ SƠ',
  officerSign: 'NGƯỜI TIẾP NHẬN',
  signHint: '(Ký và ghi rõ họ tên)',
} as const;

export function renderReceipt(r: ReceiptData, options: LayoutOptions = {}): MonoBitmap {
  if (!r.dossierCode || !/^[\x20-\x7e]+$/.test(r.dossierCode))
    throw new RangeError('dossierCode must be printable ASCII');
  for (const d of [r.receivedAt, r.appointmentAt]) {
    if (!(d instanceof Date) || Number.isNaN(d.getTime()))
      throw new RangeError('receivedAt and appointmentAt must be valid Dates');
  }
  const { width, s, margin, inner, regular, semibold, bold, canvas } = layoutFrame(options);
  const size = Math.max(18, Math.round(22 * s));
  const body: TextStyle = { face: regular, size, align: 'left' };

  canvas.space(Math.round(8 * s));
  canvas.paragraph(r.centerName, { face: semibold, size: Math.round(24 * s), align: 'center' }, margin);
  canvas.space(Math.round(6 * s));
  canvas.paragraph(RECEIPT_TEXT.title, { face: bold, size: Math.round(28 * s), align: 'center' }, margin);
  canvas.space(Math.round(8 * s));
  canvas.paragraph(
    `${RECEIPT_TEXT.code}: ${r.dossierCode}`,
    { face: bold, size: Math.round(24 * s), align: 'center' },
    margin,
  );
  canvas.space(Math.round(6 * s));

  // Code 128 at 2 dots a module when it fits, else 1; the QR below carries the same code anyway.
  const moduleDots = code128Width(r.dossierCode, 2) <= width ? 2 : 1;
  if (code128Width(r.dossierCode, moduleDots) <= width) {
    canvas.image(renderCode128(r.dossierCode, moduleDots, Math.round(72 * s)), 'center');
    canvas.space(Math.round(8 * s));
  }
  const qrText = r.trackingUrl ?? r.dossierCode;
  canvas.image(renderQr(qrText, qrModuleDotsFor(qrText, Math.round(200 * s)), 'M'), 'center');
  canvas.rule(2, margin, true);
  canvas.space(Math.round(8 * s));

  const field = (label: string, value: string | null | undefined): void => {
    if (!value) return;
    canvas.paragraph(`${label}: ${normalizeText(value)}`, body, margin);
  };
  field(RECEIPT_TEXT.applicant, r.applicantName);
  field(RECEIPT_TEXT.address, r.applicantAddress);
  field(RECEIPT_TEXT.phone, r.applicantPhone);
  field(RECEIPT_TEXT.idNumber, r.applicantIdNumber);
  field(RECEIPT_TEXT.request, r.procedureName);
  if (r.documents && r.documents.length > 0) {
    canvas.paragraph(`${RECEIPT_TEXT.documents}:`, body, margin);
    r.documents.forEach((d, i) =>
      canvas.paragraph(`${i + 1}. ${normalizeText(d)}`, body, margin + Math.round(16 * s)),
    );
  }
  field(RECEIPT_TEXT.processing, r.processingTime);
  canvas.space(Math.round(4 * s));
  const strong: TextStyle = { face: semibold, size, align: 'left' };
  canvas.paragraph(`${RECEIPT_TEXT.received}: ${formatFormTime(r.receivedAt)}`, strong, margin);
  canvas.paragraph(`${RECEIPT_TEXT.appointment}: ${formatFormTime(r.appointmentAt)}`, strong, margin);
  field(RECEIPT_TEXT.collect, r.collectAt);
  canvas.space(Math.round(16 * s));

  // Two signature columns.
  const col = Math.floor(inner / 2);
  const head: TextStyle = { face: bold, size: Math.max(16, Math.round(20 * s)), align: 'center' };
  const hint: TextStyle = { face: regular, size: Math.max(14, Math.round(16 * s)), align: 'center' };
  const columns = (left: string, right: string, style: TextStyle): void => {
    const l = wrapText(left, style.face, style.size, col);
    const rr = wrapText(right, style.face, style.size, col);
    const lh = style.face.lineHeight(style.size);
    const rows = Math.max(l.length, rr.length);
    const { bmp, top } = canvas.area(rows * lh);
    const ascent = Math.round(style.face.ascent(style.size));
    l.forEach((t, i) => drawLine(bmp, t, style, margin, top + i * lh + ascent, col));
    rr.forEach((t, i) => drawLine(bmp, t, style, margin + col, top + i * lh + ascent, col));
    canvas.space(rows * lh);
  };
  columns(RECEIPT_TEXT.applicantSign, RECEIPT_TEXT.officerSign, head);
  columns(RECEIPT_TEXT.signHint, RECEIPT_TEXT.signHint, hint);
  canvas.space(Math.round(96 * s));
  columns(normalizeText(r.applicantName), normalizeText(r.officerName ?? ''), { ...head, face: semibold });
  return canvas.finish(Math.round(16 * s));
}

export function sampleReceipt(overrides: Partial<ReceiptData> = {}): ReceiptData {
  return {
    centerName: 'Trung tâm Phục vụ Hành chính công tỉnh Vĩnh Long',
    dossierCode: '000.00.12.H62-261127-0004',
    applicantName: 'Nguyễn Thị Ánh Tuyết',
    applicantAddress: '12C Hoàng Thái Hiếu, Phường 1, Vĩnh Long',
    applicantPhone: '0912345678',
    applicantIdNumber: null,
    procedureName: 'Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    documents: ['Đơn đề nghị cấp đổi Giấy chứng nhận (bản chính)', 'Giấy chứng nhận đã cấp (bản chính)'],
    processingTime: '07 ngày làm việc',
    receivedAt: new Date('2026-11-27T01:15:00Z'),
    appointmentAt: new Date('2026-12-08T07:00:00Z'),
    collectAt: 'Quầy số 3, Trung tâm Phục vụ Hành chính công tỉnh Vĩnh Long',
    officerName: 'Trần Văn Bình',
    trackingUrl: null,
    ...overrides,
  };
}
