import { EventEmitter } from 'node:events';
import { importOptional } from '../lazy.js';
import { HidPosReportDecoder, type HidPosLayout } from './hid-pos.js';
import { KeyboardReportDecoder } from './keyboard.js';
import { KeystrokeScanAssembler, ScanFilter } from './scans.js';

/** What we need of a node-hid device (tests pass an EventEmitter that replays recorded reports). */
export interface HidDeviceLike {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  close(): void;
}

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string;
  serialNumber?: string;
  manufacturer?: string;
  product?: string;
  usagePage?: number;
  usage?: number;
  interface?: number;
}

/** Device selection from config: vendor/product id, optionally narrowed by serial number or usage page. */
export interface HidSelector {
  vendorId: number;
  productId: number;
  serialNumber?: string;
  usagePage?: number;
  interface?: number;
}

interface NodeHidModule {
  devices(): HidDeviceInfo[];
  HID: new (path: string) => HidDeviceLike;
}

async function nodeHid(): Promise<NodeHidModule> {
  // node-hid is native (libusb/hidraw): load it only when a device is actually used.
  const m = await importOptional<NodeHidModule & { default?: NodeHidModule }>('node-hid', 'a HID device');
  return typeof m.devices === 'function' ? m : (m.default ?? m);
}

export function matchesSelector(d: HidDeviceInfo, s: HidSelector): boolean {
  return (
    d.vendorId === s.vendorId &&
    d.productId === s.productId &&
    (s.serialNumber === undefined || d.serialNumber === s.serialNumber) &&
    (s.usagePage === undefined || d.usagePage === s.usagePage) &&
    (s.interface === undefined || d.interface === s.interface)
  );
}

export async function listHidDevices(): Promise<HidDeviceInfo[]> {
  return (await nodeHid()).devices();
}

/** Opens the first HID device matching the selector (by path, so multi-interface devices pick the right one). */
export async function openHidDevice(selector: HidSelector): Promise<HidDeviceLike> {
  const hid = await nodeHid();
  const found = hid.devices().find((d) => matchesSelector(d, selector) && d.path);
  if (!found?.path) {
    const id = `${selector.vendorId.toString(16).padStart(4, '0')}:${selector.productId.toString(16).padStart(4, '0')}`;
    throw new Error(`no HID device ${id} found (is it plugged in, and do udev rules give access to hidraw?)`);
  }
  return new hid.HID(found.path);
}

export interface ScannerOptions {
  /** `hid-pos` (raw data reports) or `keyboard` (boot-keyboard reports, Enter-terminated). */
  mode: 'hid-pos' | 'keyboard';
  hidPosLayout?: Partial<HidPosLayout>;
  /** Keyboard reports start with a report ID byte. */
  reportIdByte?: boolean;
  /** Double-scan window, default 1500 ms. */
  windowMs?: number;
  now?: () => number;
}

type ScannerEvents = { scan: [payload: string]; error: [err: Error] };

/** Emits `scan` with each whole, de-duplicated, NFC payload. */
export class HidScanner extends EventEmitter<ScannerEvents> {
  private readonly device: HidDeviceLike;

  constructor(device: HidDeviceLike, options: ScannerOptions) {
    super();
    this.device = device;
    const filter = new ScanFilter({
      ...(options.windowMs !== undefined ? { windowMs: options.windowMs } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    const emitScan = (raw: string): void => {
      const payload = filter.accept(raw);
      if (payload !== null) this.emit('scan', payload);
    };
    if (options.mode === 'hid-pos') {
      const decoder = new HidPosReportDecoder(options.hidPosLayout);
      device.on('data', (report) => {
        const scan = decoder.decode(report);
        if (scan !== null) emitScan(scan);
      });
    } else {
      const keys = new KeyboardReportDecoder({ reportIdByte: options.reportIdByte ?? false });
      const assembler = new KeystrokeScanAssembler();
      device.on('data', (report) => {
        const chars = keys
          .decode(report)
          .map((k) => k.char ?? '')
          .join('');
        for (const scan of assembler.push(chars)) emitScan(scan);
      });
    }
    device.on('error', (err) => this.emit('error', err));
  }

  static async open(selector: HidSelector, options: ScannerOptions): Promise<HidScanner> {
    return new HidScanner(await openHidDevice(selector), options);
  }

  close(): void {
    this.device.close();
  }
}

export type Rating = 'very_satisfied' | 'satisfied' | 'unsatisfied';

/** Three keys (and the keypad's digits) → the three rating levels used by provinces. */
export const DEFAULT_RATING_KEYS: Readonly<Record<string, Rating>> = {
  '1': 'very_satisfied',
  '2': 'satisfied',
  '3': 'unsatisfied',
  KP1: 'very_satisfied',
  KP2: 'satisfied',
  KP3: 'unsatisfied',
};

export interface RatingKeypadOptions<R extends string> {
  /** Key name (see keyName(): '1', 'KP1', 'a', 'F1', 'usage:0x..') → rating. */
  keys?: Readonly<Record<string, R>>;
  reportIdByte?: boolean;
  /** Presses closer than this to the previous accepted one are ignored (bounce, impatience). Default 300 ms. */
  debounceMs?: number;
  now?: () => number;
}

type KeypadEvents<R> = { rating: [rating: R, key: string]; error: [err: Error] };

/** A 3- or 4-key rating keypad that reports like a keyboard. Emits `rating` once per key press. */
export class RatingKeypad<R extends string = Rating> extends EventEmitter<KeypadEvents<R>> {
  private readonly device: HidDeviceLike;

  constructor(device: HidDeviceLike, options: RatingKeypadOptions<R> = {}) {
    super();
    this.device = device;
    const keys = (options.keys ?? DEFAULT_RATING_KEYS) as Readonly<Record<string, R>>;
    const debounce = options.debounceMs ?? 300;
    const now = options.now ?? Date.now;
    const decoder = new KeyboardReportDecoder({ reportIdByte: options.reportIdByte ?? false });
    let lastAt = -Infinity;
    device.on('data', (report) => {
      for (const press of decoder.decode(report)) {
        const rating = keys[press.name];
        if (rating === undefined) continue;
        const at = now();
        if (at - lastAt < debounce) continue;
        lastAt = at;
        this.emit('rating', rating, press.name);
      }
    });
    device.on('error', (err) => this.emit('error', err));
  }

  static async open<R extends string = Rating>(
    selector: HidSelector,
    options: RatingKeypadOptions<R> = {},
  ): Promise<RatingKeypad<R>> {
    return new RatingKeypad<R>(await openHidDevice(selector), options);
  }

  close(): void {
    this.device.close();
  }
}
