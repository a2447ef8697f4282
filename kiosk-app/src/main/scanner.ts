import {
  HidScanner,
  openHidDevice,
  type HidDeviceLike,
  type HidSelector,
  type ScannerOptions,
} from '@layso/printer-drivers';
import type { WebContents } from 'electron';
import { parseCccd, type CccdCard } from '../cccd/parse.js';
import { CHANNELS } from './channels.js';
import type { ScannerSettings } from './config.js';
import { isServerUrl } from './security.js';

/**
 * The CCCD scanner read in main: a HID POS (or HID keyboard-report) scanner through printer-drivers'
 * HidScanner — node-hid is loaded only when the device is opened. Each whole, de-duplicated scan is parsed;
 * a valid card goes to the page (`onCard`), anything else is dropped. Scans are personal data: they are never
 * logged. A scanner that is unplugged or missing is retried until it comes back.
 */

export interface ScannerDeps {
  settings: ScannerSettings;
  /** Receives each valid card (in the app: sendCardTo(the kiosk window)). */
  onCard: (card: CccdCard) => void;
  /** Default: printer-drivers' openHidDevice (node-hid). Tests pass a fake device. */
  openDevice?: (selector: HidSelector) => Promise<HidDeviceLike>;
  /** Delay before opening the scanner again after it failed or went away. Default 5000 ms. */
  retryMs?: number;
  schedule?: (fn: () => void, ms: number) => unknown;
  cancel?: (handle: unknown) => void;
  log?: (message: string) => void;
}

export interface ScannerHandle {
  /** Whether a device is open right now. */
  readonly connected: boolean;
  close(): void;
}

const NONE: ScannerHandle = { connected: false, close: () => undefined };

/**
 * Starts reading the configured scanner. Resolves once the first attempt to open it has finished (opened, or
 * failed with a retry scheduled). `none` and `keyboard` (a keyboard-wedge scanner is read in the page) do nothing.
 */
export async function startScanner(deps: ScannerDeps): Promise<ScannerHandle> {
  const s = deps.settings;
  if (s.kind !== 'hid') return NONE;
  const open = deps.openDevice ?? openHidDevice;
  const retryMs = deps.retryMs ?? 5000;
  const schedule = deps.schedule ?? ((fn, ms) => setTimeout(fn, ms));
  const cancel = deps.cancel ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const log = deps.log ?? ((m: string) => console.warn(`[kiosk] ${m}`));
  const selector: HidSelector = {
    vendorId: s.vendorId,
    productId: s.productId,
    ...(s.usagePage !== undefined ? { usagePage: s.usagePage } : {}),
    ...(s.serialNumber !== undefined ? { serialNumber: s.serialNumber } : {}),
  };
  const options: ScannerOptions = { mode: s.mode };

  let scanner: HidScanner | null = null;
  let retry: unknown = null;
  let closed = false;

  const onScan = (payload: string): void => {
    const parsed = parseCccd(payload);
    if (parsed.ok) deps.onCard(parsed.card);
    else log(`scan ignored: not a CCCD QR (${String(parsed.reason)}, ${payload.length} chars)`);
  };

  const drop = (): void => {
    const current = scanner;
    scanner = null;
    try {
      current?.close();
    } catch {
      // already gone with the device
    }
  };

  const scheduleRetry = (): void => {
    if (closed || retry !== null) return;
    // The task returns the attempt's promise, so a test's manual scheduler can wait for it.
    retry = schedule(() => {
      retry = null;
      return attempt();
    }, retryMs);
  };

  const attempt = async (): Promise<void> => {
    if (closed) return;
    let device: HidDeviceLike;
    try {
      device = await open(selector);
    } catch (e) {
      log(`scanner not available, retrying in ${retryMs} ms: ${(e as Error)?.message ?? String(e)}`);
      scheduleRetry();
      return;
    }
    if (closed) {
      device.close();
      return;
    }
    const sc = new HidScanner(device, options);
    sc.on('scan', onScan);
    sc.on('error', (err) => {
      if (scanner !== sc) return;
      log(`scanner lost, retrying in ${retryMs} ms: ${err.message}`);
      drop();
      scheduleRetry();
    });
    scanner = sc;
  };

  await attempt();
  return {
    get connected() {
      return scanner !== null;
    },
    close() {
      closed = true;
      if (retry !== null) cancel(retry);
      retry = null;
      drop();
    },
  };
}

/** Sends a card to the kiosk page, and only while the window shows a page of the server's origin. */
export function sendCardTo(
  webContents: () => WebContents | null,
  serverOrigin: string,
): (card: CccdCard) => void {
  return (card) => {
    const wc = webContents();
    if (!wc || wc.isDestroyed() || !isServerUrl(wc.getURL(), serverOrigin)) return;
    wc.send(CHANNELS.card, card);
  };
}
