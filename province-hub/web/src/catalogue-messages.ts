import { defineMessages, type Bilingual } from '@layso/ui-kit';

/** The words of the province catalogue page (what the hub pushes down to sites). */
export const C = defineMessages({
  title: { vi: 'Danh mục tỉnh', en: 'Province catalogue' },
  intro: {
    vi: 'Các điểm tự tải danh mục này về (theo lịch và khi bấm “Cập nhật từ tỉnh”); phần nào để trống thì các điểm tự đặt.',
    en: 'Sites pull this on a schedule and on demand; whatever is left empty stays for each site to set.',
  },
  version: { vi: 'Phiên bản', en: 'Version' },
  updatedAt: { vi: 'Cập nhật lúc', en: 'Updated' },
  never: { vi: 'Chưa có', en: 'Never' },
  procedures: { vi: 'Thủ tục', en: 'Procedures' },
  mapped: { vi: 'Đã gán dịch vụ', en: 'Mapped to a service' },
  etag: { vi: 'ETag', en: 'ETag' },

  importTitle: { vi: 'Nhập danh mục thủ tục của tỉnh', en: "Import the province's catalogue" },
  importHelp: {
    vi: 'Chọn tệp CSV hoặc JSON (cùng mẫu với trung tâm). Tệp có dù chỉ một dòng lỗi sẽ bị từ chối cả tệp, danh mục giữ nguyên.',
    en: 'Pick a CSV or JSON file (the centers’ format). A file with any bad row is refused whole; the catalogue stays as it was.',
  },
  chooseFile: { vi: 'Chọn tệp…', en: 'Choose a file…' },
  fileTooBig: { vi: 'Tệp quá lớn (tối đa 20 MB)', en: 'The file is too big (20 MB at most)' },
  agencyMapTitle: { vi: 'Gán cơ quan với mã dịch vụ của tỉnh', en: 'Agencies → province service codes' },
  agencyMapHelp: {
    vi: 'Không bắt buộc. Nhập mã dịch vụ của tỉnh (ví dụ HT, TP-01) cho một cơ quan: mọi thủ tục của cơ quan đó được gán dịch vụ này; để trống thì mỗi điểm tự gán.',
    en: 'Optional. A province service code (e.g. HT, TP-01) for an agency puts all its procedures under that service; empty: each site maps them.',
  },
  agencyMapCapped: {
    vi: 'Chỉ hiện {n} cơ quan nhiều thủ tục nhất.',
    en: 'Only the {n} agencies with the most procedures are shown.',
  },
  agency: { vi: 'Cơ quan thực hiện', en: 'Agency' },
  count: { vi: 'Số thủ tục', en: 'Procedures' },
  serviceCode: { vi: 'Mã dịch vụ của tỉnh', en: 'Province service code' },
  badCode: {
    vi: 'Mã chỉ gồm chữ không dấu, số, “-” và “_” (tối đa 32 ký tự)',
    en: 'Letters, digits, “-” and “_” only (32 at most)',
  },
  import: { vi: 'Nhập {n} dòng của tệp', en: 'Import the file ({n} rows)' },
  imported: {
    vi: 'Đã nhập: {n} thủ tục, {m} đã gán dịch vụ — phiên bản {v}',
    en: 'Imported: {n} procedures, {m} mapped — version {v}',
  },
  refused: {
    vi: 'Tệp bị từ chối, danh mục giữ nguyên',
    en: 'The file was refused; the catalogue is unchanged',
  },
  row: { vi: 'Dòng', en: 'Row' },
  wholeFile: { vi: 'Cả tệp', en: 'Whole file' },
  code: { vi: 'Mã thủ tục', en: 'Code' },
  reason: { vi: 'Lý do', en: 'Reason' },
  moreErrors: { vi: 'Chỉ hiện {n} dòng lỗi đầu tiên.', en: 'Only the first {n} bad rows are shown.' },

  settingsTitle: { vi: 'Câu đọc số và nhóm ưu tiên', en: 'Announcement and priority groups' },
  announce: { vi: 'Câu đọc số ở sảnh', en: 'Lobby announcement' },
  priorityGroups: { vi: 'Nhóm ưu tiên (thứ tự trên ki-ốt)', en: 'Priority groups (kiosk order)' },
  byProvince: { vi: 'Tỉnh quy định thống nhất', en: 'Set by the province' },
  bySites: { vi: 'Để các điểm tự đặt', en: 'Left to the sites' },
  addGroup: { vi: 'Thêm nhóm', en: 'Add a group' },
  noGroups: {
    vi: 'Chưa có nhóm nào: ki-ốt của các điểm sẽ không có lựa chọn ưu tiên',
    en: 'No group: the sites’ kiosks will offer no priority',
  },
  save: { vi: 'Lưu và gửi xuống các điểm', en: 'Save and push to the sites' },
  saved: { vi: 'Đã lưu — phiên bản {v}', en: 'Saved — version {v}' },
});

/** "Tiếng Việt / English" as the server writes a row's reason → its two languages. */
export function bilingual(text: string): Bilingual {
  const i = text.indexOf(' / ');
  return i < 0 ? { vi: text, en: text } : { vi: text.slice(0, i), en: text.slice(i + 3) };
}
