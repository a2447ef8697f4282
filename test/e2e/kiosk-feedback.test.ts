/**
 * Issue 22's cases typed at the kiosk and recorded at the officer's console, in real Chromium against a real
 * server: at the kiosk a citizen taps "Góp ý, phản ánh", a topic, types the case on the on-screen Vietnamese keyboard
 * (tones and marked letters by their own keys), agrees to leave a name and phone, sends it — the receipt shows the
 * code XXXX-XXXX, its page's QR and the answer's due day; the register (GET /api/admin/feedback as the admin) has
 * it from the kiosk, its text in NFC; this center sends no messages, so the receipt promises none. An anonymous
 * case's receipt says no answer can be sent, for want of a phone. Past the kiosk's hourly
 * limit the refusal is said in the kiosk's words and the text is kept; with feedback off the kiosk offers no button.
 * The case's slip comes out of the kiosk's printer (a real virtual ESC/POS printer, its jobs saved as PNG like the
 * demo's DATA_DIR/printed/): the code, the dates and the QR of the case's page, nothing the citizen wrote; with the
 * printer out of paper the receipt says the slip did not print and to photograph the screen with a phone. At the console, the
 * officer serving a ticket records what the citizen says; the register shows that ticket and counter attached.
 * Screens are saved to test-results/screenshots/kiosk (feedback-*.png) to be looked at.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bitmapToRgba,
  pngToBitmap,
  renderFeedbackSlip,
  startVirtualPrinter,
  type VirtualPrinter,
  type VirtualPrinterJob,
} from '@layso/printer-drivers';
import type { FeedbackCase, FeedbackList, Ticket } from '@layso/protocol';
import { startHarness, type Harness } from '@layso/queue-server';
import { login, type Session } from '@layso/queue-server/testing';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';
import { idle, pressCall } from '../support/console.js';
import { kioskProblems } from '../support/kiosk-checks.js';
import { signIn } from '../support/sign-in.js';

const SHOTS = join(REPO_ROOT, 'test-results/screenshots/kiosk');
const LANDSCAPE = { width: 1920, height: 1080 };
const COUNTER_PC = { width: 1366, height: 768 };

let chrome: TestBrowser;
let h: Harness;
let admin: Session;
let printer: VirtualPrinter;
let printed: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // The kiosk's printer: every job saved as .bin + .png, as the demo's virtual printer does in DATA_DIR/printed/.
  printed = mkdtempSync(join(tmpdir(), 'layso-feedback-printed-'));
  printer = await startVirtualPrinter({ port: 0, host: '127.0.0.1', outDir: printed });
  h = await startHarness({
    printerUrl: `tcp://127.0.0.1:${printer.port}`,
    env: { ALLOW_HTTP_UPSTREAM: 'true' },
  });
  admin = await login(h, h.credentials.admin.username);
  chrome = await launchBrowser();
});

afterAll(async () => {
  await chrome?.close();
  await h?.close();
  await printer?.close();
  if (printed) rmSync(printed, { recursive: true, force: true });
});

async function kiosk(size?: { width: number; height: number }): Promise<Page> {
  const page = await chrome.page(size);
  await page.goto(`${h.url}/kiosk#token=${h.credentials.kioskToken}`);
  await page.getByTestId('welcome').waitFor();
  return page;
}

/** The screen checked for what a citizen of 70 needs, and saved to be looked at. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  expect(await kioskProblems(page), name).toEqual([]);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/**
 * Presses the kiosk's own keys as a citizen would: each entry is a key (`data-key`) — a letter, a marked letter
 * (ă â đ ê ô ơ ư) by its own key, a tone key after the word's letters (the kiosk puts it on the right vowel).
 */
async function press(page: Page, keys: readonly string[]): Promise<void> {
  for (const k of keys) await page.locator(`[data-key="${k}"]`).click();
}
const keys = (s: string): string[] => s.split(' ');

/** The register as the admin reads it: every case, newest first. */
async function register(): Promise<FeedbackList> {
  const r = await h.api('/api/admin/feedback', { token: admin.token });
  expect(r.status).toBe(200);
  return r.body as FeedbackList;
}
async function caseOf(code: string): Promise<FeedbackCase> {
  const row = (await register()).cases.find((c) => c.code === code);
  if (!row) throw new Error(`case ${code} is not in the register`);
  const r = await h.api(`/api/admin/feedback/${row.id}`, { token: admin.token });
  expect(r.status).toBe(200);
  return r.body as FeedbackCase;
}

