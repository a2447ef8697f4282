/**
 * The consent a citizen gives to be notified, shown the same at the kiosk and on the phone; its version is kept.
 * Zod-free, so the phone's lean build may show it (`@layso/protocol/notice-consent`).
 */
export const NOTICE_CONSENT = {
  version: '2026-12-v1',
  vi: 'Tôi đồng ý nhận thông báo về số thứ tự và hồ sơ của mình. Số điện thoại và đăng ký nhận tin chỉ dùng để gửi thông báo và được xóa cùng thông tin tiếp nhận.',
  en: 'I agree to receive notices about my ticket and dossier. The phone number and subscription are used only for these notices and deleted with the intake data.',
} as const;

/**
 * The consent beside a feedback case's name and phone (issue 22, Decree 13/2023): they serve only to handle the case
 * and send its answer. Shown on every form (kiosk, phone, console, help desk); its version is kept with the case.
 */
export const FEEDBACK_CONSENT = {
  version: '2026-12-pa1',
  vi: 'Tôi đồng ý để Trung tâm dùng họ tên và số điện thoại này chỉ để xử lý và gửi câu trả lời cho phản ánh của tôi. Chúng được xóa sau thời hạn lưu trữ, theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân.',
  en: 'I agree that the center uses this name and phone only to handle my feedback and send its answer. They are erased after the retention period (Decree 13/2023 on personal data).',
} as const;
