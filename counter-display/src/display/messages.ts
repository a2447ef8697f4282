import { defineMessages } from '@layso/ui-kit';

/** The lobby display, read from across a hall: short words, Vietnamese first. */
export const M = defineMessages({
  inviting: { vi: 'Xin mời số', en: 'Now calling' },
  counterWord: { vi: 'Quầy', en: 'Counter' },
  recent: { vi: 'Số vừa gọi', en: 'Recent calls' },
  waiting: { vi: 'Số người đang chờ', en: 'People waiting' },
  people: { vi: 'người', en: 'waiting' },
  minutes: { vi: '~{n} phút', en: '~{n} min' },
  noCalls: { vi: 'Chưa có số nào được gọi hôm nay', en: 'No number called yet today' },
  closed: { vi: 'Ngoài giờ', en: 'Closed' },
  soundOn: { vi: 'Bật âm thanh', en: 'Turn the sound on' },
  soundHint: {
    vi: 'Trình duyệt chặn âm thanh cho đến khi có người chạm màn hình một lần.',
    en: 'The browser blocks sound until someone touches the screen once.',
  },
  voiceFailed: { vi: 'Không phát được thông báo', en: 'An announcement could not be played' },
});
