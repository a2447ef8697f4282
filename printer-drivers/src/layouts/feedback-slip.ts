import type { MonoBitmap } from '../render/bitmap.js';
import { qrModuleDotsFor, renderQr } from '../render/qr.js';
import { drawLine, normalizeText } from '../render/text.js';
import { layoutFrame, type LayoutOptions } from './common.js';
import { formatTicketTime } from './time.js';

/**
 * The slip a kiosk prints for a feedback case (issue 22): the code, when it was received, when the answer is due and
 * where to follow it. Deliberately nothing of the case itself — no text, no name, no phone — a slip left on the
 * kiosk's tray tells a stranger nothing.
 */
export interface FeedbackSlipData {
  centerName: string;
  /** The case's code as shown, `XXXX-XXXX`. */
  code: string;
  receivedAt: Date;
  /** The Vietnam day the answer is due, `yyyy-MM-dd`. */
  answerDueDay: string;
  /** The case's page, printed as the QR. */
  url: string;
  /** The same page written short enough to type (no scheme), printed under the QR. */
  address: string;
  /** False when no message will tell the citizen (no phone given, or no message channel on): the slip says so. */
  answerByNotice: boolean;
}

export const FEEDBACK_SLIP_TEXT = {
  title: 'PHIẾU TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ',
  code: 'Mã phản ánh',
  received: 'Thời gian tiếp nhận',
  due: 'Hạn trả lời',
  lookUp: (address: string) => `Tra cứu: quét mã QR hoặc vào ${address}`,
  noNotice: 'Trung tâm không nhắn tin câu trả lời: tra cứu bằng mã trên phiếu',
  keep: 'Vui lòng giữ phiếu này để tra cứu kết quả.',
} as const;

/**
 * The case page's address to type by hand, from its URL: no scheme, and the code as shown (the page reads it with its
 * dash too), e.g. `http://host/pa/K7PQ3M2D` → `host/pa/K7PQ-3M2D`. The server and the Electron kiosk both print it.
 */
export function feedbackSlipAddress(url: string, shownCode: string): string {
  const bare = url.replace(/^https?:\/\//, '');
  const cut = bare.lastIndexOf('/');
  return cut < 0 ? bare : `${bare.slice(0, cut + 1)}${shownCode}`;
}

/** `yyyy-MM-dd` → `dd/MM/yyyy`, the way a due day is written on paper. */
export function formatDueDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`answerDueDay must be yyyy-MM-dd, got ${day}`);
  return `${m[3]}/${m[2]}/${m[1]}`;
}

function checkSlip(d: FeedbackSlipData): void {
  if (!/^[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(d.code)) throw new RangeError('code must be shown as XXXX-XXXX');
  if (!(d.receivedAt instanceof Date) || Number.isNaN(d.receivedAt.getTime()))
    throw new RangeError('receivedAt must be a valid Date');
  formatDueDay(d.answerDueDay);
  if (!d.url) throw new RangeError('url is required');
  if (!d.address) throw new RangeError('address is required');
}

/** The slip's lines of text in print order (the code and the QR drawn between them): what the paper says. */
export function feedbackSlipLines(d: FeedbackSlipData): {
  head: string[];
  dates: string[];
  foot: string[];
} {
  checkSlip(d);
  return {
    head: [normalizeText(d.centerName), FEEDBACK_SLIP_TEXT.title, FEEDBACK_SLIP_TEXT.code],
    dates: [
      `${FEEDBACK_SLIP_TEXT.received}: ${formatTicketTime(d.receivedAt)}`,
      `${FEEDBACK_SLIP_TEXT.due}: ${formatDueDay(d.answerDueDay)}`,
    ],
    foot: [
      FEEDBACK_SLIP_TEXT.lookUp(d.address),
      ...(d.answerByNotice ? [] : [FEEDBACK_SLIP_TEXT.noNotice]),
      FEEDBACK_SLIP_TEXT.keep,
    ],
  };
}

/** Renders the feedback slip as a 1-bit image `width` dots wide (default 576 = 80 mm). */
export function renderFeedbackSlip(d: FeedbackSlipData, options: LayoutOptions = {}): MonoBitmap {
  const lines = feedbackSlipLines(d);
  const { s, margin, inner, regular, semibold, bold, canvas } = layoutFrame(options);
  const [center = '', title = '', codeLabel = ''] = lines.head;

  canvas.space(Math.round(8 * s));
  canvas.paragraph(center, { face: semibold, size: Math.round(24 * s), align: 'center' }, margin);
  canvas.space(Math.round(6 * s));
  canvas.rule(2, margin);
  canvas.space(Math.round(10 * s));
  // The title on one line when a slightly smaller size allows it (58 mm paper wraps it).
  let titleSize = Math.round(28 * s);
  while (titleSize > Math.round(24 * s) && bold.measure(title, titleSize) > inner) titleSize -= 1;
  canvas.paragraph(title, { face: bold, size: titleSize, align: 'center' }, margin);
  canvas.space(Math.round(10 * s));
  canvas.paragraph(codeLabel, { face: semibold, size: Math.round(24 * s), align: 'center' }, margin);

  // The code: as large as fits on one line, to read out or copy down. Capitals and digits carry no marks, so a
  // cap-height box keeps it tight (as the ticket's number).
  let size = Math.round(96 * s);
  while (size > 32 && bold.measure(d.code, size) > inner) size -= 4;
  const capTop = Math.round(size * 0.74);
  const box = capTop + Math.round(size * 0.08);
  const { bmp, top } = canvas.area(box);
  drawLine(bmp, d.code, { face: bold, size, align: 'center' }, margin, top + capTop, inner);
  canvas.space(box + Math.round(12 * s));

  const info = { face: regular, size: Math.round(24 * s), align: 'center' as const };
  const strong = { ...info, face: semibold };
  const [received = '', due = ''] = lines.dates;
  canvas.paragraph(received, info, margin);
  canvas.paragraph(due, { ...strong, size: Math.round(28 * s) }, margin);
  canvas.space(Math.round(10 * s));
  canvas.rule(2, margin, true);
  canvas.space(Math.round(12 * s));

  canvas.image(renderQr(d.url, qrModuleDotsFor(d.url, Math.round(240 * s)), 'M'), 'center');
  canvas.space(Math.round(4 * s));
  const [lookUp = '', ...rest] = lines.foot;
  canvas.paragraph(lookUp, { ...info, size: Math.round(22 * s) }, margin);
  for (const line of rest) {
    canvas.space(Math.round(8 * s));
    const noNotice = line === FEEDBACK_SLIP_TEXT.noNotice;
    canvas.paragraph(
      line,
      noNotice ? { ...strong, size: Math.round(22 * s) } : { ...info, size: Math.round(20 * s) },
      margin,
    );
  }
  return canvas.finish(Math.round(16 * s));
}

/** A slip with plausible content, for tests and a look at the paper. */
export function sampleFeedbackSlip(overrides: Partial<FeedbackSlipData> = {}): FeedbackSlipData {
  return {
    centerName: 'Trung tâm Phục vụ Hành chính công tỉnh Vĩnh Long',
    code: 'K7PQ-3M2D',
    receivedAt: new Date('2026-11-27T01:15:00Z'),
    answerDueDay: '2026-12-11',
    url: 'http://127.0.0.1:8080/pa/K7PQ3M2D',
    address: '127.0.0.1:8080/pa/K7PQ-3M2D',
    answerByNotice: false,
    ...overrides,
  };
}
