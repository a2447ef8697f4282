/**
 * Call → wall, in Chromium against a real queue server: from the officer's click on "Gọi số tiếp theo" in the
 * console page to the called number painted on the lobby display page(s), over 200 calls — first with one
 * display open, then with 50 (target p99 ≤ 100 ms; peer systems poll every 1–5 s). Times are taken inside the
 * pages (the click event's time, and the frame after the number appears), on the same clock
 * (performance.timeOrigin + now). Displays run with `?voice=off`: the visual path is what is measured.
 * Prints a table and writes bench-results/counter-display.json. Needs `npm run build:web` first.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '@layso/queue-server';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const DISPLAYS = Number(process.env.BENCH_DISPLAYS ?? 50);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

declare global {
  interface Window {
    __clicks?: number[];
    __seen?: { number: string; at: number }[];
  }
}

async function openDisplays(chrome: TestBrowser, h: Harness, n: number): Promise<Page[]> {
  const pages: Page[] = [];
  for (let i = 0; i < n; i++) {
    const page = await chrome.page({ width: 1920, height: 1080 });
    await page.goto(`${h.url}/display?voice=off#token=${h.credentials.displayToken}`);
    await page.locator('[data-testid="connection"][data-status="online"]').waitFor({ state: 'attached' });
    // The frame after the hero's number changes, on the clock the desk's click is read with.
    await page.evaluate(() => {
      window.__seen = [];
      let last = document.querySelector('[data-testid="hero-number"]')?.textContent ?? '';
      new MutationObserver(() => {
        const now = document.querySelector('[data-testid="hero-number"]')?.textContent ?? '';
        if (now === last) return;
        last = now;
        requestAnimationFrame(() =>
          window.__seen!.push({ number: now, at: performance.timeOrigin + performance.now() }),
        );
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    pages.push(page);
  }
  return pages;
}

/** `calls` calls from the desk; returns every display's delay for every call. */
async function run(h: Harness, desk: Page, displays: Page[], officerToken: string, calls: number) {
  const numbers: string[] = [];
  for (let i = 0; i < calls; i++) {
    const call = desk.getByTestId('action-call');
    await desk.locator('[data-testid="action-call"]:not([disabled])').waitFor();
    await call.click();
    const current = desk.locator('[data-testid="current"][data-status="called"]');
    await current.waitFor();
    const number = (await desk.getByTestId('current-number').textContent())!;
    numbers.push(number);
    await displays[0]!.getByTestId('hero-number').filter({ hasText: number }).waitFor();
    const ticketId = h.store.counters.byId(h.credentials.officers[3]!.counterId)!.currentTicketId!;
    const done = await h.api(`/api/tickets/${ticketId}/finish`, {
      token: officerToken,
      body: { outcome: 'guidance' },
    });
    if (done.status !== 200) throw new Error(`finish ${number} failed: ${JSON.stringify(done.body)}`);
    await current.waitFor({ state: 'detached' });
  }
  // Every display has painted every number before the numbers are read back.
  for (const d of displays)
    await d
      .getByTestId('hero-number')
      .filter({ hasText: numbers.at(-1)! })
      .waitFor();
  const clicks = await desk.evaluate(() => window.__clicks!.splice(0));
  const delays: number[] = [];
  for (const d of displays) {
    const seen = await d.evaluate(() => window.__seen!.splice(0));
    numbers.forEach((n, i) => {
      const at = seen.find((s) => s.number === n)?.at;
      if (at === undefined) throw new Error(`a display never showed ${n}`);
      delays.push(at - clicks[i]!);
    });
  }
  return delays;
}

async function main(): Promise<void> {
  const chrome = await launchBrowser();
  const h = await startHarness();
  try {
    const officer = h.credentials.officers[3]!;
    const serviceId = h.store.counters.byId(officer.counterId)!.serviceIds[0]!;
    // Room for 400 calls in one service's day.
    const admin = (await h.api('/api/auth/login', { body: h.credentials.admin })).body.token as string;
    const s = h.store.catalogue.service(serviceId)!;
    const raised = await h.api(`/api/admin/services/${serviceId}`, {
      token: admin,
      method: 'PUT',
      body: {
        code: s.code,
        name: s.name,
        nameEn: s.nameEn,
        numberFormat: s.numberFormat,
        hours: s.hours,
        dailyCap: 999,
      },
    });
    if (raised.status !== 200) throw new Error(`cap not raised: ${JSON.stringify(raised.body)}`);
    for (let i = 0; i < CALLS * 2 + 2; i++) {
      const r = await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId } });
      if (r.status !== 201) throw new Error(`issue failed: ${JSON.stringify(r.body)}`);
    }
    const desk = await chrome.page({ width: 1366, height: 768 });
    await desk.goto(`${h.url}/counter`);
    await desk.locator('input[name="username"]').fill(officer.username);
    await desk.locator('input[name="password"]').fill(officer.password);
    await desk.keyboard.press('Enter');
    await desk.getByTestId('confirm-counter').click();
    await desk.getByTestId('current').waitFor();
    await desk.evaluate(() => {
      window.__clicks = [];
      document.addEventListener(
        'click',
        (e) => {
          if ((e.target as Element).closest('[data-testid="action-call"]'))
            window.__clicks!.push(performance.timeOrigin + e.timeStamp);
        },
        { capture: true },
      );
    });
    // The officer's session, for finishing each ticket between calls (not measured).
    const token = (await desk.evaluate(() => sessionStorage.getItem('layso.counter.session')))!;
    const officerToken = (JSON.parse(token) as { token: string }).token;

    const one = await openDisplays(chrome, h, 1);
    const single = await run(h, desk, one, officerToken, CALLS);
    const more = await openDisplays(chrome, h, DISPLAYS - 1);
    const fifty = await run(h, desk, [...one, ...more], officerToken, CALLS);

    const summary = (xs: number[]) => ({
      p50: pct(xs, 50),
      p99: pct(xs, 99),
      max: Math.max(...xs),
      samples: xs.length,
    });
    const result = {
      at: new Date().toISOString(),
      calls: CALLS,
      oneDisplay: summary(single),
      fiftyDisplays: summary(fifty),
      target: { p99Ms: 100, met: pct(single, 99) <= 100 && pct(fifty, 99) <= 100 },
    };
    process.stdout.write(
      [
        `call → lobby display in Chromium (${CALLS} calls)`,
        `  1 display    p50 ${ms(result.oneDisplay.p50)}  p99 ${ms(result.oneDisplay.p99)}  max ${ms(result.oneDisplay.max)}`,
        `  50 displays  p50 ${ms(result.fiftyDisplays.p50)}  p99 ${ms(result.fiftyDisplays.p99)}  max ${ms(result.fiftyDisplays.max)}  (${result.fiftyDisplays.samples} paints)`,
        `  target p99 ≤ 100 ms: ${result.target.met ? 'met' : 'NOT met'}`,
        '',
      ].join('\n'),
    );
    const out = join(REPO_ROOT, 'bench-results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'counter-display.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`wrote ${join(out, 'counter-display.json')}\n`);
  } finally {
    await chrome.close();
    await h.close();
  }
}

await main();
