import { defineMessages } from '@layso/ui-kit/i18n';

/** What the phone page says, Vietnamese first. */
export const T = defineMessages({
  yourNumber: { vi: 'Số của bạn', en: 'Your number' },
  waiting: { vi: 'Đang chờ', en: 'Waiting' },
  dossier: { vi: 'Hồ sơ của bạn', en: 'Your dossier' },
  ahead: { vi: 'Số người chờ trước bạn', en: 'People ahead of you' },
  estimate: { vi: 'Thời gian chờ dự kiến', en: 'Estimated wait' },
  calledTitle: { vi: 'Đến lượt bạn! Mời đến', en: "It's your turn! Please go to" },
  recalled: { vi: 'Gọi lại lần {n}', en: 'Called again ({n})' },
  serving: { vi: 'Đang được phục vụ tại', en: 'Being served at' },
  done: { vi: 'Đã phục vụ xong. Cảm ơn bạn!', en: 'Service finished. Thank you!' },
  noShow: {
    vi: 'Số này đã được gọi nhưng bạn vắng mặt. Vui lòng hỏi nhân viên hướng dẫn.',
    en: 'This number was called but you were not there. Please ask the staff at the information desk.',
  },
  cancelled: {
    vi: 'Bạn đã rời hàng chờ. Số này sẽ không được gọi. Nếu cần, mời lấy số mới tại ki-ốt.',
    en: 'You left the queue. This number will not be called. If you need to, take a new number at the kiosk.',
  },
  transferred: { vi: 'Bạn được chuyển sang {service}', en: 'You were transferred to {service}' },
  newNumber: { vi: 'Số mới của bạn', en: 'Your new number' },
  expired: {
    vi: 'Số này được cấp ngày khác và đã hết hiệu lực. Vui lòng lấy số mới tại ki-ốt.',
    en: 'This number was issued on another day and is no longer valid; please take a new one.',
  },
  notFound: {
    vi: 'Không tìm thấy số thứ tự này. Vui lòng kiểm tra lại mã QR trên phiếu hoặc hỏi nhân viên hướng dẫn.',
    en: 'This ticket was not found; check the QR code on the ticket or ask the staff at the information desk.',
  },
  onMyWay: { vi: 'Tôi đang đến', en: "I'm on my way" },
  onMyWaySent: { vi: 'Quầy đã biết bạn đang đến', en: 'The counter knows you are on your way' },
  leave: { vi: 'Hủy số', en: 'Leave the queue' },
  leaveAsk: {
    vi: 'Hủy số {number}? Bạn sẽ mất lượt và số này sẽ không được gọi nữa.',
    en: 'Leave the queue with {number}? You lose your place and this number will not be called.',
  },
  leaveYes: { vi: 'Có, hủy số', en: 'Yes, leave' },
  leaveNo: { vi: 'Không, tiếp tục chờ', en: 'No, keep waiting' },
  live: {
    vi: 'Trang tự cập nhật. Giữ trang mở để nghe báo khi đến lượt.',
    en: 'This page updates itself. Keep it open to be alerted at your turn.',
  },
  offline: { vi: 'Mất kết nối — đang kết nối lại…', en: 'Connection lost — reconnecting…' },
  connecting: { vi: 'Đang kết nối…', en: 'Connecting…' },
  feedback: { vi: 'Góp ý, phản ánh', en: 'Send feedback' },
  noticesAsk: { vi: 'Nhận thông báo khi sắp đến lượt', en: 'Get a notice before your turn' },
  noticesAgree: { vi: 'Đồng ý và bật thông báo', en: 'Agree and turn notices on' },
  noticesOn: {
    vi: 'Đã bật thông báo: bạn sẽ được báo khi sắp đến lượt và khi được gọi',
    en: 'Notices on: you will be told before your turn and when called',
  },
  noticesLater: { vi: 'Để sau', en: 'Not now' },
  noticesOff: { vi: 'Tắt thông báo', en: 'Turn notices off' },
  noticesDenied: {
    vi: 'Điện thoại chưa cho phép thông báo. Hãy cho phép trong cài đặt của trình duyệt.',
    en: 'The phone did not allow notices. Allow them in the browser settings.',
  },
  noticesTimeout: {
    vi: 'Điện thoại chưa bật được thông báo sau 20 giây. Giữ trang mở để theo dõi, hoặc thử lại sau.',
    en: 'The phone could not turn notices on within 20 seconds. Keep this page open, or try again later.',
  },
  noticesFailed: {
    vi: 'Chưa bật được thông báo. Giữ trang mở để theo dõi.',
    en: 'Notices could not be turned on. Keep this page open to follow your turn.',
  },
});
