import type { MonoBitmap } from './bitmap.js';
import type { FontFace } from './font.js';

export type Align = 'left' | 'center' | 'right';

export interface TextStyle {
  face: FontFace;
  /** Em size in dots (203 dpi: 24 dots ≈ 3 mm). */
  size: number;
  align?: Align;
  /** Extra dots between lines. */
  leading?: number;
}

/** Text is always printed in NFC; whitespace runs collapse to one space. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * Greedy word wrap to `maxWidth` dots. A word longer than a line is broken between characters, so nothing
 * is ever cut off at the paper edge.
 */
export function wrapText(text: string, face: FontFace, size: number, maxWidth: number): string[] {
  const words = normalizeText(text)
    .split(' ')
    .filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  const pushWord = (word: string): void => {
    const candidate = line ? `${line} ${word}` : word;
    if (face.measure(candidate, size) <= maxWidth) {
      line = candidate;
      return;
    }
    if (line) {
      lines.push(line);
      line = '';
    }
    if (face.measure(word, size) <= maxWidth) {
      line = word;
      return;
    }
    // Break an over-long word (a URL, a dossier code) between characters.
    let part = '';
    for (const ch of word) {
      if (part && face.measure(part + ch, size) > maxWidth) {
        lines.push(part);
        part = '';
      }
      part += ch;
    }
    line = part;
  };
  for (const w of words) pushWord(w);
  if (line) lines.push(line);
  return lines;
}

/** Draws one line with its baseline at `baseline`; x is the left edge of the box of width `boxWidth`. */
export function drawLine(
  bmp: MonoBitmap,
  text: string,
  style: TextStyle,
  x: number,
  baseline: number,
  boxWidth: number,
  invert = false,
): void {
  const { face, size } = style;
  const width = face.measure(text, size);
  let pen = x;
  if (style.align === 'center') pen = x + (boxWidth - width) / 2;
  else if (style.align === 'right') pen = x + boxWidth - width;
  let prev: string | null = null;
  for (const ch of text) {
    if (prev !== null) pen += face.kern(prev, ch, size);
    const g = face.raster(ch, size);
    if (g.bitmap.height > 0) bmp.blit(g.bitmap, Math.round(pen) + g.left, baseline + g.top, invert);
    pen += face.advance(ch, size);
    prev = ch;
  }
}

/**
 * Wraps and draws a paragraph whose first line's box starts at `y`; returns the y just below it.
 * Line boxes use the font's full ascent + descent so stacked marks (Ấ, Ỗ, Ự) are never clipped.
 */
export function drawParagraph(
  bmp: MonoBitmap,
  text: string,
  style: TextStyle,
  x: number,
  y: number,
  maxWidth: number,
): number {
  const lines = wrapText(text, style.face, style.size, maxWidth);
  const lh = style.face.lineHeight(style.size) + (style.leading ?? 0);
  const ascent = Math.round(style.face.ascent(style.size));
  let top = y;
  for (const line of lines) {
    drawLine(bmp, line, style, x, top + ascent, maxWidth);
    top += lh;
  }
  return top;
}

/** Height in dots that drawParagraph would use. */
export function paragraphHeight(text: string, style: TextStyle, maxWidth: number): number {
  const lines = wrapText(text, style.face, style.size, maxWidth);
  return lines.length * (style.face.lineHeight(style.size) + (style.leading ?? 0));
}
