// Ambient types for opentype.js, referenced here so every workspace that imports this library typechecks.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../types/opentype.d.ts" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import opentype from 'opentype.js';
import type { Font, Glyph } from 'opentype.js';
import { rasterizeOutline, type RasterGlyph } from './rasterize.js';

/**
 * Fonts come from an npm dependency (Be Vietnam Pro, OFL-1.1, shipped as TTF by
 * @expo-google-fonts/be-vietnam-pro), never from the system, so every machine renders the same dots.
 */
export type FontWeight = 'regular' | 'medium' | 'semibold' | 'bold' | 'extrabold';

const FILES: Record<FontWeight, string> = {
  regular: '400Regular/BeVietnamPro_400Regular.ttf',
  medium: '500Medium/BeVietnamPro_500Medium.ttf',
  semibold: '600SemiBold/BeVietnamPro_600SemiBold.ttf',
  bold: '700Bold/BeVietnamPro_700Bold.ttf',
  extrabold: '800ExtraBold/BeVietnamPro_800ExtraBold.ttf',
};

const require = createRequire(import.meta.url);

export function fontFilePath(weight: FontWeight): string {
  return require.resolve(`@expo-google-fonts/be-vietnam-pro/${FILES[weight]}`);
}

export class FontFace {
  readonly name: string;
  private readonly font: Font;
  private readonly glyphs = new Map<string, Glyph>();
  private readonly rasters = new Map<string, RasterGlyph>();
  private readonly kerning = new Map<string, number>();

  constructor(font: Font, name: string) {
    this.font = font;
    this.name = name;
  }

  static fromBuffer(buf: Uint8Array, name: string): FontFace {
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    return new FontFace(opentype.parse(ab), name);
  }

  get unitsPerEm(): number {
    return this.font.unitsPerEm;
  }

  /** Height above the baseline that any glyph (stacked Vietnamese marks included) may reach, in px. */
  ascent(size: number): number {
    return (this.font.ascender / this.font.unitsPerEm) * size;
  }

  descent(size: number): number {
    return (-this.font.descender / this.font.unitsPerEm) * size;
  }

  lineHeight(size: number): number {
    return Math.ceil(this.ascent(size) + this.descent(size));
  }

  glyph(ch: string): Glyph {
    let g = this.glyphs.get(ch);
    if (!g) {
      g = this.font.charToGlyph(ch);
      this.glyphs.set(ch, g);
    }
    return g;
  }

  /** True when the font has a real glyph (not .notdef) for every character. */
  covers(text: string): boolean {
    for (const ch of text.normalize('NFC')) if (!/\s/u.test(ch) && this.glyph(ch).index === 0) return false;
    return true;
  }

  advance(ch: string, size: number): number {
    return ((this.glyph(ch).advanceWidth ?? 0) / this.font.unitsPerEm) * size;
  }

  kern(left: string, right: string, size: number): number {
    const key = `${left}\u0000${right}`;
    let k = this.kerning.get(key);
    if (k === undefined) {
      k = this.font.getKerningValue(this.glyph(left), this.glyph(right));
      this.kerning.set(key, k);
    }
    return (k / this.font.unitsPerEm) * size;
  }

  /** Width in px of a single line of text. */
  measure(text: string, size: number): number {
    let w = 0;
    let prev: string | null = null;
    for (const ch of text) {
      if (prev !== null) w += this.kern(prev, ch, size);
      w += this.advance(ch, size);
      prev = ch;
    }
    return w;
  }

  raster(ch: string, size: number): RasterGlyph {
    const key = `${size}\u0000${ch}`;
    let r = this.rasters.get(key);
    if (!r) {
      r = rasterizeOutline(this.glyph(ch).getPath(0, 0, size).commands);
      this.rasters.set(key, r);
    }
    return r;
  }
}

const faces = new Map<FontWeight, FontFace>();

/** The bundled Be Vietnam Pro face of a weight, parsed once per process. */
export function loadFace(weight: FontWeight): FontFace {
  let face = faces.get(weight);
  if (!face) {
    face = FontFace.fromBuffer(readFileSync(fontFilePath(weight)), `Be Vietnam Pro ${weight}`);
    faces.set(weight, face);
  }
  return face;
}
