import { EventEmitter } from 'node:events';
import type { HidDeviceLike, HidSelector } from '@layso/printer-drivers';
import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { parseCccd, type CccdCard } from '../cccd/parse.js';
import { CHANNELS } from './channels.js';
import type { ScannerSettings } from './config.js';
import { sendBookingCodeTo, sendCardTo, sendDossierCodeTo, startScanner } from './scanner.js';
import { FakeWebContents, manualScheduler } from './testing/fake-electron.js';

const CCCD = '086190001234|361234567|Nguyễn Văn Ánh|01011960|Nam|Ấp Phước Hậu, Long Hồ, Vĩnh Long|15082021';

/** A HID POS scanner as node-hid shows it: reports of 64 bytes (ID 2, length, AIM "]Q1", data, more-flag). */
class FakeHidScanner extends EventEmitter implements HidDeviceLike {
  closed = false;
  close(): void {
    this.closed = true;
  }
  scan(payload: string, chunk = 56): void {
    const data = [...Buffer.from(payload, 'utf8')];
    for (let i = 0; i < data.length; i += chunk) {
      const part = data.slice(i, i + chunk);
      const r = Buffer.alloc(64);
      r[0] = 0x02;
      r[1] = part.length;
      r.write(']Q1', 2, 'latin1');
      Buffer.from(part).copy(r, 5);
      r[63] = i + chunk < data.length ? 0x01 : 0x00;
      this.emit('data', r);
    }
  }
}

const HID: ScannerSettings = { kind: 'hid', vendorId: 0x0c2e, productId: 0x0b61, mode: 'hid-pos' };

function setup(settings: ScannerSettings = HID) {
  const devices: FakeHidScanner[] = [];
  const selectors: HidSelector[] = [];
  let failNext = 0;
  const clock = manualScheduler();
  const cards: CccdCard[] = [];
  const codes: string[] = [];
  const bookings: string[] = [];
  const logs: string[] = [];
  const start = () =>
    startScanner({
      settings,
      onCard: (card) => cards.push(card),
      onDossierCode: (code) => codes.push(code),
      onBookingCode: (code) => bookings.push(code),
      openDevice: async (selector) => {
        selectors.push(selector);
        if (failNext > 0) {
          failNext -= 1;
          throw new Error('no HID device 0c2e:0b61 found');
        }
        const d = new FakeHidScanner();
        devices.push(d);
        return d;
      },
      retryMs: 5000,
      schedule: clock.schedule,
      cancel: clock.cancel,
      log: (m) => logs.push(m),
    });
  return {
    start,
    devices,
    selectors,
    clock,
    cards,
    codes,
    bookings,
    logs,
    failOpens: (n: number) => (failNext = n),
  };
}

