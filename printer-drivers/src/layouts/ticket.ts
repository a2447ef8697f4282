import type { MonoBitmap } from '../render/bitmap.js';
import { qrModuleDotsFor, renderQr } from '../render/qr.js';
import type { FontFace } from '../render/font.js';
import { drawLine, normalizeText, wrapText, type TextStyle } from '../render/text.js';
import { layoutFrame, type LayoutFrame, type LayoutOptions } from './common.js';
import { formatTicketTime, vnWallTime } from './time.js';

/** What the server passes to print a queue ticket. */
export interface TicketData {
  centerName: string;
  serviceName: string;
  /** The formatted number, e.g. "1005". */
  number: string;
  /** e.g. "Người cao tuổi"; null for a normal ticket. */
  priorityLabel: string | null;
  /** People waiting ahead of this ticket. */
  ahead: number;
  estimatedWaitMinutes: number;
  issuedAt: Date;
  /** Printed as a QR code. */
  trackingUrl: string;
  /** A short line at the bottom; null for none. */
  notice: string | null;
  /** A ticket issued at check-in for a booking: its slot's start and the booking's code as shown (`K7PQ-3M2D`). */
  booked?: { startsAt: Date; code: string } | null;
}

export const TICKET_TEXT = {
  heading: 'SỐ THỨ TỰ CỦA BẠN',
  priority: 'ƯU TIÊN',
  ahead: 'Số người đang chờ trước bạn',
  wait: 'Thời gian chờ dự kiến',
  minutes: (n: number) => (n > 0 ? `khoảng ${n} phút` : 'sắp đến lượt'),
  issuedAt: 'Giờ lấy số',
  qrCaption: 'Quét mã QR để theo dõi lượt gọi trên điện thoại',
  booked: (time: string) => `ĐẶT HẸN ${time} · BOOKED`,
  bookingCode: 'Mã đặt lịch',
} as const;

