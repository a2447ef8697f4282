import { RatingKeypad, type HidDeviceLike } from '@layso/printer-drivers';
import type { WebContents } from 'electron';
import type { RatingKeypadSettings } from './config.js';
import { keepHidOpen, NO_DEVICE, type HidHandle, type HidLoopDeps } from './hid-loop.js';
import { isServerUrl } from './security.js';

/** The keypad's three levels → the keys the counter-top page answers to (1 Rất hài lòng, 2 Hài lòng, 3 Không). */
const KEYS = { very_satisfied: '1', satisfied: '2', unsatisfied: '3' } as const;

export interface KeypadDeps extends Omit<HidLoopDeps, 'selector' | 'name' | 'attach'> {
  settings: RatingKeypadSettings;
  /** Receives '1', '2' or '3' per accepted press (in the app: typeKeyInto(the window)). */
  onKey: (key: '1' | '2' | '3') => void;
}

/**
 * Reads a USB rating keypad in main through printer-drivers' RatingKeypad (debounced, HID keyboard reports)
 * and hands each press on as the digit the counter-top page already answers to. A keypad that is unplugged
 * or missing is retried until it comes back.
 */
export async function startKeypad(deps: KeypadDeps): Promise<HidHandle> {
  const s = deps.settings;
  if (s.kind !== 'hid') return NO_DEVICE;
  return keepHidOpen({
    ...deps,
    name: 'rating keypad',
    selector: {
      vendorId: s.vendorId,
      productId: s.productId,
      ...(s.usagePage !== undefined ? { usagePage: s.usagePage } : {}),
      ...(s.serialNumber !== undefined ? { serialNumber: s.serialNumber } : {}),
    },
    attach: (device: HidDeviceLike, lost) => {
      const keypad = new RatingKeypad(device);
      keypad.on('rating', (rating) => deps.onKey(KEYS[rating]));
      keypad.on('error', lost);
      return keypad;
    },
  });
}

/**
 * Types a key into the window's page, as a keyboard would, and only while it shows a page of the server's
 * origin: the page needs no bridge for it, and a keypad in keyboard mode behaves the same.
 */
export function typeKeyInto(
  webContents: () => WebContents | null,
  serverOrigin: string,
): (key: '1' | '2' | '3') => void {
  return (key) => {
    const wc = webContents();
    if (!wc || wc.isDestroyed() || !isServerUrl(wc.getURL(), serverOrigin)) return;
    wc.sendInputEvent({ type: 'keyDown', keyCode: key });
    wc.sendInputEvent({ type: 'char', keyCode: key });
    wc.sendInputEvent({ type: 'keyUp', keyCode: key });
  };
}
