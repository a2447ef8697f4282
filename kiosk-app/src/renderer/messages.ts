import { defineMessages, errorText, FEEDBACK_PERSONAL, type Bilingual } from '@layso/ui-kit';

/** Every text of the kiosk, Vietnamese first. Plain words for a citizen of 70: short sentences, no jargon. */
export const M = defineMessages({
  welcomeTitle: {
    vi: 'Xin chào! Chạm vào nơi bạn cần để lấy số',
    en: 'Hello! Touch where you need to go to take a number',
  },
  searchPlaceholder: {
    vi: 'Tìm thủ tục, ví dụ: lý lịch tư pháp, sổ đỏ…',
    en: 'Search a procedure, e.g. judicial record, land title…',
  },
  searchTitle: { vi: 'Tìm thủ tục', en: 'Find a procedure' },
  searchEmpty: {
    vi: 'Gõ vài chữ, có dấu hay không dấu đều được',
    en: 'Type a few words, with or without accents',
  },
  searchNone: {
    vi: 'Không tìm thấy thủ tục. Hãy thử từ khác hoặc chọn lĩnh vực.',
    en: 'No procedure found. Try other words or choose a department.',
  },
  waitingCount: { vi: 'Đang chờ: {n} người', en: 'Waiting: {n}' },
  closed: { vi: 'Ngoài giờ nhận hồ sơ', en: 'Closed now' },
  cap: { vi: 'Đã hết số hôm nay', en: 'No more numbers today' },
  inactive: { vi: 'Tạm ngừng nhận hồ sơ', en: 'Not available' },
  takeNumber: { vi: 'Lấy số thứ tự', en: 'Take a number' },
  takeNumberScreen: { vi: 'Lấy số (hiện trên màn hình)', en: 'Take a number (shown on screen)' },
  optionalTitle: { vi: 'Không bắt buộc', en: 'Optional' },
  priorityButton: { vi: 'Tôi thuộc diện ưu tiên', en: 'I have priority' },
  prioritySelected: { vi: 'Ưu tiên: {name}', en: 'Priority: {name}' },
  intakeButton: { vi: 'Điền họ tên, số điện thoại', en: 'Add my name and phone' },
  intakeDone: { vi: 'Đã điền thông tin của bạn', en: 'Your details are added' },
  proceduresButton: { vi: 'Xem các thủ tục của lĩnh vực này', en: 'See this department’s procedures' },
  procedureChosen: { vi: 'Thủ tục: {name}', en: 'Procedure: {name}' },
  priorityTitle: { vi: 'Bạn thuộc nhóm nào?', en: 'Which group are you in?' },
  priorityHint: {
    vi: 'Người thuộc các nhóm dưới đây được gọi trước. Cán bộ có thể xem giấy tờ để xác nhận.',
    en: 'People in these groups are called first. Staff may ask to see a document.',
  },
  priorityNone: { vi: 'Không thuộc nhóm nào', en: 'None of these' },
  intakeTitle: { vi: 'Thông tin của bạn', en: 'Your details' },
  consentText: {
    vi: 'Họ tên, số điện thoại và số CCCD giúp cán bộ tiếp nhận hồ sơ nhanh hơn. Chỉ cán bộ phục vụ bạn được xem; không hiện trên màn hình chung; tự động xóa sau {days} ngày.',
    en: 'Your name, phone and ID number help the officer receive your dossier faster. Only the officer serving you sees them; never on public screens; deleted after {days} days.',
  },
  noticesAgree: { vi: 'Nhận tin nhắn thông báo', en: 'Get text notices' },
  noticesNeedPhone: {
    vi: 'Nhập số điện thoại để nhận tin nhắn thông báo',
    en: 'Enter a phone number to get text notices',
  },
  consentAgree: { vi: 'Tôi đồng ý cung cấp', en: 'I agree' },
  consentNeeded: { vi: 'Hãy chạm “Tôi đồng ý cung cấp” trước', en: 'Touch “I agree” first' },
  scanHint: {
    vi: 'Có thẻ căn cước? Đưa mã QR trên thẻ vào máy quét để điền tự động.',
    en: 'Have your ID card? Hold its QR code to the scanner to fill this in.',
  },
  scanned: { vi: 'Đã đọc thẻ căn cước', en: 'ID card read' },
  scanFirstChoose: {
    vi: 'Hãy chọn lĩnh vực trước, rồi quét thẻ căn cước.',
    en: 'Choose a department first, then scan your ID card.',
  },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  phone: { vi: 'Số điện thoại', en: 'Phone number' },
  idNumber: { vi: 'Số CCCD (12 chữ số)', en: 'ID card number (12 digits)' },
  // The same words as every feedback form's (a ticket's intake and a case take the same phone).
  phoneInvalid: FEEDBACK_PERSONAL.phoneFormat,
  idInvalid: {
    vi: 'Số CCCD gồm đúng 12 chữ số, in ở mặt trước thẻ',
    en: 'The ID number has exactly 12 digits, printed on the front of the card',
  },
  nameInvalid: { vi: 'Họ tên chỉ gồm chữ cái và dấu cách', en: 'A name has letters and spaces only' },
  saveDetails: { vi: 'Lưu và tiếp tục', en: 'Save and continue' },
  clearDetails: { vi: 'Xóa thông tin', en: 'Clear my details' },
  procedureField: { vi: 'Lĩnh vực', en: 'Field' },
  procedureTime: { vi: 'Thời hạn giải quyết', en: 'Processing time' },
  procedureFee: { vi: 'Phí, lệ phí', en: 'Fees' },
  procedureAgency: { vi: 'Cơ quan thực hiện', en: 'Agency' },
  procedureService: { vi: 'Nộp hồ sơ tại', en: 'Submit at' },
  procedureNoService: {
    vi: 'Thủ tục này chưa được nhận tại trung tâm. Vui lòng hỏi quầy hướng dẫn.',
    en: 'This procedure is not received at this center. Please ask at the information desk.',
  },
  notStated: { vi: 'Chưa có thông tin', en: 'Not stated' },
  takeNumberFor: { vi: 'Lấy số: {name}', en: 'Take a number: {name}' },
  filterHint: { vi: 'Lọc theo tên thủ tục', en: 'Filter by name' },
  yourNumber: { vi: 'Số thứ tự của bạn', en: 'Your number' },
  ahead: { vi: 'Số người chờ trước bạn', en: 'People ahead of you' },
  wait: { vi: 'Thời gian chờ dự kiến', en: 'Estimated wait' },
  printing: { vi: 'Đang in phiếu…', en: 'Printing your ticket…' },
  printed: { vi: 'Mời bạn nhận phiếu ở khe bên dưới', en: 'Please take your ticket from the slot below' },
  notPrinted: {
    vi: 'Máy in không in được phiếu. Hãy chụp ảnh màn hình này hoặc ghi lại số.',
    en: 'The printer could not print. Take a photo of this screen or write the number down.',
  },
  screenOnly: {
    vi: 'Phiếu không được in. Hãy chụp ảnh màn hình này hoặc ghi lại số.',
    en: 'No ticket is printed. Take a photo of this screen or write the number down.',
  },
  trackQr: {
    vi: 'Quét mã để theo dõi lượt gọi trên điện thoại',
    en: 'Scan to follow the queue on your phone',
  },
  watchScreen: {
    vi: 'Vui lòng ngồi chờ và theo dõi màn hình gọi số',
    en: 'Please take a seat and watch the display for your number',
  },
  done: { vi: 'Xong', en: 'Done' },
  backIn: { vi: 'Tự quay về sau {s} giây', en: 'Returning in {s} s' },
  printerPaperOut: { vi: 'Máy in đã hết giấy', en: 'The printer is out of paper' },
  printerCoverOpen: { vi: 'Nắp máy in đang mở', en: 'The printer cover is open' },
  printerOffline: { vi: 'Máy in đang không hoạt động', en: 'The printer is not working' },
  printerScreenMode: {
    vi: 'Bạn vẫn lấy được số: số sẽ hiện trên màn hình để chụp ảnh hoặc ghi lại. Nhân viên đã được báo.',
    en: 'You can still take a number: it will be shown on screen to photograph or write down. Staff have been told.',
  },
  printerStopMode: {
    vi: 'Ki-ốt tạm ngừng cấp số. Vui lòng đến quầy hướng dẫn. Nhân viên đã được báo.',
    en: 'This kiosk has stopped issuing numbers. Please go to the information desk. Staff have been told.',
  },
  outOfServiceTitle: { vi: 'Ki-ốt tạm ngừng hoạt động', en: 'This kiosk is out of service' },
  outOfServiceText: {
    vi: 'Mất kết nối với hệ thống. Vui lòng đến quầy hướng dẫn. Ki-ốt sẽ tự hoạt động lại.',
    en: 'The connection to the system is lost. Please go to the information desk. The kiosk will come back by itself.',
  },
  starting: { vi: 'Ki-ốt đang khởi động', en: 'The kiosk is starting' },
  connecting: { vi: 'Đang kết nối…', en: 'Connecting…' },
  searching: { vi: 'Đang tìm…', en: 'Searching…' },
  pairTitle: { vi: 'Ki-ốt chưa được ghép nối', en: 'This kiosk is not paired' },
  pairText: {
    vi: 'Quản trị viên: mở địa chỉ ki-ốt kèm mã thiết bị (…/kiosk#token=…), lấy ở trang Quản trị → Thiết bị hoặc tệp demo-credentials.json.',
    en: 'Administrator: open the kiosk address with its device token (…/kiosk#token=…), from Admin → Devices or demo-credentials.json.',
  },
  pairRefused: {
    vi: 'Mã thiết bị của ki-ốt không còn hiệu lực. Hãy ghép nối lại.',
    en: 'The kiosk’s device token is no longer valid. Please pair it again.',
  },
  errorTitle: { vi: 'Chưa lấy được số', en: 'No number was issued' },
  /** The server cannot keep a ticket (full disk, read-only database): nothing a citizen can do but ask. */
  refusedStorage: {
    vi: 'Ki-ốt tạm thời chưa cấp được số. Vui lòng đến bàn hướng dẫn để được giúp.',
    en: 'The kiosk cannot give numbers right now. Please ask at the help desk.',
  },
  /** The kiosk's pace was reached (a queue at it, or a stuck key): a few seconds fix it. */
  refusedTooFast: {
    vi: 'Vui lòng chờ vài giây rồi bấm lại.',
    en: 'Please wait a few seconds and tap again.',
  },
  /** The lookup refused more tries: a number to ask at the counter instead of a dead end. */
  lookupLimitedHelp: {
    vi: 'Bạn vẫn có thể lấy số: cán bộ tại quầy sẽ xem giấy tờ và tra cứu giúp bạn.',
    en: 'You can still take a number: the officer at the counter will check your papers and look it up for you.',
  },
  lookupLimitedTicket: { vi: 'Lấy số đến quầy trả kết quả', en: 'Take a number for the results counter' },
  lookupLimitedServices: { vi: 'Chọn lĩnh vực để lấy số', en: 'Choose a service to take a number' },
  /** Check-in of a booking made at home (issue 21). */
  checkInOpen: { vi: 'Đã đặt lịch hẹn? Nhận số tại đây', en: 'Have a booking? Check in here' },
  checkInTitle: { vi: 'Nhận số theo lịch hẹn', en: 'Check in for your booking' },
  checkInScan: { vi: 'Quét mã QR đặt lịch hoặc thẻ CCCD', en: 'Scan your booking QR or your ID card' },
  checkInScanHelp: {
    vi: 'Đưa mã QR trong tin nhắn, trên điện thoại hoặc trên thẻ căn cước vào máy quét.',
    en: 'Hold the QR code from your message, phone screen or ID card to the scanner.',
  },
  checkInCodeLabel: { vi: 'Hoặc nhập mã đặt lịch (8 ký tự)', en: 'Or type your booking code (8 characters)' },
  checkInCodeHelp: {
    vi: 'Mã gồm chữ và số, ví dụ K7PQ-3M2D, có trong tin nhắn xác nhận.',
    en: 'Letters and digits, e.g. K7PQ-3M2D, from your confirmation message.',
  },
  checkInSubmit: { vi: 'Nhận số', en: 'Check in' },
  checkingIn: { vi: 'Đang tìm lịch hẹn…', en: 'Finding your booking…' },
  checkInBooking: { vi: 'Lịch hẹn {start}–{end}, ngày {day}', en: 'Booking {start}–{end}, {day}' },
  checkInEarlyTitle: { vi: 'Bạn đến sớm', en: 'You are early' },
  checkInEarly: {
    vi: 'Mời quay lại lúc {at} (lịch hẹn {start})',
    en: 'Please come back at {at} (booking at {start})',
  },
  checkInLateTitle: {
    vi: 'Lịch hẹn {start} đã quá giờ nhận số (trễ hơn {minutes} phút)',
    en: 'The {start} booking can no longer be checked in (more than {minutes} minutes late)',
  },
  checkInLateHelp: {
    vi: 'Bạn vẫn có thể lấy số thường và chờ đến lượt như mọi người.',
    en: 'You can still take a normal number and wait your turn.',
  },
  checkInLateTake: { vi: 'Lấy số thường', en: 'Take a normal number' },
  bookedTicket: { vi: 'Số đặt hẹn', en: 'Booked' },
  keyboardSpace: { vi: 'Dấu cách', en: 'Space' },
  keyboardDelete: { vi: 'Xóa', en: 'Delete' },
  keyboardShift: { vi: 'Chữ hoa', en: 'Shift' },
  keyboardTones: { vi: 'Thêm dấu', en: 'Tone marks' },
});

/**
 * Why no number was issued, as a citizen at the kiosk reads it: the server's own words, except where they are
 * meant for staff (a full disk) or blame a tap the citizen did not make twice (the kiosk's pace).
 */
export function refusalText(code: string, message?: string): Bilingual {
  if (code === 'LAYSO_DISK_FULL' || code === 'LAYSO_DB_UNWRITABLE') return M.refusedStorage;
  if (code === 'LAYSO_KIOSK_TOO_FAST') return M.refusedTooFast;
  return errorText(code, message);
}
