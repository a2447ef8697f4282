import { MonoBitmap } from '../render/bitmap.js';
import { loadFace } from '../render/font.js';
import { renderQr, type QrErrorLevel } from '../render/qr.js';
import { drawLine } from '../render/text.js';
import { asciiFolding, wpc1258, type CodePage } from './codepages.js';
import { DLE, EOT, ESC, FS, GS, LF } from './commands.js';

export type DecodedEvent =
  | { type: 'cut'; kind: 'full' | 'partial'; y: number }
  | { type: 'buzzer'; times: number; duration: number }
  | { type: 'status-request'; n: number }
  | { type: 'qr'; data: string; y: number }
  | { type: 'unknown'; bytes: number[] };

export interface DecoderOptions {
  /** Paper width in dots. */
  width?: number;
  /** Called for each DLE EOT n as soon as it is parsed (the printer answers in real time). */
  onStatusRequest?: (n: number) => void;
  /** ESC t numbers that select WPC1258 (Epson: 52). */
  wpc1258Pages?: number[];
}

/** Fixed-length ESC commands (parameter byte count) we accept and ignore. */
const ESC_PARAMS: Record<number, number> = {
  0x21: 1, // ESC ! n   print mode
  0x2d: 1, // ESC - n   underline
  0x45: 1, // ESC E n   emphasis
  0x47: 1, // ESC G n   double strike
  0x4d: 1, // ESC M n   font
  0x52: 1, // ESC R n   international set
  0x56: 1, // ESC V n   rotation
  0x72: 1, // ESC r n   colour
  0x7b: 1, // ESC { n   upside down
  0x70: 3, // ESC p m t1 t2  drawer kick
  0x20: 1, // ESC SP n  right spacing
  0x25: 1, // ESC % n
  0x3d: 1, // ESC = n   peripheral select
  0x55: 1, // ESC U n
};

const GS_PARAMS: Record<number, number> = {
  0x21: 1, // GS ! n   character size
  0x42: 1, // GS B n   reverse
  0x48: 1, // GS H n   HRI position
  0x68: 1, // GS h n   barcode height
  0x77: 1, // GS w n   barcode width
  0x66: 1, // GS f n   HRI font
  0x4c: 2, // GS L     left margin
  0x57: 2, // GS W     print area width
  0x61: 1, // GS a n   ASB
  0x72: 1, // GS r n
};

/**
 * A streaming ESC/POS interpreter that lays what would be printed onto a paper bitmap: raster (GS v 0) and
 * column (ESC *) images, native QR (GS ( k), text in the selected code page, feeds and cuts. It answers
 * DLE EOT through `onStatusRequest` as soon as the command is complete, like a real printer.
 */
export class EscPosDecoder {
  readonly width: number;
  readonly events: DecodedEvent[] = [];
  readonly qrCodes: string[] = [];
  /** False drops everything printable (a printer without paper or with the cover open). */
  printing = true;
  /** True once anything printable or a feed/cut arrived. */
  hasOutput = false;

  private paper: MonoBitmap;
  private y = 0;
  private pending = new Uint8Array(0);
  private align: 0 | 1 | 2 = 0;
  private lineSpacing = 30;
  private lineItems: { bmp: MonoBitmap; x: number }[] = [];
  private lineX = 0;
  private text: number[] = [];
  private codePage: CodePage = asciiFolding();
  private qr = { data: new Uint8Array(0), size: 3, level: 'M' as QrErrorLevel };
  private readonly options: DecoderOptions;

  constructor(options: DecoderOptions = {}) {
    this.options = options;
    this.width = options.width ?? 576;
    this.paper = new MonoBitmap(this.width, 2048);
  }

  /** The paper so far, cropped to what was fed out. */
  get bitmap(): MonoBitmap {
    return this.paper.cropHeight(this.y);
  }

  write(chunk: Uint8Array): void {
    const merged = new Uint8Array(this.pending.length + chunk.length);
    merged.set(this.pending);
    merged.set(chunk, this.pending.length);
    let pos = 0;
    while (pos < merged.length) {
      const used = this.step(merged, pos);
      if (used === 0) break;
      pos += used;
    }
    this.pending = merged.slice(pos);
  }

  /** Prints what is left in the line buffer (end of job). */
  end(): void {
    if (this.text.length > 0 || this.lineItems.length > 0) this.printLine(0);
  }

  private ensure(rows: number): void {
    if (this.y + rows <= this.paper.height) return;
    const bigger = new MonoBitmap(this.width, Math.max(this.y + rows, this.paper.height * 2));
    bigger.data.set(this.paper.data);
    this.paper = bigger;
  }

