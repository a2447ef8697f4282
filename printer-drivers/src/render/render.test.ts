import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../escpos/decoder.js';
import { encodeImageJob } from '../escpos/encoder.js';
import { renderReceipt, sampleReceipt } from '../layouts/receipt.js';
import { bookedLines, renderTicket, sampleTicket } from '../layouts/ticket.js';
import { formatFormTime, formatTicketTime } from '../layouts/time.js';
import type { MonoBitmap } from './bitmap.js';
import { CODE128_PATTERNS, code128Values } from './code128.js';
import { loadFace } from './font.js';
import { bitmapToPng, bitmapToRgba, pngToBitmap } from './png.js';
import { wrapText } from './text.js';

function readQr(bmp: MonoBitmap): string | null {
  return jsQR(bitmapToRgba(bmp), bmp.width, bmp.height)?.data ?? null;
}

function columnIsBlank(bmp: MonoBitmap, x: number): boolean {
  for (let y = 0; y < bmp.height; y++) if (bmp.get(x, y)) return false;
  return true;
}

describe('Vietnamese text', () => {
  it('the bundled font has every Vietnamese letter', () => {
    const lower = 'aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ';
    for (const w of ['regular', 'semibold', 'bold'] as const) {
      expect(loadFace(w).covers(lower + lower.toUpperCase())).toBe(true);
    }
  });

  it('NFD input renders exactly like NFC', () => {
    const nfc = sampleTicket({ serviceName: 'Sở Nông nghiệp và Môi trường' });
    const nfd = {
      ...nfc,
      serviceName: nfc.serviceName.normalize('NFD'),
      centerName: nfc.centerName.normalize('NFD'),
    };
    expect(renderTicket(nfd).equals(renderTicket(nfc))).toBe(true);
  });

  it('long names wrap inside the margins and nothing is cut off', () => {
    const long =
      'Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất — Sở Nông nghiệp và Môi trường';
    const face = loadFace('bold');
    const lines = wrapText(long, face, 32, 552);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(' ')).toBe(long);
    for (const l of lines) expect(face.measure(l, 32)).toBeLessThanOrEqual(552);
    for (const width of [576, 512, 384]) {
      const bmp = renderTicket(sampleTicket({ serviceName: long, centerName: long, notice: long }), {
        width,
      });
      expect(bmp.width).toBe(width);
      expect(columnIsBlank(bmp, 0)).toBe(true);
      expect(columnIsBlank(bmp, width - 1)).toBe(true);
    }
  });

  it('an over-long word (a URL) is broken between characters', () => {
    const url = 'https://dichvucong.vinhlong.gov.vn/tra-cuu/ho-so/000.00.12.H62-261127-0004?ma=abcdef';
    const lines = wrapText(url, loadFace('regular'), 24, 300);
    expect(lines.join('')).toBe(url);
    expect(lines.length).toBeGreaterThan(1);
  });
});

describe('issue time in Asia/Ho_Chi_Minh', () => {
  it('formats HH:mm dd/MM/yyyy at UTC+7 whatever the machine TZ', () => {
    expect(formatTicketTime(new Date('2026-11-27T17:30:00Z'))).toBe('00:30 28/11/2026');
    expect(formatTicketTime(new Date('2026-12-31T16:59:00Z'))).toBe('23:59 31/12/2026');
    expect(formatTicketTime(new Date('2026-12-31T17:00:00Z'))).toBe('00:00 01/01/2027');
    expect(formatFormTime(new Date('2026-11-27T01:05:00Z'))).toBe('08 giờ 05 phút, ngày 27/11/2026');
  });
});

describe('ticket → ESC/POS → virtual printer decode', () => {
  const ticket = sampleTicket({ priorityLabel: 'Người cao tuổi' });

  for (const [name, profile] of [
    ['raster, compact bands', {}],
    ['raster, full-width bands', { compact: false }],
    ['column mode (ESC *)', { imageMode: 'column' as const }],
  ] as const) {
    it(`gives back the same bitmap: ${name}`, () => {
      const bmp = renderTicket(ticket);
      const decoded = decodeEscPos(encodeImageJob(bmp, { profile })).bitmap;
      expect(decoded.height).toBeGreaterThanOrEqual(bmp.height);
      expect(decoded.cropHeight(bmp.height).equals(bmp)).toBe(true);
    });
  }

  it('58 mm and 512-dot widths round-trip too', () => {
    for (const width of [384, 512]) {
      const bmp = renderTicket(ticket, { width });
      const job = encodeImageJob(bmp, { profile: { widthDots: width } });
      expect(decodeEscPos(job, { width }).bitmap.cropHeight(bmp.height).equals(bmp)).toBe(true);
    }
  });

  it('the QR read back from the PNG is the tracking URL', () => {
    const bmp = renderTicket(ticket);
    const png = bitmapToPng(decodeEscPos(encodeImageJob(bmp)).bitmap);
    expect(readQr(pngToBitmap(png))).toBe(ticket.trackingUrl);
  });

  it('the standard 80 mm ticket stays under 30 KB', () => {
    expect(encodeImageJob(renderTicket(sampleTicket())).length).toBeLessThanOrEqual(30 * 1024);
  });

  it('rejects bad ticket data with a clear error', () => {
    expect(() => renderTicket(sampleTicket({ ahead: -1 }))).toThrow(/ahead/);
    expect(() => renderTicket(sampleTicket({ issuedAt: new Date('x') }))).toThrow(/issuedAt/);
    expect(() => renderTicket(sampleTicket(), { width: 500 })).toThrow(/width/);
  });
});

