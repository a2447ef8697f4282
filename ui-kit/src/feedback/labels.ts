import { FEEDBACK_CONSENT } from '@layso/protocol/notice-consent';
import { defineMessages } from '../i18n.js';

// The words of a feedback case live in protocol (`@layso/protocol/feedback-labels`), shared with the server's report
// and XLSX register; the screens take them from here. Zod-free, so the phone's lean build may import it too.
export {
  FEEDBACK_CHANNEL_LABELS,
  FEEDBACK_CLASS_LABELS,
  FEEDBACK_FORWARD_MEANS_LABELS,
  FEEDBACK_ORIGIN_LABELS,
  FEEDBACK_STATUS_LABELS,
  FEEDBACK_TOPIC_HINTS,
  FEEDBACK_TOPIC_LABELS,
  FEEDBACK_TOPICS,
  FEEDBACK_UNSET,
} from '@layso/protocol/feedback-labels';

/**
 * A case's name and phone on every form (kiosk, phone, console, desk): why they are asked (Decree 13/2023; the version
 * sent with the case is FeedbackOptions.consentVersion, protocol's FEEDBACK_CONSENT beside its words), the phone's
 * expected form, and what a receipt says when the answer will not come by text message.
 */
export const FEEDBACK_PERSONAL = defineMessages({
  consent: { vi: FEEDBACK_CONSENT.vi, en: FEEDBACK_CONSENT.en },
  anonymous: {
    vi: 'Không bắt buộc. Nếu để trống, trung tâm không gửi được câu trả lời cho bạn.',
    en: 'Optional. Left empty, the center cannot send you the answer.',
  },
  phoneFormat: {
    vi: 'Số điện thoại gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09',
    en: 'A phone number has 10 digits and starts with 03, 05, 07, 08 or 09',
  },
  /** No phone given: nobody can be told. */
  noPhone: {
    vi: 'Không có số điện thoại nên trung tâm không gửi được câu trả lời; tra cứu bằng mã này.',
    en: 'No phone was given, so the center cannot send the answer; look it up with this code.',
  },
  /** A phone given, but the center sends no text messages (neither ZNS nor SMS is on). */
  noNotice: {
    vi: 'Trung tâm hiện không nhắn tin báo câu trả lời; tra cứu bằng mã này.',
    en: 'The center does not send answers by message at present; look it up with this code.',
  },
});

/** What a receipt says when the answer will not come by message: no phone given, or no message channel on. */
export const feedbackNoNotice = (phoneGiven: boolean) =>
  phoneGiven ? FEEDBACK_PERSONAL.noNotice : FEEDBACK_PERSONAL.noPhone;
