import { defineMessages } from '@layso/ui-kit';

/** The what-if page ("Mô phỏng"), Vietnamese first. */
export const S = defineMessages({
  nav: { vi: 'Mô phỏng', en: 'What-if' },
  intro: {
    vi: 'So sánh cách bố trí quầy hiện nay (A) với một phương án khác (B) trên cùng những ngày mô phỏng: cùng người đến, cùng thời gian giải quyết. Không thay đổi gì của trung tâm.',
    en: "Compare today's counters (A) with another plan (B) over the same simulated days: the same arrivals, the same service times. Nothing at the center changes.",
  },
  fromHistory: {
    vi: 'Số liệu: lịch sử {weeks} tuần của trung tâm ({n} phiếu).',
    en: "Data: the center's last {weeks} weeks ({n} tickets).",
  },
  fromProfile: {
    vi: 'Số liệu: số liệu mẫu (giả định) — trung tâm chưa đủ lịch sử ({n} phiếu trong {weeks} tuần).',
    en: 'Data: sample figures (assumed) — not enough history yet ({n} tickets in {weeks} weeks).',
  },
  weekday: { vi: 'Ngày trong tuần', en: 'Weekday' },
  noArrivals: { vi: '(không có người đến)', en: '(no arrivals)' },
  days: { vi: 'Số ngày mô phỏng', en: 'Simulated days' },
  target: { vi: 'Thời gian chờ mục tiêu (phút)', en: 'Target wait (minutes)' },
  planB: { vi: 'Phương án B', en: 'Plan B' },
  addCounters: { vi: 'Thêm quầy', en: 'Add counters' },
  addRow: { vi: 'Thêm một dòng', en: 'Add a row' },
  remove: { vi: 'Bỏ dòng này', en: 'Remove this row' },
  removeRow: { vi: 'Bỏ dòng {row}', en: 'Remove row {row}' },
  service: { vi: 'Lĩnh vực', en: 'Service' },
  count: { vi: 'Số quầy', en: 'Counters' },
  from: { vi: 'Từ', en: 'From' },
  to: { vi: 'Đến', en: 'To' },
  allDay: { vi: 'Để trống giờ = cả ngày làm việc', en: 'Leave the hours empty for the whole working day' },
  closeCounters: { vi: 'Bớt quầy hiện có ({n} quầy)', en: 'Close existing counters ({n})' },
  counterN: { vi: 'Quầy {n}', en: 'Counter {n}' },
  run: { vi: 'Chạy mô phỏng', en: 'Run the simulation' },
  running: { vi: 'Đang mô phỏng… {percent}%', en: 'Simulating… {percent}%' },
  progress: { vi: 'Tiến độ mô phỏng', en: 'Simulation progress' },
  failed: { vi: 'Mô phỏng không chạy được', en: 'The simulation could not run' },
  badTime: {
    vi: 'Giờ của dòng {row} chưa đúng: nhập cả hai theo dạng 24 giờ (08:00), giờ đến sau giờ từ.',
    en: 'Row {row}: type both hours as 24-hour (08:00), the end after the start.',
  },
  badCount: {
    vi: 'Số quầy ở dòng {row} phải là số nguyên từ 1 đến {max}.',
    en: 'Row {row}: the number of counters must be a whole number from 1 to {max}.',
  },
  tooManyCounters: {
    vi: 'Phương án B thêm tối đa {max} quầy tất cả: hãy bớt số quầy ở các dòng.',
    en: 'Plan B adds at most {max} counters in all: lower the counts in the rows.',
  },
  badTarget: {
    vi: 'Thời gian chờ mục tiêu phải là số phút nguyên từ 1 đến 480.',
    en: 'The target wait must be a whole number of minutes from 1 to 480.',
  },
  nothingChanged: {
    vi: 'Phương án B giống hiện nay: thêm hoặc bớt quầy, hoặc cho đặt lịch trước, để so sánh.',
    en: 'Plan B is the same as today: add or close counters, or book a share ahead, to compare.',
  },
  bookedTitle: { vi: 'Đặt lịch trước', en: 'Booked ahead' },
  bookedHint: {
    vi: 'Nếu một phần người đến của lĩnh vực đặt lịch trước: họ đến theo khung giờ đã đặt và được gọi trước người đến trực tiếp, trong giới hạn xen kẽ.',
    en: "If a share of a service's citizens book ahead: they come in their slots and are called ahead of walk-ins, within the mix.",
  },
  bookedPercent: { vi: '% đặt lịch', en: '% booked' },
  addBooked: { vi: 'Thêm lĩnh vực đặt lịch', en: 'Add a booked service' },
  badPercent: {
    vi: 'Tỷ lệ đặt lịch ở dòng {row} phải là số nguyên từ 1 đến 100.',
    en: 'Booked row {row}: the share must be a whole number from 1 to 100.',
  },
  removeBooked: { vi: 'Bỏ dòng đặt lịch {row}', en: 'Remove booked row {row}' },
  splitTitle: {
    vi: 'Người đặt lịch và người đến trực tiếp (phút chờ; người đặt lịch tính từ giờ hẹn)',
    en: 'Booked and walk-in citizens (minutes waited; a booked one from the slot’s start)',
  },
  walkInA: { vi: 'A trực tiếp TB', en: 'A walk-in mean' },
  walkInB: { vi: 'B trực tiếp TB', en: 'B walk-in mean' },
  bookedPerDay: { vi: 'B đặt lịch/ngày', en: 'B booked/day' },
  bookedMeanA: { vi: 'A đặt lịch TB', en: 'A booked mean' },
  bookedMeanB: { vi: 'B đặt lịch TB', en: 'B booked mean' },
  bookedP90B: { vi: 'B đặt lịch p90', en: 'B booked p90' },

  // ---- result ----
  resultTitle: { vi: 'Kết quả — {day}, {n} ngày mô phỏng', en: 'Result — {day}, {n} simulated days' },
  headline: {
    vi: '{name}: chờ trung bình {a} → {b} phút ({d})',
    en: '{name}: mean wait {a} → {b} min ({d})',
  },
  all: { vi: 'Toàn trung tâm', en: 'Whole center' },
  meanByService: {
    vi: 'Thời gian chờ trung bình theo lĩnh vực (phút)',
    en: 'Mean wait by service (minutes)',
  },
  queueByHour: { vi: 'Số người đang chờ theo giờ', en: 'People waiting by hour' },
  planA: { vi: 'A: hiện nay', en: 'A: today' },
  planBShort: { vi: 'B: phương án', en: 'B: plan' },
  perDay: { vi: 'Phiếu/ngày', en: 'Tickets/day' },
  meanA: { vi: 'A chờ TB', en: 'A mean' },
  meanB: { vi: 'B chờ TB', en: 'B mean' },
  delta: { vi: 'Chênh lệch', en: 'Difference' },
  p90A: { vi: 'A p90', en: 'A p90' },
  p90B: { vi: 'B p90', en: 'B p90' },
  withinA: { vi: 'A ≤ {n} phút', en: 'A ≤ {n} min' },
  withinB: { vi: 'B ≤ {n} phút', en: 'B ≤ {n} min' },
  leftA: { vi: 'A còn chờ cuối ngày', en: 'A left waiting' },
  leftB: { vi: 'B còn chờ cuối ngày', en: 'B left waiting' },
  technical: { vi: 'Chi tiết kỹ thuật', en: 'Technical details' },
  ciNote: {
    vi: 'Dòng nhỏ dưới thời gian chờ trung bình: khoảng tin cậy 95%. p90: 9 trên 10 người chờ không quá chừng ấy.',
    en: 'Under each mean wait: its 95% confidence interval. p90: 9 in 10 people wait no longer.',
  },
  utilisation: {
    vi: 'Công suất quầy trung bình: A {a}, B {b}',
    en: 'Mean counter utilisation: A {a}, B {b}',
  },
  estimate: {
    vi: 'Số phút dự kiến in trên phiếu lệch so với thực tế (phương án A): trung vị {median} phút, 9/10 phiếu lệch không quá {p90} phút.',
    en: 'The wait printed on tickets against the real wait (plan A): median error {median} min, 9 in 10 within {p90} min.',
  },
  caveat: {
    vi: 'Đây là ước lượng từ mô hình, không phải cam kết: dùng để so sánh hai phương án với nhau.',
    en: 'A model estimate, not a promise: use it to compare the two plans with each other.',
  },
});
