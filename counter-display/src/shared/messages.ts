import { defineMessages } from '@layso/ui-kit';

/** Messages the screens share: pairing, the link to the server, signing in. */
export const SHARED = defineMessages({
  pairTitle: { vi: 'Màn hình chưa được ghép nối', en: 'This screen is not paired' },
  pairText: {
    vi: 'Quản trị viên mở trang Quản trị → Thiết bị, đăng ký màn hình này rồi mở địa chỉ có mã ghép nối (…#token=…) trên màn hình.',
    en: 'An administrator registers this screen under Admin → Devices, then opens the pairing address (…#token=…) on it.',
  },
  refusedTitle: { vi: 'Mã ghép nối không còn hiệu lực', en: 'The pairing code is no longer valid' },
  offline: { vi: 'Mất kết nối máy chủ — đang kết nối lại…', en: 'Lost the server — reconnecting…' },
  connecting: { vi: 'Đang kết nối máy chủ…', en: 'Connecting to the server…' },
  online: { vi: 'Đã kết nối', en: 'Connected' },
  counter: { vi: 'Quầy {n}', en: 'Counter {n}' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  signIn: { vi: 'Đăng nhập', en: 'Sign in' },
  missing: { vi: 'Nhập tên đăng nhập và mật khẩu', en: 'Enter your username and password' },
});
