import { defineMessages, type Bilingual } from '@layso/ui-kit';

export const H = defineMessages({
  title: { vi: 'Toàn tỉnh — trung tâm phục vụ hành chính công', en: 'The province — public service centers' },
  signInTitle: { vi: 'Đăng nhập — Toàn tỉnh', en: 'Sign in — Province' },
  signedOut: {
    vi: 'Phiên đăng nhập đã hết, vui lòng đăng nhập lại',
    en: 'Your session ended, please sign in again',
  },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  online: { vi: 'Trực tiếp', en: 'Live' },
  offline: {
    vi: 'Mất kết nối tới máy chủ tỉnh — số liệu có thể đã cũ',
    en: 'No link to the hub — figures may be old',
  },
  sites: { vi: 'Điểm phục vụ', en: 'Sites' },
  staleSites: { vi: 'Mất liên lạc', en: 'Not heard from' },
  waitingNow: { vi: 'Đang chờ', en: 'Waiting now' },
  longestWait: { vi: 'Chờ lâu nhất', en: 'Longest wait' },
  openCounters: { vi: 'Quầy mở', en: 'Open counters' },
  servedToday: { vi: 'Đã phục vụ hôm nay', en: 'Served today' },
  satisfaction: { vi: 'Hài lòng', en: 'Satisfied' },
  faults: { vi: 'Sự cố', en: 'Faults' },
  lastHeard: { vi: 'Liên lạc gần nhất', en: 'Last heard' },
  backlog: { vi: 'Chưa gửi', en: 'Backlog' },
  site: { vi: 'Trung tâm', en: 'Center' },
  commune: { vi: 'Xã, phường', en: 'Commune' },
  allCommunes: { vi: 'Tất cả xã, phường', en: 'All communes' },
  sortBy: { vi: 'Sắp xếp', en: 'Sort' },
  sortWait: { vi: 'Chờ lâu nhất trước', en: 'Worst wait first' },
  sortName: { vi: 'Theo tên', en: 'By name' },
  never: { vi: 'Chưa bao giờ', en: 'Never' },
  stale: { vi: 'Mất liên lạc', en: 'Not heard from' },
  staleDetail: {
    vi: 'Không nhận được tin từ trung tâm này hơn 3 phút: số liệu dưới đây là của lần liên lạc cuối.',
    en: 'Nothing heard from this center for over 3 minutes: the figures below are from the last contact.',
  },
  noSites: { vi: 'Không có điểm phục vụ nào', en: 'No sites' },
  back: { vi: '← Toàn tỉnh', en: '← Province' },
  counters: { vi: 'Các quầy', en: 'Counters' },
  counter: { vi: 'Quầy', en: 'Counter' },
  services: { vi: 'Hàng chờ theo dịch vụ', en: 'Queues by service' },
  service: { vi: 'Dịch vụ', en: 'Service' },
  called: { vi: 'Đang phục vụ', en: 'At a counter' },
  open: { vi: 'Đang mở', en: 'Open' },
  paused: { vi: 'Tạm nghỉ', en: 'Paused' },
  closed: { vi: 'Đóng', en: 'Closed' },
  serving: { vi: 'Đang phục vụ số', en: 'Serving number' },
  noCounters: { vi: 'Chưa có quầy nào báo trạng thái', en: 'No counter has reported yet' },
  nobodyWaits: { vi: 'Không ai đang chờ', en: 'Nobody is waiting' },
  readOnly: { vi: 'Chỉ xem', en: 'Read-only' },
  notFound: { vi: 'Không tìm thấy trung tâm này', en: 'No such center' },
  openFaults: { vi: '{n} sự cố thiết bị chưa khắc phục', en: 'Device faults not cleared: {n}' },
  backlogDetail: {
    vi: 'Trung tâm còn {n} sự kiện chưa gửi lên tỉnh: số liệu đang được cập nhật dần',
    en: 'The center still has {n} facts to send: the figures are catching up',
  },
});

/** A wait or an age in words: "45 giây", "12 phút", "1 giờ 5 phút". */
export function duration(seconds: number): Bilingual {
  if (seconds < 60) return { vi: `${seconds} giây`, en: `${seconds} s` };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { vi: `${minutes} phút`, en: `${minutes} min` };
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return { vi: `${h} giờ ${m} phút`, en: `${h} h ${m} min` };
}

/** "3 phút trước": how long before the figures' own time (the hub's clock, not this browser's). */
export function ago(at: string, asOf: string): Bilingual {
  const s = Math.max(0, Math.round((Date.parse(asOf) - Date.parse(at)) / 1000));
  const d = duration(s);
  return { vi: `${d.vi} trước`, en: `${d.en} ago` };
}
