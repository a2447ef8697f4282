import { describe, expect, it } from 'vitest';
import { classifyScan } from './classify.js';

const CARD = '086095001234|361234567|Nguyễn Văn An|15031995|Nam|Ấp Tân Hạnh, Vĩnh Long|20042021';

describe('what a scan is', () => {
  it('a CCCD card first, whatever else its text holds', () => {
    expect(classifyScan(CARD)).toMatchObject({ kind: 'card', card: { idNumber: '086095001234' } });
  });

  it("a booking's QR: its page address, in any case, with a dash or a trailing slash", () => {
    for (const text of [
      'https://dichvucong.vinhlong.gov.vn/b/K7PQ3M2D',
      'http://10.0.0.2:8080/b/k7pq-3m2d/',
      '  https://x.vn/b/K7PQ3M2D\n',
    ]) {
      expect(classifyScan(text), text).toEqual({ kind: 'booking', code: 'K7PQ3M2D' });
    }
  });

  it('a booking is never taken from a bare code or an address that is not a code', () => {
    expect(classifyScan('K7PQ3M2D')).toBeNull();
    // U is not in a booking code's alphabet; a ninth character makes it no code at all.
    expect(classifyScan('https://x.vn/b/K7PQ3M2U')).toBeNull();
    expect(classifyScan('https://x.vn/b/K7PQ3M2DX')).toBeNull();
    expect(classifyScan('https://x.vn/t/K7PQ3M2D')).toBeNull();
  });

  it('a dossier slip keeps its meaning: its address or its code', () => {
    const code = '000.00.12.H62-201105-0004';
    expect(classifyScan(code)).toEqual({ kind: 'dossier', code });
    expect(classifyScan(`https://x.vn/h/${code}`)).toEqual({ kind: 'dossier', code });
  });
});
