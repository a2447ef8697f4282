/**
 * Where each typed digit of a code goes: `000.00.12.H62-201105-0004`. A citizen types only the digits on the
 * on-screen keypad; the dots, the H and the dashes appear by themselves.
 */
const SHAPE = '###.##.##.H##-######-';
/** The shape's digits plus a running number of at most 9 digits. */
export const CODE_DIGITS_MAX = SHAPE.split('#').length - 1 + 9;

/** The code as it reads with the digits typed so far (a separator shows once the digit after it is typed). */
export function codeFromDigits(digits: string): string {
  let out = '';
  let i = 0;
  for (const ch of SHAPE) {
    if (i >= digits.length) return out;
    if (ch === '#') out += digits[i++];
    else out += ch;
  }
  return out + digits.slice(i);
}
