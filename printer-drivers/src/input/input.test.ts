import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { importOptional } from '../lazy.js';
import { HidScanner, RatingKeypad, matchesSelector, type HidDeviceLike } from './devices.js';
import { HidPosReportDecoder } from './hid-pos.js';
import { KeyboardReportDecoder, keyName } from './keyboard.js';
import { ScanFilter, collapseDoubled } from './scans.js';

/** A device that replays report bytes, as node-hid's HID object would emit them. */
class ReplayDevice extends EventEmitter implements HidDeviceLike {
  closed = false;
  replay(reports: readonly number[][]): void {
    for (const r of reports) this.emit('data', Buffer.from(r));
  }
  close(): void {
    this.closed = true;
  }
}

const key = (usage: number, modifiers = 0): number[] => [modifiers, 0, usage, 0, 0, 0, 0, 0];
const UP = [0, 0, 0, 0, 0, 0, 0, 0];
const SHIFT = 0x02;

/** Boot-keyboard reports for "Ab1-" then Enter, each key followed by a release report, 'A' held for two reports. */
const TYPED_AB1_ENTER: number[][] = [
  key(0x04, SHIFT),
  key(0x04, SHIFT), // held: repeats must not type twice
  UP,
  key(0x05),
  UP,
  key(0x1e),
  UP,
  key(0x2d),
  UP,
  key(0x28),
  UP,
];

/** HID POS reports (64 bytes: ID 2, length, AIM id "]Q1", data, …, flags with bit 0 = more). */
function hidPosReports(payload: string, chunk = 56): number[][] {
  const data = [...Buffer.from(payload, 'utf8')];
  const reports: number[][] = [];
  for (let i = 0; i < data.length; i += chunk) {
    const part = data.slice(i, i + chunk);
    const r = new Array<number>(64).fill(0);
    r[0] = 0x02;
    r[1] = part.length;
    r[2] = 0x5d; // ]
    r[3] = 0x51; // Q
    r[4] = 0x31; // 1
    part.forEach((b, k) => (r[5 + k] = b));
    r[63] = i + chunk < data.length ? 0x01 : 0x00;
    reports.push(r);
  }
  return reports;
}

const CCCD = '086190001234|361234567|Nguyễn Văn Ánh|01011960|Nam|Ấp Phước Hậu, Long Hồ, Vĩnh Long|15082021';

describe('keyboard reports', () => {
  it('types each key once, with Shift, ignoring held repeats', () => {
    const d = new KeyboardReportDecoder();
    const typed = TYPED_AB1_ENTER.flatMap((r) => d.decode(Uint8Array.from(r)).map((k) => k.char)).join('');
    expect(typed).toBe('Ab1-\n');
  });

  it('handles a report ID byte, rollover error reports and key names', () => {
    const d = new KeyboardReportDecoder({ reportIdByte: true });
    expect(d.decode(Uint8Array.from([1, ...key(0x59)])).map((k) => k.name)).toEqual(['KP1']);
    expect(d.decode(Uint8Array.from([1, 0, 0, 1, 1, 1, 1, 1, 1]))).toEqual([]);
    expect([keyName(0x1e), keyName(0x62), keyName(0x3a), keyName(0x04), keyName(0xe8)]).toEqual([
      '1',
      'KP0',
      'F1',
      'a',
      'usage:0xe8',
    ]);
  });
});

