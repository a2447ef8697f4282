import { describe, expect, it } from 'vitest';
import { MonoBitmap } from '../render/bitmap.js';
import { wpc1258 } from './codepages.js';
import { EscPosEncoder, encodeImageJob } from './encoder.js';

const bytes = (enc: EscPosEncoder): number[] => [...enc.encode()];

describe('EscPosEncoder golden bytes', () => {
  it('init, feed, cut, buzzer, status request', () => {
    expect(bytes(new EscPosEncoder().initialize())).toEqual([0x1b, 0x40]);
    expect(bytes(new EscPosEncoder().feed(3))).toEqual([0x1b, 0x64, 3]);
    expect(bytes(new EscPosEncoder().feedDots(40))).toEqual([0x1b, 0x4a, 40]);
    expect(bytes(new EscPosEncoder().cut('full'))).toEqual([0x1b, 0x64, 4, 0x1d, 0x56, 0]);
    expect(bytes(new EscPosEncoder({ feedBeforeCut: 0 }).cut('partial'))).toEqual([0x1d, 0x56, 1]);
    expect(bytes(new EscPosEncoder().buzzer(2, 5))).toEqual([0x1b, 0x42, 2, 5]);
    expect(bytes(new EscPosEncoder().statusRequest(4))).toEqual([0x10, 0x04, 4]);
    expect(bytes(new EscPosEncoder().align('center'))).toEqual([0x1b, 0x61, 1]);
  });

  it('native QR: model 2, module size, error level, store, print', () => {
    expect(bytes(new EscPosEncoder().qr('AB', { moduleSize: 4, level: 'Q' }))).toEqual([
      ...[0x1d, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0],
      ...[0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x43, 4],
      ...[0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x32],
      ...[0x1d, 0x28, 0x6b, 5, 0, 0x31, 0x50, 0x30, 0x41, 0x42],
      ...[0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30],
    ]);
  });

  it('GS v 0 full-width bands', () => {
    const bmp = new MonoBitmap(16, 3);
    bmp.set(0, 0);
    bmp.set(15, 1);
    bmp.set(7, 2);
    const enc = new EscPosEncoder({ widthDots: 16, compact: false, bandHeight: 2 }).rasterImage(bmp);
    expect(bytes(enc)).toEqual([
      ...[0x1d, 0x76, 0x30, 0, 2, 0, 2, 0, 0x80, 0x00, 0x00, 0x01],
      ...[0x1d, 0x76, 0x30, 0, 2, 0, 1, 0, 0x01, 0x00],
    ]);
  });

  it('GS v 0 compact: blank rows as 1-byte bands, right trim', () => {
    const bmp = new MonoBitmap(16, 3);
    bmp.set(0, 0);
    bmp.set(15, 2);
    expect(bytes(new EscPosEncoder({ widthDots: 16 }).rasterImage(bmp))).toEqual([
      ...[0x1b, 0x61, 0],
      ...[0x1d, 0x76, 0x30, 0, 1, 0, 1, 0, 0x80],
      ...[0x1d, 0x76, 0x30, 0, 1, 0, 1, 0, 0x00],
      ...[0x1d, 0x76, 0x30, 0, 2, 0, 1, 0, 0x00, 0x01],
    ]);
  });

  it('GS v 0 compact: centred ink is trimmed on both sides under ESC a 1', () => {
    const bmp = new MonoBitmap(32, 1);
    bmp.set(8, 0);
    bmp.set(23, 0);
    expect(bytes(new EscPosEncoder({ widthDots: 32 }).rasterImage(bmp))).toEqual([
      ...[0x1b, 0x61, 1],
      ...[0x1d, 0x76, 0x30, 0, 2, 0, 1, 0, 0x80, 0x01],
      ...[0x1b, 0x61, 0],
    ]);
  });

  it('ESC * 33 column mode', () => {
    const bmp = new MonoBitmap(2, 24);
    bmp.set(0, 0);
    bmp.set(1, 23);
    expect(bytes(new EscPosEncoder().columnImage(bmp))).toEqual([
      ...[0x1b, 0x33, 24],
      ...[0x1b, 0x2a, 33, 2, 0, 0x80, 0x00, 0x00, 0x00, 0x00, 0x01, 0x0a],
      ...[0x1b, 0x32],
    ]);
  });

  it('text profile WPC1258: base letter + combining tone byte', () => {
    const enc = new EscPosEncoder({ textCodePage: { number: 52, codePage: wpc1258() } });
    expect(bytes(enc.codePage().line('Việt Đức'))).toEqual([
      ...[0x1b, 0x74, 52],
      ...[0x56, 0x69, 0xea, 0xf2, 0x74, 0x20, 0xd0, 0xfd, 0xec, 0x63, 0x0a],
    ]);
    expect(wpc1258().decode(wpc1258().encode('Thủ tục hành chính công'))).toBe('Thủ tục hành chính công');
    expect(() => new EscPosEncoder().line('x')).toThrow(/image/);
  });

  it('a whole job starts with ESC @ and ends with a cut', () => {
    const bmp = new MonoBitmap(576, 8);
    bmp.fillRect(0, 0, 576, 8);
    const job = encodeImageJob(bmp);
    expect([...job.subarray(0, 2)]).toEqual([0x1b, 0x40]);
    expect([...job.subarray(-3)]).toEqual([0x1d, 0x56, 1]);
    expect(() => new EscPosEncoder({ widthDots: 384 }).image(bmp)).toThrow(RangeError);
  });
});
