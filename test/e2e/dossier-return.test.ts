/**
 * Issue 18 in real Chromium against a real queue server, the provincial stand-in and virtual printers: a dossier
 * received at the console, its Mẫu 01 slip printed; the stand-in marks it ready (its control call); the slip's QR,
 * decoded from the printed PNG, fed to the kiosk as a keyboard-wedge scan; "ready" shown and a returns ticket
 * printed; the officer returns the result to an authorised person; the province holds record 10 exactly once.
 * Then a wrong proof is refused and limited, a hanging province answers from the register ("cập nhật lúc"),
 * and the phone page /h/:code says the same. Screens are saved under test-results/screenshots/dossier/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitmapToRgba, pngToBitmap, startVirtualPrinter, type VirtualPrinter } from '@layso/printer-drivers';
import { startHarness, startProvincialMock, type Harness, type ProvincialMock } from '@layso/queue-server';
import { login } from '@layso/queue-server/testing';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';
import { idle, pressCall } from '../support/console.js';
import { vietnamDay } from '../support/days.js';
import { kioskProblems } from '../support/kiosk-checks.js';
import { signIn } from '../support/sign-in.js';
import { wedgeScan } from '../support/wedge.js';

const SHOTS = join(REPO_ROOT, 'test-results/screenshots/dossier');
const KIOSK = { width: 1080, height: 1920 };
const KIOSK_LANDSCAPE = { width: 1920, height: 1080 };
const COUNTER_PC = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const AGENCY = '000.00.12.H62';
/** The owner's phone the officer types at receipt: the citizen proves the dossier with its last 4 digits. */
const OWNER_PHONE = '0912345678';

let chrome: TestBrowser;
let receipts: VirtualPrinter;
let tickets: VirtualPrinter;
let province: ProvincialMock;
let h: Harness;
let printed: string;
let admin: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  printed = mkdtempSync(join(tmpdir(), 'layso-dossier-e2e-'));
  receipts = await startVirtualPrinter({ port: 0, host: '127.0.0.1', outDir: join(printed, 'receipts') });
  tickets = await startVirtualPrinter({ port: 0, host: '127.0.0.1', outDir: join(printed, 'tickets') });
  province = await startProvincialMock({ port: 0 });
  h = await startHarness({
    env: { AGENCY_ID: AGENCY, PROVINCIAL_URL: province.url, ALLOW_HTTP_UPSTREAM: 'true' },
    receiptPrinterUrl: `tcp://127.0.0.1:${receipts.port}`,
    printerUrl: `tcp://127.0.0.1:${tickets.port}`,
  });
  admin = (await login(h, 'admin')).token;
  chrome = await launchBrowser();
});
afterAll(async () => {
  await chrome?.close();
  await h?.close();
  await province?.close();
  await receipts?.close();
  await tickets?.close();
  rmSync(printed, { recursive: true, force: true });
});