describe('HID POS scanner', () => {
  it('joins multi-report scans and decodes UTF-8 into NFC', () => {
    const d = new HidPosReportDecoder();
    const reports = hidPosReports(CCCD.normalize('NFD'));
    expect(reports.length).toBeGreaterThan(1);
    const results = reports.map((r) => d.decode(Uint8Array.from(r)));
    expect(results.slice(0, -1).every((r) => r === null)).toBe(true);
    expect(results.at(-1)).toBe(CCCD.normalize('NFC'));
  });

  it('ignores reports with another report ID', () => {
    const d = new HidPosReportDecoder();
    expect(d.decode(Uint8Array.from([0x05, 3, 0, 0, 0, 65, 66, 67]))).toBeNull();
  });

  it('emits whole scans and collapses a double scan', () => {
    let now = 0;
    const dev = new ReplayDevice();
    const scanner = new HidScanner(dev, { mode: 'hid-pos', now: () => now });
    const scans: string[] = [];
    scanner.on('scan', (s) => scans.push(s));
    dev.replay(hidPosReports(CCCD));
    now += 400;
    dev.replay(hidPosReports(CCCD)); // the same card read again 0.4 s later
    now += 5000;
    dev.replay(hidPosReports(CCCD)); // a new visit, much later
    expect(scans).toEqual([CCCD, CCCD]);
    scanner.close();
    expect(dev.closed).toBe(true);
  });

  it('keyboard-mode scanner: Enter ends a scan; a payload typed twice is collapsed', () => {
    const dev = new ReplayDevice();
    const scanner = new HidScanner(dev, { mode: 'keyboard', now: () => 0 });
    const scans: string[] = [];
    scanner.on('scan', (s) => scans.push(s));
    const typeText = (text: string): number[][] =>
      [...text].flatMap((ch) => {
        if (ch === '\n') return [key(0x28), UP];
        if (/[0-9]/.test(ch)) return [key(ch === '0' ? 0x27 : 0x1e + Number(ch) - 1), UP];
        return [key(0x04 + ch.toLowerCase().charCodeAt(0) - 97, ch === ch.toUpperCase() ? SHIFT : 0), UP];
      });
    dev.replay(typeText('Ab12345678Ab12345678\n'));
    expect(scans).toEqual(['Ab12345678']);
  });

  it('collapseDoubled keeps short or different halves', () => {
    expect(collapseDoubled('12341234')).toBe('1234');
    expect(collapseDoubled('abcdefgh\nabcdefgh')).toBe('abcdefgh');
    expect(collapseDoubled('abab')).toBe('abab');
    expect(collapseDoubled('abcdefgh\nabcdefgX')).toBe('abcdefgh\nabcdefgX');
    const f = new ScanFilter({ now: () => 0 });
    expect(f.accept('  ')).toBeNull();
  });
});

describe('rating keypad', () => {
  it('maps keys to ratings once per press, with debounce', () => {
    let now = 0;
    const dev = new ReplayDevice();
    const pad = new RatingKeypad(dev, { now: () => now });
    const got: string[] = [];
    pad.on('rating', (r, k) => got.push(`${r}:${k}`));
    dev.replay([key(0x1e), key(0x1e), UP]); // "1" pressed and held
    now += 100;
    dev.replay([key(0x1f), UP]); // bounce/impatience within 300 ms: ignored
    now += 1000;
    dev.replay([key(0x5b), UP]); // keypad 3
    now += 1000;
    dev.replay([key(0x04), UP]); // an unmapped key
    expect(got).toEqual(['very_satisfied:1', 'unsatisfied:KP3']);
  });

  it('accepts a custom 4-key map', () => {
    const dev = new ReplayDevice();
    const pad = new RatingKeypad<'1' | '2' | '3' | '4'>(dev, {
      keys: { F1: '1', F2: '2', F3: '3', F4: '4' },
      debounceMs: 0,
    });
    const got: string[] = [];
    pad.on('rating', (r) => got.push(r));
    dev.replay([key(0x3d), UP, key(0x3a), UP]);
    expect(got).toEqual(['4', '1']);
  });
});

describe('device selection and lazy loading', () => {
  it('matches vendor/product id and optional narrowing fields', () => {
    const d = {
      vendorId: 0x0c2e,
      productId: 0x0b61,
      serialNumber: 'A1',
      usagePage: 0x8c,
      path: '/dev/hidraw3',
    };
    expect(matchesSelector(d, { vendorId: 0x0c2e, productId: 0x0b61 })).toBe(true);
    expect(
      matchesSelector(d, { vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, serialNumber: 'A1' }),
    ).toBe(true);
    expect(matchesSelector(d, { vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x01 })).toBe(false);
    expect(matchesSelector(d, { vendorId: 0x05e0, productId: 0x0b61 })).toBe(false);
  });

  it('a missing optional native package gives a coded error, not a crash at import time', async () => {
    await expect(importOptional('layso-no-such-package', 'a test device')).rejects.toMatchObject({
      code: 'LAYSO_PRINTER_DEPENDENCY_MISSING',
    });
  });
});