  private place(img: MonoBitmap): number {
    if (this.align === 1) return Math.max(0, Math.floor((this.width - img.width) / 2));
    if (this.align === 2) return Math.max(0, this.width - img.width);
    return 0;
  }

  private drawBlock(img: MonoBitmap): void {
    this.hasOutput = true;
    if (!this.printing) return;
    this.ensure(img.height);
    this.paper.blit(img, this.place(img), this.y);
    this.y += img.height;
  }

  private feedDots(n: number): void {
    this.hasOutput = true;
    if (!this.printing) return;
    this.ensure(n);
    this.y += n;
  }

  private printLine(feed: number): void {
    this.hasOutput = true;
    let height = 0;
    if (this.text.length > 0) {
      const s = this.codePage.decode(Uint8Array.from(this.text));
      const face = loadFace('regular');
      const img = new MonoBitmap(this.width, 30);
      drawLine(
        img,
        s,
        { face, size: 22, align: this.align === 1 ? 'center' : this.align === 2 ? 'right' : 'left' },
        0,
        23,
        this.width,
      );
      this.lineItems.push({ bmp: img, x: 0 });
      this.text = [];
    }
    for (const item of this.lineItems) height = Math.max(height, item.bmp.height);
    if (this.printing) {
      this.ensure(Math.max(height, feed));
      for (const item of this.lineItems) this.paper.blit(item.bmp, item.x, this.y);
      this.y += Math.max(feed, this.lineItems.length > 0 && feed === 0 ? height : 0);
    }
    this.lineItems = [];
    this.lineX = 0;
  }

  /** Parses one command at `pos`; returns bytes used, or 0 when more bytes are needed. */
  private step(b: Uint8Array, pos: number): number {
    const avail = b.length - pos;
    const at = (i: number): number => b[pos + i] ?? 0;
    const c = at(0);
    if (c === LF) {
      this.printLine(this.lineSpacing);
      return 1;
    }
    if (c === 0x0d) return 1;
    if (c === DLE) {
      if (avail < 3) return 0;
      if (at(1) === EOT) {
        const n = at(2);
        this.events.push({ type: 'status-request', n });
        this.options.onStatusRequest?.(n);
        return 3;
      }
      this.events.push({ type: 'unknown', bytes: [c, at(1)] });
      return 2;
    }
    if (c === ESC) return this.escape(b, pos, avail, at);
    if (c === GS) return this.groupSep(b, pos, avail, at);
    if (c === FS) {
      if (avail < 2) return 0;
      this.events.push({ type: 'unknown', bytes: [c, at(1)] });
      return 2;
    }
    if (c >= 0x20) {
      this.text.push(c);
      return 1;
    }
    return 1; // other control bytes are ignored
  }

  private escape(b: Uint8Array, pos: number, avail: number, at: (i: number) => number): number {
    if (avail < 2) return 0;
    const cmd = at(1);
    switch (cmd) {
      case 0x40: // ESC @
        this.align = 0;
        this.lineSpacing = 30;
        this.text = [];
        this.lineItems = [];
        this.codePage = asciiFolding();
        return 2;
      case 0x32: // ESC 2
        this.lineSpacing = 30;
        return 2;
      case 0x33: // ESC 3 n
        if (avail < 3) return 0;
        this.lineSpacing = at(2);
        return 3;
      case 0x61: // ESC a n
        if (avail < 3) return 0;
        this.align = at(2) % 48 === 1 ? 1 : at(2) % 48 === 2 ? 2 : 0;
        return 3;
      case 0x4a: // ESC J n
        if (avail < 3) return 0;
        this.printLine(0);
        this.feedDots(at(2));
        return 3;
      case 0x64: // ESC d n
        if (avail < 3) return 0;
        this.printLine(0);
        this.feedDots(at(2) * this.lineSpacing);
        return 3;
      case 0x74: // ESC t n
        if (avail < 3) return 0;
        this.codePage = (this.options.wpc1258Pages ?? [52]).includes(at(2)) ? wpc1258() : asciiFolding();
        return 3;
      case 0x42: // ESC B n t
        if (avail < 4) return 0;
        this.events.push({ type: 'buzzer', times: at(2), duration: at(3) });
        return 4;
      case 0x2a: {
        // ESC * m nL nH d…
        if (avail < 5) return 0;
        const m = at(2);
        const n = at(3) | (at(4) << 8);
        const tall = m === 32 || m === 33;
        const len = n * (tall ? 3 : 1);
        if (avail < 5 + len) return 0;
        const doubleWidth = m === 0 || m === 32;
        const rows = tall ? 24 : 8;
        const img = new MonoBitmap(Math.max(1, n * (doubleWidth ? 2 : 1)), rows);
        for (let x = 0; x < n; x++) {
          for (let r = 0; r < rows; r++) {
            const byte = b[pos + 5 + x * (tall ? 3 : 1) + (r >> 3)] ?? 0;
            if (byte & (0x80 >> (r & 7))) {
              img.set(doubleWidth ? x * 2 : x, r);
              if (doubleWidth) img.set(x * 2 + 1, r);
            }
          }
        }
        this.hasOutput = true;
        this.lineItems.push({ bmp: img, x: this.lineX });
        this.lineX += img.width;
        return 5 + len;
      }
      default: {
        const params = ESC_PARAMS[cmd];
        if (params === undefined) {
          this.events.push({ type: 'unknown', bytes: [ESC, cmd] });
          return 2;
        }
        if (avail < 2 + params) return 0;
        return 2 + params;
      }
    }
  }