/** The receipt's code as shown: XXXX-XXXX in Crockford's letters, as the register spells it too. */
async function receiptCode(page: Page): Promise<string> {
  const shown = (await page.getByTestId('feedback-code').textContent())?.trim() ?? '';
  expect(shown).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  return shown;
}

/** The QR on a printed slip's PNG (as saved by the printer): what a citizen's phone would read. */
function qrOnPaper(job: VirtualPrinterJob): string {
  const bitmap = pngToBitmap(readFileSync(join(printed, `${job.name}.png`)));
  const rgba = bitmapToRgba(bitmap);
  const code = jsQR(
    new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength),
    bitmap.width,
    bitmap.height,
  );
  if (!code) throw new Error(`no QR on ${job.name}.png`);
  return code.data;
}

/** The slip the kiosk's receipt stands for, drawn again here: the paper must be exactly it (and so say nothing else). */
async function checkSlip(job: VirtualPrinterJob, code: string, answerByNotice: boolean): Promise<void> {
  const c = await caseOf(code);
  const url = `${h.url}/pa/${code.replace('-', '')}`;
  expect(qrOnPaper(job)).toBe(url);
  const expected = renderFeedbackSlip({
    centerName: h.server.ctx.settings.get().centerName,
    code,
    receivedAt: new Date(c.receivedAt),
    answerDueDay: c.answerDueDay,
    url,
    address: `${h.url.replace('http://', '')}/pa/${code}`,
    answerByNotice,
  });
  expect(job.bitmap?.cropHeight(expected.height).equals(expected)).toBe(true);
}

