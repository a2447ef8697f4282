/**
 * The counter screens at the sizes they live at — the officer's console on a 1366×768 counter PC, the lobby
 * display on a 1080p TV, the counter-top screen at 1280×800 and 800×480 — on a lived-in floor, checked for
 * what their users need (nothing cut off, targets big enough, the called number big enough to read across a
 * hall) and saved as PNGs under test-results/screenshots/counter-display/ to be looked at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issue, login, startHarness, type Harness, type Session } from '@layso/queue-server/testing';
import { pressCall } from '../support/console.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';
import { signIn } from '../support/sign-in.js';

const OUT = join(REPO_ROOT, 'test-results/screenshots/counter-display');
const COUNTER_PC = { width: 1366, height: 768 };
const TV = { width: 1920, height: 1080 };

let chrome: TestBrowser;
let h: Harness;
const officerTokens = new Map<number, string>();

/** An officer signed in through the API (the console signs in through its form in the flow tests). */
async function officer(i: number): Promise<Session> {
  const o = await login(h, i);
  officerTokens.set(o.counterId, o.token);
  return o;
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  chrome = await launchBrowser();
  h = await startHarness();
  // A lived-in morning: people waiting everywhere, some priority, eight calls made at different counters.
  const services = h.store.services();
  for (const [i, s] of services.entries()) {
    for (let n = 0; n < (i * 5) % 9; n++)
      await issue(h, s.id, n % 4 === 1 ? { priority: 'nguoi-cao-tuoi' } : {});
  }
  const tp = h.store.counter(h.credentials.officers[3]!.counterId)!.serviceIds[0]!;
  for (let n = 0; n < 18; n++) await issue(h, tp, n % 5 === 2 ? { priority: 'phu-nu-mang-thai' } : {});
  for (const i of [0, 5, 8, 10, 12, 13, 16, 20]) {
    const o = await officer(i);
    await issue(h, h.store.counter(o.counterId)!.serviceIds[0]!);
    await h.api(`/api/counters/${o.counterId}/call-next`, { token: o.token, method: 'POST' });
  }
  // A ticket transferred in to Tư pháp with a note, and a paused counter.
  const from = await officer(1);
  await issue(h, h.store.counter(from.counterId)!.serviceIds[0]!);
  const moved = await h.api(`/api/counters/${from.counterId}/call-next`, {
    token: from.token,
    method: 'POST',
  });
  await h.api(`/api/tickets/${moved.body.ticket.id}/transfer`, {
    token: from.token,
    body: { serviceId: tp, note: 'Đã kiểm tra CCCD, cần xác nhận tình trạng hôn nhân' },
  });
  const paused = await officer(17);
  await h.api(`/api/counters/${paused.counterId}/pause`, {
    token: paused.token,
    body: { paused: true, reason: 'Nghỉ giải lao' },
  });
});
afterAll(async () => {
  await chrome.close();
  await h.close();
});

/** Every visible button of the page lies fully on screen and is at least `min` px tall. */
async function buttonsOnScreen(page: Page, min: number): Promise<void> {
  const view = page.viewportSize()!;
  for (const b of await page.locator('button:visible').all()) {
    const box = (await b.boundingBox())!;
    const name = (await b.textContent())?.trim();
    expect(box.x, name).toBeGreaterThanOrEqual(0);
    expect(box.y, name).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, name).toBeLessThanOrEqual(view.width + 0.5);
    expect(box.y + box.height, name).toBeLessThanOrEqual(view.height + 0.5);
    expect(box.height, name).toBeGreaterThanOrEqual(min);
  }
}

async function fontPx(l: Locator): Promise<number> {
  return l.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
}

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
}

/** The console has finished its last action (it holds every button and key until it has re-read the counter). */

describe('officer console at 1366×768', () => {
  it('sign-in, choosing the counter, working with a long queue, and its panels all fit', async () => {
    const page = await chrome.page(COUNTER_PC);
    await page.goto(`${h.url}/counter`);
    await page.getByTestId('sign-in').waitFor();
    await shot(page, 'console-1366-sign-in');
    await page.getByTestId('sign-in').click();
    await page.getByTestId('signin-error').filter({ hasText: 'Nhập tên đăng nhập' }).waitFor();

    const o = h.credentials.officers[3]!;
    await signIn(page, `${h.url}/counter`, o, 'sent');
    await page.getByTestId('confirm-counter').waitFor();
    // Seats held by others say who holds them; this officer's own is chosen.
    await page
      .getByTestId(`counter-${h.credentials.officers[0]!.counterId}`)
      .filter({ hasText: 'Đang có cán bộ' })
      .waitFor();
    expect(await page.getByTestId(`counter-${o.counterId}`).getAttribute('aria-checked')).toBe('true');
    await shot(page, 'console-1366-choose-counter');
    await page.getByTestId(`counter-${h.credentials.officers[0]!.counterId}`).click();
    await page.getByTestId('confirm-counter').click();
    await page.getByTestId('choose-error').filter({ hasText: 'đang có cán bộ' }).waitFor();
    await page.getByTestId(`counter-${o.counterId}`).click();
    await page.getByTestId('confirm-counter').click();

    await page.locator('[data-testid="queue"] li').nth(10).waitFor();
    await pressCall(page);
    await page.locator('[data-testid="current"][data-status="called"]').waitFor();
    await buttonsOnScreen(page, 44);
    expect(await fontPx(page.getByTestId('current-number'))).toBeGreaterThanOrEqual(72);
    // Priority marks in plain words; a transferred ticket is marked.
    expect(await page.getByTestId('queue').textContent()).toContain('★');
    expect(await page.getByTestId('queue').textContent()).toContain('Chuyển đến');
    await shot(page, 'console-1366-working');

    for (const [key, panel] of [
      ['k', 'finish'],
      ['c', 'transfer'],
      ['t', 'pause'],
    ] as const) {
      await page.keyboard.press(key);
      await page.getByTestId(panel).waitFor();
      await buttonsOnScreen(page, 44);
      await shot(page, `console-1366-${panel}`);
      await page.keyboard.press('Escape');
      await page.getByTestId(panel).waitFor({ state: 'detached' });
    }
    await page.close();
  });
});