  private groupSep(b: Uint8Array, pos: number, avail: number, at: (i: number) => number): number {
    if (avail < 2) return 0;
    const cmd = at(1);
    switch (cmd) {
      case 0x76: {
        // GS v 0 m xL xH yL yH d…
        if (avail < 8) return 0;
        if (at(2) !== 0x30) {
          this.events.push({ type: 'unknown', bytes: [GS, cmd, at(2)] });
          return 3;
        }
        const m = at(3) % 48;
        const xBytes = at(4) | (at(5) << 8);
        const rows = at(6) | (at(7) << 8);
        const len = xBytes * rows;
        if (avail < 8 + len) return 0;
        const sx = m === 1 || m === 3 ? 2 : 1;
        const sy = m === 2 || m === 3 ? 2 : 1;
        const src = new MonoBitmap(Math.max(1, xBytes * 8), rows, b.slice(pos + 8, pos + 8 + len));
        let img = src;
        if (sx !== 1 || sy !== 1) {
          img = new MonoBitmap(src.width * sx, rows * sy);
          for (let y = 0; y < img.height; y++)
            for (let x = 0; x < img.width; x++)
              if (src.get(Math.floor(x / sx), Math.floor(y / sy))) img.set(x, y);
        }
        this.printLine(0);
        this.drawBlock(img);
        return 8 + len;
      }
      case 0x56: {
        // GS V m  |  GS V m n (m = 65, 66)
        if (avail < 3) return 0;
        const m = at(2);
        const withFeed = m === 65 || m === 66;
        if (withFeed && avail < 4) return 0;
        this.printLine(0);
        if (withFeed) this.feedDots(at(3));
        const kind = m === 0 || m === 48 || m === 65 ? 'full' : 'partial';
        this.hasOutput = true;
        this.events.push({ type: 'cut', kind, y: this.y });
        return withFeed ? 4 : 3;
      }
      case 0x28: {
        // GS ( k pL pH cn fn …
        if (avail < 5) return 0;
        const len = at(3) | (at(4) << 8);
        if (avail < 5 + len) return 0;
        if (at(2) === 0x6b) this.qrFunction(b.subarray(pos + 5, pos + 5 + len));
        else this.events.push({ type: 'unknown', bytes: [GS, cmd, at(2)] });
        return 5 + len;
      }
      default: {
        const params = GS_PARAMS[cmd];
        if (params === undefined) {
          this.events.push({ type: 'unknown', bytes: [GS, cmd] });
          return 2;
        }
        if (avail < 2 + params) return 0;
        return 2 + params;
      }
    }
  }

  private qrFunction(p: Uint8Array): void {
    const cn = p[0];
    const fn = p[1];
    if (cn !== 49) return;
    if (fn === 67) this.qr.size = Math.max(1, Math.min(16, p[2] ?? 3));
    else if (fn === 69) this.qr.level = (['L', 'M', 'Q', 'H'] as const)[(p[2] ?? 49) - 48] ?? 'M';
    else if (fn === 80) this.qr.data = p.slice(3);
    else if (fn === 81) {
      const data = new TextDecoder().decode(this.qr.data);
      this.qrCodes.push(data);
      this.events.push({ type: 'qr', data, y: this.y });
      this.printLine(0);
      if (data.length > 0) this.drawBlock(renderQr(data, this.qr.size, this.qr.level));
    }
  }
}

/** Decodes a whole job at once. */
export function decodeEscPos(bytes: Uint8Array, options: DecoderOptions = {}): EscPosDecoder {
  const d = new EscPosDecoder(options);
  d.write(bytes);
  d.end();
  return d;
}
