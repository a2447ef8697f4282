import { defineMessages, errorText, type Bilingual } from '@layso/ui-kit';

/** The kiosk's words for "Góp ý, phản ánh": short sentences for a citizen of 70, what happens next. */
export const F = defineMessages({
  open: { vi: 'Góp ý, phản ánh', en: 'Feedback, complaints' },
  topicTitle: { vi: 'Bạn muốn góp ý, phản ánh về điều gì?', en: 'What is your feedback about?' },
  topicHint: {
    vi: 'Chạm vào một mục. Trung tâm ghi nhận, xử lý và trả lời theo quy định.',
    en: 'Touch one. The center records, handles and answers it as the law requires.',
  },
  textTitle: { vi: 'Nội dung phản ánh', en: 'What happened' },
  textHint: {
    vi: 'Viết ngắn gọn: việc gì, ở quầy nào, lúc nào. Dùng bàn phím trên màn hình.',
    en: 'In short: what, at which counter, when. Use the on-screen keyboard.',
  },
  textCount: { vi: '{n}/{max} ký tự', en: '{n}/{max} characters' },
  next: { vi: 'Tiếp tục', en: 'Continue' },
  detailsTitle: { vi: 'Để lại họ tên, số điện thoại?', en: 'Leave your name and phone?' },
  consentAgree: { vi: 'Tôi đồng ý để lại', en: 'I agree' },
  consentNeeded: {
    vi: 'Chạm “Tôi đồng ý để lại” để điền họ tên và số điện thoại, hoặc gửi luôn không cần tên.',
    en: 'Touch “I agree” to give your name and phone, or send without them.',
  },
  name: { vi: 'Họ và tên', en: 'Full name' },
  phone: { vi: 'Số điện thoại', en: 'Phone number' },
  send: { vi: 'Gửi phản ánh', en: 'Send' },
  sendAnonymous: { vi: 'Gửi không để lại tên', en: 'Send without a name' },
  receivedTitle: { vi: 'Trung tâm đã nhận phản ánh của bạn', en: 'Your feedback has been received' },
  codeLabel: { vi: 'Mã phản ánh', en: 'Case code' },
  keepCode: {
    vi: 'Hãy dùng điện thoại chụp lại màn hình này hoặc ghi lại mã.',
    en: 'Take a photo of this screen with your phone or write the code down.',
  },
  qr: {
    vi: 'Quét mã để xem tình trạng trên điện thoại',
    en: 'Scan to follow it on your phone',
  },
  due: { vi: 'Hạn trả lời: {day}', en: 'Answer due by: {day}' },
  byNotice: {
    vi: 'Trung tâm sẽ nhắn tin cho bạn khi có câu trả lời.',
    en: 'The center will text you when it is answered.',
  },
  printing: { vi: 'Đang in phiếu…', en: 'Printing your slip…' },
  printed: {
    vi: 'Đã in phiếu. Mời bạn nhận phiếu ở khe bên dưới.',
    en: 'Your slip is printed. Please take it from the slot below.',
  },
  notPrinted: {
    vi: 'Không in được phiếu — hãy dùng điện thoại chụp lại màn hình này hoặc ghi lại mã',
    en: 'The slip could not be printed — take a photo of this screen with your phone or write the code down',
  },
  refusedTitle: { vi: 'Chưa gửi được phản ánh', en: 'The feedback was not sent' },
  /** The kiosk's hourly limit: where else to go, since the citizen has done nothing wrong. */
  limited: {
    vi: 'Ki-ốt này đã nhận nhiều phản ánh trong giờ qua. Vui lòng gửi tại bàn hướng dẫn, hoặc quét mã trên áp phích “Góp ý, phản ánh” để gửi bằng điện thoại.',
    en: 'This kiosk has taken many cases this hour. Please give yours at the help desk, or scan the QR on the “Feedback” poster to send it from your phone.',
  },
  offline: {
    vi: 'Không kết nối được máy chủ. Nội dung vẫn còn đây: chạm “Gửi” để thử lại.',
    en: 'Cannot reach the server. What you wrote is still here: touch “Send” to try again.',
  },
});

/** Why the server refused a case, in the kiosk's words where they help more than the server's. */
export function feedbackRefusal(code: string, message?: string): Bilingual {
  if (code === 'LAYSO_FEEDBACK_LIMIT') return F.limited;
  if (code === 'LAYSO_NETWORK') return F.offline;
  return errorText(code, message);
}
