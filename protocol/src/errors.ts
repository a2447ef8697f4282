/**
 * Every error the server returns, with its HTTP status and a Vietnamese and an English message.
 * Clients show `vi` first; the wire carries `{"error":{"code","message"}}` with message = "vi / en".
 */
export const ERRORS = {
  LAYSO_VALIDATION: { status: 400, vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
  LAYSO_BAD_JSON: {
    status: 400,
    vi: 'Nội dung gửi lên không phải JSON hợp lệ',
    en: 'Body is not valid JSON',
  },
  LAYSO_UNSUPPORTED_MEDIA: {
    status: 415,
    vi: 'Chỉ nhận nội dung dạng JSON',
    en: 'Only JSON bodies are accepted',
  },
  LAYSO_BODY_TOO_LARGE: { status: 413, vi: 'Nội dung gửi lên quá lớn', en: 'Body too large' },
  LAYSO_UNAUTHENTICATED: {
    status: 401,
    vi: 'Cần đăng nhập hoặc mã thiết bị hợp lệ',
    en: 'A valid session or device token is required',
  },
  LAYSO_BAD_CREDENTIALS: {
    status: 401,
    vi: 'Sai tên đăng nhập hoặc mật khẩu',
    en: 'Wrong username or password',
  },
  LAYSO_FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này', en: 'Not allowed' },
  LAYSO_WRONG_COUNTER: {
    status: 403,
    vi: 'Cán bộ chỉ thao tác cho quầy mình đang đăng nhập',
    en: 'Officers act only for the counter they are signed in at',
  },
  LAYSO_RATE_LIMITED: {
    status: 429,
    vi: 'Quá nhiều lần đăng nhập, vui lòng thử lại sau ít phút',
    en: 'Too many sign-in attempts, try again in a few minutes',
  },
  LAYSO_NOT_FOUND: { status: 404, vi: 'Không tìm thấy địa chỉ này', en: 'No such route' },
  LAYSO_SERVICE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy lĩnh vực', en: 'Service not found' },
  LAYSO_PROCEDURE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy thủ tục', en: 'Procedure not found' },
  LAYSO_PROCEDURE_SERVICE_MISMATCH: {
    status: 400,
    vi: 'Thủ tục không thuộc lĩnh vực đã chọn',
    en: 'The procedure does not belong to the chosen service',
  },
  LAYSO_TICKET_NOT_FOUND: { status: 404, vi: 'Không tìm thấy số thứ tự', en: 'Ticket not found' },
  LAYSO_TICKET_NOT_WAITING: {
    status: 409,
    vi: 'Số này không còn đang chờ (đã được gọi, đã xong hoặc đã hủy)',
    en: 'This ticket is no longer waiting (called, finished or cancelled)',
  },
  LAYSO_COUNTER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy quầy', en: 'Counter not found' },
  LAYSO_DEVICE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy thiết bị', en: 'Device not found' },
  LAYSO_OUTBOX_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy bản ghi đồng bộ hồ sơ',
    en: 'Outbox record not found',
  },
  LAYSO_OUTBOX_NOT_DEAD: {
    status: 409,
    vi: 'Chỉ gửi lại được hồ sơ đã bị dừng gửi lên hệ thống của tỉnh',
    en: 'Only a record whose delivery was given up (a dead letter) can be sent again',
  },
  LAYSO_PUSH_UNSIGNED: {
    status: 401,
    vi: 'Trạng thái hồ sơ gửi đến thiếu chữ ký hoặc thời điểm ký',
    en: 'The status push lacks its signature or timestamp',
  },
  LAYSO_PUSH_STALE: {
    status: 401,
    vi: 'Trạng thái hồ sơ gửi đến đã quá hạn 5 phút hoặc ghi thời điểm tương lai',
    en: 'The status push is older than 5 minutes or dated in the future',
  },
  LAYSO_PUSH_BAD_SIGNATURE: {
    status: 401,
    vi: 'Chữ ký của trạng thái hồ sơ gửi đến không đúng',
    en: 'The status push signature does not match',
  },
  LAYSO_PUSH_DISABLED: {
    status: 503,
    vi: 'Máy chủ chưa được cấu hình để nhận trạng thái hồ sơ từ hệ thống của tỉnh',
    en: 'This server is not configured to receive status pushes from the province',
  },
  LAYSO_USER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tài khoản', en: 'User not found' },
  LAYSO_USER_DISABLED: {
    status: 403,
    vi: 'Tài khoản này đã bị khoá: hãy liên hệ quản trị viên của trung tâm',
    en: 'This account is disabled: ask the administrator of the center',
  },
  LAYSO_PRIORITY_UNKNOWN: {
    status: 400,
    vi: 'Nhóm ưu tiên không có trong danh sách',
    en: 'Unknown priority group',
  },
  LAYSO_SERVICE_CLOSED: {
    status: 409,
    vi: 'Lĩnh vực này hiện không nhận số (ngoài giờ làm việc)',
    en: 'This service is not issuing numbers now (outside opening hours)',
  },
  LAYSO_DAILY_CAP_REACHED: {
    status: 409,
    vi: 'Lĩnh vực này đã hết số trong ngày hôm nay',
    en: 'This service has reached its daily cap',
  },
  LAYSO_KIOSK_TOO_FAST: {
    status: 429,
    vi: 'Ki-ốt đang lấy số quá nhanh. Vui lòng chờ vài giây rồi thử lại',
    en: 'This kiosk is taking numbers too fast. Please wait a few seconds and try again',
  },
  LAYSO_INVALID_TRANSITION: {
    status: 409,
    vi: 'Không thể thực hiện thao tác này với số ở trạng thái hiện tại',
    en: 'The ticket is not in a state that allows this action',
  },
  LAYSO_RECALL_LIMIT: { status: 409, vi: 'Đã gọi lại đủ số lần cho phép', en: 'Recall limit reached' },
  LAYSO_COUNTER_BUSY: {
    status: 409,
    vi: 'Quầy đang phục vụ một số khác, hãy kết thúc trước',
    en: 'The counter is still serving a ticket; finish it first',
  },
  LAYSO_COUNTER_TAKEN: {
    status: 409,
    vi: 'Quầy này đang có cán bộ khác đăng nhập',
    en: 'Another officer is signed in at this counter',
  },
  LAYSO_ALREADY_RATED: {
    status: 409,
    vi: 'Lượt phục vụ này đã được đánh giá',
    en: 'This service has already been rated',
  },
  LAYSO_COUNTER_PAUSED: { status: 409, vi: 'Quầy đang tạm dừng', en: 'The counter is paused' },
  LAYSO_TRANSFER_SAME_SERVICE: {
    status: 400,
    vi: 'Không thể chuyển sang chính lĩnh vực hiện tại',
    en: 'Cannot transfer to the same service',
  },
  LAYSO_DOSSIER_REQUIRED: {
    status: 400,
    vi: 'Cần mã hồ sơ khi tiếp nhận hoặc trả kết quả',
    en: 'A dossier code is required for a received or returned outcome',
  },
  LAYSO_DOSSIER_CODE_INVALID: {
    status: 400,
    vi: 'Mã hồ sơ không hợp lệ: cần dạng mã cơ quan-năm tháng ngày-số thứ tự, ví dụ 000.00.12.H62-201105-0004',
    en: 'Invalid dossier code: expected {agency}-{yymmdd}-{NNNN}, e.g. 000.00.12.H62-201105-0004',
  },
  LAYSO_DOSSIER_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy hồ sơ này trong sổ của trung tâm và hệ thống của tỉnh',
    en: "No such dossier in the center's register or the provincial system",
  },
  LAYSO_PHONE_ACTION_LIMIT: {
    status: 429,
    vi: 'Quá nhiều thao tác từ thiết bị này. Vui lòng thử lại sau ít phút',
    en: 'Too many actions from this device. Please try again in a few minutes',
  },
  LAYSO_DOSSIER_LOOKUP_LIMIT: {
    status: 429,
    vi: 'Đã tra cứu sai quá nhiều lần. Vui lòng thử lại sau hoặc hỏi tại quầy hướng dẫn',
    en: 'Too many wrong lookups. Please try again later or ask at the help desk',
  },
  LAYSO_RECEIPT_NOT_RECEIVED: {
    status: 409,
    vi: 'Chỉ in giấy tiếp nhận cho số đã kết thúc với kết quả "Tiếp nhận hồ sơ"',
    en: 'A receipt slip is printed only for a ticket finished with a received dossier',
  },
  LAYSO_RECEIPT_NEEDS_APPOINTMENT: {
    status: 400,
    vi: 'Hồ sơ chưa có ngày hẹn trả kết quả nên chưa in được giấy tiếp nhận; hãy nhập ngày hẹn khi kết thúc',
    en: 'The dossier has no appointment date, so no receipt slip can be printed; enter it when finishing',
  },
  LAYSO_SETUP_DONE: {
    status: 403,
    vi: 'Máy chủ đã có quản trị viên: hãy đăng nhập, hoặc dùng npm run create-admin trên máy chủ',
    en: 'This server already has an admin: sign in, or run npm run create-admin on the server',
  },
  LAYSO_SETUP_CODE: {
    status: 403,
    vi: 'Mã thiết lập không đúng: dùng mã in trên màn hình máy chủ ở lần khởi động gần nhất',
    en: 'Wrong setup code: use the code the server printed on its console at its last start',
  },
  LAYSO_CONFLICT: { status: 409, vi: 'Dữ liệu bị trùng', en: 'Conflicting data' },
  LAYSO_INTERNAL: {
    status: 500,
    vi: 'Lỗi hệ thống, vui lòng báo quản trị viên',
    en: 'Internal error, please tell the administrator',
  },
  // The storage refuses writes (issue 17): nothing was saved; reads still work. Not a bug, so not LAYSO_INTERNAL.
  LAYSO_DISK_FULL: {
    status: 503,
    vi: 'Máy chủ hết dung lượng đĩa: thao tác này chưa thực hiện được (không lưu được gì). Báo bộ phận kỹ thuật giải phóng dung lượng',
    en: 'The server disk is full: this action could not be done (nothing can be saved). Ask technical support to free space',
  },
  LAYSO_DB_UNWRITABLE: {
    status: 503,
    vi: 'Cơ sở dữ liệu của máy chủ không ghi được (chỉ đọc hoặc lỗi đĩa): thao tác này chưa thực hiện được. Báo bộ phận kỹ thuật',
    en: "The server's database cannot be written (read-only or a disk error): this action could not be done. Tell technical support",
  },
  // A long request (a catalogue import's parse) cut short because the server is stopping: nothing was written.
  LAYSO_SERVER_CLOSING: {
    status: 503,
    vi: 'Máy chủ đang tắt hoặc khởi động lại: thao tác này chưa thực hiện (không lưu gì). Vui lòng thử lại sau ít phút',
    en: 'The server is stopping or restarting: this action was not done (nothing was saved). Try again in a minute',
  },
  LAYSO_REPORT_RANGE_INVALID: {
    status: 400,
    vi: 'Khoảng ngày báo cáo không hợp lệ: ngày bắt đầu không sau ngày kết thúc, tối đa 366 ngày',
    en: 'Invalid report range: from must not be after to, at most 366 days',
  },
  LAYSO_IMPORT_INVALID: {
    status: 400,
    vi: 'Tệp danh mục không đọc được',
    en: 'The catalogue file could not be read',
  },
  LAYSO_SIM_BUSY: {
    status: 409,
    vi: 'Đang chạy một mô phỏng khác, vui lòng đợi nó xong',
    en: 'Another simulation is running, wait for it to finish',
  },
  LAYSO_SIM_NO_MODEL: {
    status: 409,
    vi: 'Chưa đủ dữ liệu để mô phỏng: trung tâm chưa có lịch sử phiếu và số liệu mẫu không khớp các lĩnh vực',
    en: "Not enough data to simulate: no ticket history yet, and the sample figures do not match the center's services",
  },
  LAYSO_SIM_PLAN_INVALID: {
    status: 400,
    vi: 'Kế hoạch bố trí quầy không chạy được',
    en: 'The staffing plan cannot be run',
  },
  LAYSO_SIM_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy lượt mô phỏng (máy chủ đã khởi động lại?)',
    en: 'No such simulation (was the server restarted?)',
  },
  LAYSO_NOTICE_TEMPLATE_INVALID: {
    status: 400,
    vi: 'Mẫu thông báo không hợp lệ: tham số không được khai báo, có đường dẫn, hoặc quá dài',
    en: 'Invalid notice template: an undeclared parameter, a link, or too long',
  },
  LAYSO_NOTICE_CHANNEL_INCOMPLETE: {
    status: 400,
    vi: 'Kênh thông báo chưa đủ thông tin để bật: cần địa chỉ nhà cung cấp, khóa truy cập và tên thương hiệu (SMS)',
    en: 'The notice channel cannot be turned on yet: it needs the provider URL, a credential and a brandname (SMS)',
  },
  LAYSO_NOTICE_CREDENTIAL_REQUIRED: {
    status: 400,
    vi: 'Đổi địa chỉ nhà cung cấp thì phải nhập lại khóa truy cập cho địa chỉ mới',
    en: 'A new provider URL needs its credential entered again',
  },
  LAYSO_CONSENT_VERSION_UNKNOWN: {
    status: 400,
    vi: 'Nội dung đồng ý nhận thông báo đã thay đổi. Vui lòng tải lại trang và đồng ý lại',
    en: 'The notice consent text has changed. Please reload the page and agree again',
  },
  LAYSO_NOTICE_PROVIDER_URL_REFUSED: {
    status: 400,
    vi: 'Địa chỉ nhà cung cấp phải là https (http chỉ dùng thử trên máy này, với ALLOW_HTTP_UPSTREAM=true)',
    en: 'The provider URL must be https (plain http only for a lab on this machine, with ALLOW_HTTP_UPSTREAM=true)',
  },
  LAYSO_NOTICES_CLOSED: {
    status: 409,
    vi: 'Số này không còn nhận thông báo (đã phục vụ, đã hủy hoặc đã qua ngày)',
    en: 'This ticket takes no more notices (served, cancelled or past its day)',
  },
  LAYSO_PUSH_ENDPOINT_REFUSED: {
    status: 400,
    vi: 'Địa chỉ nhận thông báo của trình duyệt không được chấp nhận',
    en: "The browser's push endpoint is not accepted",
  },
  // The province hub (issue 20): a site sending its facts.
  LAYSO_HUB_SITE_KEY: {
    status: 401,
    vi: 'Cần mã khóa hợp lệ của điểm (site key) do quản trị tỉnh cấp',
    en: "A valid site key issued by the province's admin is required",
  },
  LAYSO_HUB_SITE_REVOKED: {
    status: 403,
    vi: 'Mã khóa của điểm này đã bị thu hồi',
    en: "This site's key has been revoked",
  },
  LAYSO_HUB_SITE_MISMATCH: {
    status: 403,
    vi: 'Lô gửi lên ghi mã điểm khác với mã khóa đã dùng',
    en: 'The batch names another site than its key',
  },
  LAYSO_HUB_SEQ_GAP: {
    status: 409,
    vi: 'Lô không bắt đầu ngay sau số thứ tự đã xác nhận: gửi lại từ số được yêu cầu',
    en: 'The batch does not start right after the acknowledged seq: send again from the expected one',
  },
  LAYSO_HUB_UNAVAILABLE: {
    status: 503,
    vi: 'Cơ sở dữ liệu của trung tâm tỉnh tạm thời không sẵn sàng: lô chưa được nhận, hãy gửi lại sau',
    en: "The hub's database is unavailable for now: the batch was not taken, send it again later",
  },
  LAYSO_HUB_DB_UNAVAILABLE: {
    status: 503,
    vi: 'Cơ sở dữ liệu của trung tâm tỉnh tạm thời không sẵn sàng, vui lòng thử lại sau ít phút',
    en: "The hub's database is unavailable for now, try again in a few minutes",
  },
  LAYSO_HUB_LAST_ADMIN: {
    status: 409,
    vi: 'Đây là quản trị tỉnh cuối cùng còn hoạt động: hãy tạo hoặc mở lại một quản trị tỉnh khác trước',
    en: 'This is the last active province admin: create or re-enable another one first',
  },
  LAYSO_HUB_SITE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy điểm (trung tâm)', en: 'Site not found' },
  LAYSO_HUB_USER_DISABLED: {
    status: 403,
    vi: 'Tài khoản này đã bị khoá: hãy liên hệ quản trị viên của tỉnh',
    en: "This account is disabled: ask the province's administrator",
  },
  // Hub → sites: what the province manages.
  LAYSO_PROVINCE_MANAGED: {
    status: 409,
    vi: 'Mục này do tỉnh quản lý: chỉ thay đổi được trong danh mục của trung tâm tỉnh',
    en: "This item is managed by the province: it changes only in the province's catalogue",
  },
  LAYSO_HUB_NOT_JOINED: {
    status: 409,
    vi: 'Trung tâm chưa kết nối với trung tâm tỉnh (HUB_URL, HUB_SITE_KEY)',
    en: 'This center is not joined to a province hub (HUB_URL, HUB_SITE_KEY)',
  },
  // Appointments (issue 21).
  LAYSO_BOOKING_CLOSED: {
    status: 409,
    vi: 'Trung tâm hiện không nhận đặt lịch trực tuyến. Mời đến lấy số tại ki-ốt',
    en: 'The center does not take online bookings now. Please take a number at the kiosk',
  },
  LAYSO_BOOKING_SERVICE_CLOSED: {
    status: 409,
    vi: 'Lĩnh vực này không nhận đặt lịch trực tuyến',
    en: 'This service does not take online bookings',
  },
  LAYSO_BOOKING_DAY_CLOSED: {
    status: 409,
    vi: 'Ngày này không nhận đặt lịch (ngày nghỉ, đã qua hoặc quá xa)',
    en: 'This day is not open for booking (a day off, past, or too far ahead)',
  },
  LAYSO_BOOKING_SLOT_UNKNOWN: {
    status: 409,
    vi: 'Không có khung giờ này trong ngày đã chọn',
    en: 'There is no such time slot on the chosen day',
  },
  LAYSO_BOOKING_SLOT_CLOSED: {
    status: 409,
    vi: 'Khung giờ này đã hết hạn đặt lịch. Vui lòng chọn khung giờ khác',
    en: 'Booking for this time slot has closed. Please choose another',
  },
  LAYSO_BOOKING_SLOT_FULL: {
    status: 409,
    vi: 'Khung giờ này đã hết chỗ. Vui lòng chọn khung giờ khác',
    en: 'This time slot is full. Please choose another',
  },
  LAYSO_BOOKING_PERSON_LIMIT: {
    status: 409,
    vi: 'Mỗi người chỉ được lấy số giới hạn trong một ngày (tính cả số lấy tại ki-ốt). Vui lòng chọn ngày khác',
    en: 'One person may hold only a limited number of numbers a day (kiosk numbers included). Please choose another day',
  },
  LAYSO_BOOKING_SERVICE_LIMIT: {
    status: 409,
    vi: 'Bạn đã đặt lịch cho lĩnh vực này trong ngày đã chọn',
    en: 'You already have a booking for this service on that day',
  },
  LAYSO_BOOKING_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy lịch hẹn. Vui lòng kiểm tra lại mã đặt lịch',
    en: 'Booking not found. Please check the booking code',
  },
  LAYSO_BOOKING_NOT_CHANGEABLE: {
    status: 409,
    vi: 'Lịch hẹn này không thể hủy hoặc đổi nữa (đã đến giờ, đã nhận số hoặc đã hủy)',
    en: 'This booking can no longer be cancelled or moved (its time has come, it was checked in or cancelled)',
  },
  LAYSO_BOOKING_USED: {
    status: 409,
    vi: 'Lịch hẹn này đã được nhận số và phục vụ. Nếu cần, mời lấy số mới',
    en: 'This booking was already checked in and served. Take a new number if you need one',
  },
  LAYSO_BOOKING_PROOF_INVALID: {
    status: 401,
    vi: 'Phiên xác thực số điện thoại đã hết hạn. Vui lòng nhận mã mới',
    en: 'The phone confirmation has expired. Please get a new code',
  },
  LAYSO_BOOKING_LIMIT: {
    status: 429,
    vi: 'Quá nhiều lần thử. Vui lòng thử lại sau ít phút',
    en: 'Too many attempts. Please try again in a few minutes',
  },
  LAYSO_OTP_INVALID: {
    status: 400,
    vi: 'Mã xác nhận không đúng',
    en: 'Wrong confirmation code',
  },
  LAYSO_OTP_EXPIRED: {
    status: 410,
    vi: 'Mã xác nhận đã hết hạn hoặc đã dùng. Vui lòng nhận mã mới',
    en: 'The confirmation code has expired or was used. Please get a new code',
  },
  LAYSO_OTP_LIMIT: {
    status: 429,
    vi: 'Đã gửi quá nhiều mã cho số điện thoại hoặc số CCCD này. Vui lòng thử lại sau',
    en: 'Too many codes sent to this phone or ID number. Please try again later',
  },
  // Feedback and complaints (issue 22).
  LAYSO_FEEDBACK_DISABLED: {
    status: 409,
    vi: 'Trung tâm chưa nhận góp ý, phản ánh trực tuyến. Mời đến bàn hướng dẫn để phản ánh trực tiếp',
    en: 'The center does not take feedback online now. Please give it at the help desk',
  },
  LAYSO_FEEDBACK_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy phản ánh với mã này. Vui lòng kiểm tra lại mã',
    en: 'No feedback case has this code. Please check the code',
  },
  LAYSO_FEEDBACK_PROOF_INVALID: {
    status: 403,
    vi: '4 số cuối điện thoại không khớp với phản ánh này',
    en: 'The last 4 digits of the phone do not match this case',
  },
  LAYSO_FEEDBACK_LIMIT: {
    status: 429,
    vi: 'Đã gửi quá nhiều phản ánh hoặc thử quá nhiều lần. Vui lòng thử lại sau hoặc đến bàn hướng dẫn',
    en: 'Too many cases sent or too many tries. Please try again later or go to the help desk',
  },
  LAYSO_FEEDBACK_FILE_TYPE: {
    status: 400,
    vi: 'Tệp đính kèm chỉ nhận ảnh JPEG, PNG hoặc tệp PDF',
    en: 'Attached files must be JPEG or PNG pictures or PDF files',
  },
  LAYSO_FEEDBACK_FILE_TOO_LARGE: {
    status: 413,
    vi: 'Tệp đính kèm quá lớn (tối đa 5 MB mỗi tệp, 3 tệp)',
    en: 'An attached file is too large (at most 5 MB each, 3 files)',
  },
  LAYSO_FEEDBACK_FILE_INVALID: {
    status: 400,
    vi: 'Không đọc được tệp đính kèm (tệp hỏng hoặc không đúng loại)',
    en: 'An attached file cannot be read (damaged, or not of the type it claims)',
  },
  LAYSO_FEEDBACK_STATE: {
    status: 409,
    vi: 'Phản ánh đang ở trạng thái không cho phép thao tác này',
    en: 'The case is in a state that does not allow this',
  },
  LAYSO_FEEDBACK_FORWARD_DATE: {
    status: 400,
    vi: 'Ngày chuyển không được sau hôm nay hoặc trước ngày tiếp nhận',
    en: 'The forwarding date cannot be in the future or before the case was received',
  },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The one error body every 4xx carries. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorMessage(code: ErrorCode): string {
  const e = ERRORS[code];
  return `${e.vi} / ${e.en}`;
}