describe('HID scanner', () => {
  it('turns a CCCD scan into a parsed card for the page', async () => {
    const { start, devices, selectors, cards } = setup();
    const handle = await start();
    expect(handle.connected).toBe(true);
    expect(selectors).toEqual([{ vendorId: 0x0c2e, productId: 0x0b61 }]);
    devices[0]?.scan(CCCD);
    expect(cards).toHaveLength(1);
    const expected = parseCccd(CCCD);
    expect(expected.ok && cards[0]).toEqual(expected.ok && expected.card);
    expect(cards[0]).toMatchObject({ idNumber: '086190001234', fullName: 'Nguyễn Văn Ánh' });
  });

  it('drops a double scan and scans that are not a CCCD, without logging their content', async () => {
    const { start, devices, cards, logs } = setup();
    await start();
    devices[0]?.scan(CCCD);
    devices[0]?.scan(CCCD); // the card held under the scanner: read twice
    devices[0]?.scan('https://example.com/some-product-qr');
    devices[0]?.scan('123456789012|Trần Thị B'); // a 12-digit number that is not a valid id
    expect(cards).toHaveLength(1);
    expect(logs.some((l) => l.includes('not a CCCD QR'))).toBe(true);
    expect(logs.join('\n')).not.toMatch(/example\.com|Trần|123456789012/);
  });

  it("reads a Mẫu 01 slip's QR (the status address) or barcode as its dossier code", async () => {
    const { start, devices, cards, codes, logs } = setup();
    await start();
    devices[0]?.scan('http://10.0.0.2:8080/h/000.00.12.H62-201105-0004');
    devices[0]?.scan('000.00.12.H62-201105-0005');
    expect(codes).toEqual(['000.00.12.H62-201105-0004', '000.00.12.H62-201105-0005']);
    expect(cards).toEqual([]);
    expect(logs).toEqual([]);
  });

  it("reads a booking's QR (its page address) as its code, for the check-in", async () => {
    const { start, devices, cards, codes, bookings, logs } = setup();
    await start();
    devices[0]?.scan('http://10.0.0.2:8080/b/K7PQ3M2D');
    devices[0]?.scan('https://dichvucong.example.vn/b/k7pq-3m2e/');
    // A bare code is not taken for a booking (typed on the check-in screen instead); its content is not logged.
    devices[0]?.scan('K7PQ3M2F');
    expect(bookings).toEqual(['K7PQ3M2D', 'K7PQ3M2E']);
    expect(codes).toEqual([]);
    expect(cards).toEqual([]);
    expect(logs).toHaveLength(1);
    expect(logs.join('\n')).not.toContain('K7PQ');
  });

  it('keeps trying while the scanner is missing, and reconnects after it is unplugged', async () => {
    const { start, devices, clock, cards, failOpens } = setup();
    failOpens(2);
    const handle = await start();
    expect(handle.connected).toBe(false);
    expect(clock.pending()).toEqual([5000]);
    await clock.runAll(); // the second attempt fails too
    expect(handle.connected).toBe(false);
    expect(clock.pending()).toEqual([5000]);
    await clock.runAll();
    expect(handle.connected).toBe(true);

    devices[0]?.emit('error', new Error('could not read from HID device'));
    expect(devices[0]?.closed).toBe(true);
    expect(handle.connected).toBe(false);
    expect(clock.pending()).toEqual([5000]);
    await clock.runAll();
    expect(handle.connected).toBe(true);
    devices[1]?.scan(CCCD);
    expect(cards).toHaveLength(1);
  });

  it('closes the device and stops retrying when closed', async () => {
    const { start, devices, clock } = setup();
    const handle = await start();
    handle.close();
    expect(devices[0]?.closed).toBe(true);
    devices[0]?.emit('error', new Error('gone'));
    expect(clock.pending()).toEqual([]);
  });

  it('does nothing for a keyboard-wedge scanner or none', async () => {
    for (const settings of [{ kind: 'keyboard' }, { kind: 'none' }] as const) {
      const { start, selectors } = setup(settings);
      expect((await start()).connected).toBe(false);
      expect(selectors).toEqual([]);
    }
  });
});

describe('sendCardTo', () => {
  const card = (parseCccd(CCCD) as { ok: true; card: CccdCard }).card;

  it('sends the card to the kiosk page on the server origin only', () => {
    const wc = new FakeWebContents();
    const send = sendCardTo(() => wc as unknown as WebContents, 'http://10.0.0.2:8080');
    wc.url = 'http://10.0.0.2:8080/kiosk';
    send(card);
    expect(wc.send).toHaveBeenCalledWith(CHANNELS.card, card);
    wc.url = 'data:text/html,offline';
    send(card);
    wc.url = 'http://10.0.0.2:8080/kiosk';
    wc.destroyed = true;
    send(card);
    expect(wc.send).toHaveBeenCalledTimes(1);
    expect(() => sendCardTo(() => null, 'http://10.0.0.2:8080')(card)).not.toThrow();
  });
});

describe('sendBookingCodeTo', () => {
  it('sends the code on its own channel to the kiosk page on the server origin only', () => {
    const wc = new FakeWebContents();
    const send = sendBookingCodeTo(() => wc as unknown as WebContents, 'http://10.0.0.2:8080');
    wc.url = 'http://evil.example/kiosk';
    send('K7PQ3M2D');
    wc.url = 'http://10.0.0.2:8080/kiosk';
    send('K7PQ3M2D');
    expect(wc.send).toHaveBeenCalledTimes(1);
    expect(wc.send).toHaveBeenCalledWith(CHANNELS.bookingCode, 'K7PQ3M2D');
  });
});

describe('sendDossierCodeTo', () => {
  it('sends the code to the kiosk page on the server origin only', () => {
    const wc = new FakeWebContents();
    const send = sendDossierCodeTo(() => wc as unknown as WebContents, 'http://10.0.0.2:8080');
    wc.url = 'http://evil.example/kiosk';
    send('000.00.12.H62-201105-0004');
    wc.url = 'http://10.0.0.2:8080/kiosk';
    send('000.00.12.H62-201105-0004');
    expect(wc.send).toHaveBeenCalledTimes(1);
    expect(wc.send).toHaveBeenCalledWith(CHANNELS.dossierCode, '000.00.12.H62-201105-0004');
  });
});
