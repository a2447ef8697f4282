import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DossierCode,
  dossierCodeFromScan,
  formatDossierCode,
  parseAgencyId,
  parseDossierCode,
} from './dossier.js';
import { FinishBody } from './rest.js';

const problem = (s: string) => {
  const r = parseDossierCode(s);
  return r.ok ? 'ok' : r.problem;
};

describe('parseDossierCode', () => {
  it('reads the example of the national format into its parts', () => {
    expect(parseDossierCode('000.00.12.H62-201105-0004')).toEqual({
      ok: true,
      value: { code: '000.00.12.H62-201105-0004', agency: '000.00.12.H62', day: '2020-11-05', seq: 4 },
    });
  });

  it('trims what a scanner adds and upper-cases a lower-case h', () => {
    const r = parseDossierCode('  000.00.12.h61-261202-0042\r\n');
    expect(r).toMatchObject({ ok: true, value: { code: '000.00.12.H61-261202-0042', seq: 42 } });
    // The provincial People's Committee's own form, and a running number past 9999.
    expect(parseDossierCode('000.00.00.H61-261202-12345')).toMatchObject({ ok: true, value: { seq: 12345 } });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['000.00.12.H62201105-0004', 'shape'],
    ['000.00.12.H62-201105-0004-1', 'shape'],
    ['000.00.12.H62--0004', 'shape'],
    ['000.00.12.H62-2011 05-0004', 'shape'],
    ['000.00.12.H62 -201105-0004', 'shape'],
    ['00.00.12.H62-201105-0004', 'agency'],
    ['000.00.12.62-201105-0004', 'agency'],
    ['000.00.12.G12-201105-0004', 'agency'],
    ['000.00.12.H6-201105-0004', 'agency'],
    ['000,00,12,H62-201105-0004', 'agency'],
    ['ABC.DE.FG.H62-201105-0004', 'agency'],
    ['000.00.12.H62-201305-0004', 'date'],
    ['000.00.12.H62-200230-0004', 'date'],
    ['000.00.12.H62-230229-0004', 'date'],
    ['000.00.12.H62-201100-0004', 'date'],
    ['000.00.12.H62-20110-0004', 'date'],
    ['000.00.12.H62-20-11-05-0004', 'shape'],
    ['000.00.12.H62-201105-004', 'number'],
    ['000.00.12.H62-201105-0000', 'number'],
    ['000.00.12.H62-201105-00A4', 'number'],
    ['000.00.12.H62-201105-1234567890', 'number'],
  ])('refuses %j (%s)', (code, why) => {
    expect(problem(code)).toBe(why);
  });

  it('knows leap days: 29 Feb 2024 is a day, 29 Feb 2026 is not', () => {
    expect(problem('000.00.12.H62-240229-0001')).toBe('ok');
    expect(problem('000.00.12.H62-260229-0001')).toBe('date');
    expect(problem('000.00.12.H62-000229-0001')).toBe('ok'); // 2000 was a leap year
  });

  it('reads back every code it formats (property)', () => {
    const day = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const agency = fc
      .tuple(fc.nat(999), fc.nat(99), fc.nat(99), fc.nat(99))
      .map(([a, b, c, h]) =>
        [
          String(a).padStart(3, '0'),
          String(b).padStart(2, '0'),
          String(c).padStart(2, '0'),
          `H${String(h).padStart(2, '0')}`,
        ].join('.'),
      );
    fc.assert(
      fc.property(agency, day, fc.integer({ min: 1, max: 999_999_999 }), (a, d, seq) => {
        const code = formatDossierCode(a, d, seq);
        expect(parseDossierCode(code)).toEqual({ ok: true, value: { code, agency: a, day: d, seq } });
        expect(parseDossierCode(` ${code.toLowerCase()} `)).toMatchObject({ ok: true, value: { code } });
      }),
    );
  });
});

describe('formatDossierCode and parseAgencyId', () => {
  it('pads the running number to 4 digits and lets it grow past 9999', () => {
    expect(formatDossierCode('000.00.12.H62', '2020-11-05', 4)).toBe('000.00.12.H62-201105-0004');
    expect(formatDossierCode('000.00.12.H62', '2026-12-31', 10_000)).toBe('000.00.12.H62-261231-10000');
    expect(() => formatDossierCode('000.00.12.H62', '2026-12-31', 0)).toThrow(RangeError);
    expect(() => formatDossierCode('000.00.12.H62', '1999-12-31', 1)).toThrow(RangeError);
  });

  it('accepts an agency identifier of the form xxx.yy.zz.Hnn only', () => {
    expect(parseAgencyId(' 000.00.12.h62 ')).toBe('000.00.12.H62');
    expect(parseAgencyId('000.00.12')).toBeNull();
    expect(parseAgencyId('000.00.12.H62-')).toBeNull();
  });
});

describe('the DossierCode schema in request bodies', () => {
  it('normalises a good code and refuses a bad one with the catalogue code and the problem', () => {
    expect(DossierCode.parse(' 000.00.12.h62-201105-0004 ')).toBe('000.00.12.H62-201105-0004');
    const bad = DossierCode.safeParse('000.00.12.H62-201399-0004');
    expect(bad.success).toBe(false);
    const issue = bad.error?.issues[0] as { params?: unknown; message: string } | undefined;
    expect(issue?.params).toEqual({ layso: 'LAYSO_DOSSIER_CODE_INVALID', problem: 'date' });
    expect(issue?.message).toMatch(/ngày có thật.* \/ .*calendar date/);
  });

  it('lets a received dossier leave the code out (the server may generate it)', () => {
    expect(FinishBody.safeParse({ outcome: 'received', dossier: { procedureId: 3 } }).success).toBe(true);
    expect(FinishBody.safeParse({ outcome: 'received', dossier: { code: 'x-1-2' } }).success).toBe(false);
  });
});

describe('a dossier code from a scan of the slip', () => {
  it("reads the QR's status address and the barcode's bare code alike", () => {
    expect(dossierCodeFromScan('https://hcc.vinhlong.gov.vn/h/000.00.12.H62-201105-0004')).toBe(
      '000.00.12.H62-201105-0004',
    );
    expect(dossierCodeFromScan('http://127.0.0.1:8080/h/000.00.12.h62-201105-0004/\n')).toBe(
      '000.00.12.H62-201105-0004',
    );
    expect(dossierCodeFromScan('  000.00.12.H62-201105-0004\r')).toBe('000.00.12.H62-201105-0004');
    // The phone page reads its own address the same way.
    expect(dossierCodeFromScan('/h/000.00.12.H62-201105-0004')).toBe('000.00.12.H62-201105-0004');
    expect(dossierCodeFromScan('/h/')).toBeNull();
  });

  it('is not fooled by a CCCD, a ticket QR or a code that is not real', () => {
    expect(dossierCodeFromScan('086195001234|123456789|Trần Thị Bích|15031950|Nữ|Vĩnh Long|01012021')).toBe(
      null,
    );
    expect(dossierCodeFromScan('http://127.0.0.1:8080/t/AbCdEf123456')).toBeNull();
    expect(dossierCodeFromScan('http://x/h/000.00.12.H62-201135-0004')).toBeNull();
    expect(dossierCodeFromScan('http://x/h/%E0%A4%A')).toBeNull();
    expect(dossierCodeFromScan('')).toBeNull();
  });
});
