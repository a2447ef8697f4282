import type { DossierFoundState } from '@layso/protocol';
import { formatClock } from './datetime.js';
import { defineMessages, type Bilingual } from './i18n.js';

// The words of a dossier's lookup, zod-free (protocol's types only), so the phone's lean build can say them too.

/**
 * "Nhận kết quả / Tra cứu hồ sơ" in words a citizen of 70 reads at arm's length: short sentences, what to do
 * next, never a status code. English beneath. Shared by the kiosk and the phone page `/h/:code`.
 */
export const DOSSIER_TEXT = defineMessages({
  welcomeButton: { vi: 'Nhận kết quả · Tra cứu hồ sơ', en: 'Collect a result · Check a dossier' },
  welcomeHint: { vi: 'Quét giấy hẹn trả kết quả', en: 'Scan your appointment slip' },
  codeTitle: { vi: 'Nhận kết quả · Tra cứu hồ sơ', en: 'Collect a result · Check a dossier' },
  scanHint: {
    vi: 'Đưa mã QR hoặc mã vạch trên giấy hẹn trả kết quả vào máy quét.',
    en: 'Hold the QR code or the barcode on your appointment slip to the scanner.',
  },
  typeHint: {
    vi: 'Hoặc bấm các chữ số của mã hồ sơ (in trên giấy hẹn):',
    en: 'Or type the digits of the dossier code (printed on the slip):',
  },
  typeHelp: {
    vi: 'Ví dụ: 000.00.12.H62-201105-0004. Dấu chấm, chữ H và dấu gạch tự thêm vào.',
    en: 'For example: 000.00.12.H62-201105-0004. The dots, the H and the dashes are added for you.',
  },
  codeLabel: { vi: 'Mã hồ sơ', en: 'Dossier code' },
  codeWrong: {
    vi: 'Mã hồ sơ chưa đúng. Hãy xem lại mã in trên giấy hẹn.',
    en: 'This code is not right. Check the code printed on your slip.',
  },
  next: { vi: 'Tiếp tục', en: 'Continue' },
  proofTitle: { vi: 'Nhập 4 số cuối', en: 'Type the last 4 digits' },
  proofText: {
    vi: 'Để giữ kín thông tin của bạn, hãy bấm 4 chữ số cuối của số căn cước (CCCD) hoặc số điện thoại đã khai khi nộp hồ sơ.',
    en: 'To keep your information private, type the last 4 digits of the ID card or phone number you gave when you applied.',
  },
  proofLabel: { vi: '4 số cuối', en: 'Last 4 digits' },
  proofCard: {
    vi: 'Hoặc đưa mã QR trên thẻ căn cước của chủ hồ sơ vào máy quét.',
    en: "Or hold the QR code of the owner's ID card to the scanner.",
  },
  lookUp: { vi: 'Xem kết quả', en: 'Check' },
  looking: { vi: 'Đang tra cứu…', en: 'Checking…' },
  // The kiosk offers a number to ask at the counter beneath it.
  tooMany: {
    vi: 'Bạn đã nhập sai nhiều lần nên chưa xem được kết quả lúc này.',
    en: 'Too many wrong tries: the result cannot be shown for now.',
  },
  lookupFailed: {
    vi: 'Chưa tra cứu được. Vui lòng thử lại hoặc đến bàn hướng dẫn.',
    en: 'The check did not work. Please try again or ask at the help desk.',
  },

  ready: { vi: 'Hồ sơ của bạn đã có kết quả', en: 'Your result is ready' },
  readyText: {
    vi: 'Mời bạn lấy số để nhận kết quả tại {service}.',
    en: 'Take a number to collect it at {service}.',
  },
  inProgress: {
    vi: 'Hồ sơ đang được giải quyết, chưa có kết quả',
    en: 'Not ready yet: your dossier is in progress',
  },
  comeBack: {
    vi: 'Hẹn trả kết quả: {date}. Mời bạn quay lại vào ngày này.',
    en: 'Appointment: {date}. Please come back on that day.',
  },
  noDate: {
    vi: 'Chưa có ngày hẹn trả. Nếu cần, mời bạn hỏi tại quầy.',
    en: 'There is no appointment date yet. Ask at the counter if you need to.',
  },
  supplement: { vi: 'Hồ sơ cần bổ sung giấy tờ', en: 'Your dossier needs more papers' },
  supplementText: {
    vi: 'Mời bạn lấy số đến {service} để được hướng dẫn bổ sung.',
    en: 'Take a number for {service} to be told what to bring.',
  },
  overdue: { vi: 'Hồ sơ đã quá ngày hẹn, chưa có kết quả', en: 'Past the appointment date, no result yet' },
  overdueText: {
    vi: 'Ngày hẹn là {date}. Trung tâm đã được báo để giải quyết. Xin lỗi bạn vì sự chậm trễ.',
    en: 'The date was {date}. The center has been told. We are sorry for the delay.',
  },
  returned: { vi: 'Kết quả của hồ sơ này đã được trả', en: 'This result has already been collected' },
  returnedText: {
    vi: 'Nếu bạn chưa nhận được, mời bạn hỏi tại quầy.',
    en: 'If you did not receive it, ask at the counter.',
  },
  closed: { vi: 'Hồ sơ này không còn được giải quyết', en: 'This dossier is no longer being processed' },
  unverifiable: {
    vi: 'Ki-ốt chưa kiểm tra được hồ sơ này',
    en: 'The kiosk cannot check this dossier',
  },
  askText: {
    vi: 'Mời bạn lấy số để hỏi tại quầy. Nhớ mang theo giấy hẹn.',
    en: 'Take a number to ask at the counter. Bring your slip.',
  },
  noMatch: { vi: 'Không tìm thấy hồ sơ', en: 'No dossier found' },
  noMatchText: {
    vi: 'Hãy xem lại mã hồ sơ trên giấy hẹn, và 4 số cuối của số căn cước hoặc số điện thoại đã khai khi nộp hồ sơ.',
    en: 'Check the code on your slip, and the last 4 digits of the ID card or phone number you gave when you applied.',
  },
  otherCenter: {
    vi: 'Hồ sơ này không nộp tại Trung tâm này',
    en: 'This dossier was not filed at this center',
  },
  otherCenterText: {
    vi: 'Mời bạn liên hệ nơi đã nhận hồ sơ. Tên nơi đó in trên giấy hẹn.',
    en: 'Please contact the office that received it. Its name is on your slip.',
  },
  reason: { vi: 'Lý do: {reason}', en: 'Reason (in Vietnamese): {reason}' },
  place: { vi: 'Nơi trả kết quả: {place}', en: 'Where to collect: {place}' },
  status: { vi: 'Tình trạng:', en: 'Status:' },
  updatedAt: { vi: 'Thông tin cập nhật lúc {time}', en: 'Information as of {time}' },
  updatedOn: { vi: 'Thông tin cập nhật lúc {time} ngày {date}', en: 'Information as of {time} on {date}' },
  helpDesk: { vi: 'Mời bạn đến bàn hướng dẫn.', en: 'Please go to the help desk.' },

  collectButton: { vi: 'Lấy số nhận kết quả', en: 'Take a number to collect it' },
  supplementButton: { vi: 'Lấy số để bổ sung hồ sơ', en: 'Take a number to add papers' },
  askButton: { vi: 'Lấy số để hỏi tại quầy', en: 'Take a number to ask at the counter' },
  retry: { vi: 'Nhập lại', en: 'Try again' },
  screenOnly: { vi: '(số hiện trên màn hình)', en: '(shown on screen)' },
});

/** A dossier's state in the citizen's words: the kiosk's and /h/'s answer titles, and the phone ticket's. */
export const DOSSIER_STATE_TITLE: Record<DossierFoundState, Bilingual> = {
  ready: DOSSIER_TEXT.ready,
  in_progress: DOSSIER_TEXT.inProgress,
  supplement: DOSSIER_TEXT.supplement,
  overdue: DOSSIER_TEXT.overdue,
  returned: DOSSIER_TEXT.returned,
  closed: DOSSIER_TEXT.closed,
};

/** A day as a citizen reads it: "Thứ Năm, 10/12/2026". */
const dayOf = (iso: string): Bilingual => formatClock(new Date(iso));

/** Joins the sentences of one language each: a date inside both a vi and an en sentence. */
export function withDate(m: Bilingual, iso: string): Bilingual {
  const d = dayOf(iso);
  return { vi: m.vi.replace('{date}', d.vi), en: m.en.replace('{date}', d.en) };
}