describe('feedback at the kiosk', { timeout: 180_000 }, () => {
  it('a case typed on the on-screen keyboard with a name and phone → the code → in the register', async () => {
    const page = await kiosk();
    await shoot(page, 'feedback-00-welcome');
    // Two taps to start: the bar under the services, then a topic.
    await page.getByTestId('feedback-open').click();
    await page.getByTestId('feedback-topic').waitFor();
    await shoot(page, 'feedback-01-topics');
    await page.getByTestId('feedback-topic-delay').click();
    await page.getByTestId('feedback-text').waitFor();
    // Nothing written yet: "Tiếp tục" waits for the text.
    expect(await page.getByTestId('feedback-next').isDisabled()).toBe(true);

    // "Chờ quầy 3 quá lâu." — tones by their keys, â and ơ by theirs, a digit and the full stop of the free text.
    await press(page, keys('shift c h ơ tone-huyen space q u â y tone-huyen space 3 space'));
    await press(page, keys('q u a tone-sac space l â u .'));
    const typed = await page.getByTestId('feedback-input').inputValue();
    expect(typed).toBe('Chờ quầy 3 quá lâu.');
    expect(await page.getByTestId('feedback-count').textContent()).toContain('19/2000');
    await shoot(page, 'feedback-02-text');
    await page.getByTestId('feedback-next').click();

    await page.getByTestId('feedback-details').waitFor();
    // The fields wait for the consent (Decree 13): the reason is on screen before it.
    expect(await page.getByTestId('feedback-name').isDisabled()).toBe(true);
    expect(await page.locator('.k-consent').textContent()).toContain('Nghị định 13/2023');
    await page.getByTestId('feedback-consent').click();
    await page.getByTestId('feedback-name').click();
    // A name: every word starts with a capital by itself.
    await press(page, keys('a n space b i n h'));
    await page.getByTestId('feedback-phone').click();
    await press(page, '0912345678'.split(''));
    expect(await page.getByTestId('feedback-name').inputValue()).toBe('An Binh');
    await shoot(page, 'feedback-03-details');
    const slip = printer.nextJob(60_000);
    await page.getByTestId('feedback-send').click();

    await page.getByTestId('feedback-receipt').waitFor();
    await page.locator('[data-testid="feedback-print"][data-state="printed"]').waitFor();
    expect(await page.getByTestId('feedback-print').textContent()).toContain('Đã in phiếu');
    await page
      .locator('img.lk-qr')
      .evaluate((img: HTMLImageElement) =>
        img.complete ? undefined : new Promise((r) => img.addEventListener('load', r, { once: true })),
      );
    const code = await receiptCode(page);
    // This center sends no messages (neither ZNS nor SMS is on): a phone was given, and still no text is promised.
    expect(await page.getByTestId('feedback-notice').count()).toBe(0);
    expect(await page.getByTestId('feedback-no-notice').textContent()).toContain(
      'Trung tâm hiện không nhắn tin báo câu trả lời; tra cứu bằng mã này.',
    );
    expect(await page.getByTestId('feedback-due').textContent()).toMatch(/Hạn trả lời: \d{2}\/\d{2}\/\d{4}/);
    await shoot(page, 'feedback-04-receipt');

    const c = await caseOf(code);
    expect(c).toMatchObject({
      code,
      channel: 'kiosk',
      topic: 'delay',
      status: 'new',
      name: 'An Binh',
      phone: '0912345678',
      ticket: null,
    });
    expect(c.text).toBe('Chờ quầy 3 quá lâu.');
    expect(c.text).toBe(c.text.normalize('NFC'));
    // The slip: the code, the dates, the QR of the case's page — no text, no name, no phone.
    await checkSlip(await slip, code, false);
    // The receipt's due day is the register's.
    const [y, m, d] = c.answerDueDay.split('-');
    expect(await page.getByTestId('feedback-due').textContent()).toContain(`${d}/${m}/${y}`);

    // "Xong" goes home, and nothing typed is left for the next citizen.
    await page.getByTestId('feedback-done').click();
    await page.getByTestId('welcome').waitFor();
    await page.getByTestId('feedback-open').click();
    await page.getByTestId('feedback-topic-other').click();
    expect(await page.getByTestId('feedback-input').inputValue()).toBe('');
    await page.close();
  });

  it('an anonymous case: the receipt says no answer can be sent; the register has no name or phone', async () => {
    const page = await kiosk(LANDSCAPE);
    await shoot(page, 'feedback-10-welcome-landscape');
    await page.getByTestId('feedback-open').click();
    await page.getByTestId('feedback-topic-attitude').click();
    await shoot(page, 'feedback-11-text-landscape');
    await press(page, keys('shift c a n tone-sac space b ô tone-nang space c h â m tone-nang .'));
    const typed = await page.getByTestId('feedback-input').inputValue();
    expect(typed).toBe('Cán bộ chậm.');
    await page.getByTestId('feedback-next').click();
    await page.getByTestId('feedback-details').waitFor();
    // No consent: the button says the case goes without a name.
    expect(await page.getByTestId('feedback-send').textContent()).toContain('Gửi không để lại tên');
    await shoot(page, 'feedback-12-details-landscape');
    const slip = printer.nextJob(60_000);
    await page.getByTestId('feedback-send').click();
    await page.getByTestId('feedback-receipt').waitFor();
    const code = await receiptCode(page);
    await page.locator('[data-testid="feedback-print"][data-state="printed"]').waitFor();
    // Without a phone the slip says no answer can be texted.
    await checkSlip(await slip, code, false);
    expect(await page.getByTestId('feedback-no-notice').textContent()).toContain(
      'Không có số điện thoại nên trung tâm không gửi được câu trả lời; tra cứu bằng mã này.',
    );
    await shoot(page, 'feedback-13-receipt-anonymous-landscape');
    const c = await caseOf(code);
    expect(c).toMatchObject({ channel: 'kiosk', topic: 'attitude', name: null, phone: null, text: typed });
    await page.close();
  });
  it('a printer out of paper: the receipt says the slip did not print and to keep the code; nothing printed', async () => {
    const page = await kiosk();
    await page.getByTestId('feedback-open').click();
    await page.getByTestId('feedback-topic-other').click();
    await press(page, keys('shift g h ê tone-sac space h o n g tone-hoi .'));
    await page.getByTestId('feedback-next').click();
    const jobs = printer.jobs.length;
    printer.setState('paper-out');
    try {
      await page.getByTestId('feedback-send').click();
      await page.getByTestId('feedback-receipt').waitFor();
      const code = await receiptCode(page);
      await page.locator('[data-testid="feedback-print"][data-state="failed"]').waitFor();
      const said = await page.getByTestId('feedback-print').textContent();
      expect(said).toContain(
        'Không in được phiếu — hãy dùng điện thoại chụp lại màn hình này hoặc ghi lại mã',
      );
      expect(said).not.toContain('Đã in phiếu');
      // The case is taken all the same, and its code is on screen to keep.
      expect((await caseOf(code)).channel).toBe('kiosk');
      await shoot(page, 'feedback-06-not-printed');
      expect(printer.jobs.length).toBe(jobs);
    } finally {
      printer.setState('ready');
    }
    await page.close();
  });

  it("past the kiosk's hourly limit: said in the kiosk's words, the text kept; off: no button", async () => {
    // Three cases came from this kiosk this hour (above): a limit of three refuses the fourth.
    const settings = await h.api('/api/admin/feedback/settings', { token: admin.token });
    expect(settings.status).toBe(200);
    const limited = await h.api('/api/admin/feedback/settings', {
      method: 'PUT',
      token: admin.token,
      body: { ...(settings.body as object), perKioskPerHour: 3 },
    });
    expect(limited.status).toBe(200);
    const before = (await register()).total;
    const page = await kiosk();
    await page.getByTestId('feedback-open').click();
    await page.getByTestId('feedback-topic-suggestion').click();
    await press(page, keys('shift t h ê m space g h ê tone-sac .'));
    await page.getByTestId('feedback-next').click();
    await page.getByTestId('feedback-send').click();
    const refusal = page.getByTestId('feedback-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Ki-ốt này đã nhận nhiều phản ánh trong giờ qua');
    expect(await refusal.textContent()).toContain('This kiosk has taken many cases this hour');
    await shoot(page, 'feedback-05-limited');
    expect((await register()).total).toBe(before);
    // Back to the text: what was typed is still there.
    await page.getByTestId('back').click();
    expect(await page.getByTestId('feedback-input').inputValue()).toBe('Thêm ghế.');

    // The center stops taking feedback: the kiosk offers no button.
    const off = await h.api('/api/admin/feedback/settings', {
      method: 'PUT',
      token: admin.token,
      body: { ...(settings.body as object), enabled: false },
    });
    expect(off.status).toBe(200);
    const asked = page.waitForResponse((r) => r.url().includes('/api/public/feedback/options'));
    await page.goto(`${h.url}/kiosk`);
    expect(await (await asked).json()).toMatchObject({ enabled: false });
    await page.getByTestId('welcome').waitFor();
    expect(await page.getByTestId('feedback-open').count()).toBe(0);
    // On again for what follows.
    const on = await h.api('/api/admin/feedback/settings', {
      method: 'PUT',
      token: admin.token,
      body: settings.body as object,
    });
    expect(on.status).toBe(200);
    await page.close();
  });
});

