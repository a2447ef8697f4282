import type { NoticeChannel, NoticeEvent, NoticeState } from '@layso/protocol';
import { defineMessages, type Bilingual } from '@layso/ui-kit';

/** The notices pages ("Thông báo", "Tin đã gửi"), Vietnamese first. */
export const N = defineMessages({
  nav: { vi: 'Thông báo', en: 'Notices' },
  navDeliveries: { vi: 'Tin đã gửi', en: 'Deliveries' },
  intro: {
    vi: 'Thông báo cho công dân: Web Push trên điện thoại, Zalo ZNS và SMS (chỉ khi công dân cho số điện thoại và đồng ý ở kiosk). ZNS gửi trước, SMS khi không gửi được qua Zalo.',
    en: 'Notices to citizens: Web Push on the phone, Zalo ZNS and SMS (only when the citizen gave a phone and agreed at the kiosk). ZNS first, SMS when Zalo cannot deliver.',
  },
  channels: { vi: 'Kênh gửi', en: 'Channels' },
  enabled: { vi: 'Bật', en: 'On' },
  providerUrl: { vi: 'Địa chỉ nhà cung cấp', en: 'Provider URL' },
  credential: { vi: 'Khóa truy cập', en: 'Credential' },
  credentialSet: { vi: 'Đã lưu: {mask}', en: 'Saved: {mask}' },
  credentialNone: { vi: 'Chưa có khóa', en: 'No credential' },
  credentialNew: { vi: 'Khóa mới (để trống: giữ khóa cũ)', en: 'New credential (empty: keep)' },
  credentialClear: { vi: 'Xóa khóa', en: 'Remove credential' },
  credentialCleared: { vi: 'Khóa sẽ bị xóa khi lưu', en: 'The credential is removed on save' },
  sender: { vi: 'Tên thương hiệu (brandname)', en: 'Brandname (sender)' },
  dailyQuota: { vi: 'Hạn mức mỗi ngày (0: không giới hạn)', en: 'Daily quota (0: none)' },
  ratePerMinute: { vi: 'Tối đa mỗi phút', en: 'At most per minute' },
  templates: { vi: 'Mẫu tin theo sự kiện', en: 'Templates by event' },
  templatesHint: {
    vi: 'Chỉ dùng các tham số của sự kiện, viết {tham_số}. Không có đường dẫn. ZNS cần mã mẫu đã được Zalo duyệt.',
    en: 'Use only the event’s parameters, written {param}. No links. ZNS needs the template id Zalo approved.',
  },
  templateId: { vi: 'Mã mẫu ZNS', en: 'ZNS template id' },
  templateText: { vi: 'Nội dung', en: 'Text' },
  params: { vi: 'Tham số', en: 'Parameters' },
  noTemplate: {
    vi: 'Chưa có mẫu: kênh này không gửi sự kiện này',
    en: 'No template: not sent on this channel',
  },
  addTemplate: { vi: 'Thêm mẫu', en: 'Add a template' },
  removeTemplate: { vi: 'Bỏ mẫu', en: 'Remove' },
  templateOk: { vi: 'Mẫu hợp lệ', en: 'Template is valid' },
  quietHours: { vi: 'Giờ yên lặng', en: 'Quiet hours' },
  quietOn: { vi: 'Không gửi tin không khẩn trong khoảng', en: 'Hold non-urgent notices between' },
  quietHint: {
    vi: 'Tin “sắp đến lượt” và “mời đến quầy” vẫn gửi ngay; tin kết quả và nhắc lịch chờ hết giờ yên lặng.',
    en: '“Turn near” and “called” still go at once; results and reminders wait for the quiet hours to end.',
  },
  from: { vi: 'Từ', en: 'From' },
  to: { vi: 'Đến', en: 'To' },
  ahead: { vi: 'Báo trước khi còn (người)', en: 'Notify when this many are ahead' },
  aheadByService: { vi: 'Riêng từng lĩnh vực', en: 'Per service' },
  aheadDefault: { vi: 'Mặc định ({n})', en: 'Default ({n})' },
  saved: { vi: 'Đã lưu cài đặt thông báo', en: 'Notice settings saved' },

  // deliveries
  range: { vi: 'Khoảng ngày', en: 'Days' },
  month: { vi: 'Tháng {month}: tin đã gửi theo kênh', en: '{month}: messages sent by channel' },
  health: { vi: 'Tình trạng nhà cung cấp', en: 'Provider health' },
  channel: { vi: 'Kênh', en: 'Channel' },
  event: { vi: 'Sự kiện', en: 'Event' },
  total: { vi: 'Tổng', en: 'Total' },
  sent: { vi: 'Đã gửi', en: 'Sent' },
  failed: { vi: 'Lần lỗi', en: 'Failed attempts' },
  dead: { vi: 'Dừng gửi', en: 'Dead' },
  dropped: { vi: 'Bỏ (quá hạn)', en: 'Dropped (stale)' },
  pending: { vi: 'Đang chờ', en: 'Pending' },
  recent: {
    vi: 'Tin gần đây (không có số điện thoại hay nội dung)',
    en: 'Recent notices (no phone or text)',
  },
  show: { vi: 'Hiển thị', en: 'Show' },
  all: { vi: 'Tất cả', en: 'All' },
  key: { vi: 'Khóa', en: 'Key' },
  state: { vi: 'Trạng thái', en: 'State' },
  attempts: { vi: 'Số lần', en: 'Attempts' },
  created: { vi: 'Tạo lúc', en: 'Created' },
  done: { vi: 'Xong lúc', en: 'Done' },
  lastError: { vi: 'Lỗi gần nhất', en: 'Last error' },
  retry: { vi: 'Gửi lại', en: 'Retry' },
  retryDead: { vi: 'Gửi lại tất cả tin dừng gửi ({channel})', en: 'Retry every dead notice ({channel})' },
  retried: { vi: 'Đã đưa {n} tin vào hàng gửi lại', en: '{n} notice(s) queued again' },
  none: { vi: 'Không có tin nào.', en: 'No notice.' },
  lastSuccess: { vi: 'gửi được lần cuối {time}', en: 'last success {time}' },
  failures: { vi: '{n} lần lỗi liên tiếp', en: '{n} failure(s) in a row' },
});

