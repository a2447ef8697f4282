/**
 * Every kiosk screen at both kiosk sizes (1080×1920 portrait, 1920×1080 landscape), checked for what a citizen
 * of 70 needs — every touch target at least 64 px, nothing cut off at the sides, body text at least 20 px — and
 * saved as a PNG under test-results/screenshots/kiosk/ to be looked at.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_CONSENT } from '@layso/protocol';
import { startVirtualPrinter, type VirtualPrinter } from '@layso/printer-drivers';
import { login, startHarness, type Harness } from '@layso/queue-server/testing';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';
import { kioskProblems as problems } from '../support/kiosk-checks.js';

const OUT = join(REPO_ROOT, 'test-results/screenshots/kiosk');
const SIZES = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;

let chrome: TestBrowser;
let h: Harness;
let printer: VirtualPrinter;
let outDir: string;
let capped = '';
let closed = '';

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  chrome = await launchBrowser();
  outDir = mkdtempSync(join(tmpdir(), 'layso-screens-'));
  printer = await startVirtualPrinter({ port: 0, host: '127.0.0.1', outDir });
  h = await startHarness({
    printerUrl: `tcp://127.0.0.1:${printer.port}`,
    env: { PRINTER_POLL_SECONDS: '1' },
  });
  // A lived-in morning: people waiting at several services, one service at its daily cap, one closed today.
  const services = h.store.catalogue.services();
  for (const [i, s] of services.slice(0, 6).entries()) {
    for (let n = 0; n < (i * 3) % 7; n++) {
      await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId: s.id } });
    }
  }
  const admin = (await login(h, 'admin')).token;
  // Text notices on (ZNS): the details screen offers them.
  const notices = await h.api('/api/admin/notices/settings', {
    token: admin,
    method: 'PUT',
    body: {
      channels: {
        zns: {
          enabled: true,
          url: 'https://zns.example.vn',
          credential: 'zns-token-for-screens',
          sender: null,
          dailyQuota: 100,
          ratePerMinute: 60,
        },
      },
    },
  });
  expect(notices.status, JSON.stringify(notices.body)).toBe(200);
  const edit = async (index: number, change: Record<string, unknown>) => {
    const s = services[index]!;
    const body = {
      code: s.code,
      name: s.name,
      nameEn: s.nameEn,
      numberFormat: s.numberFormat,
      dailyCap: s.dailyCap,
      hours: s.hours,
      ...change,
    };
    expect((await h.api(`/api/admin/services/${s.id}`, { token: admin, method: 'PUT', body })).status).toBe(
      200,
    );
    return s.code;
  };
  capped = await edit(1, { dailyCap: 3 });
  closed = await edit(6, { hours: {} });
});
afterAll(async () => {
  await chrome.close();
  await h.close();
  await printer.close();
  rmSync(outDir, { recursive: true, force: true });
});

/** The ticket's QR is an image from the server: wait until it is drawn. */
async function qrShown(page: Page): Promise<void> {
  await page
    .locator('img.lk-qr')
    .evaluate((img: HTMLImageElement) =>
      img.complete ? undefined : new Promise((r) => img.addEventListener('load', r, { once: true })),
    );
}

async function shoot(page: Page, size: keyof typeof SIZES, name: string): Promise<void> {
  // Fonts are bundled: wait until they are in, so the picture shows what a citizen sees.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  expect(await problems(page), `${name} at ${size}`).toEqual([]);
  await page.screenshot({ path: join(OUT, `${size}-${name}.png`) });
}

