import { createHash } from 'node:crypto';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../escpos/decoder.js';
import { encodeImageJob } from '../escpos/encoder.js';
import type { MonoBitmap } from '../render/bitmap.js';
import { bitmapToPng, bitmapToRgba, pngToBitmap } from '../render/png.js';
import {
  FEEDBACK_SLIP_TEXT,
  feedbackSlipAddress,
  feedbackSlipLines,
  formatDueDay,
  renderFeedbackSlip,
  sampleFeedbackSlip,
} from './feedback-slip.js';

const readQr = (bmp: MonoBitmap): string | null =>
  jsQR(bitmapToRgba(bmp), bmp.width, bmp.height)?.data ?? null;

const columnIsBlank = (bmp: MonoBitmap, x: number): boolean => {
  for (let y = 0; y < bmp.height; y++) if (bmp.get(x, y)) return false;
  return true;
};

describe('the feedback slip (issue 22)', () => {
  it('says, in print order, the center, the title, the code, the times in Vietnam, where to look it up', () => {
    expect(feedbackSlipLines(sampleFeedbackSlip())).toEqual({
      head: [
        'Trung tâm Phục vụ Hành chính công tỉnh Vĩnh Long',
        'PHIẾU TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ',
        'Mã phản ánh',
      ],
      dates: ['Thời gian tiếp nhận: 08:15 27/11/2026', 'Hạn trả lời: 11/12/2026'],
      foot: [
        'Tra cứu: quét mã QR hoặc vào 127.0.0.1:8080/pa/K7PQ-3M2D',
        'Trung tâm không nhắn tin câu trả lời: tra cứu bằng mã trên phiếu',
        'Vui lòng giữ phiếu này để tra cứu kết quả.',
      ],
    });
    // With a phone the answer is texted: the warning is not printed, and the slip is shorter by it.
    const withPhone = sampleFeedbackSlip({ answerByNotice: true });
    expect(feedbackSlipLines(withPhone).foot).not.toContain(FEEDBACK_SLIP_TEXT.noNotice);
    expect(renderFeedbackSlip(withPhone).height).toBeLessThan(
      renderFeedbackSlip(sampleFeedbackSlip()).height,
    );
  });

  it('the received time is Vietnam time across midnight UTC; the due day is written dd/MM/yyyy', () => {
    const late = sampleFeedbackSlip({ receivedAt: new Date('2026-12-31T17:05:00Z') });
    expect(feedbackSlipLines(late).dates[0]).toBe('Thời gian tiếp nhận: 00:05 01/01/2027');
    expect(formatDueDay('2027-01-04')).toBe('04/01/2027');
  });

  it("the address to type is the page's URL without its scheme, with the code as shown", () => {
    expect(feedbackSlipAddress('https://hcc.vinhlong.gov.vn/pa/K7PQ3M2D', 'K7PQ-3M2D')).toBe(
      'hcc.vinhlong.gov.vn/pa/K7PQ-3M2D',
    );
    expect(feedbackSlipAddress('http://127.0.0.1:8080/lay-so/pa/K7PQ3M2D', 'K7PQ-3M2D')).toBe(
      '127.0.0.1:8080/lay-so/pa/K7PQ-3M2D',
    );
  });

  it('golden: the 80 mm sample is the same image, dot for dot', () => {
    // Drawn with the bundled font by our own rasterizer, so the same on every machine. A deliberate change to the
    // layout changes this hash: look at the PNG (test-results or a render through the virtual printer) and update it.
    const bmp = renderFeedbackSlip(sampleFeedbackSlip());
    expect([bmp.width, bmp.height]).toEqual([576, 732]);
    expect(createHash('sha256').update(bmp.data).digest('hex').slice(0, 16)).toBe('c66ecf4ccc9a0b06');
  });

  for (const width of [576, 512, 384]) {
    it(`${width} dots: round-trips through ESC/POS, its QR reads the case's page, nothing past the margins`, () => {
      const d = sampleFeedbackSlip();
      const bmp = renderFeedbackSlip(d, { width });
      expect(bmp.width).toBe(width);
      expect(columnIsBlank(bmp, 0)).toBe(true);
      expect(columnIsBlank(bmp, width - 1)).toBe(true);
      const decoded = decodeEscPos(encodeImageJob(bmp, { profile: { widthDots: width } }), { width }).bitmap;
      expect(decoded.cropHeight(bmp.height).equals(bmp)).toBe(true);
      expect(readQr(pngToBitmap(bitmapToPng(decoded)))).toBe(d.url);
    });
  }

  it('an NFD center name prints as NFC; a long address wraps inside the paper', () => {
    const nfc = sampleFeedbackSlip();
    const nfd = { ...nfc, centerName: nfc.centerName.normalize('NFD') };
    expect(renderFeedbackSlip(nfd).equals(renderFeedbackSlip(nfc))).toBe(true);
    const long = renderFeedbackSlip(
      sampleFeedbackSlip({ address: 'dichvucong.trungtamphucvuhanhchinhcong.vinhlong.gov.vn/pa/K7PQ-3M2D' }),
      { width: 384 },
    );
    expect(columnIsBlank(long, 383)).toBe(true);
  });

  it('refuses what it cannot print honestly', () => {
    expect(() => renderFeedbackSlip(sampleFeedbackSlip({ code: 'K7PQ3M2D' }))).toThrow(/code/);
    expect(() => renderFeedbackSlip(sampleFeedbackSlip({ receivedAt: new Date('x') }))).toThrow(/receivedAt/);
    expect(() => renderFeedbackSlip(sampleFeedbackSlip({ answerDueDay: '11/12/2026' }))).toThrow(
      /answerDueDay/,
    );
    expect(() => renderFeedbackSlip(sampleFeedbackSlip({ url: '' }))).toThrow(/url/);
  });
});
