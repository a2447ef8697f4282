/**
 * The demo province as a newcomer tries it (issue 20, "Done when"), in real Chromium: `startProvince` is what
 * `npm run province` runs — a real PostgreSQL, two hub processes behind a balancer, three real sites. The hub's
 * dashboard counts a ticket taken at a site's kiosk; tickets taken while that site's link is cut arrive once when
 * it is restored; and a dashboard keeps updating after the hub process holding its socket is killed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvince, type Province, type ProvinceSite } from '@layso/province-hub/demo';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { readCredentials } from '../support/child.js';
import { api } from '../support/http.js';

const OFFICE_PC = { width: 1366, height: 768 };

let dir = '';
let province: Province;
let chrome: TestBrowser;
let db: pg.Pool;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'layso-province-demo-'));
  province = await startProvince({ dir, durable: false, siteEnv: { LOG_LEVEL: 'warn' } });
  db = new pg.Pool({ connectionString: province.databaseUrl, max: 2 });
  db.on('error', () => {});
  chrome = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await chrome?.close();
  await db?.end();
  await province?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** The hub's dashboard at `url`, signed in as the demo province admin through its form. */
async function dashboard(url: string): Promise<Page> {
  const page = await chrome.page(OFFICE_PC);
  await page.goto(url);
  await page.locator('input[name="username"]').fill(province.admin.username);
  await page.locator('input[name="password"]').fill(province.admin.password);
  await page.getByTestId('sign-in').click();
  await page.locator('[data-testid="live-status"].hub-live-online').waitFor();
  return page;
}

const waiting = (page: Page, site: ProvinceSite) =>
  page.getByTestId(`site-${site.code}`).getByTestId('waiting').textContent();

/** A ticket taken through the API with the site's kiosk token. */
async function ticketAt(site: ProvinceSite): Promise<void> {
  const credentials = readCredentials(site.dataDir);
  const services = (await api(site.child.url, '/api/services')).body as { id: number }[];
  const t = await api(site.child.url, '/api/tickets', {
    token: credentials.kioskToken,
    body: { serviceId: services[0]?.id },
  });
  expect(t.status).toBe(201);
}

async function issuedAtHub(site: ProvinceSite): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM facts f JOIN sites s ON s.id = f.site_id WHERE s.code = $1 AND f.kind = 'issued'",
    [site.code],
  );
  return Number(rows[0]?.n ?? 0);
}

describe('the demo province', () => {
  it("counts a ticket taken at a site's kiosk; a cut link's tickets arrive once when restored", async () => {
    const site = province.sites[0] as ProvinceSite;
    const page = await dashboard(province.hubUrl);
    await expect.poll(() => waiting(page, site)).toBe('0');

    // At the site's kiosk (the address `npm run province` prints; here the site runs on a port of its own): two taps.
    const kiosk = await chrome.page();
    await kiosk.goto(`${site.child.url}/kiosk#token=${readCredentials(site.dataDir).kioskToken}`);
    await kiosk.getByTestId('welcome').waitFor();
    const take = async () => {
      await kiosk.locator('[data-testid^="service-"]').first().click();
      await kiosk.getByTestId('take').click();
      await kiosk.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
      await kiosk.getByTestId('done').click();
      await kiosk.getByTestId('welcome').waitFor();
    };
    await take();
    await expect.poll(() => waiting(page, site)).toBe('1');

    // The link is cut: the kiosk goes on issuing, the site keeps the facts.
    site.link.cutLink();
    await take();
    await take();
    const link = (await api(site.child.url, '/api/health')).body.upstreams.hub as { backlog: number };
    expect(link.backlog).toBeGreaterThan(0);
    site.link.restore();
    await expect.poll(() => waiting(page, site), { timeout: 90_000 }).toBe('3');
    expect(await issuedAtHub(site)).toBe(3);
  });

  it('keeps updating after the hub process holding its socket is killed', async () => {
    const [, two, three] = province.sites as [ProvinceSite, ProvinceSite, ProvinceSite];
    // One dashboard on each hub process, and one through the balancer.
    const onFirst = await dashboard(province.hubs[0]?.url ?? '');
    const onSecond = await dashboard(province.hubs[1]?.url ?? '');
    const balanced = await dashboard(province.hubUrl);
    const before = Number(await waiting(onSecond, two));

    await province.hubs[0]?.kill('SIGKILL');
    await ticketAt(two);
    // The other process's dashboard hears a batch that may have reached the hub through either process.
    await expect.poll(() => waiting(onSecond, two), { timeout: 60_000 }).toBe(String(before + 1));
    await expect.poll(() => waiting(balanced, two), { timeout: 60_000 }).toBe(String(before + 1));

    // The first process comes back and the second dies: the balanced dashboard reconnects to the first.
    await province.restartHub(0);
    await province.hubs[1]?.kill('SIGKILL');
    const third = Number(await waiting(balanced, three));
    await ticketAt(three);
    await expect.poll(() => waiting(balanced, three), { timeout: 60_000 }).toBe(String(third + 1));
    // The page that was on the killed first process: its server is back on the same address.
    await expect.poll(() => waiting(onFirst, three), { timeout: 60_000 }).toBe(String(third + 1));
  });
});
