import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflate, crc32 } from 'node:zlib';
import { checkSides, invalidFile } from './limits.js';

/**
 * A PNG checked chunk by chunk (signature, every CRC, IHDR first, IEND last, its image data inflating to exactly
 * the bytes its header announces) and written back with only the chunks that draw it. Kept: the critical chunks
 * and tRNS, gAMA, cHRM, sRGB, pHYs. Dropped: tEXt/zTXt/iTXt (free text: author, GPS, software), eXIf, tIME, iCCP
 * (as for JPEG: a profile carries text and a photo of a complaint needs no colour management), animation chunks
 * (the first frame stays) and every other ancillary chunk; anything after IEND.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const KEPT = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'pHYs']);
/** Bit depths each colour type allows (PNG 1.2, table 11.1). */
const DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

interface Header {
  width: number;
  height: number;
  bitsPerPixel: number;
  interlaced: boolean;
  colourType: number;
}

function readHeader(data: Buffer): Header {
  if (data.length !== 13) throw invalidFile();
  const width = data.readUInt32BE(0);
  const height = data.readUInt32BE(4);
  const [depth = 0, colourType = -1, compression, filter, interlace] = data.subarray(8);
  if (!DEPTHS[colourType]?.includes(depth)) throw invalidFile();
  if (compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1)) throw invalidFile();
  checkSides(width, height);
  return {
    width,
    height,
    bitsPerPixel: depth * (CHANNELS[colourType] ?? 0),
    interlaced: interlace === 1,
    colourType,
  };
}

/** Adam7's passes: the first pixel and the step of each, in x and y. */
const ADAM7 = [
  [0, 8, 0, 8],
  [4, 8, 0, 8],
  [0, 4, 4, 8],
  [2, 4, 0, 4],
  [0, 2, 2, 4],
  [1, 2, 0, 2],
  [0, 1, 1, 2],
] as const;

/** The bytes the image data must inflate to: every row with its filter byte, pass by pass when interlaced. */
export function rawBytes(h: Pick<Header, 'width' | 'height' | 'bitsPerPixel' | 'interlaced'>): number {
  const rows = (width: number, height: number) =>
    width === 0 || height === 0 ? 0 : height * (1 + Math.ceil((width * h.bitsPerPixel) / 8));
  if (!h.interlaced) return rows(h.width, h.height);
  let total = 0;
  for (const [x0, dx, y0, dy] of ADAM7) {
    total += rows(Math.ceil((h.width - x0) / dx), Math.ceil((h.height - y0) / dy));
  }
  return total;
}

/** Inflates the image data, counting, never holding it: more than `expected` stops at once. */
async function inflatesTo(data: Buffer[], expected: number): Promise<boolean> {
  let total = 0;
  const counter = new Writable({
    write(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      done(total > expected ? invalidFile() : null);
    },
  });
  try {
    await pipeline(Readable.from(data), createInflate(), counter);
  } catch {
    return false;
  }
  return total === expected;
}

/** The PNG rebuilt without metadata; throws LAYSO_FEEDBACK_FILE_INVALID for anything that is not a whole PNG. */
export async function sanitizePng(bytes: Buffer): Promise<Buffer> {
  if (bytes.length < SIGNATURE.length || !bytes.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
    throw invalidFile();
  }
  const out: Buffer[] = [SIGNATURE];
  const idat: Buffer[] = [];
  let header: Header | null = null;
  let palette = false;
  let pos = SIGNATURE.length;
  for (;;) {
    if (pos + 12 > bytes.length) throw invalidFile();
    const length = bytes.readUInt32BE(pos);
    if (length > 0x7fffffff || pos + 12 + length > bytes.length) throw invalidFile();
    const typeBytes = bytes.subarray(pos + 4, pos + 8);
    if (!/^[A-Za-z]{4}$/.test(typeBytes.toString('latin1'))) throw invalidFile();
    const type = typeBytes.toString('latin1');
    const data = bytes.subarray(pos + 8, pos + 8 + length);
    if (crc32(data, crc32(typeBytes)) !== bytes.readUInt32BE(pos + 8 + length)) throw invalidFile();
    const whole = bytes.subarray(pos, pos + 12 + length);
    pos += 12 + length;
    const critical = type.charCodeAt(0) < 0x61; // an upper-case first letter
    if ((header === null) !== (type === 'IHDR')) throw invalidFile();
    if (type === 'IHDR') header = readHeader(data);
    else if (type === 'PLTE') {
      if (palette || idat.length > 0 || length === 0 || length % 3 !== 0 || length > 768) throw invalidFile();
      palette = true;
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      if (header === null || idat.length === 0 || length !== 0) throw invalidFile();
      if (header.colourType === 3 && !palette) throw invalidFile();
      out.push(whole);
      if (!(await inflatesTo(idat, rawBytes(header)))) throw invalidFile();
      return Buffer.concat(out);
    } else if (critical) {
      throw invalidFile();
    }
    if (KEPT.has(type)) out.push(whole);
  }
}
