import { MonoBitmap } from './bitmap.js';
import { drawLine, wrapText, type TextStyle } from './text.js';

/** A strip of paper that grows downwards as blocks are added; `finish()` crops it to what was used. */
export class PaperCanvas {
  readonly width: number;
  private bmp: MonoBitmap;
  y = 0;

  constructor(width: number, initialHeight = 1600) {
    this.width = width;
    this.bmp = new MonoBitmap(width, initialHeight);
  }

  /** Makes sure `rows` more rows exist below y. */
  reserve(rows: number): MonoBitmap {
    const need = this.y + rows;
    if (need > this.bmp.height) {
      const bigger = new MonoBitmap(this.width, Math.max(need, this.bmp.height * 2));
      bigger.data.set(this.bmp.data);
      this.bmp = bigger;
    }
    return this.bmp;
  }

  space(rows: number): void {
    this.reserve(rows);
    this.y += rows;
  }

  /** Wraps text to the width less `margin` on each side; returns the number of lines drawn. */
  paragraph(text: string, style: TextStyle, margin = 0): number {
    const maxWidth = this.width - margin * 2;
    const lines = wrapText(text, style.face, style.size, maxWidth);
    const lh = style.face.lineHeight(style.size) + (style.leading ?? 0);
    const ascent = Math.round(style.face.ascent(style.size));
    const bmp = this.reserve(lines.length * lh);
    for (const line of lines) {
      drawLine(bmp, line, style, margin, this.y + ascent, maxWidth);
      this.y += lh;
    }
    return lines.length;
  }

  rule(thickness = 2, margin = 0, dashed = false): void {
    const bmp = this.reserve(thickness);
    if (!dashed) bmp.fillRect(margin, this.y, this.width - margin * 2, thickness);
    else for (let x = margin; x < this.width - margin; x += 12) bmp.fillRect(x, this.y, 6, thickness);
    this.y += thickness;
  }

  image(img: MonoBitmap, align: 'left' | 'center' | 'right' = 'center', invert = false): void {
    const bmp = this.reserve(img.height);
    const x =
      align === 'center'
        ? Math.floor((this.width - img.width) / 2)
        : align === 'right'
          ? this.width - img.width
          : 0;
    bmp.blit(img, x, this.y, invert);
    this.y += img.height;
  }

  /** Direct access for blocks that draw themselves (inverted boxes, two columns). */
  area(rows: number): { bmp: MonoBitmap; top: number } {
    return { bmp: this.reserve(rows), top: this.y };
  }

  finish(bottomMargin = 0): MonoBitmap {
    this.space(bottomMargin);
    return this.bmp.cropHeight(this.y);
  }
}
