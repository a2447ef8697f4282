import { describe, expect, it } from 'vitest';
import { CODE_DIGITS_MAX, codeFromDigits } from './dossier-code.js';

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
