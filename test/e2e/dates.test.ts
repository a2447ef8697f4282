/**
 * Dates and times in Vietnamese form whatever the browser's language (issue 16, item 7), in a Chromium started
 * with --lang=en-US, where a native date field reads 12/07/2026 for 7 December and a time field 02:30 PM: the
 * admin's report range, the opening hours of a service and the officer's appointment field show and take
 * dd/mm/yyyy and 24-hour HH:mm; 07/12/2026 is 7 December in what the page sends; a wrong date or time is
 * refused, in Vietnamese and English, and nothing is sent. Screenshots of each field.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@layso/queue-server';
import { idle, pressCall } from '../support/console.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';
import { vietnamDay } from '../support/days.js';

const SHOTS = join(REPO_ROOT, 'test-results/screenshots/dates');
const OFFICE_PC = { width: 1366, height: 768 };

let chrome: TestBrowser;
let h: Harness;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  chrome = await launchBrowser({ lang: 'en-US' });
  // A center that generates dossier codes: the officer's finish form needs no typed code.
  h = await startHarness({ env: { AGENCY_ID: '000.00.12.H62' } });
});
afterAll(async () => {
  await h?.close();
  await chrome?.close();
});

/** Today in Vietnam as dd/mm/yyyy, computed here independently of the code under test. */
const vietnamToday = () => vietnamDay().typed;
/** An appointment a few days ahead (the field refuses a day before today). */
const AHEAD = vietnamDay(30);

/** Every request the page makes whose path starts with `path`, in order. */
function requestsTo(page: Page, path: string): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith(path)) seen.push(r);
  });
  return seen;
}

async function adminAt(hash: string): Promise<Page> {
  const page = await chrome.page(OFFICE_PC);
  await page.goto(`${h.url}/admin#${hash}`);
  await page.locator('input[name="username"]').fill(h.credentials.admin.username);
  await page.locator('input[name="password"]').fill(h.credentials.admin.password);
  await page.getByTestId('sign-in').click();
  await page.getByTestId(`page-${hash}`).waitFor();
  return page;
}

