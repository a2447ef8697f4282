import { deflateSync, crc32 } from 'node:zlib';

/**
 * Real files for the tests of the feedback file pipeline, built here rather than checked in as binaries: a 16×16
 * baseline JPEG (as pdftoppm writes it: SOI, JFIF without thumbnail, tables, frame, one scan, EOI), PNGs and PDFs
 * made chunk by chunk and object by object.
 */

/** 16×16 pixels, red on the left, blue on the right, JFIF only. */
export const PLAIN_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEACwALAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAx' +
    'NDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIy' +
    'MjIyMjIyMjL/wAARCAAQABADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUF' +
    'BAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVW' +
    'V1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi' +
    '4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAEC' +
    'AxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVm' +
    'Z2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq' +
    '8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDi65CuvrkK+l8O/wDmJ/7c/wDbj6/jz/mH/wC3/wD20//Z',
  'base64',
);

/** A JPEG segment (marker + length + data). */
export function jpegSegment(marker: number, data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/**
 * An EXIF block as a phone writes it (TIFF, big-endian): IFD0 with Make and a pointer to a GPS IFD holding the
 * latitude reference and its degrees/minutes/seconds — 10°14'N, the center's own street in the test's story.
 */
export function exifWithGps(make: string): Buffer {
  const tiff: number[] = [];
  const u16 = (v: number) => tiff.push((v >> 8) & 0xff, v & 0xff);
  const u32 = (v: number) => tiff.push((v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
  const makeBytes = Buffer.from(`${make}\0`, 'latin1');
  // Layout: header (8) | IFD0: 2 entries (2 + 24 + 4 = 30) | GPS IFD: 2 entries (30) | make | rationals
  const ifd0 = 8;
  const gps = ifd0 + 30;
  const makeAt = gps + 30;
  const rationalsAt = makeAt + makeBytes.length;
  tiff.push(0x4d, 0x4d);
  u16(42);
  u32(ifd0);
  u16(2);
  u16(0x010f); // Make, ASCII
  u16(2);
  u32(makeBytes.length);
  u32(makeAt);
  u16(0x8825); // GPSInfo IFD pointer
  u16(4);
  u32(1);
  u32(gps);
  u32(0);
  u16(2);
  u16(0x0001); // GPSLatitudeRef 'N'
  u16(2);
  u32(2);
  tiff.push(0x4e, 0, 0, 0);
  u16(0x0002); // GPSLatitude, 3 rationals
  u16(5);
  u32(3);
  u32(rationalsAt);
  u32(0);
  tiff.push(...makeBytes);
  for (const [n, d] of [
    [10, 1],
    [14, 1],
    [5617, 100],
  ] as const) {
    u32(n);
    u32(d);
  }
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(tiff)]);
}

/** A PNG chunk with its CRC. */
export function pngChunk(type: string, data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const typeBytes = Buffer.from(type, 'latin1');
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  typeBytes.copy(out, 4);
  body.copy(out, 8);
  out.writeUInt32BE(crc32(body, crc32(typeBytes)), 8 + body.length);
  return out;
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** IHDR of an 8-bit RGB picture, not interlaced. */
export function pngHeader(width: number, height: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data.set([8, 2, 0, 0, 0], 8);
  return pngChunk('IHDR', data);
}

/** The image data of a width×height RGB picture, all one grey (every row: filter 0 + pixels). */
export function pngPixels(width: number, height: number): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x80)]);
  return pngChunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row))));
}

/** A minimal PDF of `pages` pages, each a coloured square, with a correct cross-reference table. */
export function tinyPdf(pages = 1): Buffer {
  const content = '1 0 0 rg 0 0 50 100 re f 0 0 1 rg 50 0 50 100 re f';
  const kids = Array.from({ length: pages }, (_, i) => `${3 + i * 2} 0 R`).join(' ');
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`];
  for (let i = 0; i < pages; i += 1) {
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents ${4 + i * 2} 0 R >>`);
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  }
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
