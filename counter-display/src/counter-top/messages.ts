import type { Rating, RatingReason } from '@layso/protocol';
import { defineMessages, type Bilingual } from '@layso/ui-kit';

/** The small screen facing the citizen at a counter. */
export const M = defineMessages({
  serving: { vi: 'Đang phục vụ số', en: 'Now serving' },
  waitCall: { vi: 'Mời quý khách theo dõi màn hình gọi số', en: 'Please watch the calling screen' },
  officer: { vi: 'Cán bộ tiếp nhận', en: 'Officer' },
  paused: { vi: 'Quầy tạm dừng', en: 'Counter paused' },
  closed: { vi: 'Quầy chưa làm việc', en: 'Counter closed' },
  ask: { vi: 'Quý khách hài lòng với phục vụ hôm nay?', en: 'Were you satisfied with our service today?' },
  askNumber: { vi: 'Số {number}', en: 'Ticket {number}' },
  keysHint: { vi: 'Chạm vào một lựa chọn, hoặc nhấn phím 1, 2, 3', en: 'Touch a choice, or press 1, 2 or 3' },
  why: { vi: 'Quý khách chưa hài lòng vì điều gì?', en: 'What went wrong?' },
  skip: { vi: 'Không nêu lý do', en: 'No reason' },
  back: { vi: 'Chọn lại', en: 'Choose again' },
  secondsLeft: { vi: 'Còn {n} giây', en: '{n} s left' },
  thanks: { vi: 'Cảm ơn quý khách!', en: 'Thank you!' },
  thanksRated: {
    vi: 'Ý kiến của quý khách đã được ghi nhận.',
    en: 'Your opinion has been recorded.',
  },
  feedbackScan: { vi: 'Quét mã để gửi phản ánh', en: 'Scan to send feedback' },
  thanksNotSaved: {
    vi: 'Chưa ghi nhận được đánh giá, xin quý khách thông cảm.',
    en: 'Your rating could not be recorded, sorry.',
  },
});

export const RATINGS: { value: Rating; label: Bilingual; key: string }[] = [
  { value: 'very-satisfied', label: { vi: 'Rất hài lòng', en: 'Very satisfied' }, key: '1' },
  { value: 'satisfied', label: { vi: 'Hài lòng', en: 'Satisfied' }, key: '2' },
  { value: 'unsatisfied', label: { vi: 'Không hài lòng', en: 'Not satisfied' }, key: '3' },
];

export const REASONS: { value: RatingReason; label: Bilingual; key: string }[] = [
  { value: 'long-wait', label: { vi: 'Thời gian chờ lâu', en: 'Waited too long' }, key: '1' },
  { value: 'attitude', label: { vi: 'Thái độ phục vụ chưa tốt', en: 'Unfriendly service' }, key: '2' },
  { value: 'unclear-guidance', label: { vi: 'Hướng dẫn chưa rõ ràng', en: 'Unclear guidance' }, key: '3' },
  {
    value: 'complex-procedure',
    label: { vi: 'Thủ tục phức tạp', en: 'Procedure too complicated' },
    key: '4',
  },
  { value: 'other', label: { vi: 'Lý do khác', en: 'Another reason' }, key: '5' },
];
