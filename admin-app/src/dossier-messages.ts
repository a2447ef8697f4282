import type { DossierView } from '@layso/protocol';
import { defineMessages, type Bilingual } from '@layso/ui-kit';

/** The dossiers page ("Hồ sơ") and the progress block of the reports, Vietnamese first. */
export const D = defineMessages({
  nav: { vi: 'Hồ sơ', en: 'Dossiers' },
  intro: {
    vi: 'Hồ sơ đã tiếp nhận tại trung tâm theo ngày hẹn trả: việc cần làm hôm nay, hồ sơ trễ hẹn và kết quả công dân chưa đến nhận. Ngày làm việc: thứ Hai đến thứ Sáu, trừ ngày nghỉ lễ và thêm ngày làm bù đặt trong Cài đặt.',
    en: 'Dossiers received at the center by appointment: what is due today, what is late and which results citizens have not collected. Working days: Monday to Friday, less the holidays and plus the make-up days set in Settings.',
  },
  allServices: { vi: 'Tất cả lĩnh vực', en: 'All services' },
  allOfficers: { vi: 'Tất cả cán bộ', en: 'All officers' },
  service: { vi: 'Lĩnh vực', en: 'Service' },
  officer: { vi: 'Cán bộ tiếp nhận', en: 'Receiving officer' },
  code: { vi: 'Mã hồ sơ', en: 'Dossier code' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  received: { vi: 'Tiếp nhận', en: 'Received' },
  appointment: { vi: 'Hẹn trả', en: 'Appointment' },
  status: { vi: 'Trạng thái', en: 'Status' },
  resultReady: { vi: 'Có kết quả', en: 'Result ready' },
  returned: { vi: 'Đã trả', en: 'Returned' },
  learnt: { vi: 'cập nhật {time}', en: 'updated {time}' },
  overdueBy: { vi: 'trễ {n} ngày', en: '{n} day(s) late' },
  waitingFor: { vi: 'chờ {n} ngày', en: 'waiting {n} day(s)' },
  empty: { vi: 'Không có hồ sơ nào trong danh sách này.', en: 'No dossier in this list.' },
  shown: {
    vi: 'Hiển thị {shown} trên {total} hồ sơ (tệp Excel có cùng giới hạn).',
    en: 'Showing {shown} of {total} dossiers (the Excel file has the same limit).',
  },
  count: { vi: '{n} hồ sơ', en: '{n} dossier(s)' },
  uncollectedRule: {
    vi: 'Kết quả đã có từ {n} ngày làm việc trở lên mà chưa trả (đổi trong Cài đặt).',
    en: 'Results ready {n} working day(s) or more and not handed over (change it in Settings).',
  },

  uncollectedSetting: {
    vi: 'Báo kết quả chưa đến nhận sau (ngày làm việc)',
    en: 'Raise uncollected results after (working days)',
  },
  uncollectedSettingHint: {
    vi: 'Màn hình giám sát cảnh báo khi kết quả đã có quá số ngày này mà công dân chưa đến nhận.',
    en: 'The floor monitor warns when a result has waited longer than this without being collected.',
  },
  holidays: { vi: 'Ngày nghỉ lễ, Tết', en: 'Public holidays' },
  holidaysHint: {
    vi: 'Ngày thường mà trung tâm nghỉ: không tính là ngày làm việc khi tính hạn hồ sơ (đến hạn, chưa đến nhận).',
    en: 'Weekdays the center is closed: not counted as working days in dossier deadlines (due, uncollected).',
  },
  workdays: { vi: 'Ngày làm bù', en: 'Make-up working days' },
  workdaysHint: {
    vi: 'Thứ Bảy, Chủ nhật mà trung tâm làm việc bù: được tính là ngày làm việc.',
    en: 'Saturdays or Sundays the center works in exchange: counted as working days.',
  },
  noDays: { vi: 'Chưa có ngày nào.', en: 'No day yet.' },
  dayToAdd: { vi: 'Ngày cần thêm', en: 'Day to add' },
  removeDay: { vi: 'Bỏ ngày {date}', en: 'Remove {date}' },

  progressTitle: { vi: 'Tiến độ giải quyết (Quyết định 766)', en: 'Progress of handling (Decision 766)' },
  progressOf: { vi: 'Từ {from} đến {to}', en: 'From {from} to {to}' },
  progressNote: {
    vi: 'Hồ sơ tiếp nhận trong khoảng; hồ sơ có kết quả trong khoảng, so với ngày hẹn trả; hồ sơ tiếp nhận trong khoảng đang giải quyết đến hiện tại.',
    en: 'Dossiers received in the range; dossiers resolved in the range, against their appointment; dossiers received in the range still in progress now.',
  },
  pReceived: { vi: 'Đã tiếp nhận', en: 'Received' },
  pEarly: { vi: 'Trả trước hạn', en: 'Resolved early' },
  pOnTime: { vi: 'Trả đúng hạn', en: 'Resolved on time' },
  pLate: { vi: 'Trả quá hạn', en: 'Resolved late' },
  pInTime: { vi: 'Đang giải quyết trong hạn', en: 'In progress, within time' },
  pOverdue: { vi: 'Đang giải quyết quá hạn', en: 'In progress, overdue' },
  pRate: { vi: 'Tỷ lệ đúng hạn', en: 'On-time rate' },
  byService: { vi: 'Theo lĩnh vực', en: 'By service' },
  byOfficer: { vi: 'Theo cán bộ tiếp nhận', en: 'By receiving officer' },
  noDossiers: { vi: 'Chưa có hồ sơ nào trong khoảng này.', en: 'No dossier in this range.' },
});

/** The lists, in tab order. */
export const VIEWS: { id: DossierView; m: Bilingual }[] = [
  { id: 'overdue', m: { vi: 'Quá hạn', en: 'Overdue' } },
  { id: 'due-today', m: { vi: 'Đến hạn hôm nay', en: 'Due today' } },
  { id: 'due-tomorrow', m: { vi: 'Đến hạn ngày làm việc tới', en: 'Due next working day' } },
  { id: 'uncollected', m: { vi: 'Chưa đến nhận', en: 'Uncollected' } },
  { id: 'returned-late', m: { vi: 'Có kết quả trễ hẹn', en: 'Resolved late' } },
  { id: 'all', m: { vi: 'Tất cả', en: 'All' } },
];