describe('dates and times in a browser set to English (US)', () => {
  it('the admin report range shows dd/mm/yyyy, reads 07/12 as 7 December and refuses a date that does not exist', async () => {
    const page = await adminAt('reports');
    // The browser really is American: its own formatting puts the month first.
    expect(
      await page.evaluate(() => [navigator.language, new Date(2026, 11, 7).toLocaleDateString()]),
    ).toEqual(['en-US', '12/7/2026']);
    const form = page.locator('.ad-report-form');
    const from = page.getByLabel('Từ ngày');
    const to = page.getByLabel('Đến ngày');
    expect(await from.getAttribute('name')).toBe('from');
    expect(await from.inputValue()).toBe(vietnamToday());
    expect(await to.inputValue()).toBe(vietnamToday());
    expect(await from.getAttribute('inputmode')).toBe('numeric');
    expect((await from.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await form.screenshot({ path: join(SHOTS, 'report-range-en-US.png') });

    const reports = requestsTo(page, '/api/reports');
    await from.fill('31/02/2025');
    const problem = form.locator('[role="alert"]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('Không có ngày 31/02/2025');
    expect(await problem.textContent()).toContain('31/02/2025 is not a real date');
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    expect(await from.getAttribute('aria-describedby')).toBe(await problem.getAttribute('id'));
    await page.getByTestId('report-show').click();
    await form.screenshot({ path: join(SHOTS, 'report-range-refused-en-US.png') });

    // Typed as digits only (a phone's number pad): the slashes come by themselves.
    await from.fill('');
    await from.pressSequentially('07122025');
    expect(await from.inputValue()).toBe('07/12/2025');
    await problem.waitFor({ state: 'detached' });
    await to.fill('8/12/2025');
    const sent = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/reports');
    await page.getByTestId('report-show').click();
    const query = new URL((await sent).url()).searchParams;
    expect([query.get('from'), query.get('to')]).toEqual(['2025-12-07', '2025-12-08']);
    await page.getByTestId('report').waitFor();
    // The click on the refused date sent nothing: this click's two requests (the queue's figures and the dossiers'
    // progress over the same days) are the only ones asked for.
    expect(reports.map((r) => new URL(r.url()).pathname).sort()).toEqual([
      '/api/reports',
      '/api/reports/dossiers',
    ]);
    expect(await page.locator('.ad-report-title').first().textContent()).toContain(
      'Báo cáo từ 07/12/2025 đến 08/12/2025',
    );
    expect(await to.inputValue()).toBe('08/12/2025');

    // The calendar button's browser picker hands back an ISO day; the field still shows it day first.
    await form.locator('input[type="date"]').first().fill('2025-11-30');
    expect(await from.inputValue()).toBe('30/11/2025');

    // A quick choice puts its days in the fields, still day first.
    await page.getByTestId('report-today').click();
    expect(await from.inputValue()).toBe(vietnamToday());
  });

  it('the hours of a service are 24-hour: 2:30 PM is refused in both languages, 24:00 only as a close', async () => {
    const page = await adminAt('services');
    await page.getByTestId('service-add').click();
    const form = page.getByTestId('service-form');
    await form.locator('input[name="code"]').fill('GIO');
    await form.locator('input[name="name"]').fill('Thử giờ');
    await form.locator('input[name="prefix"]').fill('GZ');
    const open = form.getByLabel('Thứ Hai Chiều mở');
    const close = form.getByLabel('Thứ Hai Chiều đóng');
    await open.fill('2:30 PM');
    await open.press('Tab');
    const openProblem = form.locator(`[id="${await open.getAttribute('aria-describedby')}"]`);
    expect(await openProblem.textContent()).toContain('Nhập giờ kiểu 24 giờ');
    expect(await openProblem.textContent()).toContain('Type the time as 24-hour');
    await close.fill('24:00');
    await close.press('Tab');
    expect(await close.getAttribute('aria-invalid')).toBeNull();
    await page.getByTestId('service-save').click();
    await page.getByTestId('service-bad-hours').waitFor();
    await form.locator('.ad-hours').screenshot({ path: join(SHOTS, 'service-hours-refused-en-US.png') });
    expect(h.store.catalogue.services().some((s) => s.code === 'GIO')).toBe(false);

    await open.fill('');
    await open.pressSequentially('1430');
    expect(await open.inputValue()).toBe('14:30');
    await page.getByTestId('service-save').click();
    await page.getByTestId('service-GIO').waitFor();
    const saved = h.store.catalogue.services().find((s) => s.code === 'GIO')!;
    expect(saved.hours['1']).toEqual([
      { open: '07:00', close: '11:30' },
      { open: '14:30', close: '24:00' },
    ]);

    // What the audit log shows is day first and 24-hour too.
    await page.goto(`${h.url}/admin#audit`);
    const when = page.getByTestId('audit-table').locator('tbody tr td').first();
    await when.waitFor();
    expect(await when.textContent()).toMatch(new RegExp(`^${vietnamToday()} ([01]\\d|2[0-3]):[0-5]\\d$`));
  });

  it("the officer's appointment field takes dd/mm/yyyy 14:30 as that day at 14:30 in Vietnam", async () => {
    const officer = h.credentials.officers[3]!;
    const serviceId = h.store.counters.byId(officer.counterId)!.serviceIds[0]!;
    const ticket = (await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId } }))
      .body as {
      number: string;
    };
    const page = await chrome.page(OFFICE_PC);
    await page.goto(`${h.url}/counter`);
    await page.locator('input[name="username"]').fill(officer.username);
    await page.locator('input[name="password"]').fill(officer.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('confirm-counter').click();
    await page.locator('[data-testid="connection"][data-status="online"]').waitFor({ state: 'attached' });
    await pressCall(page);
    await page.getByTestId('current-number').filter({ hasText: ticket.number }).waitFor();
    await idle(page);
    await page.keyboard.press('k');
    const panel = page.getByTestId('finish');
    await panel.waitFor();
    const date = page.locator('input[name="appointment-date"]');
    const time = page.locator('input[name="appointment-time"]');
    expect([await date.getAttribute('placeholder'), await time.getAttribute('placeholder')]).toEqual([
      'dd/mm/yyyy',
      'hh:mm',
    ]);
    await page.getByTestId('appointment').screenshot({ path: join(SHOTS, 'appointment-empty-en-US.png') });

    const finishes = requestsTo(page, '/api/tickets/');
    await date.fill('31/02/2027');
    await time.fill('25:00');
    const dateProblem = page.getByTestId('appointment-date-error');
    const timeProblem = page.getByTestId('appointment-time-error');
    expect(await dateProblem.textContent()).toContain('Không có ngày 31/02/2027');
    expect(await dateProblem.textContent()).toContain('31/02/2027 is not a real date');
    expect(await timeProblem.textContent()).toContain('Giờ phải từ 00:00 đến 23:59');
    expect(await timeProblem.textContent()).toContain('The time must be from 00:00 to 23:59');
    await page.getByTestId('finish-submit').click();
    expect(await page.getByTestId('finish-error').textContent()).toContain('Ngày giờ hẹn chưa đúng');
    await panel.screenshot({ path: join(SHOTS, 'appointment-refused-en-US.png') });

    // A day without its hour is not an appointment: said once the officer leaves the pair.
    await date.fill(AHEAD.typed);
    await time.fill('');
    await page.locator('input[name="procedure"]').focus();
    const half = page.getByTestId('appointment-error');
    expect(await half.textContent()).toContain('Nhập cả ngày và giờ');
    expect(await half.textContent()).toContain('Type both the date and the time');

    await date.fill('');
    await date.pressSequentially(AHEAD.typed.replaceAll('/', ''));
    await time.fill('');
    await time.pressSequentially('1430');
    expect([await date.inputValue(), await time.inputValue()]).toEqual([AHEAD.typed, '14:30']);
    await page.getByTestId('appointment').screenshot({ path: join(SHOTS, 'appointment-en-US.png') });
    const sent = page.waitForRequest((r) => /\/api\/tickets\/\d+\/finish$/.test(new URL(r.url()).pathname));
    await page.getByTestId('finish-submit').click();
    const body = (await sent).postDataJSON() as { dossier: { appointmentAt: string } };
    expect(body.dossier.appointmentAt).toBe(`${AHEAD.iso}T14:30:00+07:00`);
    // The refused submit sent nothing.
    expect(finishes.filter((r) => r.url().endsWith('/finish'))).toHaveLength(1);
    await page.getByTestId('action-info').waitFor();
  });
});