describe.each(Object.keys(SIZES) as (keyof typeof SIZES)[])('every kiosk screen, %s', (size) => {
  it('welcome → search → procedure → confirm → priority → details → ticket', async () => {
    printer.setState('ready');
    const page = await chrome.page(SIZES[size]);
    await page.goto(`${h.url}/kiosk#token=${h.credentials.kioskToken}`);
    await page.getByTestId('welcome').waitFor();
    // A service that cannot give numbers now says why, and cannot be tapped.
    for (const [code, reason] of [
      [capped, 'Đã hết số hôm nay'],
      [closed, 'Ngoài giờ nhận hồ sơ'],
    ] as const) {
      const button = page.getByTestId(`service-${code}`);
      expect(await button.isDisabled()).toBe(true);
      expect(await button.textContent()).toContain(reason);
    }
    await shoot(page, size, '01-welcome');

    await page.getByTestId('search-open').click();
    await page.getByTestId('suggestions').waitFor();
    await shoot(page, size, '02-search-empty');
    for (const ch of 'so do') await page.locator(`[data-key="${ch === ' ' ? 'space' : ch}"]`).click();
    // Results follow the typing; the last ones are for "so do": land titles, found through "sổ đỏ".
    await expect.poll(() => page.getByTestId('result').first().textContent()).toMatch(/quyền sử dụng đất/);
    await shoot(page, size, '02-search');

    await page.getByTestId('result').first().click();
    await page.getByTestId('procedure').waitFor();
    await shoot(page, size, '03-procedure');

    await page.getByTestId('procedure-take').click();
    await page.getByTestId('confirm').waitFor();
    await shoot(page, size, '04-confirm');

    await page.getByTestId('priority-open').click();
    await page.getByTestId('priority').waitFor();
    await shoot(page, size, '05-priority');
    await page.locator('[data-testid^="priority-"]').first().click();

    await page.getByTestId('intake-open').click();
    await page.getByTestId('consent').click();
    for (const ch of 'nguyeên') await page.locator(`[data-key="${ch}"]`).click();
    await page.locator('[data-key="tone-nga"]').click();
    await shoot(page, size, '06-details-name');
    expect(await page.getByTestId('field-fullName').inputValue()).toBe('Nguyễn');
    await page.getByTestId('field-phone').click();
    for (const ch of '0912') await page.locator(`[data-key="${ch}"]`).click();
    await page.getByTestId('intake-save').click();
    await page.getByRole('alert').filter({ hasText: '10 chữ số' }).waitFor();
    await shoot(page, size, '07-details-phone-invalid');
    for (const ch of '345678') await page.locator(`[data-key="${ch}"]`).click();
    // Text notices: offered once the phone is whole, agreed to under the consent text shown.
    await page.getByTestId('notices-consent').click();
    await shoot(page, size, '07b-details-notices');
    await page.getByTestId('intake-save').click();
    await page.getByTestId('confirm').waitFor();

    await page.getByTestId('take').click();
    await page.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
    await qrShown(page);
    await shoot(page, size, '08-ticket-printed');
    // The consent went with the ticket, with the version of the text the citizen read.
    const last = h.store.db.prepare('SELECT max(id) AS id FROM tickets').get() as { id: number };
    expect(h.store.tickets.byId(last.id)?.intake?.notices).toEqual({
      consentVersion: NOTICE_CONSENT.version,
    });
    await page.close();
  });

  it('check-in: welcome → the check-in screen → code typed → too early, too late, not found', async () => {
    printer.setState('ready');
    const page = await chrome.page(SIZES[size]);
    await page.goto(`${h.url}/kiosk#token=${h.credentials.kioskToken}`);
    await page.getByTestId('welcome').waitFor();
    await page.getByTestId('check-in-open').click();
    await page.getByTestId('check-in').waitFor();
    await shoot(page, size, '20-check-in');
    for (const ch of 'K7PQ3M2') await page.locator(`[data-key="${ch}"]`).click();
    expect(await page.getByTestId('check-in-submit').isDisabled()).toBe(true);
    await page.locator('[data-key="D"]').click();
    expect(await page.getByTestId('check-in-code').inputValue()).toBe('K7PQ-3M2D');
    await shoot(page, size, '21-check-in-typed');

    // The server's answers that depend on the clock are drawn from canned replies (the e2e test covers them
    // against the server): a booking at 09:30, checked in from 09:15 to 09:40.
    const service = h.store.catalogue.services()[0]!;
    const booking = {
      code: 'K7PQ3M2D',
      status: 'booked',
      centerName: 'Trung tâm',
      serviceId: service.id,
      serviceName: service.name,
      procedureName: 'Cấp Phiếu lý lịch tư pháp',
      day: '2026-12-08',
      start: '09:30',
      end: '10:00',
      startsAt: '2026-12-08T02:30:00.000Z',
      checkInFrom: '2026-12-08T02:15:00.000Z',
      checkInUntil: '2026-12-08T02:40:00.000Z',
      cccdMasked: '*********123',
      phoneMasked: '09******78',
      ticket: null,
      changeable: true,
      url: `${h.url}/b/K7PQ3M2D`,
    };
    const answer = async (reply: object, status = 200) =>
      page.route('**/api/kiosk/check-in', (route) =>
        route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(reply) }),
      );
    await answer({ outcome: 'early', booking, comeBackAt: booking.checkInFrom });
    await page.getByTestId('check-in-submit').click();
    await page.locator('[data-testid="check-in-outcome"][data-outcome="early"]').waitFor();
    expect(await page.getByTestId('check-in-outcome').textContent()).toContain(
      'Mời quay lại lúc 09:15 (lịch hẹn 09:30)',
    );
    await shoot(page, size, '22-check-in-early');

    await page.unroute('**/api/kiosk/check-in');
    await answer({ outcome: 'late', booking: { ...booking, status: 'late' } });
    await page.getByTestId('check-in-done').click();
    await page.getByTestId('check-in-open').click();
    for (const ch of 'K7PQ3M2D') await page.locator(`[data-key="${ch}"]`).click();
    await page.getByTestId('check-in-submit').click();
    await page.locator('[data-testid="check-in-outcome"][data-outcome="late"]').waitFor();
    expect(await page.getByTestId('check-in-outcome').textContent()).toContain(
      'Lịch hẹn 09:30 đã quá giờ nhận số (trễ hơn 10 phút)',
    );
    await shoot(page, size, '23-check-in-late');

    await page.unroute('**/api/kiosk/check-in');
    await page.getByTestId('home').click();
    await page.getByTestId('check-in-open').click();
    for (const ch of 'K7PQ3M2F') await page.locator(`[data-key="${ch}"]`).click();
    await answer(
      {
        error: {
          code: 'LAYSO_BOOKING_NOT_FOUND',
          message:
            'Không tìm thấy lịch hẹn. Vui lòng kiểm tra lại mã đặt lịch / Booking not found. Please check the booking code',
        },
      },
      404,
    );
    await page.getByTestId('check-in-submit').click();
    await page.getByTestId('refusal').waitFor();
    expect(await page.getByTestId('refusal').textContent()).toContain('Không tìm thấy lịch hẹn');
    await shoot(page, size, '24-check-in-not-found');
    await page.unroute('**/api/kiosk/check-in');
    await page.close();
  });

  it('printer out of paper, number on screen only; out of service; not paired', async () => {
    const page = await chrome.page(SIZES[size]);
    await page.goto(`${h.url}/kiosk#token=${h.credentials.kioskToken}`);
    await page.getByTestId('welcome').waitFor();
    printer.setState('paper-out');
    await page.getByTestId('printer-banner').waitFor();
    await shoot(page, size, '09-welcome-paper-out');
    await page.locator('[data-testid^="service-"]:not([disabled])').first().click();
    await page.getByTestId('take').click();
    await page.locator('[data-testid="print-state"][data-state="screen-only"]').waitFor();
    await qrShown(page);
    await shoot(page, size, '10-ticket-screen-only');
    printer.setState('ready');

    const blank = await chrome.page(SIZES[size]);
    await blank.goto(`${h.url}/kiosk`);
    await blank.getByTestId('pairing').waitFor();
    await shoot(blank, size, '11-not-paired');
    await blank.close();
    await page.close();
  });
});
