/**
 * Text-mode code pages for Vietnamese. Only for a printer proven on site: code-page numbers and even the
 * tables differ between brands and firmware, which is why tickets are printed as images by default.
 *
 * WPC1258 (Windows-1258) is built from the platform's own decoder, so the table is the standard one.
 * Vietnamese in 1258 uses precomposed base letters (Â Ă Ê Ô Ơ Ư Đ) plus a combining tone mark byte.
 */

export interface CodePage {
  name: string;
  /** Encodes NFC text; characters the page cannot carry become `?`. */
  encode(text: string): Uint8Array;
  /** Decodes bytes back to NFC text (used by the virtual printer). */
  decode(bytes: Uint8Array): string;
}

function tableFromDecoder(label: string): string[] {
  const decoder = new TextDecoder(label);
  const table: string[] = [];
  for (let b = 0; b < 256; b++) table.push(decoder.decode(new Uint8Array([b])));
  return table;
}

function bitCount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}

function makeSingleByte(name: string, table: readonly string[]): CodePage {
  const toByte = new Map<string, number>();
  table.forEach((ch, b) => {
    if (ch !== '\ufffd' && !toByte.has(ch)) toByte.set(ch, b);
  });
  const encodeChar = (ch: string, out: number[]): void => {
    const direct = toByte.get(ch);
    if (direct !== undefined) {
      out.push(direct);
      return;
    }
    // Split into a precomposed letter the page has plus combining marks it has (e.g. "ệ" → "ê" + U+0323):
    // try every way of keeping some marks in the letter, fewest separate marks first.
    const [base = '', ...marks] = [...ch.normalize('NFD')];
    const n = marks.length;
    if (n > 0 && n <= 4) {
      const masks = [...Array(1 << n).keys()].sort((x, y) => bitCount(x) - bitCount(y));
      for (const mask of masks) {
        const kept = marks.filter((_, i) => !(mask & (1 << i))).join('');
        const separate = marks.filter((_, i) => mask & (1 << i)).map((m) => toByte.get(m));
        const b = toByte.get((base + kept).normalize('NFC'));
        if (b !== undefined && separate.every((m) => m !== undefined)) {
          out.push(b, ...(separate as number[]));
          return;
        }
      }
    }
    out.push(0x3f);
  };
  return {
    name,
    encode(text) {
      const out: number[] = [];
      for (const ch of text.normalize('NFC')) encodeChar(ch, out);
      return Uint8Array.from(out);
    },
    decode(bytes) {
      let s = '';
      for (const b of bytes) s += table[b] ?? '?';
      return s.normalize('NFC');
    },
  };
}

let cp1258: CodePage | null = null;

export function wpc1258(): CodePage {
  cp1258 ??= makeSingleByte('WPC1258', tableFromDecoder('windows-1258'));
  return cp1258;
}

let ascii: CodePage | null = null;

/** PC437's ASCII half: Vietnamese letters lose their marks (a last resort that still reads). */
export function asciiFolding(): CodePage {
  ascii ??= {
    name: 'ASCII',
    encode(text) {
      const folded = text
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/gu, '')
        .replace(/đ/gu, 'd')
        .replace(/Đ/gu, 'D');
      return Uint8Array.from([...folded].map((c) => (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : 0x3f)));
    },
    decode(bytes) {
      return String.fromCharCode(...bytes);
    },
  };
  return ascii;
}
