/**
 * The kiosk in real Chromium against a real queue server and a real virtual ESC/POS printer: a citizen's two
 * taps to a printed number, search without accents, a keyboard-wedge CCCD scan (also with a Vietnamese input
 * method active), honest printer faults, and the server going away and coming back.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitmapToRgba, pngToBitmap, startVirtualPrinter, type VirtualPrinter } from '@layso/printer-drivers';
import { startHarness, type Harness } from '@layso/queue-server';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import {
  freePort,
  killAllServerProcesses,
  readCredentials,
  REPO_ROOT,
  startServerProcess,
} from '../support/child.js';
import { api } from '../support/http.js';
import { wedgeScan } from '../support/wedge.js';

let chrome: TestBrowser;
beforeAll(async () => {
  chrome = await launchBrowser();
});
afterAll(async () => {
  await chrome.close();
  await killAllServerProcesses();
});

async function serviceCode(base: string, name: string): Promise<string> {
  const services = (await api(base, '/api/services')).body as { code: string; name: string }[];
  const s = services.find((x) => x.name === name);
  if (!s) throw new Error(`no service ${name}`);
  return s.code;
}

/** Reads the QR printed on a ticket PNG (the tracking URL) — what a citizen's phone would read. */
function qrOnPaper(pngPath: string): string {
  const bitmap = pngToBitmap(readFileSync(pngPath));
  const rgba = bitmapToRgba(bitmap);
  const code = jsQR(
    new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength),
    bitmap.width,
    bitmap.height,
  );
  if (!code) throw new Error(`no QR on ${pngPath}`);
  return code.data;
}

/** Types on the kiosk's own on-screen keyboard, one key at a time, as a citizen would. */
async function typeOnScreen(page: Page, text: string): Promise<void> {
  for (const ch of text) {
    await page.locator(`[data-key="${ch === ' ' ? 'space' : ch}"]`).click();
  }
}

function lastTicketId(h: Harness): number | null {
  return (h.store.db.prepare('SELECT max(id) AS id FROM tickets').get() as { id: number | null }).id;
}

