/**
 * Issue 8, items 2 and 3 in real Chromium against a real queue server: at a center with an agency identifier
 * (AGENCY_ID), the officer finishes a received dossier leaving the code empty, the console shows the code the
 * server generated, and "In giấy tiếp nhận (Mẫu 01)" prints the slip on a real virtual printer, whose PNG
 * carries the code in its QR. A printer fault is shown in Vietnamese, and nothing claims it printed.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { bitmapToRgba, pngToBitmap, startVirtualPrinter, type VirtualPrinter } from '@layso/printer-drivers';
import { startHarness, type Harness } from '@layso/queue-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idle, pressCall } from '../support/console.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';
import { signIn } from '../support/sign-in.js';
import { vietnamDay } from '../support/days.js';

const SHOTS = join(REPO_ROOT, 'test-results/screenshots/counter-display');
const COUNTER_PC = { width: 1366, height: 768 };
const AGENCY = '000.00.12.H62';

let chrome: TestBrowser;
let printer: VirtualPrinter;
let printed: string;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  printed = mkdtempSync(join(tmpdir(), 'layso-receipt-e2e-'));
  printer = await startVirtualPrinter({ port: 0, host: '127.0.0.1', outDir: printed });
  chrome = await launchBrowser();
});
afterAll(async () => {
  await chrome.close();
  await printer.close();
  rmSync(printed, { recursive: true, force: true });
});

/** What a phone reads from the QR of a printed slip. */
function qrOnPaper(pngPath: string): string | null {
  const bitmap = pngToBitmap(readFileSync(pngPath));
  const rgba = bitmapToRgba(bitmap);
  const code = jsQR(
    new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength),
    bitmap.width,
    bitmap.height,
  );
  return code?.data ?? null;
}

describe('a received dossier with a generated code and its Mẫu 01 slip', () => {
  it('finishes without a typed code, shows the generated code, prints the slip, and shows a fault in words', async () => {
    const h: Harness = await startHarness({
      env: { AGENCY_ID: AGENCY },
      receiptPrinterUrl: `tcp://127.0.0.1:${printer.port}`,
    });
    try {
      const officer = h.credentials.officers[3]!; // Quầy 4, Sở Tư pháp
      const serviceId = h.store.counters.byId(officer.counterId)!.serviceIds[0]!;
      const ticket = (
        await h.api('/api/tickets', {
          token: h.credentials.kioskToken,
          body: { serviceId, intake: { consent: true, fullName: 'Nguyễn Thị Ánh Tuyết' } },
        })
      ).body as { id: number; number: string };

      const page = await chrome.page(COUNTER_PC);
      await signIn(page, `${h.url}/counter`, officer);
      await page.locator('[data-testid="queue"] li').first().waitFor();

      await pressCall(page);
      await page.getByTestId('current-number').filter({ hasText: ticket.number }).waitFor();
      await idle(page);
      await page.keyboard.press('k');
      await page.getByTestId('finish').waitFor();
      // The center generates codes: the field may stay empty, and the form says so in Vietnamese.
      expect(await page.getByTestId('dossier-hint').textContent()).toContain('hệ thống tự cấp mã hồ sơ');
      await page.locator('input[name="procedure"]').fill('ly lich tu phap');
      await page.locator('.cs-hits button').first().click();
      await page.locator('input[name="appointment-date"]').fill(vietnamDay(2).typed);
      await page.locator('input[name="appointment-time"]').fill('14:00');
      await page.screenshot({ path: join(SHOTS, 'console-1366-finish-generated.png') });
      await page.getByTestId('finish-submit').click();

      const code = page.getByTestId('receipt-code');
      await code.waitFor();
      const generated = (await code.textContent())!.trim();
      expect(generated).toMatch(new RegExp(`^${AGENCY.replace(/\./g, '\\.')}-\\d{6}-0001$`));
      expect(await page.getByTestId('action-info').textContent()).toContain(generated);
      const stored = h.store.tickets.byId(ticket.id)!;
      expect(stored).toMatchObject({ status: 'done', outcome: 'received', dossierCode: generated });
      await idle(page);

      // Print by button; the virtual printer gets the slip.
      const job = printer.nextJob(15_000);
      await page.getByTestId('action-receipt').click();
      await page.getByTestId('receipt-printed').waitFor();
      expect(await page.getByTestId('receipt-printed').textContent()).toContain('Đã in');
      const got = await job;
      expect(got.printed).toBe(true);
      expect(got.pngPath).toMatch(/\.png$/);
      // The QR opens the dossier's status page on a phone (and the kiosk reads the code from it).
      expect(qrOnPaper(got.pngPath!)).toBe(`${h.url}/h/${generated}`);
      copyFileSync(got.pngPath!, join(SHOTS, 'receipt-mau-01.png'));
      await page.screenshot({ path: join(SHOTS, 'console-1366-receipt-printed.png') });

      // Out of paper: the officer reads why, in Vietnamese, and presses I to try again once it is fixed.
      await idle(page);
      printer.setState('paper-out');
      await page.keyboard.press('i');
      const fault = page.getByTestId('receipt-error');
      await fault.waitFor();
      expect(await fault.textContent()).toMatch(/giấy tiếp nhận/i);
      expect(await fault.textContent()).toMatch(/hết giấy/i);
      await page.screenshot({ path: join(SHOTS, 'console-1366-receipt-fault.png') });
      printer.setState('ready');
      await idle(page);
      const again = printer.nextJob(15_000);
      await page.keyboard.press('i');
      await page.getByTestId('receipt-printed').waitFor();
      expect((await again).printed).toBe(true);
      await page.close();
    } finally {
      await h.close();
    }
  });
});
