import { describe, expect, it } from 'vitest';
import { CODE_DIGITS_MAX, codeFromDigits, dossierCodeFromScan } from './dossier-code.js';

describe('a dossier code from a scan of the slip', () => {
  it("reads the QR's status address and the barcode's bare code alike", () => {
    expect(dossierCodeFromScan('https://hcc.vinhlong.gov.vn/h/000.00.12.H62-201105-0004')).toBe(
      '000.00.12.H62-201105-0004',
    );
    expect(dossierCodeFromScan('http://127.0.0.1:8080/h/000.00.12.h62-201105-0004/\n')).toBe(
      '000.00.12.H62-201105-0004',
    );
    expect(dossierCodeFromScan('  000.00.12.H62-201105-0004\r')).toBe('000.00.12.H62-201105-0004');
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

describe('typing a code by its digits only', () => {
  it('puts the dots, the H and the dashes in as the digits come', () => {
    expect(codeFromDigits('')).toBe('');
    expect(codeFromDigits('000')).toBe('000');
    expect(codeFromDigits('0000')).toBe('000.0');
    expect(codeFromDigits('0000012')).toBe('000.00.12');
    expect(codeFromDigits('00000126')).toBe('000.00.12.H6');
    expect(codeFromDigits('0000012622011050004')).toBe('000.00.12.H62-201105-0004');
    // A running number past 9999 keeps its digits.
    expect(codeFromDigits('00000126220110512345')).toBe('000.00.12.H62-201105-12345');
    expect(CODE_DIGITS_MAX).toBe(15 + 9);
  });
});
