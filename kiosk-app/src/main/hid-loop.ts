import { openHidDevice, type HidDeviceLike, type HidSelector } from '@layso/printer-drivers';

/**
 * Keeps one HID input device open for as long as the kiosk runs: opens it (node-hid is loaded only then),
 * hands it to `attach`, and when it is missing, unplugged or fails, tries again every `retryMs` until it comes
 * back. Used for the CCCD scanner and the rating keypad.
 */
export interface HidLoopDeps {
  selector: HidSelector;
  /** What the device is, for the log ("scanner", "rating keypad"). */
  name: string;
  /** Wraps the opened device; must call `lost` when it reports an error. Returns a closer. */
  attach: (device: HidDeviceLike, lost: (err: Error) => void) => { close(): void };
  /** Default: printer-drivers' openHidDevice (node-hid). Tests pass a fake device. */
  openDevice?: (selector: HidSelector) => Promise<HidDeviceLike>;
  /** Delay before opening the device again after it failed or went away. Default 5000 ms. */
  retryMs?: number;
  schedule?: (fn: () => void, ms: number) => unknown;
  cancel?: (handle: unknown) => void;
  log?: (message: string) => void;
}

export interface HidHandle {
  /** Whether a device is open right now. */
  readonly connected: boolean;
  close(): void;
}

export const NO_DEVICE: HidHandle = { connected: false, close: () => undefined };

/** Resolves once the first attempt has finished (opened, or failed with a retry scheduled). */
export async function keepHidOpen(deps: HidLoopDeps): Promise<HidHandle> {
  const open = deps.openDevice ?? openHidDevice;
  const retryMs = deps.retryMs ?? 5000;
  const schedule = deps.schedule ?? ((fn, ms) => setTimeout(fn, ms));
  const cancel = deps.cancel ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const log = deps.log ?? ((m: string) => console.warn(`[kiosk] ${m}`));

  let current: { close(): void } | null = null;
  let retry: unknown = null;
  let closed = false;

  const drop = (): void => {
    const c = current;
    current = null;
    try {
      c?.close();
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
      device = await open(deps.selector);
    } catch (e) {
      log(`${deps.name} not available, retrying in ${retryMs} ms: ${(e as Error)?.message ?? String(e)}`);
      scheduleRetry();
      return;
    }
    if (closed) {
      device.close();
      return;
    }
    const attached: { close(): void } = deps.attach(device, (err) => {
      if (current !== attached) return;
      log(`${deps.name} lost, retrying in ${retryMs} ms: ${err.message}`);
      drop();
      scheduleRetry();
    });
    current = attached;
  };

  await attempt();
  return {
    get connected() {
      return current !== null;
    },
    close() {
      closed = true;
      if (retry !== null) cancel(retry);
      retry = null;
      drop();
    },
  };
}
