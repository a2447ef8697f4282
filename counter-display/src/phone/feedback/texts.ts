import { defineMessages } from '@layso/ui-kit/i18n';

/** What the feedback pages (`/pa`, `/pa/:code`) say, Vietnamese first. Topic and state names: ui-kit's labels. */
export const F = defineMessages({
  title: { vi: 'Góp ý, phản ánh', en: 'Feedback' },
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  intro: {
    vi: 'Phản ánh về việc chậm trễ, gây phiền hà, làm sai quy định hoặc thái độ phục vụ; góp ý về thủ tục. Trung tâm ghi vào sổ và trả lời đúng hạn.',
    en: 'Tell us about delays, harassment, rules applied wrongly or how you were served, or suggest a change. The center logs it and answers on time.',
  },
  off: {
    vi: 'Hiện trung tâm chưa nhận góp ý, phản ánh qua điện thoại. Mời đến bàn hướng dẫn để phản ánh trực tiếp.',
    en: 'The center does not take feedback by phone at the moment. Please give it at the help desk.',
  },
  about: { vi: 'Về số {number} — {service}', en: 'About ticket {number} — {service}' },
  topic: { vi: 'Bạn phản ánh về việc gì?', en: 'What is it about?' },
  text: { vi: 'Nội dung phản ánh', en: 'What happened' },
  textHint: {
    vi: 'Nêu sự việc, thời gian, quầy hoặc cán bộ liên quan (nếu biết).',
    en: 'Say what happened, when, and the counter or officer concerned if you know.',
  },
  chars: { vi: '{n}/{max} ký tự', en: '{n}/{max} characters' },
  dossier: { vi: 'Mã hồ sơ (nếu có)', en: 'Dossier code (if any)' },
  who: { vi: 'Để nhận câu trả lời (không bắt buộc)', en: 'To get the answer (optional)' },
  name: { vi: 'Họ và tên', en: 'Full name' },
  phone: { vi: 'Số điện thoại', en: 'Phone number' },
  consentNeeded: {
    vi: 'Đánh dấu đồng ý để gửi kèm họ tên, số điện thoại — hoặc xóa chúng để gửi ẩn danh',
    en: 'Tick the consent to send the name and phone — or clear them to send anonymously',
  },
  files: { vi: 'Ảnh hoặc tệp PDF (không bắt buộc)', en: 'Photos or PDF files (optional)' },
  filesHint: {
    vi: 'Tối đa {n} tệp: ảnh JPEG, PNG hoặc PDF đến 5 MB. Ảnh được thu nhỏ trước khi gửi.',
    en: 'Up to {n} files: JPEG or PNG photos or PDFs up to 5 MB. Photos are made smaller before sending.',
  },
  addFile: { vi: 'Thêm ảnh hoặc tệp', en: 'Add a photo or file' },
  removeFile: { vi: 'Bỏ', en: 'Remove' },
  preparing: { vi: 'Đang chuẩn bị ảnh…', en: 'Preparing the photo…' },
  fileType: {
    vi: '“{name}” không gửi được: chỉ nhận ảnh JPEG, PNG hoặc tệp PDF',
    en: '“{name}” cannot be sent: only JPEG or PNG photos or PDF files',
  },
  fileSize: {
    vi: '“{name}” quá lớn: tệp PDF tối đa 5 MB',
    en: '“{name}” is too large: a PDF may be at most 5 MB',
  },
  fileUnreadable: {
    vi: 'Không đọc được ảnh “{name}”. Hãy chụp lại hoặc chọn ảnh khác',
    en: 'The photo “{name}” cannot be read. Take it again or choose another',
  },
  fileCount: { vi: 'Chỉ gửi được tối đa {n} tệp', en: 'At most {n} files can be sent' },
  send: { vi: 'Gửi phản ánh', en: 'Send' },
  needTopic: { vi: 'Chọn nội dung phản ánh', en: 'Choose what it is about' },
  needText: { vi: 'Viết nội dung phản ánh', en: 'Write what happened' },
  // The receipt
  sent: { vi: 'Đã gửi phản ánh. Cảm ơn bạn!', en: 'Your feedback was sent. Thank you!' },
  code: { vi: 'Mã phản ánh', en: 'Case code' },
  keepCode: {
    vi: 'Giữ mã này (chụp màn hình) để theo dõi phản ánh tại:',
    en: 'Keep this code (take a screenshot) to follow the case at:',
  },
  due: { vi: 'Hạn trả lời', en: 'Answer due by' },
  byNotice: {
    vi: 'Bạn sẽ nhận tin nhắn khi có trả lời.',
    en: 'You will get a message when it is answered.',
  },
  another: { vi: 'Gửi phản ánh khác', en: 'Send another' },
  // The case's page
  notFound: {
    vi: 'Không tìm thấy phản ánh này. Vui lòng kiểm tra lại mã phản ánh hoặc mã QR.',
    en: 'This feedback case was not found; check its code or QR.',
  },
  forwardedTo: { vi: 'Đã chuyển đến {to}', en: 'Forwarded to {to}' },
  received: { vi: 'Ngày tiếp nhận', en: 'Received' },
  forwardedAt: { vi: 'Ngày chuyển', en: 'Forwarded on' },
  answeredAt: { vi: 'Ngày trả lời', en: 'Answered on' },
  answer: { vi: 'Câu trả lời', en: 'The answer' },
  answerPrivate: {
    vi: 'Đã có câu trả lời. Nhập 4 số cuối điện thoại để xem.',
    en: 'There is an answer. Type the last 4 digits of your phone to read it.',
  },
  proof: { vi: '4 số cuối điện thoại', en: 'Last 4 digits of the phone' },
  proofWhy: {
    vi: 'Nhập 4 số cuối của số điện thoại đã ghi khi gửi để xem nội dung và câu trả lời.',
    en: 'Type the last 4 digits of the phone given with the case to see what was sent and the answer.',
  },
  proofSee: { vi: 'Xem chi tiết', en: 'Show details' },
  anonymous: {
    vi: 'Phản ánh gửi ẩn danh: chỉ xem được tình trạng và câu trả lời được công khai.',
    en: 'Sent anonymously: only its state and a published answer can be seen.',
  },
  yourText: { vi: 'Nội dung đã gửi', en: 'What you sent' },
  newCase: { vi: 'Gửi phản ánh mới', en: 'Send new feedback' },
});