export const CHANNEL_NAMES: Record<NoticeChannel, Bilingual> = {
  push: { vi: 'Web Push (điện thoại)', en: 'Web Push (phone)' },
  zns: { vi: 'Zalo ZNS', en: 'Zalo ZNS' },
  sms: { vi: 'SMS brandname', en: 'SMS brandname' },
};

export const EVENT_NAMES: Record<NoticeEvent, Bilingual> = {
  ahead: { vi: 'Sắp đến lượt (còn N người)', en: 'Turn near (N ahead)' },
  called: { vi: 'Mời đến quầy', en: 'Called' },
  recalled: { vi: 'Gọi lại', en: 'Recalled' },
  result_ready: { vi: 'Có kết quả hồ sơ', en: 'Result ready' },
  appointment_reminder: { vi: 'Nhắc lịch hẹn trả kết quả', en: 'Result appointment reminder' },
  booking_code: { vi: 'Mã xác nhận đặt lịch', en: 'Booking confirmation code' },
  booking_reminder: { vi: 'Nhắc lịch đặt trước', en: 'Booking reminder' },
  feedback_answered: { vi: 'Phản ánh đã được trả lời', en: 'Feedback answered' },
};

export const STATE_NAMES: Record<NoticeState, Bilingual> = {
  pending: N.pending,
  sent: N.sent,
  dead: N.dead,
  dropped: N.dropped,
};

