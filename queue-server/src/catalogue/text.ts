/**
 * Text helpers shared by the catalogue modules. Vietnamese text is stored in NFC and compared folded:
 * lowercase, tone and vowel marks removed, `đ` → `d` (DESIGN.md, "Rules of the domain").
 */

import { fold } from '@layso/protocol/catalogue-file';

// fold and clean live with the catalogue file's parser, which the province hub shares.
export { clean, fold } from '@layso/protocol/catalogue-file';

/** Split already folded text into word tokens (letters and digits). */
export function tokens(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}

/** Folded tokens of raw text. */
export function foldTokens(text: string): string[] {
  return tokens(fold(text));
}
