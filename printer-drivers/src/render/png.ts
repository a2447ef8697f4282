import { PNG } from 'pngjs';
import { MonoBitmap } from './bitmap.js';

/** Encodes a 1-bit bitmap as an 8-bit grayscale PNG (black dots on white paper). */
export function bitmapToPng(bmp: MonoBitmap, scale = 1): Buffer {
  const w = bmp.width * scale;
  const h = Math.max(1, bmp.height * scale);
  const png = new PNG({
    width: w,
    height: h,
    colorType: 0,
    inputColorType: 0,
    inputHasAlpha: false,
    bitDepth: 8,
  });
  const gray = Buffer.alloc(w * h, 0xff);
  for (let y = 0; y < bmp.height; y++) {
    for (let x = 0; x < bmp.width; x++) {
      if (!bmp.get(x, y)) continue;
      for (let dy = 0; dy < scale; dy++)
        gray.fill(0, (y * scale + dy) * w + x * scale, (y * scale + dy) * w + x * scale + scale);
    }
  }
  png.data = gray;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
}

/** Reads a PNG back into a bitmap (a dot is black when its luminance is below half). */
export function pngToBitmap(buf: Buffer): MonoBitmap {
  const png = PNG.sync.read(buf);
  const bmp = new MonoBitmap(png.width, png.height);
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      const lum =
        0.299 * (png.data[i] ?? 255) + 0.587 * (png.data[i + 1] ?? 255) + 0.114 * (png.data[i + 2] ?? 255);
      if (lum < 128) bmp.set(x, y);
    }
  }
  return bmp;
}

/** RGBA pixels (what jsQR wants) of a bitmap. */
export function bitmapToRgba(bmp: MonoBitmap): Uint8ClampedArray {
  const out = new Uint8ClampedArray(bmp.width * bmp.height * 4).fill(255);
  for (let y = 0; y < bmp.height; y++) {
    for (let x = 0; x < bmp.width; x++) {
      if (bmp.get(x, y)) {
        const i = (y * bmp.width + x) * 4;
        out[i] = out[i + 1] = out[i + 2] = 0;
      }
    }
  }
  return out;
}
