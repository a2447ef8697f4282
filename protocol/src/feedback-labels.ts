/**
 * The words of a feedback case in ONE place: the screens (through ui-kit's re-export — the kiosk, the officer's
 * console, the phone pages, the admin's register) and the server's files (the report's tallies, the XLSX register).
 * Zod-free (types only from feedback.ts), so the phone's lean build may import it
 * (`@layso/protocol/feedback-labels`). Vietnamese first, NFC.
 */
import type { FeedbackOrigin } from './feedback-input.js';
import type {
  FeedbackChannel,
  FeedbackClass,
  FeedbackStatus,
  FeedbackTopic,
  ForwardMeans,
} from './feedback.js';

/** A word in both languages (ui-kit's Bilingual has the same shape). */
export interface FeedbackWord {
  vi: string;
  en: string;
}

/** The topics in the order forms offer them (the protocol's enum, zod-free; a test keeps the two the same). */
export const FEEDBACK_TOPICS: readonly FeedbackTopic[] = [
  'delay',
  'harassment',
  'wrong-rules',
  'attitude',
  'rules',
  'suggestion',
  'other',
];

/** What the case is about, as the citizen picks it (a tile at the kiosk, a choice on the phone). */
export const FEEDBACK_TOPIC_LABELS: Record<FeedbackTopic, FeedbackWord> = {
  delay: { vi: 'Chậm trễ, trễ hẹn', en: 'Delay, missed date' },
  harassment: { vi: 'Gây phiền hà, sách nhiễu', en: 'Harassment, undue demands' },
  'wrong-rules': { vi: 'Làm không đúng quy định', en: 'Rules not applied as written' },
  attitude: { vi: 'Thái độ phục vụ', en: "An officer's attitude" },
  rules: { vi: 'Góp ý về quy định, thủ tục', en: 'About the rules themselves' },
  suggestion: { vi: 'Đề xuất, kiến nghị', en: 'A suggestion' },
  other: { vi: 'Nội dung khác', en: 'Something else' },
};

/** One line under a topic's name, for a citizen unsure which one fits. */
export const FEEDBACK_TOPIC_HINTS: Record<FeedbackTopic, FeedbackWord> = {
  delay: { vi: 'Hồ sơ trả chậm, phải chờ quá lâu', en: 'A late result, a long wait' },
  harassment: {
    vi: 'Bị đòi thêm giấy tờ, tiền hoặc đi lại nhiều lần',
    en: 'Asked for extra papers, money or visits',
  },
  'wrong-rules': { vi: 'Cán bộ giải quyết sai quy định', en: 'An officer applied the rules wrongly' },
  attitude: { vi: 'Cán bộ thiếu tôn trọng, không hướng dẫn', en: 'Disrespect, no guidance' },
  rules: { vi: 'Quy định, thủ tục chưa hợp lý', en: 'A rule or procedure that is not right' },
  suggestion: { vi: 'Ý kiến để phục vụ tốt hơn', en: 'An idea to serve better' },
  other: { vi: 'Điều khác bạn muốn nói', en: 'Anything else' },
};

/** Where a case stands (the register and the citizen's status page). */
export const FEEDBACK_STATUS_LABELS: Record<FeedbackStatus, FeedbackWord> = {
  new: { vi: 'Mới tiếp nhận', en: 'Received' },
  processing: { vi: 'Đang xử lý', en: 'Being handled' },
  forwarded: { vi: 'Đã chuyển cơ quan có thẩm quyền', en: 'Forwarded to the competent agency' },
  answered: { vi: 'Đã trả lời', en: 'Answered' },
  closed: { vi: 'Đã kết thúc', en: 'Closed' },
};

/** The register's classes (Decree 20/2008 as amended). */
export const FEEDBACK_CLASS_LABELS: Record<FeedbackClass, FeedbackWord> = {
  'not-qualified': { vi: 'Không đủ điều kiện xử lý', en: 'Does not qualify' },
  'officer-conduct': { vi: 'Hành vi của cán bộ, công chức', en: "An officer's conduct" },
  'within-authority': { vi: 'Thuộc thẩm quyền của Trung tâm', en: "Within the center's authority" },
  'outside-authority': {
    vi: 'Không thuộc thẩm quyền (chuyển cơ quan khác)',
    en: "Outside the center's authority (forwarded)",
  },
};

/** How the case reached the center ('phone' is the form opened from a QR code, not a call). */
export const FEEDBACK_CHANNEL_LABELS: Record<FeedbackChannel, FeedbackWord> = {
  kiosk: { vi: 'Tại ki-ốt', en: 'At the kiosk' },
  phone: { vi: 'Trực tuyến (mã QR)', en: 'Online (QR code)' },
  officer: { vi: 'Cán bộ tại quầy ghi nhận', en: 'Recorded by a counter officer' },
  desk: { vi: 'Bàn tiếp nhận phản ánh', en: 'At the feedback desk' },
};

/** Where a phone's form was opened from (`/pa?from=`). */
export const FEEDBACK_ORIGIN_LABELS: Record<FeedbackOrigin, FeedbackWord> = {
  ticket: { vi: 'Từ phiếu số thứ tự', en: 'From a ticket' },
  rating: { vi: 'Sau đánh giá không hài lòng', en: 'After an unsatisfied rating' },
  poster: { vi: 'Từ áp phích', en: 'From a poster' },
};

/** How a case was forwarded (the register's record). */
export const FEEDBACK_FORWARD_MEANS_LABELS: Record<ForwardMeans, FeedbackWord> = {
  letter: { vi: 'Công văn', en: 'Official letter' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  portal: { vi: 'Cổng Dịch vụ công', en: 'National public service portal' },
  other: { vi: 'Hình thức khác', en: 'Other' },
};

/** The register's words for what is not known yet: a case not classified, a department or officer not named. */
export const FEEDBACK_UNSET = {
  unclassified: { vi: 'Chưa phân loại', en: 'Not classified' },
  unknown: { vi: 'Chưa xác định', en: 'Not known' },
} as const satisfies Record<string, FeedbackWord>;

/** The register's XLSX as downloaded: the same name from the server and the admin's download. */
export const feedbackRegisterFileName = (from: string, to: string): string =>
  `so-theo-doi-phan-anh-${from}-${to}.xlsx`;