export const HEALTH_NAMES: Record<'off' | 'unknown' | 'up' | 'failing', Bilingual> = {
  off: { vi: 'Tắt', en: 'Off' },
  unknown: { vi: 'Chưa gửi từ khi khởi động', en: 'Nothing sent since start' },
  up: { vi: 'Hoạt động', en: 'Up' },
  failing: { vi: 'Đang lỗi', en: 'Failing' },
};

/** A template problem as `checkTemplate` words it (English, short), Vietnamese first for the admin. */
export function templateProblem(p: string): Bilingual {
  const [kind, rest = ''] = p.split(/:\s*/, 2);
  const vi: Record<string, string> = {
    'param not allowed': `Sự kiện này không có tham số ${rest}`,
    'param not declared': `Tham số {${rest}} chưa được khai báo`,
    'link in body': 'Nội dung có đường dẫn (không được phép)',
    'too long': `Quá dài: ${rest} ký tự`,
    'template id missing': 'Thiếu mã mẫu ZNS',
  };
  return { vi: vi[kind ?? ''] ?? p, en: p };
}

/**
 * A delivery's last error in the admin's words. The server keeps its reasons short and technical (`stale: called`,
 * `HTTP 503`, `ZNS -118: no Zalo account`, `endpoint refused: …`): the page shows what they mean first, the reason
 * itself after it in small print. Checked in order; anything else is shown as it came.
 */
const REASONS: readonly [RegExp, Bilingual][] = [
  [/^sent by SMS/, { vi: 'Đã gửi bằng SMS thay cho Zalo', en: 'Sent by SMS instead of Zalo' }],
  [
    /^stale|past its day|no longer waiting/,
    {
      vi: 'Không gửi: tin đã không còn đúng (số đã được gọi hoặc đã qua ngày)',
      en: 'Not sent: no longer true (already called or past its day)',
    },
  ],
  [/no Zalo/, { vi: 'Số điện thoại này chưa dùng Zalo', en: 'This phone has no Zalo account' }],
  [/quota/, { vi: 'Đã hết hạn mức gửi trong ngày', en: 'The daily quota is spent' }],
  [/quiet hours/, { vi: 'Giữ lại trong giờ yên lặng', en: 'Held through quiet hours' }],
  [
    /^unsubscribed|^gone|\b(404|410)\b/,
    { vi: 'Điện thoại đã tắt nhận thông báo', en: 'The phone turned notices off' },
  ],
  [
    /no consented phone/,
    { vi: 'Công dân không đồng ý nhận tin hoặc không có số điện thoại', en: 'No consented phone number' },
  ],
  [
    /^channel (off|not configured)|no SMS brandname|must be https/,
    { vi: 'Kênh chưa bật hoặc chưa cài đặt đủ', en: 'The channel is off or not set up' },
  ],
  [
    /endpoint refused|redirect/,
    { vi: 'Địa chỉ nhận thông báo không được phép', en: 'The push address is not allowed' },
  ],
  [/429/, { vi: 'Nhà cung cấp báo gửi quá nhanh', en: 'The provider asked to slow down' }],
  [
    /HTTP 5\d\d|timeout|network error|adapter error|failing|provider failing/,
    { vi: 'Nhà cung cấp không trả lời', en: 'The provider did not answer' },
  ],
  [
    /401|403|-124|key refused|brandname not registered/,
    {
      vi: 'Nhà cung cấp từ chối khóa truy cập hoặc tên thương hiệu',
      en: 'The provider refused the key or brandname',
    },
  ],
  [
    /template|parts|too long|link/,
    { vi: 'Mẫu tin không hợp lệ với nhà cung cấp', en: 'The template does not suit the provider' },
  ],
  [/HTTP 4\d\d|rejected/, { vi: 'Nhà cung cấp từ chối tin này', en: 'The provider refused this message' }],
];

export function reasonInWords(raw: string): Bilingual | null {
  return REASONS.find(([re]) => re.test(raw))?.[1] ?? null;
}
