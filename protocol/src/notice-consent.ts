import { z } from 'zod';

/**
 * The citizen's consent to text notices (Zalo ZNS, SMS brandname) given at the kiosk with a phone number (Decree
 * 13/2023: what is sent, to which number, how long it is kept). Every version's text stays here for good: a
 * ticket records the version it was given under, so the words the citizen agreed to can be shown later. A new
 * wording is a new version, never an edit.
 */
export const NOTICE_CONSENT_TEXTS = {
  'sms-zns-2026-12': {
    vi: 'Gửi tin Zalo (hoặc SMS nếu không có Zalo) đến số điện thoại này khi sắp đến lượt, khi được gọi và khi có kết quả hồ sơ. Tin không có đường dẫn. Số điện thoại tự động xóa sau {days} ngày.',
    en: 'Send a Zalo message (or SMS without Zalo) to this phone when my turn is near, when I am called and when my result is ready. Messages carry no links. The phone number is deleted after {days} days.',
  },
} as const;

export type NoticeConsentVersion = keyof typeof NOTICE_CONSENT_TEXTS;
/** The version the kiosk shows today. */
export const NOTICE_CONSENT_VERSION: NoticeConsentVersion = 'sms-zns-2026-12';

export const isNoticeConsentVersion = (v: string): v is NoticeConsentVersion =>
  Object.hasOwn(NOTICE_CONSENT_TEXTS, v);

/** Part of a ticket's intake: the citizen agreed to text notices under this version of the text. */
export const IntakeNotices = z
  .object({ consentVersion: z.string().refine(isNoticeConsentVersion, 'unknown consent version') })
  .strict();
export type IntakeNotices = z.infer<typeof IntakeNotices>;
