import { EventEmitter } from 'node:events';
import type { HidDeviceLike } from '@layso/printer-drivers';
import type { WebContents } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RatingKeypadSettings } from './config.js';
import { startKeypad, typeKeyInto } from './keypad.js';
import { FakeWebContents, manualScheduler } from './testing/fake-electron.js';

/** A rating keypad as node-hid shows it: 8-byte boot keyboard reports (usage 0x1E = "1" … 0x20 = "3"). */
class FakeKeypad extends EventEmitter implements HidDeviceLike {
  closed = false;
  close(): void {
    this.closed = true;
  }
  press(digit: 1 | 2 | 3 | 9): void {
    const down = Buffer.alloc(8);
    down[2] = digit === 9 ? 0x26 : 0x1d + digit;
    this.emit('data', down);
    this.emit('data', Buffer.alloc(8));
  }
}

const HID: RatingKeypadSettings = { kind: 'hid', vendorId: 0x1eab, productId: 0x0003 };

afterEach(() => vi.useRealTimers());

describe('the rating keypad in main', () => {
  it('hands each press on as the digit the page answers to, ignoring bounces and other keys', async () => {
    vi.useFakeTimers();
    const devices: FakeKeypad[] = [];
    const keys: string[] = [];
    const clock = manualScheduler();
    const handle = await startKeypad({
      settings: HID,
      onKey: (k) => keys.push(k),
      openDevice: async () => {
        const d = new FakeKeypad();
        devices.push(d);
        return d;
      },
      schedule: clock.schedule,
      cancel: clock.cancel,
      log: () => undefined,
    });
    expect(handle.connected).toBe(true);
    devices[0]!.press(3);
    devices[0]!.press(3); // a bounce, within the keypad's debounce
    vi.advanceTimersByTime(1000);
    devices[0]!.press(9); // not a rating key
    devices[0]!.press(1);
    expect(keys).toEqual(['3', '1']);

    // Unplugged: retried, and the new device works.
    devices[0]!.emit('error', new Error('device disconnected'));
    expect(handle.connected).toBe(false);
    expect(devices[0]!.closed).toBe(true);
    await clock.runAll();
    expect(handle.connected).toBe(true);
    vi.advanceTimersByTime(1000);
    devices[1]!.press(2);
    expect(keys).toEqual(['3', '1', '2']);
    handle.close();
    expect(devices[1]!.closed).toBe(true);
  });

  it('does nothing without a keypad configured', async () => {
    const open = vi.fn();
    const handle = await startKeypad({
      settings: { kind: 'none' },
      onKey: () => undefined,
      openDevice: open,
    });
    expect(handle.connected).toBe(false);
    expect(open).not.toHaveBeenCalled();
  });

  it('types the digit into a page of the server, and into nothing else', () => {
    const wc = new FakeWebContents();
    const type = typeKeyInto(() => wc as unknown as WebContents, 'http://10.0.0.2:8080');
    wc.url = 'http://10.0.0.2:8080/counter-top/4';
    type('2');
    expect(wc.sendInputEvent.mock.calls.map((c) => c[0])).toEqual([
      { type: 'keyDown', keyCode: '2' },
      { type: 'char', keyCode: '2' },
      { type: 'keyUp', keyCode: '2' },
    ]);
    wc.sendInputEvent.mockClear();
    wc.url = 'https://evil.example/counter-top/4';
    type('1');
    expect(wc.sendInputEvent).not.toHaveBeenCalled();
  });
});
