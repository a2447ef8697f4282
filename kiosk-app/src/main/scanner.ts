import { HidScanner, type ScannerOptions } from '@layso/printer-drivers';
import type { WebContents } from 'electron';
import type { CccdCard } from '../cccd/parse.js';
import { classifyScan } from '../scans/classify.js';
import { CHANNELS } from './channels.js';
import type { ScannerSettings } from './config.js';
import { keepHidOpen, NO_DEVICE, type HidHandle, type HidLoopDeps } from './hid-loop.js';
import { isServerUrl } from './security.js';

/**
 * The CCCD scanner read in main: a HID POS (or HID keyboard-report) scanner through printer-drivers'
 * HidScanner — node-hid is loaded only when the device is opened. Each whole, de-duplicated scan is parsed;
 * a valid card goes to the page (`onCard`), a Mẫu 01 slip's dossier code too (`onDossierCode`), and a booking's
 * QR its code (`onBookingCode`); anything else is dropped. Scans are personal data: they are never
 * logged. A scanner that is unplugged or missing is retried until it comes back.
 */

export interface ScannerDeps extends Omit<HidLoopDeps, 'selector' | 'name' | 'attach'> {
  settings: ScannerSettings;
  /** Receives each valid card (in the app: sendCardTo(the kiosk window)). */
  onCard: (card: CccdCard) => void;
  /** Receives the dossier code of each slip scanned (its QR or barcode), for "Tra cứu hồ sơ". */
  onDossierCode?: (code: string) => void;
  /** Receives the code of each booking QR scanned, for the check-in. */
  onBookingCode?: (code: string) => void;
}

export type ScannerHandle = HidHandle;

/**
 * Starts reading the configured scanner. Resolves once the first attempt to open it has finished (opened, or
 * failed with a retry scheduled). `none` and `keyboard` (a keyboard-wedge scanner is read in the page) do nothing.
 */
export async function startScanner(deps: ScannerDeps): Promise<ScannerHandle> {
  const s = deps.settings;
  if (s.kind !== 'hid') return NO_DEVICE;
  const log = deps.log ?? ((m: string) => console.warn(`[kiosk] ${m}`));
  const options: ScannerOptions = { mode: s.mode };
  const onScan = (payload: string): void => {
    const scan = classifyScan(payload);
    if (scan?.kind === 'card') return deps.onCard(scan.card);
    if (scan?.kind === 'dossier' && deps.onDossierCode) return deps.onDossierCode(scan.code);
    if (scan?.kind === 'booking' && deps.onBookingCode) return deps.onBookingCode(scan.code);
    log(`scan ignored: not a CCCD QR, a dossier slip or a booking (${payload.length} chars)`);
  };
  return keepHidOpen({
    ...deps,
    log,
    name: 'scanner',
    selector: {
      vendorId: s.vendorId,
      productId: s.productId,
      ...(s.usagePage !== undefined ? { usagePage: s.usagePage } : {}),
      ...(s.serialNumber !== undefined ? { serialNumber: s.serialNumber } : {}),
    },
    attach: (device, lost) => {
      const sc = new HidScanner(device, options);
      sc.on('scan', onScan);
      sc.on('error', lost);
      return sc;
    },
  });
}

/** Sends a scan to the kiosk page, and only while the window shows a page of the server's origin. */
function sendScanTo<T>(
  channel: string,
  webContents: () => WebContents | null,
  serverOrigin: string,
): (value: T) => void {
  return (value) => {
    const wc = webContents();
    if (!wc || wc.isDestroyed() || !isServerUrl(wc.getURL(), serverOrigin)) return;
    wc.send(channel, value);
  };
}

export const sendCardTo = (webContents: () => WebContents | null, serverOrigin: string) =>
  sendScanTo<CccdCard>(CHANNELS.card, webContents, serverOrigin);

export const sendDossierCodeTo = (webContents: () => WebContents | null, serverOrigin: string) =>
  sendScanTo<string>(CHANNELS.dossierCode, webContents, serverOrigin);

export const sendBookingCodeTo = (webContents: () => WebContents | null, serverOrigin: string) =>
  sendScanTo<string>(CHANNELS.bookingCode, webContents, serverOrigin);
