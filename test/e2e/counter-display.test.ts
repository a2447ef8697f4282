/**
 * The screens around the counters in real Chromium against a real queue server, several pages at once: the
 * officer's console calls a ticket taken at the kiosk, the lobby display shows it and queues its announcement,
 * the officer finishes, the citizen rates on the counter-top screen and the rating is stored. Also recall and
 * transfer between two consoles, two consoles calling at the same instant, double clicks, and the display and
 * the console riding out a `kill -9` of the server.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issue, startHarness, type Harness } from '@layso/queue-server/testing';
import { idle, pressCall } from '../support/console.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import {
  freePort,
  killAllServerProcesses,
  readCredentials,
  REPO_ROOT,
  startServerProcess,
} from '../support/child.js';
import { api } from '../support/http.js';
import { signIn } from '../support/sign-in.js';
import { vietnamDay } from '../support/days.js';

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
      const serviceId = h.store.counters.byId(officer.counterId)!.serviceIds[0]!;
      const waiting = [await issue(h, serviceId), await issue(h, serviceId)];
      const ticket = waiting[0]!;

      const display = await openDisplay(h.url, h.credentials.displayToken);
      const top = await chrome.page(COUNTER_TOP);
      await top.goto(counterTopUrl(h, officer.counterId));
      await top.getByTestId('idle').waitFor();
      const console = await chrome.page(COUNTER_PC);
      await signIn(console, `${h.url}/counter`, officer);
      await top.getByTestId('officer').waitFor();
      const officerName = h.store.accounts.userByName(officer.username)!.displayName;
      expect(await top.getByTestId('officer').textContent()).toContain(officerName);
      // The queue lists both waiting tickets, in call order.
      await console.locator('[data-testid="queue"] li').nth(1).waitFor();
      expect(await console.locator('[data-testid="queue"] li').first().getAttribute('data-number')).toBe(
        ticket.number,
      );

      // Call by keyboard alone: G.
      await pressCall(console);
      await console.getByTestId('current-number').filter({ hasText: ticket.number }).waitFor();
      await display.getByTestId('hero-number').filter({ hasText: ticket.number }).waitFor();
      const counterNo = h.store.counters.byId(officer.counterId)!.number;
      expect(await display.getByTestId('hero-counter-number').textContent()).toBe(String(counterNo));
      // The announcement was queued and played through to the end (chime, sentence, repeat).
      await display.locator('[data-testid="announcer"][data-played="1"]').waitFor({ state: 'attached' });
      expect(await display.getByTestId('announcer').getAttribute('data-failed')).toBe('0');
      expect(await display.getByTestId('announcer').getAttribute('data-engine')).toMatch(/clip|speech/);
      await top.getByTestId('serving-number').filter({ hasText: ticket.number }).waitFor();
      await display.screenshot({ path: join(SHOTS, 'display-1080p-call.png') });
      await top.screenshot({ path: join(SHOTS, 'counter-top-serving.png') });

      await idle(console);

      await console.keyboard.press('b');
      await console.locator('[data-testid="current"][data-status="serving"]').waitFor();
      await idle(console);
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
      await console.locator('input[name="appointment-date"]').fill(vietnamDay(2).typed);
      await console.locator('input[name="appointment-time"]').fill('14:00');
      await console.getByTestId('finish-submit').click();
      await console.getByTestId('action-info').waitFor();
      await idle(console);
      expect(row(h, ticket.id)).toMatchObject({
        status: 'done',
        outcome: 'received',
        dossier_code: '000.00.12.H61-261202-0042',
        counter_id: officer.counterId,
      });

      // The counter-top screen asks the citizen; not satisfied → a reason → thanks.
      await top.locator('[data-testid="rating"][data-ready="true"]').waitFor();
      await top.screenshot({ path: join(SHOTS, 'counter-top-rating.png') });
      await top.keyboard.press('3');
      await top.locator('[data-testid="rating"][data-step="reason"][data-ready="true"]').waitFor();
      await top.screenshot({ path: join(SHOTS, 'counter-top-reasons.png') });
      await top.getByTestId('reason-long-wait').click();
      await top.locator('[data-testid="thanks"][data-saved="true"]').waitFor();
      await top.screenshot({ path: join(SHOTS, 'counter-top-thanks.png') });
      const stored = row(h, ticket.id);
      expect(stored).toMatchObject({ rating: 'unsatisfied', rating_reason: 'long-wait' });
      expect(stored.officer_id).toBe(h.store.counters.byId(officer.counterId)!.officerId);

      // The next one is there for the officer; the wall still shows the last call.
      await console.locator('[data-testid="queue"] li').first().waitFor();
      await console.screenshot({ path: join(SHOTS, 'console-1366-after-finish.png') });
      for (const p of [display, top, console]) await p.close();
    } finally {
      await h.close();
    }
  });
});

describe('recall, transfer and pause', () => {
  it('recalls with the count left, transfers with a note the next counter reads, pauses with a reason', async () => {
    const h = await startHarness();
    try {
      const a = h.credentials.officers[0]!; // Quầy 1: Sở Tài chính
      const b = h.credentials.officers[3]!; // Quầy 4: Sở Tư pháp
      const from = h.store.counters.byId(a.counterId)!.serviceIds[0]!;
      const to = h.store.counters.byId(b.counterId)!.serviceIds[0]!;
      const ticket = await issue(h, from);
      const display = await openDisplay(h.url, h.credentials.displayToken);
      const one = await chrome.page(COUNTER_PC);
      await signIn(one, `${h.url}/counter`, a);
      const four = await chrome.page(COUNTER_PC);
      await signIn(four, `${h.url}/counter`, b);
      const top = await chrome.page(COUNTER_TOP);
      await top.goto(counterTopUrl(h, b.counterId));
      await top.getByTestId('idle').waitFor();

      await one.getByTestId('action-call').click();
      await one.getByTestId('current-number').filter({ hasText: ticket.number }).waitFor();
      await display.locator(`[data-testid="hero"][data-ticket="${ticket.id}"]`).waitFor();
      await idle(one);
      await one.keyboard.press('l');
      await one
        .getByTestId('action-recall')
        .filter({ hasText: `còn ${h.config.RECALL_LIMIT - 1} lần` })
        .waitFor();
      expect(row(h, ticket.id).status).toBe('called');
      // The call and the recall are two announcements, queued in that order (the queue plays one at a time).
      await display
        .locator(`[data-testid="announcer"][data-heard~="${ticket.id}:1"]`)
        .waitFor({ state: 'attached' });
      expect(await display.getByTestId('announcer').getAttribute('data-heard')).toBe(
        `${ticket.id}:0 ${ticket.id}:1`,
      );

      await idle(one);

      await one.keyboard.press('c');
      await one.getByTestId('transfer').waitFor();
      await one.getByTestId('transfer-submit').click();
      await one.getByTestId('transfer-error').waitFor(); // no service picked yet: said, nothing sent
      await one.locator('select[name="service"]').selectOption(String(to));
      await one.locator('textarea[name="note"]').fill('Đã kiểm tra giấy tờ, cần ký xác nhận');
      await one.getByTestId('transfer-submit').click();
      await one.getByTestId('action-info').waitFor();
      await idle(one);
      expect(row(h, ticket.id).status).toBe('transferred');
      await one.locator('[data-testid="current"]').filter({ hasText: 'Chưa gọi số nào' }).waitFor();

      // The receiving counter sees the transferred ticket arrive, marked, and reads the note once it calls it.
      const arrived = four.locator('[data-testid="queue"] li', { hasText: 'Chuyển đến' });
      await arrived.waitFor();
      const newNumber = await arrived.getAttribute('data-number');
      await pressCall(four);
      await four.getByTestId('current-number').filter({ hasText: newNumber! }).waitFor();
      expect(await four.getByTestId('transfer-note').textContent()).toContain('Đã kiểm tra giấy tờ');
      await four.screenshot({ path: join(SHOTS, 'console-1366-transferred-in.png') });

      // Pause with a reason: the counter-top screen says so; resuming clears it.
      await idle(four);
      await four.keyboard.press('k');
      await four.locator('input[value="guidance"]').check();
      await four.getByTestId('finish-submit').click();
      await four.getByTestId('action-info').waitFor();
      await idle(four);
      await top.locator('[data-testid="rating"][data-ready="true"]').waitFor();
      await top.keyboard.press('2');
      await top.locator('[data-testid="thanks"][data-saved="true"]').waitFor();
      await idle(four);
      await four.keyboard.press('t');
      await four.getByTestId('pause').waitFor();
      await four.locator('label', { hasText: 'Họp' }).click();
      await four.getByTestId('pause-submit').click();
      await four.getByTestId('paused').filter({ hasText: 'Họp' }).waitFor();
      await top.getByTestId('idle').filter({ hasText: 'Họp' }).waitFor();
      expect(await four.getByTestId('action-call').isDisabled()).toBe(true);
      await four.screenshot({ path: join(SHOTS, 'console-1366-paused.png') });
      await idle(four);
      await four.keyboard.press('t');
      await four.getByTestId('paused').waitFor({ state: 'detached' });
      await top.getByTestId('idle').filter({ hasNotText: 'Họp' }).waitFor();
      for (const p of [display, one, four, top]) await p.close();
    } finally {
      await h.close();
    }
  });
});

describe('two consoles and impatient hands', () => {
  it('two counters calling at the same instant never get the same ticket; a double click calls once', async () => {
    const h = await startHarness();
    try {
      const a = h.credentials.officers[0]!; // Quầy 1 and Quầy 2 both serve Sở Tài chính first
      const b = h.credentials.officers[1]!;
      const serviceId = h.store.counters.byId(a.counterId)!.serviceIds[0]!;
      expect(h.store.counters.byId(b.counterId)!.serviceIds[0]).toBe(serviceId);
      const one = await chrome.page(COUNTER_PC);
      await signIn(one, `${h.url}/counter`, a);
      const two = await chrome.page(COUNTER_PC);
      await signIn(two, `${h.url}/counter`, b);

      const finishBoth = async () => {
        for (const p of [one, two]) {
          if ((await p.locator('[data-testid="current"][data-status]').count()) === 0) continue;
          await idle(p);
          await p.keyboard.press('k');
          await p.locator('input[value="guidance"]').check();
          await p.getByTestId('finish-submit').click();
          await p.locator('[data-testid="current"]').filter({ hasText: 'Chưa gọi số nào' }).waitFor();
        }
      };
      for (let round = 0; round < 5; round++) {
        // Two waiting, both call at once: each gets one, never the same.
        const tickets = [await issue(h, serviceId), await issue(h, serviceId)];
        await one.locator('[data-testid="queue"] li').nth(1).waitFor();
        await two.locator('[data-testid="queue"] li').nth(1).waitFor();
        await Promise.all([idle(one), idle(two)]);
        await Promise.all([one.keyboard.press('g'), two.keyboard.press('g')]);
        const numbers = await Promise.all(
          [one, two].map(async (p) => {
            await p.locator('[data-testid="current"][data-status="called"]').waitFor();
            return p.getByTestId('current-number').textContent();
          }),
        );
        expect(new Set(numbers)).toEqual(new Set(tickets.map((t) => t.number)));
        await finishBoth();
      }
      // One waiting, both call at once: one gets it, the other is told nobody waits.
      const last = await issue(h, serviceId);
      await one.locator('[data-testid="queue"] li').first().waitFor();
      await two.locator('[data-testid="queue"] li').first().waitFor();
      await Promise.all([one.getByTestId('action-call').click(), two.getByTestId('action-call').click()]);
      const outcomes = await Promise.all(
        [one, two].map((p) =>
          Promise.race([
            p
              .locator('[data-testid="current"][data-status="called"]')
              .waitFor()
              .then(() => 'called'),
            p
              .getByTestId('action-info')
              .filter({ hasText: 'Không có ai' })
              .waitFor()
              .then(() => 'nobody'),
          ]),
        ),
      );
      expect(outcomes.sort()).toEqual(['called', 'nobody']);
      expect(row(h, last.id).status).toBe('called');
      await finishBoth();

      // A double click on "Call next" calls one ticket, not two.
      const pair = [await issue(h, serviceId), await issue(h, serviceId)];
      await one.locator('[data-testid="queue"] li').nth(1).waitFor();
      await one.getByTestId('action-call').dblclick();
      await one.locator('[data-testid="current"][data-status="called"]').waitFor();
      await one.locator('[data-testid="queue"] li').nth(1).waitFor({ state: 'detached' });
      const statuses = pair.map((t) => row(h, t.id).status).sort();
      expect(statuses).toEqual(['called', 'waiting']);
      for (const p of [one, two]) await p.close();
    } finally {
      await h.close();
    }
  });
});

describe('after kill -9 of the server', () => {
  it('the display and the console show the true state by themselves, the officer still signed in at the counter', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'layso-screens-down-'));
    const port = String(await freePort());
    let server = await startServerProcess(dataDir, { PORT: port });
    try {
      const c = readCredentials(dataDir);
      const officer = c.officers[4]!; // Quầy 5, Sở Tư pháp
      const services = (await api(server.url, '/api/services')).body as { id: number; code: string }[];
      const tp = services.find((s) => s.code === 'TP')!.id;
      const take = async () =>
        (await api(server.url, '/api/tickets', { token: c.kioskToken, body: { serviceId: tp } })).body as {
          id: number;
          number: string;
        };
      const first = await take();
      const display = await openDisplay(server.url, c.displayToken);
      const console = await chrome.page(COUNTER_PC);
      await signIn(console, `${server.url}/counter`, officer);
      await pressCall(console);
      await console.getByTestId('current-number').filter({ hasText: first.number }).waitFor();
      await display.getByTestId('hero-number').filter({ hasText: first.number }).waitFor();

      server.signal('SIGKILL');
      await server.exited;
      for (const p of [display, console])
        await p.locator('[data-testid="connection"][data-status="offline"]').waitFor({ state: 'attached' });
      await display.screenshot({ path: join(SHOTS, 'display-1080p-offline.png') });
      // While the server is away a click is refused in words, and nothing is pretended.
      await idle(console);
      await console.keyboard.press('b');
      await console.getByTestId('action-error').waitFor();

      server = await startServerProcess(dataDir, { PORT: port });
      for (const p of [display, console])
        await p.locator('[data-testid="connection"][data-status="online"]').waitFor({ state: 'attached' });
      // The officer's place is intact: still at the counter with the same ticket called.
      await console.getByTestId('current-number').filter({ hasText: first.number }).waitFor();
      expect(await console.getByTestId('counter-name').textContent()).toBe('Quầy 5');

      // Calls after the restart reach the display that never reloaded.
      const second = await take();
      await idle(console);
      await console.keyboard.press('v');
      await console.getByTestId('action-info').waitFor();
      await idle(console);
      await pressCall(console);
      await console.getByTestId('current-number').filter({ hasText: second.number }).waitFor();
      await display.getByTestId('hero-number').filter({ hasText: second.number }).waitFor();
      expect(await display.getByTestId('recent').textContent()).toContain(first.number);
      for (const p of [display, console]) await p.close();
    } finally {
      server.signal('SIGTERM');
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
