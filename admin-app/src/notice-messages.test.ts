import { describe, expect, it } from 'vitest';
import { reasonInWords } from './notice-messages.js';

describe("a delivery's reason in the admin's words", () => {
  it.each([
    ['stale: called', 'không còn đúng'],
    ['stale: past its day', 'không còn đúng'],
    ['sent by SMS: ZNS failing', 'bằng SMS'],
    ['ZNS -118: no Zalo account', 'chưa dùng Zalo'],
    ['daily quota reached', 'hạn mức'],
    ['quiet hours', 'giờ yên lặng'],
    ['gone (410)', 'tắt nhận thông báo'],
    ['unsubscribed', 'tắt nhận thông báo'],
    ['channel off', 'chưa bật'],
    ['endpoint refused: resolves to a private address', 'không được phép'],
    ['HTTP 429', 'quá nhanh'],
    ['HTTP 503', 'không trả lời'],
    ['timeout after 10000 ms', 'không trả lời'],
    ['SMS HTTP 401: key refused', 'khóa truy cập'],
    ['text takes 4 SMS parts, over 3', 'Mẫu tin'],
    ['SMS HTTP 400 code 10', 'từ chối tin này'],
  ])('%s → says what it means in Vietnamese', (raw, words) => {
    expect(reasonInWords(raw)?.vi).toContain(words);
  });

  it('leaves a reason it does not know as the server wrote it', () => {
    expect(reasonInWords('something new')).toBeNull();
  });
});
