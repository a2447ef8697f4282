/**
 * The director's what-if in the admin app, in real Chromium against the demo center: "two more counters for Tư
 * pháp on Monday mornings" against today's staffing, read as minutes of waiting; a plan that changes nothing and
 * hours typed wrong are explained before anything runs. Screenshots at 1366×768 and on a phone.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@layso/queue-server';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';
import { signIn } from '../support/sign-in.js';

const SHOTS = join(REPO_ROOT, 'test-results/screenshots/admin');
const OFFICE_PC = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

let chrome: TestBrowser;
let h: Harness;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  chrome = await launchBrowser();
  h = await startHarness();
});
afterAll(async () => {
  await chrome.close();
  await h.close();
});

async function openSimulation(page: Page): Promise<void> {
  await signIn(page, `${h.url}/admin#simulation`, h.credentials.admin);
  await page.getByTestId('sim-form').waitFor();
}

/** A figure as the page writes it (12,5) back to a number. */
const minutes = (text: string) =>
  Number(
    text
      .replace(/[^\d,.-−]/g, '')
      .replace('−', '-')
      .replace(',', '.'),
  );

describe('what-if staffing in the admin app', () => {
  it('compares today with two more Tư pháp counters on Monday mornings, and reads the difference in minutes', async () => {
    const page = await chrome.page(OFFICE_PC);
    await openSimulation(page);
    // Without history, the page says its figures are the bundled profile's (assumed).
    expect(await page.getByTestId('sim-source').getAttribute('data-source')).toBe('profile');
    await expect.poll(() => page.getByTestId('sim-source').textContent()).toContain('số liệu mẫu');

    // A count left empty and hours typed wrong are explained, in both languages, and nothing runs.
    const row = page.getByTestId('sim-add-0');
    await row.locator('select[name="service"]').selectOption('TP');
    await row.locator('input[name="count"]').fill('');
    await page.getByTestId('sim-run').click();
    await page.getByTestId('sim-form-error').filter({ hasText: 'Row 1' }).waitFor();
    await row.locator('input[name="count"]').fill('2');
    await row.locator('input[name="from"]').fill('11:30');
    await row.locator('input[name="to"]').fill('07:00');
    await page.getByTestId('sim-run').click();
    await page.getByTestId('sim-form-error').filter({ hasText: 'dòng 1' }).waitFor();
    expect(await page.getByTestId('sim-progress').count()).toBe(0);

    await row.locator('input[name="from"]').fill('07:00');
    await row.locator('input[name="to"]').fill('11:30');
    await page.locator('select[name="weekday"]').selectOption('1');
    await page.locator('select[name="days"]').selectOption('10');
    await page.screenshot({ path: join(SHOTS, 'simulation-form-1366.png') });
    await page.getByTestId('sim-run').click();
    await page.getByTestId('sim-result').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('sim-plan-b').textContent()).toContain('+2 TP 07:00–11:30');

    // The director reads Tư pháp first among the changes, with fewer minutes on B's side.
    const tp = page.getByTestId('sim-headlines').locator('li[data-code="TP"]');
    await tp.waitFor();
    expect(await tp.textContent()).toMatch(/Tư pháp.*chờ trung bình .* → .* phút \(−/);
    const tpRow = page.getByTestId('sim-table').locator('tr[data-code="TP"] td');
    const [a, b] = [
      minutes((await tpRow.nth(2).innerText()).split('\n')[0]!),
      minutes((await tpRow.nth(3).innerText()).split('\n')[0]!),
    ];
    expect(b).toBeLessThan(a);
    expect(await tpRow.nth(4).getAttribute('class')).toContain('ad-better');
    await page.getByTestId('sim-chart-services').locator('canvas').waitFor();
    await page.getByTestId('sim-chart-hours').locator('canvas').waitFor();
    expect(await page.getByTestId('sim-estimate').textContent()).toMatch(/trung vị \d/);
    await page.screenshot({ path: join(SHOTS, 'simulation-result-1366.png'), fullPage: true });

    // On a phone the form and the result fit the width (the table scrolls sideways inside its card).
    const phone = await chrome.page(PHONE);
    await openSimulation(phone);
    const phoneRow = phone.getByTestId('sim-add-0');
    await phoneRow.locator('select[name="service"]').selectOption('TP');
    await phone.locator('select[name="days"]').selectOption('10');
    await phone.getByTestId('sim-run').click();
    await phone.getByTestId('sim-result').waitFor({ timeout: 120_000 });
    await phone.screenshot({ path: join(SHOTS, 'simulation-phone.png'), fullPage: true });
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('asks "what if 30 % of Tư pháp is booked" and shows booked and walk-in waits apart', async () => {
    const page = await chrome.page(OFFICE_PC);
    await openSimulation(page);
    await page.getByTestId('sim-remove-0').click();
    await page.getByTestId('sim-booked-add').click();
    const row = page.getByTestId('sim-booked-0');
    await row.locator('select[name="booked-service"]').selectOption('TP');
    await row.locator('input[name="booked-percent"]').fill('');
    await page.getByTestId('sim-run').click();
    await page.getByTestId('sim-form-error').filter({ hasText: 'Booked row 1' }).waitFor();
    await row.locator('input[name="booked-percent"]').fill('30');
    await page.locator('select[name="weekday"]').selectOption('1');
    await page.locator('select[name="days"]').selectOption('10');
    await page.getByTestId('sim-run').click();
    await page.getByTestId('sim-result').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('sim-plan-b').textContent()).toContain('30 % TP');
    // Only Tư pháp has booked citizens, who wait less than its walk-ins in plan B.
    const table = page.getByTestId('sim-booked-table');
    expect(
      await table.locator('tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-code'))),
    ).toEqual(['TP', '*']);
    const tp = table.locator('tr[data-code="TP"] td');
    expect(minutes(await tp.nth(3).innerText())).toBeGreaterThan(0);
    expect(minutes(await tp.nth(5).innerText())).toBeLessThan(minutes(await tp.nth(2).innerText()));
    await page.screenshot({ path: join(SHOTS, 'simulation-booked-1366.png'), fullPage: true });
  });

  it('says so when plan B changes nothing, and runs nothing', async () => {
    const page = await chrome.page(OFFICE_PC);
    await openSimulation(page);
    await page.getByTestId('sim-remove-0').click();
    await page.getByTestId('sim-run').click();
    await page.getByTestId('sim-form-error').filter({ hasText: 'giống hiện nay' }).waitFor();
    expect(await page.getByTestId('sim-result').count()).toBe(0);
  });
});
