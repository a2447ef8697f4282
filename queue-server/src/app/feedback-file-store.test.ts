import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { FEEDBACK_LIMITS, type FeedbackUpload } from '@layso/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFeedbackFileStore,
  FEEDBACK_FILES_DIR,
  type FeedbackFileStore,
} from './feedback-file-store.js';
import { sanitizeJpeg } from './feedback-files/jpeg.js';
import { rawBytes } from './feedback-files/png.js';
import {
  exifWithGps,
  jpegSegment,
  PLAIN_JPEG,
  PNG_SIGNATURE,
  pngChunk,
  pngHeader,
  pngPixels,
  tinyPdf,
} from '../testing/feedback-files.js';

let dataDir: string;
let store: FeedbackFileStore;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'layso-feedback-files-'));
  store = createFeedbackFileStore(dataDir);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const upload = (type: FeedbackUpload['type'], bytes: Buffer): FeedbackUpload => ({
  type,
  data: bytes.toString('base64'),
});
const refused = (code: string) => expect.objectContaining({ code });

/** The JPEG's markers in order, with the frame's sides. */
function jpegShape(bytes: Buffer): { markers: number[]; width: number; height: number } {
  const markers: number[] = [];
  let width = 0;
  let height = 0;
  let pos = 2;
  while (pos < bytes.length) {
    const marker = bytes[pos + 1] ?? 0;
    markers.push(marker);
    if (marker === 0xd9) break;
    const length = bytes.readUInt16BE(pos + 2);
    if (marker === 0xc0) {
      height = bytes.readUInt16BE(pos + 5);
      width = bytes.readUInt16BE(pos + 7);
    }
    pos += 2 + length;
    if (marker === 0xda) while (!(bytes[pos] === 0xff && bytes[pos + 1] === 0xd9)) pos += 1;
  }
  return { markers, width, height };
}

/** The PNG's chunk types in order. */
function pngTypes(bytes: Buffer): string[] {
  const types: string[] = [];
  for (let pos = 8; pos < bytes.length; pos += 12 + bytes.readUInt32BE(pos)) {
    types.push(bytes.subarray(pos + 4, pos + 8).toString('latin1'));
  }
  return types;
}

// PLAIN_JPEG: SOI (2 bytes), then its APP0 JFIF (2 + 16 bytes), then tables, frame, scan, EOI.
const jfifData = PLAIN_JPEG.subarray(6, 20);
const afterJfif = PLAIN_JPEG.subarray(20);

