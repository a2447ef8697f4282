import type { FeedbackChannel, FeedbackClass, FeedbackTopic, ForwardMeans } from '@layso/protocol';

/**
 * The words of a case in the server's Vietnamese files and reports (the report's tallies, the XLSX register). The
 * screens have theirs in ui-kit (`@layso/ui-kit/feedback/labels`), which queue-server may not import: same wording.
 */
export const CLASS_NAMES: Record<FeedbackClass | 'unclassified', string> = {
  'not-qualified': 'Không đủ điều kiện xử lý',
  'officer-conduct': 'Hành vi của cán bộ, công chức',
  'within-authority': 'Thuộc thẩm quyền của Trung tâm',
  'outside-authority': 'Không thuộc thẩm quyền (chuyển cơ quan khác)',
  unclassified: 'Chưa phân loại',
};

export const CHANNEL_NAMES: Record<FeedbackChannel, string> = {
  kiosk: 'Tại ki-ốt',
  phone: 'Qua điện thoại',
  officer: 'Cán bộ tại quầy ghi nhận',
  desk: 'Bàn tiếp nhận phản ánh',
};

export const TOPIC_NAMES: Record<FeedbackTopic, string> = {
  delay: 'Chậm trễ, trễ hẹn',
  harassment: 'Gây phiền hà, sách nhiễu',
  'wrong-rules': 'Làm không đúng quy định',
  attitude: 'Thái độ phục vụ',
  rules: 'Góp ý về quy định, thủ tục',
  suggestion: 'Đề xuất, kiến nghị',
  other: 'Nội dung khác',
};

export const MEANS_NAMES: Record<ForwardMeans, string> = {
  letter: 'Công văn',
  email: 'Thư điện tử',
  portal: 'Cổng Dịch vụ công',
  other: 'Hình thức khác',
};

/** A department or an officer not known (not classified, or a kiosk case about no ticket). */
export const UNKNOWN = 'Chưa xác định';
