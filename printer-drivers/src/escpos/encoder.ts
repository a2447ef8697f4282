import type { MonoBitmap } from '../render/bitmap.js';
import { type CodePage } from './codepages.js';
import { DLE, EOT, ESC, GS, LF } from './commands.js';

export type ImageMode = 'raster' | 'column';
export type CutKind = 'full' | 'partial';
export type QrLevel = 'L' | 'M' | 'Q' | 'H';

/** What differs between printers. Defaults suit Epson TM-T82/T88, Xprinter and Rongta at 80 mm. */
export interface PrinterProfile {
  /** Printable width in dots (576, 512 or 384). */
  widthDots: number;
  /** `raster` = GS v 0 (default); `column` = ESC * 33 for printers whose GS v 0 is broken or absent. */
  imageMode: ImageMode;
  /** Rows per GS v 0 command; small bands keep cheap printers' receive buffers from overflowing. */
  bandHeight: number;
  /** Lines fed before cutting so the last printed row clears the cutter. */
  feedBeforeCut: number;
  /**
   * Shrinks raster bands to their ink: blank runs become 1-byte-wide bands, and each band drops blank bytes
   * at the right (left-justified) or equally at both sides (centred with ESC a 1). Exact on any printer that
   * justifies GS v 0 images by ESC a (Epson, Xprinter, Rongta); set false to send full-width bands.
   */
  compact: boolean;
  /** Text mode only: ESC t number and table for a printer proven on site. */
  textCodePage?: { number: number; codePage: CodePage };
}

export const DEFAULT_PROFILE: PrinterProfile = {
  widthDots: 576,
  imageMode: 'raster',
  bandHeight: 128,
  feedBeforeCut: 4,
  compact: true,
};

function u16(n: number): [number, number] {
  return [n & 0xff, (n >> 8) & 0xff];
}

/**
 * A small ESC/POS builder that returns plain bytes: no I/O, no state besides the buffer, so every method
 * has golden-byte tests.
 */
export class EscPosEncoder {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;
  readonly profile: PrinterProfile;

  constructor(profile: Partial<PrinterProfile> = {}) {
    this.profile = { ...DEFAULT_PROFILE, ...profile };
  }

  raw(bytes: ArrayLike<number>): this {
    const chunk = Uint8Array.from(bytes as ArrayLike<number>);
    this.chunks.push(chunk);
    this.length += chunk.length;
    return this;
  }

  /** ESC @ — reset modes, clear the print buffer. */
  initialize(): this {
    return this.raw([ESC, 0x40]);
  }

  /** ESC a n — 0 left, 1 centre, 2 right (applies to text and images that follow). */
  align(where: 'left' | 'center' | 'right'): this {
    return this.raw([ESC, 0x61, where === 'left' ? 0 : where === 'center' ? 1 : 2]);
  }

  /** ESC d n — print and feed n lines. */
  feed(lines = 1): this {
    if (!Number.isInteger(lines) || lines < 0 || lines > 255)
      throw new RangeError('feed lines must be 0..255');
    return this.raw([ESC, 0x64, lines]);
  }

  /** ESC J n — print and feed n dots. */
  feedDots(dots: number): this {
    if (!Number.isInteger(dots) || dots < 0 || dots > 255) throw new RangeError('feed dots must be 0..255');
    return this.raw([ESC, 0x4a, dots]);
  }

  /** Feeds `profile.feedBeforeCut` lines, then GS V 0 (full) or GS V 1 (partial). */
  cut(kind: CutKind = 'partial'): this {
    if (this.profile.feedBeforeCut > 0) this.feed(this.profile.feedBeforeCut);
    return this.raw([GS, 0x56, kind === 'full' ? 0 : 1]);
  }

  /** ESC B n t — beep n times, t × 50 ms each (Epson TM-T82/Xprinter buzzer). */
  buzzer(times = 1, duration = 3): this {
    if (!Number.isInteger(times) || times < 1 || times > 9) throw new RangeError('buzzer times must be 1..9');
    if (!Number.isInteger(duration) || duration < 1 || duration > 9)
      throw new RangeError('buzzer duration must be 1..9');
    return this.raw([ESC, 0x42, times, duration]);
  }

  /** DLE EOT n — real-time status request (n = 1..4). */
  statusRequest(n: 1 | 2 | 3 | 4): this {
    return this.raw([DLE, EOT, n]);
  }

  /** Prints a 1-bit image in the profile's mode. */
  image(bmp: MonoBitmap, mode: ImageMode = this.profile.imageMode): this {
    if (bmp.width > this.profile.widthDots) {
      throw new RangeError(`image is ${bmp.width} dots wide, the printer prints ${this.profile.widthDots}`);
    }
    return mode === 'raster' ? this.rasterImage(bmp) : this.columnImage(bmp);
  }

