import { PaperCanvas } from '../render/canvas.js';
import { loadFace, type FontFace } from '../render/font.js';

/** Printable widths in dots at 203 dpi. */
export const PAPER_WIDTHS = { mm80: 576, mm80Epson512: 512, mm58: 384 } as const;

export interface LayoutOptions {
  /** Printable width in dots: 576 (80 mm), 512 (80 mm on some Epsons) or 384 (58 mm). Default 576. */
  width?: number;
}

export function checkWidth(width: number): number {
  if (!Number.isInteger(width) || width < 256 || width > 832 || width % 8 !== 0) {
    throw new RangeError(`paper width must be a multiple of 8 dots between 256 and 832, got ${width}`);
  }
  return width;
}

/** What every layout starts from: the paper, its scale against 80 mm, margins and the three weights. */
export interface LayoutFrame {
  width: number;
  /** Scale factor against the 576-dot reference layout. */
  s: number;
  margin: number;
  /** Width between the margins. */
  inner: number;
  regular: FontFace;
  semibold: FontFace;
  bold: FontFace;
  canvas: PaperCanvas;
}

export function layoutFrame(options: LayoutOptions): LayoutFrame {
  const width = checkWidth(options.width ?? 576);
  const s = width / 576;
  const margin = Math.round(12 * s);
  return {
    width,
    s,
    margin,
    inner: width - margin * 2,
    regular: loadFace('regular'),
    semibold: loadFace('semibold'),
    bold: loadFace('bold'),
    canvas: new PaperCanvas(width),
  };
}
