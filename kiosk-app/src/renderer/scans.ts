import { useEffect, useRef } from 'react';
import { dossierCodeFromScan } from '@layso/protocol';
import { parseCccd, type CccdCard } from '../cccd/parse.js';
import type { KioskEnv } from './env.js';
import { WedgeDetector } from './wedge.js';

export interface ScanHandlers {
  onCard: (card: CccdCard) => void;
  /** A Mẫu 01 slip: its QR (the status address) or its barcode, as the dossier code. */
  onDossierCode: (code: string) => void;
}

/**
 * What a scanner reads — a CCCD card or a dossier slip: in a browser, a keyboard-wedge scanner types the code
 * as a fast burst ending in Enter (read from key codes, so a Vietnamese input method cannot garble it); in
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
      const r = parseCccd(burst);
      if (r.ok) return cb.current.onCard(r.card);
      const code = dossierCodeFromScan(burst);
      if (code !== null) cb.current.onDossierCode(code);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    const offCard = window.kiosk?.onCard((card) => cb.current.onCard(card));
    const offCode = window.kiosk?.onDossierCode((code) => cb.current.onDossierCode(code));
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true });
      offCard?.();
      offCode?.();
    };
  }, [env]);
}
