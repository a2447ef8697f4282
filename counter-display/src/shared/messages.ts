import { defineMessages } from '@layso/ui-kit';

/** Messages the screens share: pairing (the link to the server and signing in are ui-kit's). */
export const SHARED = defineMessages({
  pairTitle: { vi: 'Màn hình chưa được ghép nối', en: 'This screen is not paired' },
  pairText: {
    vi: 'Quản trị viên mở trang Quản trị → Thiết bị, đăng ký màn hình này rồi mở địa chỉ có mã ghép nối (…#token=…) trên màn hình.',
    en: 'An administrator registers this screen under Admin → Devices, then opens the pairing address (…#token=…) on it.',
  },
  refusedTitle: { vi: 'Mã ghép nối không còn hiệu lực', en: 'The pairing code is no longer valid' },
  counter: { vi: 'Quầy {n}', en: 'Counter {n}' },
});