describe("feedback at the officer's console", { timeout: 120_000 }, () => {
  it('the officer serving a ticket records a case: the register shows the ticket and counter attached', async () => {
    const officer = h.credentials.officers[0]!;
    const seat = h.store.counters.byId(officer.counterId);
    const serviceId = seat?.serviceIds[0];
    if (!seat || serviceId === undefined) throw new Error('the demo officer has no counter');
    const issued = await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId } });
    expect(issued.status).toBe(201);
    const ticket = issued.body as Ticket;

    const page = await chrome.page(COUNTER_PC);
    await signIn(page, `${h.url}/counter`, officer);
    await pressCall(page);
    await page.getByTestId('current-number').filter({ hasText: ticket.number }).waitFor();
    await idle(page);

    await page.getByTestId('feedback-record').click();
    await page.getByTestId('feedback').waitFor();
    expect(await page.locator('.cs-feedback-for').textContent()).toContain(ticket.number);
    await page.getByTestId('feedback-topic-harassment').check();
    await page.getByTestId('feedback-text').fill('Bị yêu cầu nộp thêm giấy tờ không có trong quy định.');
    await page.getByTestId('feedback-consent').check();
    await page.getByTestId('feedback-name').fill('Trần Thị Bích');
    await page.getByTestId('feedback-phone').fill('0987654321');
    await page.screenshot({ path: join(SHOTS, 'feedback-20-console-form.png') });
    await page.getByTestId('feedback-submit').click();
    await page.getByTestId('feedback-recorded').waitFor();
    const code = await receiptCode(page);
    await page.screenshot({ path: join(SHOTS, 'feedback-21-console-recorded.png') });

    const c = await caseOf(code);
    expect(c).toMatchObject({
      channel: 'officer',
      topic: 'harassment',
      counterId: officer.counterId,
      name: 'Trần Thị Bích',
      phone: '0987654321',
      text: 'Bị yêu cầu nộp thêm giấy tờ không có trong quy định.',
    });
    expect(c.ticket).toMatchObject({ id: ticket.id, number: ticket.number });
    expect(c.receivedBy).not.toBeNull();

    // Closed, the console is as it was: the ticket is still at the counter.
    await page.getByTestId('feedback-close').click();
    await page.getByTestId('current-number').filter({ hasText: ticket.number }).waitFor();
    await page.close();
  });
});