/** A harness server with its own virtual printer whose state the test sets. */
async function kioskServer(env: Record<string, string> = {}): Promise<{
  h: Harness;
  printer: VirtualPrinter;
  outDir: string;
  close(): Promise<void>;
}> {
  const outDir = mkdtempSync(join(tmpdir(), 'layso-kiosk-printed-'));
  const printer = await startVirtualPrinter({ port: 0, host: '127.0.0.1', outDir });
  const h = await startHarness({
    printerUrl: `tcp://127.0.0.1:${printer.port}`,
    env: { PRINTER_POLL_SECONDS: '1', ...env },
  });
  return {
    h,
    printer,
    outDir,
    async close() {
      await h.close();
      await printer.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

describe('the kiosk from npm start', () => {
  it('gives a printed number in two taps, and the paper carries the number on screen', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'layso-kiosk-'));
    const server = await startServerProcess(dataDir);
    try {
      // The kiosk URL as npm start prints it (the credentials file has the same one), token in the fragment.
      const printed = /Ki-ốt:\s+(\S+)/.exec(server.output())?.[1];
      expect(printed).toMatch(/\/kiosk#token=k_/);
      expect(readCredentials(dataDir).kioskUrl).toMatch(/\/kiosk#token=k_/);
      const code = await serviceCode(server.url, 'Sở Tư pháp');
      const page = await chrome.page();
      await page.goto(printed!);
      await page.getByTestId('welcome').waitFor();
      // The token is kept by the page and gone from the address bar.
      expect(await page.evaluate(() => window.location.hash)).toBe('');

      await page.getByTestId(`service-${code}`).click(); // tap 1
      await page.getByTestId('take').click(); // tap 2
      await page.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
      const number = (await page.getByTestId('ticket-number').textContent())?.trim();
      expect(number).toMatch(/^\d{4}$/);

      const pngs = readdirSync(join(dataDir, 'printed')).filter((f) => f.endsWith('.png'));
      expect(pngs).toHaveLength(1);
      const tracking = qrOnPaper(join(dataDir, 'printed', pngs[0]!));
      const trackCode = new URL(tracking).pathname.split('/').pop()!;
      const tracked = await api(server.url, `/api/track/${trackCode}`);
      expect(tracked.body).toMatchObject({ number, serviceName: 'Sở Tư pháp', status: 'waiting' });
      await page.close();
    } finally {
      server.signal('SIGTERM');
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the kiosk against a live server', () => {
  let k: Awaited<ReturnType<typeof kioskServer>>;
  beforeAll(async () => {
    k = await kioskServer();
  });
  afterAll(async () => {
    await k.close();
  });

  it('finds "ly lich tu phap" typed without accents and issues a number for its service', async () => {
    const page = await chrome.page();
    await page.goto(`${k.h.url}/kiosk#token=${k.h.credentials.kioskToken}`);
    await page.getByTestId('search-open').click();
    await typeOnScreen(page, 'ly lich tu phap');
    expect(await page.getByTestId('search-input').inputValue()).toBe('ly lich tu phap');
    const first = page.getByTestId('result').first();
    await expect.poll(() => first.textContent()).toMatch(/lý lịch tư pháp/i);
    await first.click();
    await page.getByTestId('procedure').waitFor();
    const take = page.getByTestId('procedure-take');
    const label = await take.textContent();
    await take.click();
    await page.getByTestId('confirm').waitFor();
    await expect.poll(() => page.getByTestId('chosen-procedure').textContent()).toMatch(/lý lịch tư pháp/i);
    await page.getByTestId('take').click();
    await page.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
    const number = (await page.getByTestId('ticket-number').textContent())?.trim();
    const row = k.h.store.catalogue.services().find((s) => label?.includes(s.name));
    expect(row).toBeDefined();
    const ticket = k.h.store.tickets.byId(lastTicketId(k.h)!)!;
    expect(ticket).toMatchObject({ number, serviceId: row!.id });
    expect(ticket.procedureId).not.toBeNull();
    await page.close();
  });

  it('says so when the ticket did not print, and shows the number to write down', async () => {
    const page = await chrome.page();
    await page.goto(`${k.h.url}/kiosk#token=${k.h.credentials.kioskToken}`);
    // The printer fails during the job (the print request never comes back whole).
    await page.route('**/api/tickets/*/print', (route) => route.abort('connectionreset'));
    await page.locator('[data-testid^="service-"]:not([disabled])').first().click();
    await page.getByTestId('take').click();
    await page.locator('[data-testid="print-state"][data-state="failed"]').waitFor();
    const text = await page.getByTestId('ticket').textContent();
    expect(text).toContain('Máy in không in được phiếu');
    expect(text).not.toMatch(/nhận phiếu/);
    expect(await page.getByTestId('ticket-number').textContent()).toBe(
      k.h.store.tickets.byId(lastTicketId(k.h)!)!.number,
    );
    await page.close();
  });

  it('answers the next citizen at once when the one before pressed "Xong" while the paper was printing', async () => {
    const page = await chrome.page();
    await page.goto(`${k.h.url}/kiosk#token=${k.h.credentials.kioskToken}`);
    // The first print is held at the printer until the test lets it go.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let prints = 0;
    await page.route('**/api/tickets/*/print', async (route) => {
      if (++prints === 1) await held;
      await route.continue();
    });
    await page.locator('[data-testid^="service-"]:not([disabled])').first().click();
    await page.getByTestId('take').click();
    await page.locator('[data-testid="print-state"][data-state="printing"]').waitFor();
    const first = await page.getByTestId('ticket-number').textContent();
    await page.getByTestId('done').click();

    // The next citizen, while the first paper is still coming out.
    await page.locator('[data-testid^="service-"]:not([disabled])').first().click();
    await page.getByTestId('take').click();
    await expect.poll(() => page.getByTestId('ticket-number').textContent()).not.toBe(first);
    const second = await page.getByTestId('ticket-number').textContent();
    expect(second).toMatch(/^\d{4}$/);
    // Papers come out one after another, the first one first; the screen speaks of its own ticket only.
    expect(prints).toBe(1);
    release();
    await page.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
    expect(prints).toBe(2);
    expect(await page.getByTestId('ticket-number').textContent()).toBe(second);
    await page.unroute('**/api/tickets/*/print');
    await page.close();
  });

  it('issues nothing when the number request fails, says out of service, and comes back', async () => {
    const page = await chrome.page();
    await page.goto(`${k.h.url}/kiosk#token=${k.h.credentials.kioskToken}`);
    const before = lastTicketId(k.h);
    await page.locator('[data-testid^="service-"]:not([disabled])').first().click();
    await page.getByTestId('confirm').waitFor();
    // The server's HTTP side stops answering this kiosk (its socket stays up) just as the citizen taps.
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await page.getByTestId('take').click();
    await page.getByTestId('out-of-service').waitFor();
    await page.unroute('**/api/**');
    await page.getByTestId('welcome').waitFor({ timeout: 20_000 });
    // Nothing was sent again behind the citizen's back.
    expect(lastTicketId(k.h)).toBe(before);
    await page.close();
  });

  it('fills the details from a keyboard-wedge CCCD scan, with or without a Vietnamese input method', async () => {
    const page = await chrome.page();
    await page.goto(`${k.h.url}/kiosk#token=${k.h.credentials.kioskToken}`);
    await page.getByTestId('welcome').waitFor();
    await page.locator('[data-testid^="service-"]:not([disabled])').first().click();
    await page.getByTestId('confirm').waitFor();
    // A scanner in keyboard mode: first as plain keys, then while an input method (Telex) is composing.
    const payload = '086195001234|361234567|Nguyen Van An|15031950|Nam|Phuong 1, Vinh Long|20042021';
    await wedgeScan(page, payload);
    await page.getByTestId('intake').waitFor();
    await page.getByTestId('scanned').waitFor();
    expect(await page.getByTestId('field-idNumber').inputValue()).toBe('086195001234');
    expect(await page.getByTestId('field-fullName').inputValue()).toBe('Nguyen Van An');

    await page.getByTestId('back').click();
    await page.getByTestId('confirm').waitFor();
    await wedgeScan(page, payload.replace('086195001234', '086195009999'), { ime: true });
    await page.getByTestId('scanned').waitFor();
    await expect.poll(() => page.getByTestId('field-idNumber').inputValue()).toBe('086195009999');

    // Consent, then the details go with the ticket.
    await page.getByTestId('consent').click();
    // No channel sends text notices at this center: none is offered.
    expect(await page.getByTestId('notices').count()).toBe(0);
    await page.getByTestId('intake-save').click();
    await page.getByTestId('confirm').waitFor();
    await page.getByTestId('take').click();
    await page.getByTestId('ticket').waitFor();
    const ticket = k.h.store.tickets.byId(lastTicketId(k.h)!)!;
    expect(ticket.intake).toMatchObject({
      consent: true,
      idNumber: '086195009999',
      fullName: 'Nguyen Van An',
      birthYear: 1950,
    });
    await page.close();
  });

  it('says so before the tap when the printer is out of paper, and never promises paper', async () => {
    const page = await chrome.page();
    await page.goto(`${k.h.url}/kiosk#token=${k.h.credentials.kioskToken}`);
    await page.getByTestId('welcome').waitFor();
    // Paper near its end still prints: the admin is warned, the citizen is not bothered.
    k.printer.setState('paper-near-end');
    await page.locator('html[data-printer="paper-near-end"]').waitFor({ state: 'attached' });
    expect(await page.getByTestId('printer-banner').count()).toBe(0);

    const jobsBefore = k.printer.jobs.length;
    k.printer.setState('paper-out');
    const banner = page.getByTestId('printer-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('hết giấy');
    await page.locator('[data-testid^="service-"]:not([disabled])').first().click();
    await expect.poll(() => page.getByTestId('take').textContent()).toContain('hiện trên màn hình');
    await page.getByTestId('take').click();
    const state = page.getByTestId('print-state');
    await state.waitFor();
    expect(await state.getAttribute('data-state')).toBe('screen-only');
    expect(await page.getByTestId('ticket').textContent()).not.toMatch(/nhận phiếu/);
    expect(k.printer.jobs.length).toBe(jobsBefore);

    // Paper back: the banner goes by itself.
    k.printer.setState('ready');
    await page.getByTestId('done').click();
    await banner.waitFor({ state: 'detached' });
    await page.close();
  });
});

describe('the kiosk between citizens', () => {
  it('issues one number for a double tap, and forgets an unfinished choice when left alone', async () => {
    const k = await kioskServer({ KIOSK_IDLE_SECONDS: '10' });
    const page = await chrome.page();
    try {
      await page.goto(`${k.h.url}/kiosk#token=${k.h.credentials.kioskToken}`);
      await page.locator('[data-testid^="service-"]:not([disabled])').first().click();
      await page.getByTestId('take').dblclick();
      await page.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
      expect(lastTicketId(k.h)).toBe(1);
      expect(k.printer.jobs).toHaveLength(1);

      // Back home, a choice half made, then nobody touches the screen: the kiosk returns to welcome by itself.
      await page.getByTestId('done').click();
      await page.locator('[data-testid^="service-"]:not([disabled])').first().click();
      await page.getByTestId('intake-open').click();
      await page.getByTestId('consent').click();
      await page.locator('[data-key="a"]').click();
      await page.getByTestId('welcome').waitFor({ timeout: 30_000 });

      // A card scanned on the welcome screen is not kept for whoever taps next.
      await page.keyboard.type('086195001234|361234567|Nguyen Van An|15031950|Nam|Phuong 1|20042021', {
        delay: 0,
      });
      await page.keyboard.press('Enter');
      await page.getByTestId('notice').waitFor();
      await page.locator('[data-testid^="service-"]:not([disabled])').first().click();
      await page.getByTestId('confirm').waitFor();
      await page.getByTestId('intake-open').click();
      await page.getByTestId('consent').click();
      for (const field of ['fullName', 'phone', 'idNumber']) {
        expect(await page.getByTestId(`field-${field}`).inputValue()).toBe('');
      }
    } finally {
      await page.close();
      await k.close();
    }
  });
});

describe('the kiosk beyond its pace (KIOSK_ISSUE_RATE)', () => {
  it("shows the server's refusal on the confirm screen, issues nothing, and stays usable", async () => {
    const k = await kioskServer({ KIOSK_ISSUE_RATE: '1/3600s' });
    const page = await chrome.page();
    try {
      await page.goto(`${k.h.url}/kiosk#token=${k.h.credentials.kioskToken}`);
      await page.locator('[data-testid^="service-"]:not([disabled])').first().click();
      await page.getByTestId('take').click();
      await page.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
      await page.getByTestId('done').click();

      await page.locator('[data-testid^="service-"]:not([disabled])').first().click();
      await page.getByTestId('take').click();
      const refusal = page.getByTestId('refusal');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('Vui lòng chờ vài giây rồi bấm lại');
      expect(await page.getByTestId('take').isEnabled()).toBe(true);
      expect(lastTicketId(k.h)).toBe(1);
      expect(k.printer.jobs).toHaveLength(1);
    } finally {
      await page.close();
      await k.close();
    }
  });
});

describe('the kiosk when the printer is out and the center stops issuing', () => {
  it('disables every service with the reason, and the number button of a citizen already choosing', async () => {
    const k = await kioskServer({ PRINTER_FAULT_MODE: 'stop' });
    const page = await chrome.page({ width: 1920, height: 1080 });
    try {
      await page.goto(`${k.h.url}/kiosk#token=${k.h.credentials.kioskToken}`);
      await page.locator('[data-testid^="service-"]:not([disabled])').first().click();
      await page.getByTestId('confirm').waitFor();
      k.printer.setState('cover-open');
      await page.getByTestId('printer-banner').waitFor();
      expect(await page.getByTestId('take').isDisabled()).toBe(true);

      await page.getByTestId('home').click();
      const banner = page.getByTestId('printer-banner');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('tạm ngừng cấp số');
      expect(await page.locator('[data-testid^="service-"]:not([disabled])').count()).toBe(0);
      expect(lastTicketId(k.h)).toBeNull();
    } finally {
      await page.close();
      await k.close();
    }
  });
});

describe('the kiosk when the server goes away', () => {
  it('keeps a given number on screen, forgets a half-made choice, shows out of service, and comes back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'layso-kiosk-down-'));
    const port = String(await freePort());
    let server = await startServerProcess(dataDir, { PORT: port });
    try {
      const { kioskToken } = readCredentials(dataDir);
      const page = await chrome.page();
      await page.goto(`${server.url}/kiosk#token=${kioskToken}`);
      await page.getByTestId('welcome').waitFor();
      const kill = async () => {
        server.signal('SIGKILL');
        await server.exited;
      };

      // A number already on screen stays there when the server goes: it may be all the citizen has.
      await page.locator('[data-testid^="service-"]:not([disabled])').first().click();
      await page.getByTestId('take').click();
      const number = await page.getByTestId('ticket-number').textContent();
      await kill();
      await page.locator('html[data-connection="offline"]').waitFor({ state: 'attached' });
      expect(await page.getByTestId('ticket-number').textContent()).toBe(number);
      await page.getByTestId('done').click();
      await page.getByTestId('out-of-service').waitFor();
      server = await startServerProcess(dataDir, { PORT: port });
      await page.getByTestId('welcome').waitFor({ timeout: 20_000 });

      // A choice half made is forgotten.
      await page.locator('[data-testid^="service-"]:not([disabled])').first().click();
      await page.getByTestId('confirm').waitFor();
      await kill();
      await page.getByTestId('out-of-service').waitFor();
      await page.screenshot({
        path: join(REPO_ROOT, 'test-results/screenshots/kiosk/portrait-12-out-of-service.png'),
      });

      server = await startServerProcess(dataDir, { PORT: port });
      await page.getByTestId('welcome').waitFor({ timeout: 20_000 });
      // The half-finished choice was forgotten; no ticket was issued while the server was away.
      const count = await api(server.url, '/api/services');
      expect((count.body as { waiting: number }[]).reduce((n, s) => n + s.waiting, 0)).toBe(1);
      await page.close();
    } finally {
      server.signal('SIGTERM');
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
