/**
 * Text helpers shared by the catalogue modules. Vietnamese text is stored in NFC and compared folded:
 * lowercase, tone and vowel marks removed, `đ` → `d` (DESIGN.md, "Rules of the domain").
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** NFC → lowercase → strip diacritics (`đ` → `d`). "Cấp Phiếu Lý lịch" → "cap phieu ly lich". */
export function fold(text: string): string {
  return text.normalize('NFC').toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd');
}

/** Trim and NFC-normalise; collapse runs of whitespace (including embedded newlines) to one space. */
export function clean(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Split already folded text into word tokens (letters and digits). */
export function tokens(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}

/** Folded tokens of raw text. */
export function foldTokens(text: string): string[] {
  return tokens(fold(text));
}