describe('JPEG', () => {
  it('leaves a plain JPEG as it is', async () => {
    expect(sanitizeJpeg(PLAIN_JPEG).equals(PLAIN_JPEG)).toBe(true);
    const [out] = await store.prepare([upload('image/jpeg', PLAIN_JPEG)]);
    expect(out).toEqual({ type: 'image/jpeg', bytes: PLAIN_JPEG, page: null });
  });

  it('drops EXIF with GPS, XMP, ICC, IPTC, comments, the JFIF thumbnail and what follows EOI', async () => {
    const thumbnail = Buffer.concat([
      jfifData.subarray(0, 12),
      Buffer.from([2, 2]),
      Buffer.from('SECRETTHUMB1'),
    ]);
    const phone = Buffer.concat([
      PLAIN_JPEG.subarray(0, 2),
      jpegSegment(0xe0, thumbnail),
      jpegSegment(0xe1, exifWithGps('SECRETCAM')),
      jpegSegment(0xe1, 'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>SECRETXMP 10.2365N</x:xmpmeta>'),
      jpegSegment(0xe2, 'ICC_PROFILE\0\x01\x01desc SECRETICC'),
      jpegSegment(0xed, 'Photoshop 3.0\x008BIM\x04\x04SECRETIPTC'),
      jpegSegment(0xfe, 'SECRETCOMMENT'),
      afterJfif,
      Buffer.from('SECRETTRAILER motion photo'),
    ]);
    expect(phone.includes('SECRET')).toBe(true);
    const [out] = await store.prepare([upload('image/jpeg', phone)]);
    expect(out?.bytes.includes('SECRET')).toBe(false);
    expect(out?.bytes.includes('Exif')).toBe(false);
    // What remains is exactly the picture: the same bytes as the plain JPEG.
    expect(out?.bytes.equals(PLAIN_JPEG)).toBe(true);
  });

  it("keeps Adobe's APP14, which says how the colour data is read", () => {
    const adobe = jpegSegment(0xee, Buffer.from('Adobe\0\x64\0\0\0\0\x01', 'latin1'));
    const withAdobe = Buffer.concat([PLAIN_JPEG.subarray(0, 20), adobe, afterJfif]);
    expect(sanitizeJpeg(withAdobe).equals(withAdobe)).toBe(true);
  });

  it('refuses a truncated JPEG, an unknown marker, a frame of 9000 pixels and a PNG claiming to be a JPEG', async () => {
    const truncated = PLAIN_JPEG.subarray(0, PLAIN_JPEG.length - 40);
    const unknown = Buffer.concat([PLAIN_JPEG.subarray(0, 20), jpegSegment(0xf7, 'JPEG-LS'), afterJfif]);
    const wide = Buffer.from(PLAIN_JPEG);
    const sof = wide.indexOf(Buffer.from([0xff, 0xc0]));
    wide.writeUInt16BE(9000, sof + 7);
    const png = Buffer.concat([PNG_SIGNATURE, pngHeader(2, 2), pngPixels(2, 2), pngChunk('IEND', '')]);
    for (const bytes of [truncated, unknown, wide, png, Buffer.from([0xff, 0xd8, 0xff, 0xd9])]) {
      await expect(store.prepare([upload('image/jpeg', bytes)])).rejects.toEqual(
        refused('LAYSO_FEEDBACK_FILE_INVALID'),
      );
    }
    expect(jpegShape(sanitizeJpeg(PLAIN_JPEG))).toMatchObject({ width: 16, height: 16 });
  });
});