async function saveSettings(patch: Record<string, unknown>): Promise<void> {
  const current = await h.api('/api/admin/settings', { token: admin });
  const saved = await h.api('/api/admin/settings', {
    token: admin,
    method: 'PUT',
    body: { ...current.body, ...patch },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}

/** What a phone (or the kiosk's scanner) reads from the QR of a printed slip. */
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

async function shoot(page: Page, name: string, kiosk = false): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  if (kiosk) expect(await kioskProblems(page), name).toEqual([]);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** The kiosk's keypad: one tap per digit. */
async function tapDigits(page: Page, digits: string): Promise<void> {
  for (const d of digits) await page.locator(`[data-key="${d}"]`).click();
}

const dossierOf = async (code: string) =>
  (await h.api(`/api/dossiers/${encodeURIComponent(code)}`, { token: admin })).body as {
    status: number;
    returnedAt: string | null;
    collectedBy: string | null;
    collectorName: string | null;
    originalsReturned: number | null;
  };

describe('a dossier from the counter to its result', () => {
  let code = '';
  let slipQr = '';
  const officer = () => h.credentials.officers[3]!; // Quầy 4, Sở Tư pháp

  it('received at the console, ready at the province, scanned at the kiosk, returned at the counter', async () => {
    const serviceId = h.store.counters.byId(officer().counterId)!.serviceIds[0]!;
    const first = (await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId } }))
      .body as { number: string };

    // 1. The officer receives the dossier, giving the owner's phone, and prints the slip.
    const counter = await chrome.page(COUNTER_PC);
    await signIn(counter, `${h.url}/counter`, officer());
    await pressCall(counter);
    await counter.getByTestId('current-number').filter({ hasText: first.number }).waitFor();
    await idle(counter);
    await counter.keyboard.press('k');
    await counter.getByTestId('finish').waitFor();
    await counter.locator('input[name="procedure"]').fill('ly lich tu phap');
    await counter.locator('.cs-hits button').first().click();
    await counter.locator('input[name="owner"]').fill(OWNER_PHONE);
    await counter.locator('input[name="appointment-date"]').fill(vietnamDay(3).typed);
    await counter.locator('input[name="appointment-time"]').fill('14:00');
    await shoot(counter, 'console-1366-receive-with-owner');
    await counter.getByTestId('finish-submit').click();
    await counter.getByTestId('receipt-code').waitFor();
    code = (await counter.getByTestId('receipt-code').textContent())!.trim();
    await idle(counter);
    const slip = receipts.nextJob(15_000);
    await counter.getByTestId('action-receipt').click();
    const job = await slip;
    expect(job.printed).toBe(true);
    slipQr = qrOnPaper(job.pngPath!) ?? '';
    expect(slipQr).toBe(`${h.url}/h/${code}`);

    // 2. The province has record 2; its stand-in then marks the result ready (the control call).
    await expect
      .poll(() => province.records().some((r) => r.key === `${code}:2`), { timeout: 20_000 })
      .toBe(true);
    const ready = await fetch(`${province.url}/_control/dossiers/${encodeURIComponent(code)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ TrangThaiHoSo: 9, NoiTraKetQua: 'Quầy 4 — Sở Tư pháp' }),
    });
    expect(ready.status).toBeLessThan(300);

    // 3. At the kiosk: the slip's QR as a scan, the 4 digits, "ready", and a returns ticket printed.
    const kiosk = await chrome.page(KIOSK);
    await kiosk.goto(`${h.url}/kiosk#token=${h.credentials.kioskToken}`);
    await kiosk.getByTestId('welcome').waitFor();
    await shoot(kiosk, 'kiosk-portrait-01-welcome', true);
    await kiosk.getByTestId('dossier-open').click();
    await kiosk.getByTestId('dossier-code').waitFor();
    await tapDigits(kiosk, '00000126');
    await shoot(kiosk, 'kiosk-portrait-02-code-typing', true);
    await wedgeScan(kiosk, slipQr);
    await kiosk.getByTestId('dossier-proof').waitFor();
    expect(await kiosk.getByTestId('dossier-code-shown').textContent()).toContain(code);
    await tapDigits(kiosk, OWNER_PHONE.slice(-4));
    await shoot(kiosk, 'kiosk-portrait-03-proof', true);
    await kiosk.getByTestId('dossier-proof-submit').click();
    const state = kiosk.getByTestId('dossier-state');
    await state.waitFor();
    expect(await state.getAttribute('data-state')).toBe('ready');
    expect(await state.textContent()).toContain('Hồ sơ của bạn đã có kết quả');
    expect(await state.textContent()).toContain('Quầy 4 — Sở Tư pháp');
    await shoot(kiosk, 'kiosk-portrait-04-ready', true);
    const ticketJob = tickets.nextJob(15_000);
    await kiosk.getByTestId('dossier-ticket').click();
    await kiosk.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
    expect((await ticketJob).printed).toBe(true);
    const returnsNumber = (await kiosk.getByTestId('ticket-number').textContent())!.trim();

    // 4. The officer calls it: it opens with its dossier; "Trả kết quả" to an authorised person.
    await pressCall(counter);
    await counter.getByTestId('current-number').filter({ hasText: returnsNumber }).waitFor();
    const card = counter.getByTestId('dossier-card');
    await card.waitFor();
    expect(await card.getAttribute('data-code')).toBe(code);
    expect(await counter.getByTestId('dossier-status').textContent()).toBe('Đã có kết quả');
    await shoot(counter, 'console-1366-returns-ticket');
    await idle(counter);
    await counter.keyboard.press('k');
    await counter.getByTestId('return-fields').waitFor();
    expect(await counter.locator('input[name="dossierCode"]').inputValue()).toBe(code);
    await counter.locator('input[name="collectedBy"][value="authorised"]').check();
    await counter.locator('input[name="collectorName"]').fill('Lê Văn Bình');
    await counter.locator('input[name="originals"]').fill('2');
    // Without the collector's consent nothing is sent.
    await counter.getByTestId('finish-submit').click();
    expect(await counter.getByTestId('finish-error').textContent()).toContain('đồng ý');
    await counter.locator('input[name="collectorConsent"]').check();
    await shoot(counter, 'console-1366-return-panel');
    await counter.getByTestId('finish-submit').click();
    await counter.getByTestId('action-info').filter({ hasText: code }).waitFor();
    // Nothing new is printed unless asked: a return has no slip card.
    expect(await counter.getByTestId('receipt').count()).toBe(0);

    const returned = await dossierOf(code);
    expect(returned).toMatchObject({
      status: 10,
      collectedBy: 'authorised',
      collectorName: 'Lê Văn Bình',
      originalsReturned: 2,
    });
    expect(returned.returnedAt).not.toBeNull();
    // 5. The province holds the returned record (TrangThaiHoSo 10) exactly once.
    await expect
      .poll(() => province.records().filter((r) => r.key === `${code}:10`), { timeout: 20_000 })
      .toHaveLength(1);
    const ten = province.records().find((r) => r.key === `${code}:10`)!;
    expect(ten.count).toBe(1);
    expect(ten.body.TrangThaiHoSo).toBe(10);

    // The console can look a dossier up by a scan too: the slip's QR typed into the field by a scanner.
    await idle(counter);
    await counter.keyboard.press('h');
    await counter.keyboard.type(slipQr);
    await counter.keyboard.press('Enter');
    await counter.locator(`[data-testid="dossier-card"][data-code="${code}"][data-status="10"]`).waitFor();
    await shoot(counter, 'console-1366-lookup-returned');
    await counter.close();
    await kiosk.close();
  });

  it('a province that hangs: the kiosk answers from the register, saying when it learnt it (a typed code)', async () => {
    province.setFaults({ hangRate: 1, hangMs: 10_000 });
    try {
      // The landscape kiosk this time: the same screens fit it.
      const kiosk = await chrome.page(KIOSK_LANDSCAPE);
      await kiosk.goto(`${h.url}/kiosk#token=${h.credentials.kioskToken}`);
      await kiosk.getByTestId('welcome').waitFor();
      await kiosk.getByTestId('dossier-open').click();
      await tapDigits(kiosk, code.replace(/\D/g, ''));
      expect(await kiosk.getByTestId('dossier-code-input').inputValue()).toBe(code);
      await shoot(kiosk, 'kiosk-landscape-02-code-typed', true);
      await kiosk.getByTestId('dossier-code-next').click();
      await kiosk.getByTestId('dossier-proof').waitFor();
      await tapDigits(kiosk, OWNER_PHONE.slice(-4));
      await shoot(kiosk, 'kiosk-landscape-03-proof', true);
      await kiosk.getByTestId('dossier-proof-submit').click();
      await kiosk.getByTestId('dossier-state').waitFor();
      expect(await kiosk.getByTestId('dossier-state').getAttribute('data-state')).toBe('returned');
      expect(await kiosk.getByTestId('dossier-updated').textContent()).toMatch(/cập nhật lúc \d{2}:\d{2}/);
      await shoot(kiosk, 'kiosk-landscape-05-returned-from-register', true);
      await kiosk.close();
    } finally {
      province.setFaults({ hangRate: 0 });
    }
  });

  it("the slip's QR on a phone: the same proof, the same answer, nothing personal", async () => {
    const phone = await chrome.page(PHONE);
    await phone.goto(slipQr);
    await phone.getByTestId('dossier-page').waitFor();
    expect(await phone.getByTestId('dossier-code-shown').textContent()).toBe(code);
    await shoot(phone, 'phone-390-01-proof');
    await phone.getByTestId('dossier-proof-input').fill(OWNER_PHONE.slice(-4));
    await phone.getByTestId('dossier-proof-submit').click();
    await phone.getByTestId('dossier-state').waitFor();
    expect(await phone.getByTestId('dossier-state').getAttribute('data-state')).toBe('returned');
    const text = await phone.locator('body').textContent();
    expect(text).not.toContain('Lê Văn Bình');
    expect(text).not.toContain(OWNER_PHONE);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shoot(phone, 'phone-390-02-returned');
    await phone.close();
  });

  it('a wrong proof reveals nothing and is limited per code; a number at the counter is offered', async () => {
    const returns = h.store.catalogue.services()[1]!;
    await saveSettings({ returnsServiceId: returns.id });
    const kiosk = await chrome.page(KIOSK);
    await kiosk.goto(`${h.url}/kiosk#token=${h.credentials.kioskToken}`);
    await kiosk.getByTestId('welcome').waitFor();
    // A code of this center that was never received: the same "no match" as a wrong proof.
    const unknown = `${AGENCY}-${vietnamDay(0).iso.slice(2).replace(/-/g, '')}-9999`;
    await wedgeScan(kiosk, unknown);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await kiosk.getByTestId('dossier-proof').waitFor();
      if (attempt === 1) {
        // A CCCD scanned on this screen is the proof (its last 4 digits): not this dossier's owner.
        await wedgeScan(
          kiosk,
          '086195001234|361234567|Nguyen Van An|15031950|Nam|Phuong 1, Vinh Long|20042021',
        );
      } else {
        await tapDigits(kiosk, '0000');
        await kiosk.getByTestId('dossier-proof-submit').click();
      }
      await kiosk.locator('[data-testid="dossier-state"][data-state="no_match"]').waitFor();
      if (attempt === 1) await shoot(kiosk, 'kiosk-portrait-06-no-match', true);
      await kiosk.getByTestId('dossier-retry').click();
    }
    await tapDigits(kiosk, '0000');
    await kiosk.getByTestId('dossier-proof-submit').click();
    const refusal = kiosk.getByTestId('dossier-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('nhập sai nhiều lần');
    await shoot(kiosk, 'kiosk-portrait-07-limited', true);
    // Not a dead end: a number to ask at the counter, at the returns service the admin set.
    await kiosk.getByTestId('dossier-limited-ticket').click();
    await kiosk.getByTestId('confirm').filter({ hasText: returns.name }).waitFor();
    await kiosk.close();
    await saveSettings({ returnsServiceId: null });
  });
});
