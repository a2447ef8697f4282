import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bookedSeq,
  capFitsFormat,
  formatNumber,
  formatsOverlap,
  maxSeq,
  nextSeq,
  seqAfter,
} from './numbering.js';
import { vnInstant } from './time.js';
import { ALWAYS_OPEN, makeService, OFFICE_HOURS } from './testing.js';
import { DEFAULT_POLICY } from './types.js';

const open = vnInstant('2026-11-30', 9 * 60); // Monday 09:00 Vietnam

describe('formatNumber', () => {
  it('prefixes and zero-pads the running number', () => {
    expect(formatNumber({ prefix: '1', digits: 3 }, 5)).toBe('1005');
    expect(formatNumber({ prefix: '1', digits: 3 }, 1)).toBe('1001');
    expect(formatNumber({ prefix: '1', digits: 3 }, 999)).toBe('1999');
    expect(formatNumber({ prefix: 'A', digits: 4 }, 42)).toBe('A0042');
    expect(formatNumber({ prefix: '', digits: 2 }, 7)).toBe('07');
  });

  it('refuses a seq the format cannot hold', () => {
    const f = { prefix: '1', digits: 3 };
    for (const bad of [0, -1, 1000, 1.5, Number.NaN]) expect(() => formatNumber(f, bad)).toThrow(RangeError);
  });

  it('gives distinct numbers of fixed length for distinct seqs', () => {
    fc.assert(
      fc.property(
        fc.record({ prefix: fc.stringMatching(/^[0-9A-Z]{0,3}$/), digits: fc.integer({ min: 1, max: 6 }) }),
        fc.nat(),
        fc.nat(),
        (format, a, b) => {
          const sa = (a % maxSeq(format)) + 1;
          const sb = (b % maxSeq(format)) + 1;
          const na = formatNumber(format, sa);
          expect(na).toHaveLength(format.prefix.length + format.digits);
          expect(na === formatNumber(format, sb)).toBe(sa === sb);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('maxSeq and capFitsFormat', () => {
  it('is 10^digits − 1', () => {
    expect(maxSeq({ prefix: '1', digits: 3 })).toBe(999);
    expect(maxSeq({ prefix: '', digits: 1 })).toBe(9);
  });
  it('says whether the daily cap fits the digits', () => {
    expect(capFitsFormat(makeService({ dailyCap: 999 }))).toBe(true);
    expect(capFitsFormat(makeService({ dailyCap: 1000 }))).toBe(false);
  });
});

describe('nextSeq', () => {
  const service = makeService({ hours: OFFICE_HOURS, dailyCap: 3 });

  it('is lastSeq + 1, formatted', () => {
    expect(nextSeq(0, service, 0, open, DEFAULT_POLICY)).toEqual({
      ok: true,
      value: { seq: 1, number: '1001' },
    });
    expect(nextSeq(4, service, 2, open, DEFAULT_POLICY)).toEqual({
      ok: true,
      value: { seq: 5, number: '1005' },
    });
  });

  it('refuses outside hours or for an inactive service', () => {
    const evening = vnInstant('2026-11-30', 18 * 60);
    expect(nextSeq(0, service, 0, evening, DEFAULT_POLICY)).toEqual({
      ok: false,
      code: 'LAYSO_SERVICE_CLOSED',
    });
    expect(nextSeq(0, makeService({ active: false }), 0, open, DEFAULT_POLICY)).toEqual({
      ok: false,
      code: 'LAYSO_SERVICE_CLOSED',
    });
  });

  it('refuses at the daily cap', () => {
    expect(nextSeq(3, service, 3, open, DEFAULT_POLICY)).toEqual({
      ok: false,
      code: 'LAYSO_DAILY_CAP_REACHED',
    });
  });

  it('refuses when the digits are used up, even under a cap that does not fit them', () => {
    const tooBig = makeService({
      hours: ALWAYS_OPEN,
      numberFormat: { prefix: '2', digits: 1 },
      dailyCap: 50,
    });
    expect(nextSeq(8, tooBig, 8, open, DEFAULT_POLICY)).toEqual({
      ok: true,
      value: { seq: 9, number: '29' },
    });
    expect(nextSeq(9, tooBig, 9, open, DEFAULT_POLICY)).toEqual({
      ok: false,
      code: 'LAYSO_DAILY_CAP_REACHED',
    });
  });
});

describe('seqAfter', () => {
  it('ignores hours and cap but not the digits', () => {
    const f = { prefix: '3', digits: 2 };
    expect(seqAfter(0, f)).toEqual({ ok: true, value: { seq: 1, number: '301' } });
    expect(seqAfter(98, f)).toEqual({ ok: true, value: { seq: 99, number: '399' } });
    expect(seqAfter(99, f)).toEqual({ ok: false, code: 'LAYSO_DAILY_CAP_REACHED' });
  });
});

describe('bookedSeq', () => {
  it('ignores the hours and the daily cap, not an inactive service nor the digits', () => {
    const capped = makeService({ hours: OFFICE_HOURS, dailyCap: 3 });
    expect(bookedSeq(3, capped)).toEqual({ ok: true, value: { seq: 4, number: '1004' } });
    expect(bookedSeq(0, { ...capped, active: false })).toEqual({ ok: false, code: 'LAYSO_SERVICE_CLOSED' });
    expect(bookedSeq(999, capped)).toEqual({ ok: false, code: 'LAYSO_DAILY_CAP_REACHED' });
  });
});

describe('formatsOverlap', () => {
  const f = (prefix: string, digits: number) => ({ prefix, digits });
  it('finds formats that can print the same number', () => {
    expect(formatsOverlap(f('1', 3), f('1', 3))).toBe(true);
    expect(formatsOverlap(f('1', 3), f('10', 2))).toBe(true);
    expect(formatsOverlap(f('', 4), f('2', 3))).toBe(true);
  });
  it('leaves apart formats that cannot', () => {
    expect(formatsOverlap(f('1', 3), f('2', 3))).toBe(false);
    expect(formatsOverlap(f('1', 3), f('1', 4))).toBe(false);
    expect(formatsOverlap(f('1', 3), f('1A', 2))).toBe(false);
    expect(formatsOverlap(f('A', 3), f('B', 3))).toBe(false);
  });
  it('agrees with the numbers the formats print', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9A]{0,2}$/),
        fc.integer({ min: 1, max: 3 }),
        fc.stringMatching(/^[0-9A]{0,2}$/),
        fc.integer({ min: 1, max: 3 }),
        (pa, da, pb, db) => {
          const a = f(pa, da);
          const b = f(pb, db);
          const printed = new Set(Array.from({ length: maxSeq(a) }, (_, i) => formatNumber(a, i + 1)));
          const shared = Array.from({ length: maxSeq(b) }, (_, i) => formatNumber(b, i + 1)).some((n) =>
            printed.has(n),
          );
          expect(formatsOverlap(a, b)).toBe(shared);
        },
      ),
      { numRuns: 200 },
    );
  });
});