  /** GS v 0 m=0 in bands of at most `profile.bandHeight` rows; the bitmap layout is what the printer wants. */
  rasterImage(bmp: MonoBitmap): this {
    const band = Math.max(1, Math.min(this.profile.bandHeight, 2047));
    if (!this.profile.compact) {
      for (let y = 0; y < bmp.height; y += band)
        this.rasterBand(bmp, y, Math.min(band, bmp.height - y), 0, bmp.bytesPerRow);
      return this;
    }
    const bpr = bmp.bytesPerRow;
    const canCentre = bmp.width === this.profile.widthDots && bmp.width % 8 === 0;
    // Per row: blank bytes on the left and on the right (bpr when the row is blank).
    const lefts = new Int32Array(bmp.height);
    const rights = new Int32Array(bmp.height);
    for (let y = 0; y < bmp.height; y++) {
      const row = y * bpr;
      let l = 0;
      while (l < bpr && bmp.data[row + l] === 0) l++;
      let r = 0;
      while (r < bpr - l && bmp.data[row + bpr - 1 - r] === 0) r++;
      lefts[y] = l;
      rights[y] = l === bpr ? bpr : r;
    }
    let align: 0 | 1 | null = null;
    const setAlign = (a: 0 | 1): void => {
      if (align !== a) this.raw([ESC, 0x61, a]);
      align = a;
    };
    let y = 0;
    while (y < bmp.height) {
      const blank = lefts[y] === bpr;
      let end = y + 1;
      // Blank runs go as one band; ink runs are cut every `chunk` rows so each band trims tightly.
      const chunk = Math.min(band, 32);
      while (end < bmp.height && (lefts[end] === bpr) === blank && (blank ? end - y < band : end - y < chunk))
        end++;
      if (blank) {
        setAlign(0);
        this.raw([GS, 0x76, 0x30, 0, 1, 0, ...u16(end - y)]);
        this.raw(new Uint8Array(end - y));
      } else {
        let l = bpr;
        let r = bpr;
        for (let k = y; k < end; k++) {
          l = Math.min(l, lefts[k] ?? 0);
          r = Math.min(r, rights[k] ?? 0);
        }
        const sym = canCentre ? Math.min(l, r) : 0;
        if (2 * sym > r) {
          setAlign(1);
          this.rasterBand(bmp, y, end - y, sym, bpr - 2 * sym);
        } else {
          setAlign(0);
          this.rasterBand(bmp, y, end - y, 0, bpr - r);
        }
      }
      y = end;
    }
    if (align !== 0) this.raw([ESC, 0x61, 0]);
    return this;
  }

  private rasterBand(bmp: MonoBitmap, y: number, rows: number, fromByte: number, widthBytes: number): void {
    const bpr = bmp.bytesPerRow;
    this.raw([GS, 0x76, 0x30, 0, ...u16(widthBytes), ...u16(rows)]);
    if (fromByte === 0 && widthBytes === bpr) {
      this.raw(bmp.data.subarray(y * bpr, (y + rows) * bpr));
      return;
    }
    const out = new Uint8Array(widthBytes * rows);
    for (let k = 0; k < rows; k++)
      out.set(
        bmp.data.subarray((y + k) * bpr + fromByte, (y + k) * bpr + fromByte + widthBytes),
        k * widthBytes,
      );
    this.raw(out);
  }

  /**
   * ESC * 33 (24-dot double density): each column is 3 bytes, top dot = MSB. Line spacing is set to 24 dots
   * so stripes touch, and reset with ESC 2 afterwards.
   */
  columnImage(bmp: MonoBitmap): this {
    this.raw([ESC, 0x33, 24]);
    for (let y = 0; y < bmp.height; y += 24) {
      const out = new Uint8Array(5 + bmp.width * 3 + 1);
      out.set([ESC, 0x2a, 33, ...u16(bmp.width)]);
      for (let x = 0; x < bmp.width; x++) {
        for (let k = 0; k < 3; k++) {
          let byte = 0;
          for (let bit = 0; bit < 8; bit++) if (bmp.get(x, y + k * 8 + bit)) byte |= 0x80 >> bit;
          out[5 + x * 3 + k] = byte;
        }
      }
      out[out.length - 1] = LF;
      this.raw(out);
    }
    return this.raw([ESC, 0x32]);
  }

  /**
   * Native QR (GS ( k, function 165/167/169/180/181): model 2, module size 1..16, error level L/M/Q/H.
   * Only for printers known to support it; the default layouts draw the QR into the image instead.
   */
  qr(data: string, options: { moduleSize?: number; level?: QrLevel } = {}): this {
    const size = options.moduleSize ?? 6;
    if (!Number.isInteger(size) || size < 1 || size > 16)
      throw new RangeError('QR module size must be 1..16');
    const level = { L: 48, M: 49, Q: 50, H: 51 }[options.level ?? 'M'];
    const payload = new TextEncoder().encode(data);
    if (payload.length > 7089) throw new RangeError('QR data too long');
    const fn = (cn: number, fnCode: number, ...params: number[]): number[] => {
      const len = params.length + 2;
      return [GS, 0x28, 0x6b, ...u16(len), cn, fnCode, ...params];
    };
    this.raw(fn(49, 65, 50, 0)); // model 2
    this.raw(fn(49, 67, size));
    this.raw(fn(49, 69, level));
    this.raw([GS, 0x28, 0x6b, ...u16(payload.length + 3), 49, 80, 48]);
    this.raw(payload);
    return this.raw(fn(49, 81, 48)); // print
  }

  /** ESC t n with the profile's code page. */
  codePage(): this {
    const cp = this.profile.textCodePage;
    if (!cp) throw new Error('this printer profile has no text code page; print Vietnamese as an image');
    return this.raw([ESC, 0x74, cp.number]);
  }

  /** Text in the profile's code page followed by LF (text-mode profile only). */
  line(text: string): this {
    const cp = this.profile.textCodePage;
    if (!cp) throw new Error('this printer profile has no text code page; print Vietnamese as an image');
    return this.raw([...cp.codePage.encode(text), LF]);
  }

  encode(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/** The usual job: initialise, the image, optional beep, feed and cut. */
export function encodeImageJob(
  bmp: MonoBitmap,
  options: { profile?: Partial<PrinterProfile>; cut?: CutKind | false; buzzer?: boolean } = {},
): Uint8Array {
  const enc = new EscPosEncoder(options.profile);
  enc.initialize().align('left').image(bmp);
  if (options.buzzer) enc.buzzer(1, 3);
  if (options.cut !== false) enc.cut(options.cut ?? 'partial');
  return enc.encode();
}
