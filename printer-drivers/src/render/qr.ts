import QRCode from 'qrcode';
import { MonoBitmap } from './bitmap.js';

export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

export interface QrMatrix {
  size: number;
  /** Row-major, true = dark module. */
  dark(row: number, col: number): boolean;
}

export function qrMatrix(text: string, level: QrErrorLevel = 'M'): QrMatrix {
  const qr = QRCode.create(text, { errorCorrectionLevel: level });
  const m = qr.modules;
  return { size: m.size, dark: (r, c) => m.get(r, c) === 1 };
}

/** Draws a QR symbol with `moduleDots` dots per module and a 4-module quiet zone included in the result. */
export function renderQr(text: string, moduleDots: number, level: QrErrorLevel = 'M'): MonoBitmap {
  const m = qrMatrix(text, level);
  const quiet = 4;
  const side = (m.size + quiet * 2) * moduleDots;
  const bmp = new MonoBitmap(side, side);
  for (let r = 0; r < m.size; r++) {
    for (let c = 0; c < m.size; c++) {
      if (m.dark(r, c))
        bmp.fillRect((c + quiet) * moduleDots, (r + quiet) * moduleDots, moduleDots, moduleDots);
    }
  }
  return bmp;
}

/** The largest module size (≥ 2 dots) whose symbol plus quiet zone fits in `maxDots`. */
export function qrModuleDotsFor(text: string, maxDots: number, level: QrErrorLevel = 'M'): number {
  const m = qrMatrix(text, level);
  return Math.max(2, Math.floor(maxDots / (m.size + 8)));
}
