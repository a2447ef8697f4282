import { useEffect, useRef } from 'react';
import { parseCccd, type CccdCard } from '../cccd/parse.js';
import type { KioskEnv } from './env.js';
import { WedgeDetector } from './wedge.js';

/**
 * CCCD cards read by a scanner: in a browser, a keyboard-wedge scanner types the QR payload as a fast burst
 * ending in Enter (read from key codes, so a Vietnamese input method cannot garble it); in Electron, the HID
 * or serial scanner is read by main and arrives already parsed. The kiosk has no keyboard of its own, so key
 * presses are read only as scanner input.
 */
export function useCardScans(env: KioskEnv, onCard: (card: CccdCard) => void): void {
  const cb = useRef(onCard);
  cb.current = onCard;
  useEffect(() => {
    const detector = new WedgeDetector();
    const onKey = (e: KeyboardEvent) => {
      const burst = detector.push(e, e.timeStamp || performance.now());
      if (burst === null) return;
      const r = parseCccd(burst);
      if (r.ok) cb.current(r.card);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    const off = window.kiosk?.onCard((card) => cb.current(card));
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true });
      off?.();
    };
  }, [env]);
}
