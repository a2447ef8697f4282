import { useEffect, useRef } from 'react';
import type { CccdCard } from '../cccd/parse.js';
import { classifyScan } from '../scans/classify.js';
import type { KioskEnv } from './env.js';
import { WedgeDetector } from './wedge.js';

export interface ScanHandlers {
  onCard: (card: CccdCard) => void;
  /** A Mẫu 01 slip: its QR (the status address) or its barcode, as the dossier code. */
  onDossierCode: (code: string) => void;
  /** A booking's QR (`…/b/<code>`): its code, to check it in. */
  onBookingCode: (code: string) => void;
}

/**
 * What a scanner reads — a CCCD card, a booking's QR or a dossier slip: in a browser, a keyboard-wedge scanner
 * types the code as a fast burst ending in Enter (read from key codes, so a Vietnamese input method cannot garble it); in
 * Electron, the HID or serial scanner is read by main and arrives already parsed. The kiosk has no keyboard of
 * its own, so key presses are read only as scanner input.
 */
export function useScans(env: KioskEnv, handlers: ScanHandlers): void {
  const cb = useRef(handlers);
  cb.current = handlers;
  useEffect(() => {
    const detector = new WedgeDetector();
    const onKey = (e: KeyboardEvent) => {
      const burst = detector.push(e, e.timeStamp || performance.now());
      if (burst === null) return;
      const scan = classifyScan(burst);
      if (scan?.kind === 'card') cb.current.onCard(scan.card);
      else if (scan?.kind === 'booking') cb.current.onBookingCode(scan.code);
      else if (scan?.kind === 'dossier') cb.current.onDossierCode(scan.code);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    const offCard = window.kiosk?.onCard((card) => cb.current.onCard(card));
    const offCode = window.kiosk?.onDossierCode((code) => cb.current.onDossierCode(code));
    const offBooking = window.kiosk?.onBookingCode((code) => cb.current.onBookingCode(code));
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true });
      offCard?.();
      offCode?.();
      offBooking?.();
    };
  }, [env]);
}
