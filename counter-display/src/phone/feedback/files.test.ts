import { describe, expect, it } from 'vitest';
import { checkFile, fitWithin, PHOTO_MAX_SIDE } from './files.js';

const MB = 1024 * 1024;

describe("the feedback form's attached files", () => {
  it('takes JPEG and PNG photos of any size (they are shrunk) and PDFs up to 5 MB', () => {
    expect(checkFile({ name: 'a.jpg', type: 'image/jpeg', size: 12 * MB })).toEqual({ kind: 'photo' });
    expect(checkFile({ name: 'a.png', type: 'image/png', size: 1 })).toEqual({ kind: 'photo' });
    expect(checkFile({ name: 'a.pdf', type: 'application/pdf', size: 5 * MB })).toEqual({ kind: 'pdf' });
  });

  it('refuses other types and a PDF over 5 MB in both languages, naming the file', () => {
    const gif = checkFile({ name: 'meme.gif', type: 'image/gif', size: 10 });
    expect(gif.kind).toBe('refused');
    if (gif.kind !== 'refused') return;
    expect(gif.why.vi).toBe('“meme.gif” không gửi được: chỉ nhận ảnh JPEG, PNG hoặc tệp PDF');
    expect(gif.why.en).toContain('only JPEG or PNG');
    expect(checkFile({ name: 'x', type: '', size: 10 }).kind).toBe('refused');
    const big = checkFile({ name: 'scan.pdf', type: 'application/pdf', size: 5 * MB + 1 });
    expect(big).toMatchObject({ kind: 'refused', why: { vi: '“scan.pdf” quá lớn: tệp PDF tối đa 5 MB' } });
  });

  it('shortens a long file name in the message', () => {
    const r = checkFile({ name: `${'a'.repeat(60)}.exe`, type: 'application/x-msdownload', size: 1 });
    expect(r.kind === 'refused' && r.why.vi.startsWith(`“${'a'.repeat(37)}…”`)).toBe(true);
  });

  it('fits a photo within 1600 px on its longer side, keeping its shape, never enlarging', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: PHOTO_MAX_SIDE, height: 1200 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: PHOTO_MAX_SIDE });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(10000, 3)).toEqual({ width: 1600, height: 1 });
  });
});