describe('Mẫu 01 receipt', () => {
  it('renders with a readable QR of the dossier code', () => {
    const r = sampleReceipt();
    const bmp = renderReceipt(r);
    expect(bmp.width).toBe(576);
    expect(readQr(bmp)).toBe(r.dossierCode);
    const decoded = decodeEscPos(encodeImageJob(bmp)).bitmap;
    expect(decoded.cropHeight(bmp.height).equals(bmp)).toBe(true);
  });
});

describe('Code 128', () => {
  it('every pattern is 11 modules (stop 13) with an even bar total and all are distinct', () => {
    expect(CODE128_PATTERNS).toHaveLength(107);
    expect(new Set(CODE128_PATTERNS).size).toBe(107);
    CODE128_PATTERNS.forEach((p, v) => {
      const w = [...p].map(Number);
      expect(w.reduce((a, b) => a + b, 0)).toBe(v === 106 ? 13 : 11);
      const bars = w.filter((_, i) => i % 2 === 0).reduce((a, b) => a + b, 0);
      expect(bars % 2).toBe(0);
    });
  });

  it('encodes with the mod-103 checksum and switches to set C for digit runs', () => {
    // "PJJ123C": START B, P J J, then digits stay B (run of 3), C; checksum by hand.
    const v = code128Values('PJJ123C');
    expect(v.slice(0, 8)).toEqual([104, 48, 42, 42, 17, 18, 19, 35]);
    const sum = (104 + 48 * 1 + 42 * 2 + 42 * 3 + 17 * 4 + 18 * 5 + 19 * 6 + 35 * 7) % 103;
    expect(v.slice(8)).toEqual([sum, 106]);
    expect(code128Values('1234')).toEqual([105, 12, 34, (105 + 12 + 34 * 2) % 103, 106]);
  });
});

describe('a booked ticket (issue 21)', () => {
  const booked = { startsAt: new Date('2026-11-27T02:30:00Z'), code: 'K7PQ-3M2D' };

  it('reads "ĐẶT HẸN 09:30 · BOOKED" (the slot in Vietnam time) and the booking code', () => {
    expect(bookedLines(booked)).toEqual(['ĐẶT HẸN 09:30 · BOOKED', 'Mã đặt lịch: K7PQ-3M2D']);
    expect(bookedLines({ ...booked, startsAt: new Date('2026-11-27T17:05:00Z') })[0]).toBe(
      'ĐẶT HẸN 00:05 · BOOKED',
    );
  });

  it('prints the mark above the service, round-trips through ESC/POS and keeps its QR', () => {
    const plain = renderTicket(sampleTicket());
    const bmp = renderTicket(sampleTicket({ booked }));
    expect(bmp.height).toBeGreaterThan(plain.height);
    const decoded = decodeEscPos(encodeImageJob(bmp)).bitmap;
    expect(decoded.cropHeight(bmp.height).equals(bmp)).toBe(true);
    expect(readQr(pngToBitmap(bitmapToPng(decoded)))).toBe(sampleTicket().trackingUrl);
    // Booked and priority together: both marks.
    expect(renderTicket(sampleTicket({ booked, priorityLabel: 'Người cao tuổi' })).height).toBeGreaterThan(
      bmp.height,
    );
  });

  it('prints nothing more for a walk-in (booked null or absent)', () => {
    expect(renderTicket(sampleTicket({ booked: null })).equals(renderTicket(sampleTicket()))).toBe(true);
  });

  it('rejects a bad slot time or code', () => {
    expect(() => renderTicket(sampleTicket({ booked: { ...booked, startsAt: new Date('x') } }))).toThrow(
      /startsAt/,
    );
    expect(() => renderTicket(sampleTicket({ booked: { ...booked, code: 'k7 pq' } }))).toThrow(/code/);
  });
});