/** The booked mark's two lines: `ĐẶT HẸN 09:30 · BOOKED` (the slot, Vietnam time) and the booking's code. */
export function bookedLines(booked: { startsAt: Date; code: string }): [string, string] {
  const w = vnWallTime(booked.startsAt);
  const time = `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  return [TICKET_TEXT.booked(time), `${TICKET_TEXT.bookingCode}: ${normalizeText(booked.code)}`];
}

function checkTicket(t: TicketData): void {
  if (!t.number || !/^[\p{L}\p{N}-]{1,12}$/u.test(t.number))
    throw new RangeError('ticket number must be 1–12 letters/digits');
  if (!Number.isInteger(t.ahead) || t.ahead < 0) throw new RangeError('ahead must be an integer ≥ 0');
  if (!Number.isInteger(t.estimatedWaitMinutes) || t.estimatedWaitMinutes < 0) {
    throw new RangeError('estimatedWaitMinutes must be an integer ≥ 0');
  }
  if (!(t.issuedAt instanceof Date) || Number.isNaN(t.issuedAt.getTime()))
    throw new RangeError('issuedAt must be a valid Date');
  if (!t.trackingUrl) throw new RangeError('trackingUrl is required');
  if (t.booked) {
    if (!(t.booked.startsAt instanceof Date) || Number.isNaN(t.booked.startsAt.getTime()))
      throw new RangeError('booked.startsAt must be a valid Date');
    if (!/^[0-9A-Z-]{4,12}$/.test(t.booked.code))
      throw new RangeError('booked.code must be 4–12 letters/digits');
  }
}

/** A full-width black box with centred white lines (the priority and booked marks). */
function markBox(
  frame: LayoutFrame,
  text: string,
  style: TextStyle & { face: FontFace; size: number },
): void {
  const { canvas, margin, inner, s } = frame;
  const lines = wrapText(text, style.face, style.size, inner - Math.round(24 * s));
  const lh = style.face.lineHeight(style.size);
  const pad = Math.round(6 * s);
  const boxH = lines.length * lh + pad * 2;
  const area = canvas.area(boxH);
  area.bmp.fillRect(margin, area.top, inner, boxH);
  lines.forEach((line, i) => {
    const baseline = area.top + pad + i * lh + Math.round(style.face.ascent(style.size));
    drawLine(area.bmp, line, style, margin, baseline, inner, true);
  });
  canvas.space(boxH + Math.round(10 * s));
}

/** Renders the queue ticket as a 1-bit image `width` dots wide (default 576 = 80 mm). */
export function renderTicket(ticket: TicketData, options: LayoutOptions = {}): MonoBitmap {
  checkTicket(ticket);
  const frame = layoutFrame(options);
  const { s, margin, inner, regular, semibold, bold, canvas } = frame;

  canvas.space(Math.round(8 * s));
  canvas.paragraph(ticket.centerName, { face: semibold, size: Math.round(26 * s), align: 'center' }, margin);
  canvas.space(Math.round(6 * s));
  canvas.rule(2, margin);
  canvas.space(Math.round(10 * s));
  canvas.paragraph(
    TICKET_TEXT.heading,
    { face: semibold, size: Math.round(24 * s), align: 'center' },
    margin,
  );

  // The number: as big as fits on one line.
  const number = normalizeText(ticket.number);
  let size = Math.round(176 * s);
  while (size > 40 && bold.measure(number, size) > inner) size -= 4;
  const numberStyle = { face: bold, size, align: 'center' as const };
  // Digits carry no marks: a tight box of cap height keeps the ticket short without clipping.
  const capTop = Math.round(size * 0.74);
  const { bmp, top } = canvas.area(capTop + Math.round(size * 0.08));
  drawLine(bmp, number, numberStyle, margin, top + capTop, inner);
  canvas.space(capTop + Math.round(size * 0.08));
  canvas.space(Math.round(12 * s));

  const markStyle = { face: bold, size: Math.round(26 * s), align: 'center' as const };
  if (ticket.booked) {
    // The officer and the citizen see at a glance it is a booked number, called at its time.
    const [mark, code] = bookedLines(ticket.booked);
    markBox(frame, mark, markStyle);
    canvas.paragraph(code, { face: semibold, size: Math.round(24 * s), align: 'center' }, margin);
    canvas.space(Math.round(10 * s));
  }
  if (ticket.priorityLabel) {
    markBox(frame, `${TICKET_TEXT.priority}: ${normalizeText(ticket.priorityLabel)}`, markStyle);
  }

  canvas.paragraph(ticket.serviceName, { face: bold, size: Math.round(32 * s), align: 'center' }, margin);
  canvas.space(Math.round(8 * s));
  canvas.rule(2, margin, true);
  canvas.space(Math.round(8 * s));

  const info = { face: regular, size: Math.round(24 * s), align: 'left' as const };
  const infoBold = { face: semibold, size: Math.round(24 * s), align: 'left' as const };
  const row = (label: string, value: string): void => {
    // Label and value on one line when they fit, otherwise the value goes on its own line(s).
    const line = `${label}: ${value}`;
    if (regular.measure(line, info.size) <= inner) {
      canvas.paragraph(line, info, margin);
    } else {
      canvas.paragraph(`${label}:`, info, margin);
      canvas.paragraph(value, infoBold, margin);
    }
  };
  row(TICKET_TEXT.ahead, String(ticket.ahead));
  row(TICKET_TEXT.wait, TICKET_TEXT.minutes(ticket.estimatedWaitMinutes));
  row(TICKET_TEXT.issuedAt, formatTicketTime(ticket.issuedAt));
  canvas.space(Math.round(10 * s));

  const qrMax = Math.round(240 * s);
  const qr = renderQr(ticket.trackingUrl, qrModuleDotsFor(ticket.trackingUrl, qrMax), 'M');
  canvas.image(qr, 'center');
  canvas.paragraph(
    TICKET_TEXT.qrCaption,
    { face: regular, size: Math.round(20 * s), align: 'center' },
    margin,
  );

  if (ticket.notice) {
    canvas.space(Math.round(8 * s));
    canvas.rule(1, margin, true);
    canvas.space(Math.round(6 * s));
    canvas.paragraph(ticket.notice, { face: semibold, size: Math.round(22 * s), align: 'center' }, margin);
  }
  return canvas.finish(Math.round(16 * s));
}

/** A ticket with plausible content, for `layso-print --sample`, the demo and the bench. */
export function sampleTicket(overrides: Partial<TicketData> = {}): TicketData {
  return {
    centerName: 'Trung tâm Phục vụ Hành chính công tỉnh Vĩnh Long',
    serviceName: 'Sở Tư pháp',
    number: '1005',
    priorityLabel: null,
    ahead: 4,
    estimatedWaitMinutes: 12,
    issuedAt: new Date('2026-11-27T01:15:00Z'),
    trackingUrl: 'http://127.0.0.1:8080/t/8f3a2c7e-1005',
    notice: 'Vui lòng chú ý màn hình và loa gọi số. Số đã qua sẽ phải lấy số mới.',
    ...overrides,
  };
}
