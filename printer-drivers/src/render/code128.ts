import { MonoBitmap } from './bitmap.js';

/**
 * Code 128 (code set B, with set C for long digit runs) for dossier codes such as `000.00.12.H62-201105-0004`.
 * PATTERNS[v] lists the bar/space module widths of symbol value v (ISO/IEC 15417 table); 106 is STOP.
 */
const PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
] as const; // prettier-ignore

export const CODE128_PATTERNS: readonly string[] = PATTERNS;

const START_B = 104;
const START_C = 105;
const CODE_B = 100;
const CODE_C = 99;
const STOP = 106;

/** Symbol values (start … checksum, stop) for printable ASCII text. */
export function code128Values(text: string): number[] {
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (ch.length !== 1 || c < 32 || c > 126)
      throw new RangeError(`Code 128 B cannot encode ${JSON.stringify(ch)}`);
  }
  const values: number[] = [];
  let set: 'B' | 'C' | null = null;
  let i = 0;
  const digitRun = (from: number): number => {
    let n = 0;
    while (from + n < text.length && /[0-9]/.test(text[from + n] ?? '')) n++;
    return n;
  };
  while (i < text.length) {
    const run = digitRun(i);
    // Set C pays off for ≥ 4 digits (≥ 6 in the middle of set B text); use an even count.
    const useC = run >= (set === null || i + run === text.length ? 4 : 6);
    if (useC) {
      if (set === null) values.push(START_C);
      else if (set !== 'C') values.push(CODE_C);
      set = 'C';
      const pairs = Math.floor(run / 2);
      for (let p = 0; p < pairs; p++) {
        values.push(Number(text.slice(i, i + 2)));
        i += 2;
      }
      continue;
    }
    if (set === null) values.push(START_B);
    else if (set !== 'B') values.push(CODE_B);
    set = 'B';
    values.push(text.charCodeAt(i) - 32);
    i++;
  }
  let sum = values[0] ?? 0;
  for (let k = 1; k < values.length; k++) sum += (values[k] ?? 0) * k;
  values.push(sum % 103, STOP);
  return values;
}

/** Module widths (bar first) of the whole symbol, quiet zones excluded. */
export function code128Modules(text: string): number[] {
  const widths: number[] = [];
  for (const v of code128Values(text)) {
    const p = PATTERNS[v];
    if (!p) throw new Error(`no Code 128 pattern for value ${v}`);
    for (const d of p) widths.push(Number(d));
  }
  return widths;
}

/** Renders the barcode with `moduleDots` dots per module and a 10-module quiet zone on each side. */
export function renderCode128(text: string, moduleDots: number, height: number): MonoBitmap {
  const widths = code128Modules(text);
  const total = widths.reduce((a, b) => a + b, 0) + 20;
  const bmp = new MonoBitmap(total * moduleDots, height);
  let x = 10 * moduleDots;
  widths.forEach((w, k) => {
    if (k % 2 === 0) bmp.fillRect(x, 0, w * moduleDots, height);
    x += w * moduleDots;
  });
  return bmp;
}

export function code128Width(text: string, moduleDots: number): number {
  return (code128Modules(text).reduce((a, b) => a + b, 0) + 20) * moduleDots;
}
