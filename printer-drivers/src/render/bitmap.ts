/**
 * A 1-bit image laid out exactly as ESC/POS `GS v 0` wants it: rows top to bottom, 8 dots per byte,
 * most significant bit = leftmost dot, 1 = black (burnt). Keeping that layout means encoding is a copy.
 */
export class MonoBitmap {
  readonly width: number;
  readonly height: number;
  readonly bytesPerRow: number;
  readonly data: Uint8Array;

  constructor(width: number, height: number, data?: Uint8Array) {
    if (!Number.isInteger(width) || width <= 0)
      throw new RangeError(`bitmap width must be a positive integer`);
    if (!Number.isInteger(height) || height < 0) throw new RangeError(`bitmap height must be an integer ≥ 0`);
    this.width = width;
    this.height = height;
    this.bytesPerRow = Math.ceil(width / 8);
    const size = this.bytesPerRow * height;
    if (data && data.length !== size) throw new RangeError(`bitmap data must hold ${size} bytes`);
    this.data = data ?? new Uint8Array(size);
  }

  get(x: number, y: number): boolean {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return false;
    return ((this.data[y * this.bytesPerRow + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
  }

  set(x: number, y: number, black = true): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = y * this.bytesPerRow + (x >> 3);
    const bit = 0x80 >> (x & 7);
    const cur = this.data[i] ?? 0;
    this.data[i] = black ? cur | bit : cur & ~bit;
  }

  /** Fills a rectangle, clipped to the bitmap. */
  fillRect(x: number, y: number, w: number, h: number, black = true): void {
    const x0 = Math.max(0, Math.floor(x));
    const y0 = Math.max(0, Math.floor(y));
    const x1 = Math.min(this.width, Math.floor(x + w));
    const y1 = Math.min(this.height, Math.floor(y + h));
    for (let yy = y0; yy < y1; yy++) this.hspan(yy, x0, x1, black);
  }

  /** Sets dots [x0, x1) of row y. */
  hspan(y: number, x0: number, x1: number, black = true): void {
    if (y < 0 || y >= this.height) return;
    const a = Math.max(0, x0);
    const b = Math.min(this.width, x1);
    const row = y * this.bytesPerRow;
    for (let x = a; x < b;) {
      const i = row + (x >> 3);
      if ((x & 7) === 0 && x + 8 <= b) {
        this.data[i] = black ? 0xff : 0;
        x += 8;
        continue;
      }
      const bit = 0x80 >> (x & 7);
      const cur = this.data[i] ?? 0;
      this.data[i] = black ? cur | bit : cur & ~bit;
      x++;
    }
  }

  /** ORs (or, with invert, clears) the black dots of `src` into this bitmap at (dx, dy). */
  blit(src: MonoBitmap, dx: number, dy: number, invert = false): void {
    const shift = ((dx % 8) + 8) % 8;
    const byteX = (dx - shift) / 8;
    for (let y = 0; y < src.height; y++) {
      const ty = dy + y;
      if (ty < 0 || ty >= this.height) continue;
      const srcRow = y * src.bytesPerRow;
      const dstRow = ty * this.bytesPerRow;
      for (let i = 0; i < src.bytesPerRow; i++) {
        let v = src.data[srcRow + i] ?? 0;
        if (i === src.bytesPerRow - 1 && src.width % 8 !== 0) v &= (0xff << (8 - (src.width % 8))) & 0xff;
        if (v === 0) continue;
        const hi = v >> shift;
        const lo = (v << (8 - shift)) & 0xff;
        this.mergeByte(dstRow, byteX + i, hi, invert);
        if (shift !== 0) this.mergeByte(dstRow, byteX + i + 1, lo, invert);
      }
    }
  }

  private mergeByte(rowStart: number, bx: number, bits: number, invert: boolean): void {
    if (bits === 0 || bx < 0 || bx >= this.bytesPerRow) return;
    let mask = bits;
    // Never let dots spill into the padding bits past the right edge.
    if (bx === this.bytesPerRow - 1 && this.width % 8 !== 0) mask &= (0xff << (8 - (this.width % 8))) & 0xff;
    const i = rowStart + bx;
    const cur = this.data[i] ?? 0;
    this.data[i] = invert ? cur & ~mask : cur | mask;
  }

  /** A copy holding rows [0, height). */
  cropHeight(height: number): MonoBitmap {
    const h = Math.max(0, Math.min(this.height, height));
    return new MonoBitmap(this.width, h, this.data.slice(0, h * this.bytesPerRow));
  }

  /** Number of black dots (used by tests and the virtual printer's statistics). */
  countBlack(): number {
    let n = 0;
    for (const byte of this.data) {
      let b = byte;
      while (b) {
        b &= b - 1;
        n++;
      }
    }
    return n;
  }

  equals(other: MonoBitmap): boolean {
    if (other.width !== this.width || other.height !== this.height) return false;
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) if (this.get(x, y) !== other.get(x, y)) return false;
    }
    return true;
  }
}