describe('PNG', () => {
  const iend = pngChunk('IEND', '');
  const plain = Buffer.concat([PNG_SIGNATURE, pngHeader(4, 3), pngPixels(4, 3), iend]);

  it('keeps the picture and its colour facts, drops text, EXIF, time, ICC, private chunks and trailing data', async () => {
    const phys = pngChunk('pHYs', Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]));
    const phone = Buffer.concat([
      PNG_SIGNATURE,
      pngHeader(4, 3),
      pngChunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f])),
      pngChunk('tEXt', 'Author\0SECRETAUTHOR'),
      pngChunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0'), deflateSync('SECRETZ')])),
      pngChunk('iTXt', 'GPS\0\0\0vi\0\0SECRETGPS 10.2365N'),
      pngChunk('eXIf', exifWithGps('SECRETCAM').subarray(6)),
      pngChunk('tIME', Buffer.from([0x07, 0xea, 12, 7, 20, 51, 0])),
      pngChunk('iCCP', Buffer.concat([Buffer.from('SECRETICC\0\0'), deflateSync('profile')])),
      pngChunk('prVt', 'SECRETPRIVATE'),
      phys,
      pngPixels(4, 3),
      iend,
      Buffer.from('SECRETTRAILER'),
    ]);
    const [out] = await store.prepare([upload('image/png', phone)]);
    expect(out?.type).toBe('image/png');
    expect(out?.bytes.includes('SECRET')).toBe(false);
    expect(pngTypes(out?.bytes ?? Buffer.alloc(0))).toEqual(['IHDR', 'gAMA', 'pHYs', 'IDAT', 'IEND']);
    const [again] = await store.prepare([upload('image/png', plain)]);
    expect(again?.bytes.equals(plain)).toBe(true);
  });

  it('refuses a bad CRC, 9000 pixels, too much or too little image data, an unknown critical chunk, a JPEG', async () => {
    const badCrc = Buffer.from(plain);
    const at = badCrc.length - 13; // the last byte of IDAT's CRC
    badCrc.writeUInt8(badCrc.readUInt8(at) ^ 0xff, at);
    const huge = Buffer.concat([PNG_SIGNATURE, pngHeader(9000, 1), pngPixels(1, 1), iend]);
    // A decompression bomb: 1×1 declared, a megabyte inflated.
    const bomb = Buffer.concat([
      PNG_SIGNATURE,
      pngHeader(1, 1),
      pngChunk('IDAT', deflateSync(Buffer.alloc(1 << 20))),
      iend,
    ]);
    const short = Buffer.concat([PNG_SIGNATURE, pngHeader(4, 3), pngPixels(4, 2), iend]);
    const critical = Buffer.concat([
      PNG_SIGNATURE,
      pngHeader(4, 3),
      pngChunk('ABCD', 'x'),
      pngPixels(4, 3),
      iend,
    ]);
    const noEnd = Buffer.concat([PNG_SIGNATURE, pngHeader(4, 3), pngPixels(4, 3)]);
    for (const bytes of [
      badCrc,
      huge,
      bomb,
      short,
      critical,
      noEnd,
      Buffer.concat([PNG_SIGNATURE, PLAIN_JPEG]),
    ]) {
      await expect(store.prepare([upload('image/png', bytes)])).rejects.toEqual(
        refused('LAYSO_FEEDBACK_FILE_INVALID'),
      );
    }
    await expect(store.prepare([upload('image/png', PLAIN_JPEG)])).rejects.toEqual(
      refused('LAYSO_FEEDBACK_FILE_INVALID'),
    );
  });

  it('takes an interlaced PNG, whose data is counted pass by pass (Adam7)', async () => {
    // 4×3 RGB: passes of 1×1, none, none, 1×1, 2×1, 2×2 and 4×1 pixels, each row with its filter byte.
    expect(rawBytes({ width: 4, height: 3, bitsPerPixel: 24, interlaced: true })).toBe(4 + 4 + 7 + 14 + 13);
    expect(rawBytes({ width: 4, height: 3, bitsPerPixel: 24, interlaced: false })).toBe(3 * 13);
    const header = Buffer.alloc(13);
    header.writeUInt32BE(4, 0);
    header.writeUInt32BE(3, 4);
    header.set([8, 2, 0, 0, 1], 8);
    const iend = pngChunk('IEND', '');
    const interlaced = (bytes: number) =>
      Buffer.concat([
        PNG_SIGNATURE,
        pngChunk('IHDR', header),
        pngChunk('IDAT', deflateSync(Buffer.alloc(bytes))),
        iend,
      ]);
    const [out] = await store.prepare([upload('image/png', interlaced(42))]);
    expect(out?.bytes.equals(interlaced(42))).toBe(true);
    // The non-interlaced size is not enough.
    await expect(store.prepare([upload('image/png', interlaced(39))])).rejects.toEqual(
      refused('LAYSO_FEEDBACK_FILE_INVALID'),
    );
  });
});

describe('size and type', () => {
  it('refuses a file over the size limit before reading it', async () => {
    const big = Buffer.alloc(FEEDBACK_LIMITS.fileBytes + 1);
    PLAIN_JPEG.copy(big);
    await expect(store.prepare([upload('image/jpeg', big)])).rejects.toEqual(
      refused('LAYSO_FEEDBACK_FILE_TOO_LARGE'),
    );
  });

  it('refuses a file claiming one type and being another, and an empty file', async () => {
    await expect(store.prepare([upload('application/pdf', PLAIN_JPEG)])).rejects.toEqual(
      refused('LAYSO_FEEDBACK_FILE_INVALID'),
    );
    await expect(store.prepare([upload('image/jpeg', tinyPdf())])).rejects.toEqual(
      refused('LAYSO_FEEDBACK_FILE_INVALID'),
    );
    await expect(store.prepare([upload('image/png', Buffer.alloc(0))])).rejects.toEqual(
      refused('LAYSO_FEEDBACK_FILE_INVALID'),
    );
  });
});

