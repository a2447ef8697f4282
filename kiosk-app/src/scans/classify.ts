import { bookingCodeFromScan, dossierCodeFromScan } from '@layso/protocol';
import { parseCccd, type CccdCard } from '../cccd/parse.js';

/** What a whole scan is: a CCCD card, a booking's QR, a Mẫu 01 slip, or nothing the kiosk knows. */
export type ScanKind =
  | { kind: 'card'; card: CccdCard }
  | { kind: 'booking'; code: string }
  | { kind: 'dossier'; code: string }
  | null;

/** A booking page's address: `…/b/<code>` (a trailing slash allowed). */
const BOOKING_PAGE = /\/b\/[^/\s]+\/?$/;

/**
 * Reads a scan in a fixed order, the same in the page (keyboard-wedge scanner) and in main (HID scanner): the
 * card first (its QR is `|`-separated fields, never an address), then a booking's page address, then a slip (its
 * address `/h/` or its code). A booking is taken from its address only: a bare 8-character barcode on some
 * other paper must not start a check-in (a code is typed on the check-in screen instead).
 */
export function classifyScan(text: string): ScanKind {
  const card = parseCccd(text);
  if (card.ok) return { kind: 'card', card: card.card };
  if (BOOKING_PAGE.test(text.trim())) {
    const code = bookingCodeFromScan(text);
    if (code !== null) return { kind: 'booking', code };
  }
  const code = dossierCodeFromScan(text);
  return code !== null ? { kind: 'dossier', code } : null;
}