describe('lobby display on a 1080p TV', () => {
  it('shows the newest call big enough to read across a hall, recent calls, and every service without clipping', async () => {
    const page = await chrome.page(TV);
    await page.goto(`${h.url}/display#token=${h.credentials.displayToken}`);
    await page.getByTestId('hero').waitFor();
    await page.getByTestId('notice').waitFor();
    // The token left the address bar; the page keeps it.
    expect(page.url()).not.toContain('token=');
    // ~260 px type: about 12 cm of cap height on a 55" 1080p screen, readable from 10 m.
    expect(await fontPx(page.getByTestId('hero-number'))).toBeGreaterThanOrEqual(220);
    expect(await fontPx(page.getByTestId('hero-counter-number'))).toBeGreaterThanOrEqual(160);
    expect(await page.locator('[data-testid="recent"] li').count()).toBe(6);
    // Nothing of the calls is cut off: the hero's parts inside its frame, the recent calls above the notice.
    const hero = (await page.getByTestId('hero').boundingBox())!;
    for (const part of ['hero-number', 'hero-counter']) {
      const b = (await page.getByTestId(part).boundingBox())!;
      expect(b.x + b.width, part).toBeLessThanOrEqual(hero.x + hero.width);
    }
    const foot = (await page.getByTestId('notice').boundingBox())!;
    for (const li of await page.locator('[data-testid="recent"] li').all()) {
      const b = (await li.boundingBox())!;
      expect(b.y + b.height).toBeLessThanOrEqual(foot.y);
    }
    const list = (await page.getByTestId('services').boundingBox())!;
    const rows = await page.locator('[data-testid="services"] li').all();
    expect(rows.length).toBe(h.store.services().length);
    for (const r of rows) {
      const b = (await r.boundingBox())!;
      expect(b.y + b.height, (await r.textContent()) ?? '').toBeLessThanOrEqual(list.y + list.height + 0.5);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(TV.width);
    // Never a name, phone or ID number: only numbers, counters and counts.
    const text = (await page.locator('body').textContent())!;
    for (const o of h.store.users()) expect(text).not.toContain(o.displayName);
    await shot(page, 'display-1080p');

    // A display that follows some services only.
    await page.goto(`${h.url}/display?services=TP,CA`);
    await page.locator('[data-testid="services"] li').first().waitFor();
    expect(await page.locator('[data-testid="services"] li').count()).toBe(2);
    await shot(page, 'display-1080p-tp-ca');
    await page.close();
  });

  it('a screen opened without its pairing code says how to pair it', async () => {
    const page = await chrome.page(TV);
    for (const path of ['/display', '/counter-top/1']) {
      await page.goto(`${h.url}${path}`);
      await page.getByTestId('pairing').filter({ hasText: 'chưa được ghép nối' }).waitFor();
    }
    await shot(page, 'display-1080p-not-paired');
    await page.close();
  });
});

describe('counter-top screen', () => {
  for (const size of [
    { width: 1280, height: 800 },
    { width: 800, height: 480 },
  ]) {
    it(`at ${size.width}×${size.height}: serving, the rating prompt and its reasons fit with big targets`, async () => {
      const o = h.credentials.officers[5]!;
      const token = officerTokens.get(o.counterId)!;
      const paired = h.credentials.counterTopUrls.find((c) => c.counterId === o.counterId)!;
      const page = await chrome.page(size);
      await page.goto(`${h.url}/counter-top/${o.counterId}${new URL(paired.url).hash}`);
      await page.getByTestId('serving-number').waitFor();
      await shot(page, `counter-top-${size.width}-serving`);
      const current = h.store.counter(o.counterId)!.currentTicketId!;
      await h.api(`/api/tickets/${current}/finish`, { token, body: { outcome: 'guidance' } });
      await page.locator('[data-testid="rating"][data-ready="true"]').waitFor();
      await buttonsOnScreen(page, 64);
      await shot(page, `counter-top-${size.width}-rating`);
      await page.getByTestId('rate-unsatisfied').click();
      await page.locator('[data-testid="rating"][data-step="reason"][data-ready="true"]').waitFor();
      await buttonsOnScreen(page, 64);
      // Nothing slides under the header on a small screen.
      const head = (await page.locator('.ct-head').boundingBox())!;
      const first = (await page.locator('.ct-ask > *:visible').first().boundingBox())!;
      expect(first.y).toBeGreaterThanOrEqual(head.y + head.height);
      await shot(page, `counter-top-${size.width}-reasons`);
      await page.getByTestId('reason-skip').click();
      await page.locator('[data-testid="thanks"][data-saved="true"]').waitFor();
      // Ready for the next citizen of this counter.
      await issue(h, h.store.counter(o.counterId)!.serviceIds[0]!);
      await h.api(`/api/counters/${o.counterId}/call-next`, { token, method: 'POST' });
      await page.close();
    });
  }
});
