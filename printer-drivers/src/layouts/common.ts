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