describe('PDF', () => {
  it('draws a PDF as JPEG pages of a bounded size, and keeps nothing of the PDF', async () => {
    const out = await store.prepare([upload('application/pdf', tinyPdf())]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ type: 'image/jpeg', page: 1 });
    const bytes = out[0]?.bytes ?? Buffer.alloc(0);
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(bytes.includes('%PDF')).toBe(false);
    // A 100×100 pt page drawn with its long side at 1600 pixels.
    expect(jpegShape(bytes)).toMatchObject({ width: 1600, height: 1600 });
  });

  it('draws only the first five pages, in order', async () => {
    const out = await store.prepare([upload('application/pdf', tinyPdf(7))]);
    expect(out.map((f) => f.page)).toEqual([1, 2, 3, 4, 5]);
  });

  it('draws PDFs sent at once one after the other, each whole', async () => {
    // A pdftoppm that fails when another one is running (a lock folder held while it draws).
    const tool = join(dataDir, 'pdftoppm-alone');
    const lock = join(dataDir, 'drawing');
    writeFileSync(
      tool,
      `#!/bin/sh\nmkdir '${lock}' || exit 3\npdftoppm "$@"; rc=$?\nsleep 0.2\nrmdir '${lock}'\nexit $rc\n`,
      { mode: 0o700 },
    );
    const alone = createFeedbackFileStore(dataDir, { pdf: { command: tool } });
    const [a, b] = await Promise.all([
      alone.prepare([upload('application/pdf', tinyPdf(2))]),
      alone.prepare([upload('application/pdf', tinyPdf(3))]),
    ]);
    expect(a.map((f) => f.page)).toEqual([1, 2]);
    expect(b.map((f) => f.page)).toEqual([1, 2, 3]);
  });

  it('refuses a damaged PDF', async () => {
    const damaged = Buffer.from('%PDF-1.4\nthis is not a document\n%%EOF\n');
    await expect(store.prepare([upload('application/pdf', damaged)])).rejects.toEqual(
      refused('LAYSO_FEEDBACK_FILE_INVALID'),
    );
  });

  it('refuses PDFs when pdftoppm is missing, and says so once', async () => {
    const warnings: string[] = [];
    const without = createFeedbackFileStore(dataDir, {
      pdf: { command: join(dataDir, 'no-such-pdftoppm') },
      warn: (m) => warnings.push(m),
    });
    for (let i = 0; i < 2; i += 1) {
      await expect(without.prepare([upload('application/pdf', tinyPdf())])).rejects.toEqual(
        refused('LAYSO_FEEDBACK_FILE_TYPE'),
      );
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('poppler-utils');
    // Pictures are still taken.
    await expect(without.prepare([upload('image/jpeg', PLAIN_JPEG)])).resolves.toHaveLength(1);
  });
});

describe('the files on disk', () => {
  let umask: number;
  beforeEach(() => {
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
  });

  it('stores owner-only files with random names, reads them back and removes them', async () => {
    const prepared = await store.prepare([
      upload('image/jpeg', PLAIN_JPEG),
      upload('application/pdf', tinyPdf(2)),
    ]);
    const names = store.save(prepared);
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(3);
    for (const name of names) expect(name).toMatch(/^[0-9a-f]{32}\.jpg$/);
    const dir = join(dataDir, FEEDBACK_FILES_DIR);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const name of names) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
    expect(store.read(names[0] ?? '')?.equals(PLAIN_JPEG)).toBe(true);

    store.remove([names[0] ?? '', '../queue.db']);
    expect(store.read(names[0] ?? '')).toBeNull();
    expect(readdirSync(dir).sort()).toEqual(names.slice(1).sort());
  });

  it('reads nothing but its own names', () => {
    expect(store.read('../../etc/passwd')).toBeNull();
    expect(store.read('0123456789abcdef0123456789abcdef.jpg')).toBeNull();
    expect(store.read('x.jpg')).toBeNull();
  });
});
