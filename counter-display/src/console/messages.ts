import { defineMessages } from '@layso/ui-kit';

/** The officer's console, Vietnamese first. */
export const M = defineMessages({
  title: { vi: 'Bàn làm việc của cán bộ', en: 'Officer console' },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
  signedOut: {
    vi: 'Phiên làm việc đã hết hạn hoặc quầy đã có người khác đăng nhập. Vui lòng đăng nhập lại.',
    en: 'Your session ended or someone else signed in at this counter. Please sign in again.',
  },
  chooseCounter: { vi: 'Chọn quầy làm việc', en: 'Choose your counter' },
  hello: {
    vi: 'Xin chào {name}. Hôm nay bạn làm việc tại quầy nào?',
    en: 'Hello {name}. Which counter are you at today?',
  },
  yourCounter: { vi: 'Quầy của bạn', en: 'Your counter' },
  heldBy: { vi: 'Đang có cán bộ {name} làm việc', en: '{name} is signed in here' },
  free: { vi: 'Đang trống', en: 'Free' },
  startHere: { vi: 'Bắt đầu làm việc tại {counter}', en: 'Start work at {counter}' },
  counterTakenBy: {
    vi: 'Quầy này đang có cán bộ {name} đăng nhập',
    en: '{name} is signed in at this counter',
  },
  changeCounter: { vi: 'Đổi quầy', en: 'Change counter' },

  serving: { vi: 'Đang phục vụ', en: 'Now serving' },
  called: { vi: 'Đã gọi — chờ công dân đến quầy', en: 'Called — waiting for the citizen' },
  inService: { vi: 'Đang giải quyết', en: 'In service' },
  nobodyHere: { vi: 'Chưa gọi số nào', en: 'No ticket at the counter' },
  nobodyWaiting: { vi: 'Không còn ai chờ', en: 'Nobody is waiting' },
  callNext: { vi: 'Gọi số tiếp theo', en: 'Call next' },
  recall: { vi: 'Gọi lại', en: 'Recall' },
  recallsLeft: { vi: 'còn {n} lần', en: '{n} left' },
  start: { vi: 'Bắt đầu phục vụ', en: 'Start service' },
  noShow: { vi: 'Vắng mặt', en: 'No-show' },
  transfer: { vi: 'Chuyển quầy', en: 'Transfer' },
  finish: { vi: 'Kết thúc', en: 'Finish' },
  pause: { vi: 'Tạm dừng', en: 'Pause' },
  resume: { vi: 'Tiếp tục nhận số', en: 'Resume' },
  paused: { vi: 'Quầy đang tạm dừng', en: 'The counter is paused' },
  pausedHint: {
    vi: 'Công dân không được gọi tới quầy này cho đến khi bạn tiếp tục.',
    en: 'No citizen is called to this counter until you resume.',
  },
  cancel: { vi: 'Huỷ', en: 'Cancel' },
  nobodyLeft: {
    vi: 'Hiện không có ai chờ lĩnh vực của quầy',
    en: 'Nobody waits for this counter’s services',
  },

  queue: { vi: 'Hàng chờ', en: 'Queue' },
  queueHint: { vi: 'theo thứ tự sẽ được gọi', en: 'in the order they will be called' },
  more: { vi: 'và {n} số khác', en: 'and {n} more' },
  waited: { vi: 'chờ {n} phút', en: 'waited {n} min' },
  priority: { vi: 'Ưu tiên', en: 'Priority' },
  transferredIn: { vi: 'Chuyển đến', en: 'Transferred in' },
  note: { vi: 'Ghi chú của quầy trước', en: 'Note from the previous counter' },
  service: { vi: 'Lĩnh vực', en: 'Service' },

  finishTitle: { vi: 'Kết thúc phục vụ số {number}', en: 'Finish ticket {number}' },
  outcome: { vi: 'Kết quả', en: 'Outcome' },
  received: { vi: 'Tiếp nhận hồ sơ', en: 'Dossier received' },
  returned: { vi: 'Trả kết quả', en: 'Result returned' },
  guidance: { vi: 'Chỉ hướng dẫn', en: 'Guidance only' },
  dossierCode: { vi: 'Mã hồ sơ (gõ hoặc quét)', en: 'Dossier code (type or scan)' },
  dossierHint: {
    vi: 'Dạng mã cơ quan-năm tháng ngày-số, ví dụ 000.00.12.H61-261202-0001',
    en: 'Agency code-yymmdd-number, e.g. 000.00.12.H61-261202-0001',
  },
  dossierCodeOptional: {
    vi: 'Mã hồ sơ (gõ, quét hoặc để trống)',
    en: 'Dossier code (type, scan or leave empty)',
  },
  dossierGeneratedHint: {
    vi: 'Để trống nếu chưa có mã: hệ thống tự cấp mã hồ sơ mới (mã cơ quan-năm tháng ngày-số) khi kết thúc.',
    en: 'Leave it empty if there is none: the system gives the dossier a new code when you finish.',
  },
  appointmentHint: {
    vi: 'Cần có ngày hẹn để in giấy tiếp nhận (Mẫu 01)',
    en: 'Needed to print the receipt slip (form 01)',
  },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  procedureSearch: { vi: 'Tìm thủ tục (tên hoặc mã)', en: 'Find a procedure (name or code)' },
  appointment: { vi: 'Ngày hẹn trả kết quả', en: 'Appointment date' },
  appointmentInvalid: {
    vi: 'Ngày giờ hẹn chưa đúng: nhập ngày dd/mm/yyyy và giờ 24 giờ (14:00)',
    en: 'The appointment is not valid: type the date as dd/mm/yyyy and the time as 24-hour (14:00)',
  },
  confirmFinish: { vi: 'Xác nhận kết thúc', en: 'Confirm finish' },

  transferTitle: { vi: 'Chuyển số {number} sang lĩnh vực khác', en: 'Transfer ticket {number}' },
  transferTo: { vi: 'Chuyển đến lĩnh vực', en: 'Transfer to' },
  transferNote: { vi: 'Ghi chú cho quầy nhận (không bắt buộc)', en: 'Note for the next counter (optional)' },
  confirmTransfer: { vi: 'Xác nhận chuyển', en: 'Confirm transfer' },
  pickService: { vi: 'Chọn lĩnh vực cần chuyển đến', en: 'Pick the service to transfer to' },

  pauseTitle: { vi: 'Tạm dừng quầy', en: 'Pause the counter' },
  pauseReason: { vi: 'Lý do', en: 'Reason' },
  otherReason: { vi: 'Lý do khác', en: 'Other reason' },
  confirmPause: { vi: 'Tạm dừng', en: 'Pause' },

  shortcuts: {
    vi: 'Phím tắt: chữ cái trên mỗi nút · Esc để huỷ',
    en: 'Shortcuts: the letter on each button · Esc to cancel',
  },
  done: { vi: 'Đã kết thúc số {number}', en: 'Ticket {number} finished' },
  doneWithCode: {
    vi: 'Đã kết thúc số {number} — mã hồ sơ {code}',
    en: 'Ticket {number} finished — dossier code {code}',
  },
  receiptFor: { vi: 'Hồ sơ đã tiếp nhận của số {number}', en: 'Dossier received from ticket {number}' },
  printReceipt: { vi: 'In giấy tiếp nhận (Mẫu 01)', en: 'Print the receipt slip (form 01)' },
  receiptPrinted: { vi: 'Đã in', en: 'Printed' },
  receiptNotPrinted: { vi: 'Chưa in được giấy tiếp nhận', en: 'The receipt slip was not printed' },
  transferred: {
    vi: 'Đã chuyển số {number} → số mới {to}',
    en: 'Ticket {number} transferred → new number {to}',
  },
  markedNoShow: { vi: 'Số {number}: vắng mặt', en: 'Ticket {number}: no-show' },
  noOneToCall: { vi: 'Không có ai đang chờ để gọi', en: 'Nobody is waiting to be called' },

  // ---- the dossier after the counter (issue 18) ----
  ownerContact: {
    vi: 'Số CCCD hoặc số điện thoại chủ hồ sơ (không bắt buộc)',
    en: "Owner's ID or phone number (optional)",
  },
  ownerHint: {
    vi: 'Để công dân tra cứu kết quả bằng 4 số cuối; chỉ lưu 4 số cuối. Để trống nếu công dân đã khai ở ki-ốt.',
    en: 'Lets the citizen look the result up with its last 4 digits; only those are kept. Leave empty if given at the kiosk.',
  },
  ownerInvalid: {
    vi: 'Nhập số CCCD (9 hoặc 12 chữ số) hoặc số điện thoại (10 chữ số)',
    en: 'Type an ID number (9 or 12 digits) or a phone number (10 digits)',
  },
  collectedBy: { vi: 'Người nhận kết quả', en: 'Collected by' },
  collectorOwner: { vi: 'Chủ hồ sơ', en: 'The owner' },
  collectorAuthorised: { vi: 'Người được ủy quyền', en: 'An authorised person' },
  collectorName: { vi: 'Họ tên người được ủy quyền', en: "Authorised person's name" },
  collectorId: { vi: 'Số CCCD người được ủy quyền', en: "Authorised person's ID number" },
  collectorConsent: {
    vi: 'Người nhận đồng ý lưu họ tên và số giấy tờ (tự xóa theo thời hạn lưu thông tin tiếp nhận)',
    en: 'The collector agrees to their name and ID being kept (deleted with the intake retention)',
  },
  originals: { vi: 'Số bản gốc trả lại công dân', en: 'Originals handed back' },
  collectorNameNeeded: { vi: 'Nhập họ tên người được ủy quyền', en: "Type the authorised person's name" },
  collectorIdInvalid: {
    vi: 'Số CCCD gồm 9 hoặc 12 chữ số',
    en: 'An ID number has 9 or 12 digits',
  },
  consentNeeded: {
    vi: 'Cần sự đồng ý của người nhận để lưu họ tên',
    en: "The collector's consent is needed to keep their name",
  },
  originalsInvalid: { vi: 'Số bản gốc là số từ 0 đến 100', en: 'Originals: a number from 0 to 100' },
  dossierTitle: { vi: 'Hồ sơ {code}', en: 'Dossier {code}' },
  dossierFacts: { vi: 'Thông tin hồ sơ', en: 'Dossier' },
  returnResult: { vi: 'Trả kết quả', en: 'Return the result' },
  returnFor: { vi: 'Trả kết quả cho số {number}', en: 'Return to ticket {number}' },
  lookupLabel: { vi: 'Tra cứu hồ sơ (gõ hoặc quét mã)', en: 'Look up a dossier (type or scan)' },
  lookupButton: { vi: 'Tra cứu', en: 'Look up' },
  lookupInvalid: {
    vi: 'Không đọc được mã hồ sơ: gõ dạng 000.00.12.H62-201105-0004 hoặc quét mã trên giấy hẹn',
    en: 'Not a dossier code: type it as 000.00.12.H62-201105-0004 or scan the slip',
  },
  close: { vi: 'Đóng', en: 'Close' },
  factProcedure: { vi: 'Thủ tục', en: 'Procedure' },
  factStatus: { vi: 'Tình trạng', en: 'Status' },
  factReceived: { vi: 'Tiếp nhận', en: 'Received' },
  factAppointment: { vi: 'Hẹn trả', en: 'Appointment' },
  factReady: { vi: 'Có kết quả', en: 'Result ready' },
  factReturned: { vi: 'Đã trả', en: 'Returned' },
  factReason: { vi: 'Lý do / ghi chú của tỉnh', en: "The province's note" },
  factPlace: { vi: 'Nơi trả', en: 'Where to collect' },
  factOfficer: { vi: 'Cán bộ tiếp nhận', en: 'Received by' },
  learnt: { vi: 'cập nhật {at} ({source})', en: 'as of {at} ({source})' },
  sourceCounter: { vi: 'tại quầy', en: 'at the counter' },
  sourcePush: { vi: 'tỉnh gửi', en: 'pushed by the province' },
  sourcePull: { vi: 'hỏi tỉnh', en: 'asked the province' },
  overdueTag: { vi: 'Quá hạn', en: 'Overdue' },
  collectorTag: { vi: 'người nhận: {who}', en: 'collected by: {who}' },
  originalsTag: { vi: '{n} bản gốc', en: '{n} originals' },
  notProvable: {
    vi: 'Chưa có 4 số cuối CCCD/SĐT: công dân chưa tra cứu được ở ki-ốt',
    en: 'No ID/phone digits: the citizen cannot look it up at the kiosk',
  },
});

/** Reasons an officer pauses, one tap each; "other" lets them type their own. */
export const PAUSE_REASONS = [
  { vi: 'Nghỉ giải lao', en: 'Break' },
  { vi: 'Họp', en: 'Meeting' },
  { vi: 'Hỗ trợ quầy khác', en: 'Helping another counter' },
  { vi: 'Sự cố kỹ thuật', en: 'Technical problem' },
] as const;
