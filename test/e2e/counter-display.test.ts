/**
 * The screens around the counters in real Chromium against a real queue server, several pages at once: the
 * officer's console calls a ticket taken at the kiosk, the lobby display shows it and queues its announcement,
 * the officer finishes, the citizen rates on the counter-top screen and the rating is stored. Also recall and
 * transfer between two consoles, two consoles calling at the same instant, double clicks, and the display and
 * the console riding out a `kill -9` of the server.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@layso/queue-server';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { killAllServerProcesses, readCredentials, REPO_ROOT, startServerProcess } from '../support/child.js';
import { api } from '../support/http.js';

const SHOTS = join(REPO_ROOT, 'test-results/screenshots/counter-display');
const COUNTER_PC = { width: 1366, height: 768 };
const TV = { width: 1920, height: 1080 };
const COUNTER_TOP = { width: 1280, height: 800 };

let chrome: TestBrowser;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  chrome = await launchBrowser();
});
afterAll(async () => {
  await chrome.close();
  await killAllServerProcesses();
});

type Officer = { username: string; password: string; counterId: number };

/** Signs in on the console as a newcomer would: the form, then confirming the counter offered. */
async function signIn(page: Page, base: string, officer: Officer): Promise<void> {
  await page.goto(`${base}/counter`);
  await page.locator('input[name="username"]').fill(officer.username);
  await page.locator('input[name="password"]').fill(officer.password);
  await page.keyboard.press('Enter');
  await page.getByTestId('confirm-counter').click();
  await page.getByTestId('current').waitFor();
  await page.locator('[data-testid="connection"][data-status="online"]').waitFor({ state: 'attached' });
}

const issue = async (h: Harness, serviceId: number) =>
  (await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId } })).body as {
    id: number;
    number: string;
  };

const row = (h: Harness, id: number) =>
  h.store.db
    .prepare(
      'SELECT status, counter_id, officer_id, rating, rating_reason, outcome, dossier_code FROM tickets WHERE id = ?',
    )
    .get(id) as Record<string, unknown>;

/** The counter-top screen's pairing address for a counter (the credentials were written before the port was known). */
function counterTopUrl(h: Harness, counterId: number): string {
  const paired = h.credentials.counterTopUrls.find((c) => c.counterId === counterId)!;
  return `${h.url}/counter-top/${counterId}${new URL(paired.url).hash}`;
}

async function openDisplay(base: string, token: string, query = ''): Promise<Page> {
  const page = await chrome.page(TV);
  await page.goto(`${base}/display${query}#token=${token}`);
  await page.getByTestId('display').waitFor();
  await page.locator('[data-testid="connection"][data-status="online"]').waitFor({ state: 'attached' });
  return page;
}

describe('a ticket from call to rating', () => {
  it('console calls → display shows and announces → finish with a dossier → counter-top rating is stored', async () => {
    const h = await startHarness();
    try {
      const officer = h.credentials.officers[3]!; // Quầy 4, Sở Tư pháp
      const serviceId = h.store.counter(officer.counterId)!.serviceIds[0]!;
      const waiting = [await issue(h, serviceId), await issue(h, serviceId)];
      const ticket = waiting[0]!;

      const display = await openDisplay(h.url, h.credentials.displayToken);
      const top = await chrome.page(COUNTER_TOP);
      await top.goto(counterTopUrl(h, officer.counterId));
      await top.getByTestId('idle').waitFor();
      const console = await chrome.page(COUNTER_PC);
      await signIn(console, h.url, officer);
      await top.getByTestId('officer').waitFor();
      const officerName = h.store.userByName(officer.username)!.displayName;
      expect(await top.getByTestId('officer').textContent()).toContain(officerName);
      // The queue lists both waiting tickets, in call order.
      await console.locator('[data-testid="queue"] li').nth(1).waitFor();
      expect(await console.locator('[data-testid="queue"] li').first().getAttribute('data-number')).toBe(
        ticket.number,
      );

      // Call by keyboard alone: G.
      await console.keyboard.press('g');
      await console.getByTestId('current-number').filter({ hasText: ticket.number }).waitFor();
      await display.getByTestId('hero-number').filter({ hasText: ticket.number }).waitFor();
      const counterNo = h.store.counter(officer.counterId)!.number;
      expect(await display.getByTestId('hero-counter-number').textContent()).toBe(String(counterNo));
      // The announcement was queued and played through to the end (chime, sentence, repeat).
      await display.locator('[data-testid="announcer"][data-played="1"]').waitFor({ state: 'attached' });
      expect(await display.getByTestId('announcer').getAttribute('data-failed')).toBe('0');
      expect(await display.getByTestId('announcer').getAttribute('data-engine')).toMatch(/clip|speech/);
      await top.getByTestId('serving-number').filter({ hasText: ticket.number }).waitFor();
      await display.screenshot({ path: join(SHOTS, 'display-1080p-call.png') });
      await top.screenshot({ path: join(SHOTS, 'counter-top-serving.png') });

      await console.keyboard.press('b');
      await console.locator('[data-testid="current"][data-status="serving"]').waitFor();
      await console.keyboard.press('k');
      await console.getByTestId('finish').waitFor();
      await console.locator('input[name="dossierCode"]').fill('000.00.12.h61-261202-00');
      await console.getByTestId('finish-submit').click();
      // A code not in the agency-date-number form is refused at the counter, in words, before the server.
      await console.getByTestId('finish-error').waitFor();
      await console.locator('input[name="dossierCode"]').fill(' 000.00.12.H61-261202-0042 ');
      await console.locator('input[name="procedure"]').fill('ly lich tu phap');
      await console.locator('.cs-hits button').first().waitFor();
      await console.screenshot({ path: join(SHOTS, 'console-1366-finish.png') });
      await console.locator('.cs-hits button').first().click();
      await console.locator('input[name="appointment"]').fill('2026-12-09T14:00');
      await console.getByTestId('finish-submit').click();
      await console.getByTestId('action-info').waitFor();
      expect(row(h, ticket.id)).toMatchObject({
        status: 'done',
        outcome: 'received',
        dossier_code: '000.00.12.H61-261202-0042',
        counter_id: officer.counterId,
      });

      // The counter-top screen asks the citizen; not satisfied → a reason → thanks.
      await top.getByTestId('rating').waitFor();
      await top.screenshot({ path: join(SHOTS, 'counter-top-rating.png') });
      await top.keyboard.press('3');
      await top.locator('[data-testid="rating"][data-step="reason"]').waitFor();
      await top.screenshot({ path: join(SHOTS, 'counter-top-reasons.png') });
      await top.getByTestId('reason-long-wait').click();
      await top.locator('[data-testid="thanks"][data-saved="true"]').waitFor();
      await top.screenshot({ path: join(SHOTS, 'counter-top-thanks.png') });
      const stored = row(h, ticket.id);
      expect(stored).toMatchObject({ rating: 'unsatisfied', rating_reason: 'long-wait' });
      expect(stored.officer_id).toBe(h.store.counter(officer.counterId)!.officerId);

      // The next one is there for the officer; the wall still shows the last call.
      await console.locator('[data-testid="queue"] li').first().waitFor();
      await console.screenshot({ path: join(SHOTS, 'console-1366-after-finish.png') });
      for (const p of [display, top, console]) await p.close();
    } finally {
      await h.close();
    }
  });
});
