import { checkSides, invalidFile } from './limits.js';

/**
 * A JPEG walked segment by segment and written back with only what draws the picture. Dropped: APP1 (EXIF with
 * the GPS position, camera and time; XMP), APP13 (IPTC), COM, every other APPn — ICC profiles (APP2) too: their
 * description and device tags are free text, and a complaint's evidence photo needs no colour management — and
 * anything after EOI (motion-photo videos, MPF secondary pictures). Kept: APP0 JFIF without its thumbnail (a
 * thumbnail can show what a crop removed), APP14 Adobe (how CMYK/YCCK data is to be read), tables, frame and scans.
 * The entropy-coded data is copied as it is: no decoder runs here (see the README's design notes).
 * Anything that does not follow the format — unknown markers, a second frame, a length past the end, no EOI — is
 * refused rather than repaired.
 */

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP14 = 0xee;
/** Start of frame: baseline, extended, progressive, lossless, and their arithmetic/differential kinds. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
/** Tables and restart interval: DHT, DAC, DQT, DRI. */
const TABLES = new Set([0xc4, 0xcc, 0xdb, 0xdd]);
const isApp = (m: number) => m >= 0xe0 && m <= 0xef;
const COM = 0xfe;

const startsWith = (data: Buffer, text: string) =>
  data.length >= text.length && data.subarray(0, text.length).toString('latin1') === text;

/** A segment with its marker and length as they go out. */
function segment(marker: number, data: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
}

/** JFIF's version, units and density, with no thumbnail. */
function jfifWithoutThumbnail(data: Buffer): Buffer {
  if (data.length < 14) throw invalidFile();
  const kept = Buffer.from(data.subarray(0, 14));
  kept[12] = 0;
  kept[13] = 0;
  return kept;
}

/** The frame header's sides, checked, and its layout (8 bytes + 3 per component). */
function checkFrame(data: Buffer): void {
  if (data.length < 6) throw invalidFile();
  const height = data.readUInt16BE(1);
  const width = data.readUInt16BE(3);
  const components = data[5] ?? 0;
  if (components < 1 || components > 4 || data.length !== 6 + 3 * components) throw invalidFile();
  // A height of 0 defers it to a DNL segment after the first scan: legal, never written by cameras, refused.
  checkSides(width, height);
}

/** Where the entropy-coded data that starts at `from` ends: the first marker that is not a restart or a stuffing. */
function scanEnd(bytes: Buffer, from: number): number {
  let i = bytes.indexOf(0xff, from);
  while (i !== -1 && i + 1 < bytes.length) {
    const next = bytes[i + 1] ?? 0;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i = bytes.indexOf(0xff, i + 2);
    else if (next === 0xff) i += 1;
    else return i;
  }
  throw invalidFile();
}

/** The JPEG rebuilt without metadata; throws LAYSO_FEEDBACK_FILE_INVALID for anything that is not a whole JPEG. */
export function sanitizeJpeg(bytes: Buffer): Buffer {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) throw invalidFile();
  const out: Buffer[] = [Buffer.from([0xff, SOI])];
  let pos = 2;
  let frame = false;
  let scans = 0;
  for (;;) {
    if (bytes[pos] !== 0xff) throw invalidFile();
    while (bytes[pos] === 0xff) pos += 1; // fill bytes before a marker
    const marker = bytes[pos];
    pos += 1;
    if (marker === undefined) throw invalidFile();
    if (marker === EOI) {
      if (!frame || scans === 0) throw invalidFile();
      out.push(Buffer.from([0xff, EOI]));
      return Buffer.concat(out);
    }
    if (pos + 2 > bytes.length) throw invalidFile();
    const length = bytes.readUInt16BE(pos);
    if (length < 2 || pos + length > bytes.length) throw invalidFile();
    const data = bytes.subarray(pos + 2, pos + length);
    pos += length;
    if (marker === APP0) {
      if (startsWith(data, 'JFIF\0')) out.push(segment(APP0, jfifWithoutThumbnail(data)));
    } else if (marker === APP14) {
      if (startsWith(data, 'Adobe')) out.push(segment(APP14, data));
    } else if (isApp(marker) || marker === COM) {
      // metadata: dropped
    } else if (SOF.has(marker)) {
      if (frame) throw invalidFile();
      checkFrame(data);
      frame = true;
      out.push(segment(marker, data));
    } else if (TABLES.has(marker)) {
      out.push(segment(marker, data));
    } else if (marker === SOS) {
      if (!frame) throw invalidFile();
      const end = scanEnd(bytes, pos);
      out.push(segment(marker, data), bytes.subarray(pos, end));
      pos = end;
      scans += 1;
    } else {
      throw invalidFile();
    }
  }
}
