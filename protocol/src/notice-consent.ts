/**
 * The consent a citizen gives to be notified, shown the same at the kiosk and on the phone; its version is kept.
 * Zod-free, so the phone's lean build may show it (`@layso/protocol/notice-consent`).
 */
export const NOTICE_CONSENT = {
  version: '2026-12-v1',
  vi: 'Tôi đồng ý nhận thông báo về số thứ tự và hồ sơ của mình. Số điện thoại và đăng ký nhận tin chỉ dùng để gửi thông báo và được xóa cùng thông tin tiếp nhận.',
  en: 'I agree to receive notices about my ticket and dossier. The phone number and subscription are used only for these notices and deleted with the intake data.',
} as const;
