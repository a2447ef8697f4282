/**
 * The province hub's live view in real Chromium against a real hub on a real PostgreSQL: the province at a glance
 * follows a batch as it is committed (no reload), a silent site is marked, the commune filter narrows the table, and
 * a site's floor shows its counters and queues live — signed in through the form with the hub's own accounts. Screenshots at a 1366×768 office PC, a 1080p screen and a phone
 * (test-results/screenshots/hub).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HubFact } from '@layso/protocol';
import { createHub, issueSiteKey, seedDemoAdmin, type Hub } from '@layso/province-hub';
import { startPostgres, type TestPostgres } from '@layso/province-hub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';

const SHOTS = join(REPO_ROOT, 'test-results/screenshots/hub');
const OFFICE_PC = { width: 1366, height: 768 };
const FULL_HD = { width: 1920, height: 1080 };
const PHONE = { width: 390, height: 844 };

let chrome: TestBrowser;
let pg: TestPostgres;
let hub: Hub;
/** A province viewer of the hub's own accounts, signed in through the form. */
let viewer: { username: string; password: string };
beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, 'dist/web/hub/index.html')))
    throw new Error('dist/web/hub is missing: run `npm run build` first (npm test does it)');
  mkdirSync(SHOTS, { recursive: true });
  pg = await startPostgres();
  hub = await createHub({ databaseUrl: await pg.createDatabase() });
  await hub.listen();
  viewer = await seedDemoAdmin(hub.pool, undefined, { username: 'lanh.dao', role: 'province_viewer' });
  chrome = await launchBrowser();
});
afterAll(async () => {
  await chrome?.close();
  await hub?.close();
  await pg?.stop();
});

/** A fact as the test writes it: the site stamps its seq and time. */
type Unstamped<F = HubFact> = F extends HubFact ? Omit<F, 'seq' | 'at'> : never;

/** A site sending its facts in order, stamped now on its own clock. */
function site(code: string, key: string) {
  let seq = 0;
  return {
    async send(facts: Unstamped[]): Promise<void> {
      const at = new Date().toISOString();
      const numbered = facts.map((f) => ({ ...f, seq: ++seq, at }));
      const r = await fetch(`${hub.url}/api/hub/batches`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ site: code, firstSeq: seq - facts.length + 1, lastSeq: seq, facts: numbered }),
      });
      expect(r.status).toBe(200);
    },
  };
}

const issued = (n: number, service = 'HT') => ({ kind: 'issued' as const, ticket: `A${100 + n}`, service });

async function register(code: string, name: string, commune: string) {
  return site(code, await issueSiteKey(hub.pool, { code, name, commune }));
}

async function open(size: { width: number; height: number }, hash = '', signInShot?: string) {
  const page = await chrome.page(size);
  await page.goto(`${hub.url}/${hash}`);
  if (signInShot) await page.screenshot({ path: join(SHOTS, signInShot) });
  await page.locator('input[name="username"]').fill(viewer.username);
  await page.locator('input[name="password"]').fill(viewer.password);
  await page.getByTestId('sign-in').click();
  await page.locator('[data-testid="live-status"].hub-live-online').waitFor();
  return page;
}

describe('the province at a glance', () => {
  it('follows each site live, marks a silent one, filters by commune, and opens a floor', async () => {
    const anBinh = await register('xa-an-binh', 'Trung tâm xã An Bình', 'Xã An Bình');
    const phuong1 = await register('phuong-1', 'Trung tâm phường 1', 'Phường 1');
    await register('xa-long-ho', 'Trung tâm xã Long Hồ', 'Xã Long Hồ'); // never heard from
    await anBinh.send([
      { kind: 'counter', counter: 1, status: 'open' },
      { kind: 'counter', counter: 2, status: 'open' },
      issued(1),
      issued(2),
      issued(3, 'DD'),
      { kind: 'fault', device: 'printer', deviceId: 1, code: 'paper_out', cleared: false },
    ]);
    await phuong1.send([{ kind: 'counter', counter: 1, status: 'open' }, issued(1)]);

    const page = await open(OFFICE_PC, '', 'sign-in-1366.png');
    const row = page.getByTestId('site-xa-an-binh');
    await expect.poll(() => row.getByTestId('waiting').textContent()).toBe('3');
    const silent = page.getByTestId('site-xa-long-ho');
    await expect.poll(() => silent.textContent()).toContain('Mất liên lạc');
    await page.screenshot({ path: join(SHOTS, 'province-1366.png') });

    // A batch committed now shows on the open page, without a reload.
    await anBinh.send([
      issued(4),
      { kind: 'called', ticket: 'A101', service: 'HT', counter: 1 },
      {
        kind: 'finished',
        ticket: 'A101',
        service: 'HT',
        counter: 1,
        outcome: 'received',
        waitSeconds: 30,
        serviceSeconds: 90,
      },
      { kind: 'rating', ticket: 'A101', service: 'HT', counter: 1, rating: 'very-satisfied' },
      { kind: 'called', ticket: 'A102', service: 'HT', counter: 2 },
    ]);
    await expect.poll(() => row.getByTestId('served').textContent()).toBe('1');
    expect(await row.getByTestId('waiting').textContent()).toBe('2');

    await page.getByTestId('commune-filter').selectOption('Phường 1');
    await expect.poll(() => page.getByTestId('sites').locator('tbody tr').count()).toBe(1);
    await page.getByTestId('commune-filter').selectOption('');

    // The floor: its counters with the numbers at them, its queues; live too.
    await row.click();
    const counters = page.getByTestId('counters');
    await expect.poll(() => counters.textContent()).toContain('A102');
    await anBinh.send([{ kind: 'called', ticket: 'A103', service: 'DD', counter: 1 }]);
    await expect.poll(() => counters.textContent()).toContain('A103');
    await expect.poll(() => page.getByTestId('services').textContent()).toContain('HT');
    expect(await page.getByTestId('floor-faults').textContent()).toContain('1 sự cố thiết bị');
    await page.screenshot({ path: join(SHOTS, 'floor-1366.png') });

    const wide = await open(FULL_HD);
    await wide.getByTestId('site-xa-an-binh').waitFor();
    await wide.screenshot({ path: join(SHOTS, 'province-1080p.png') });
    const phone = await open(PHONE);
    await phone.getByTestId('site-xa-an-binh').waitFor();
    await phone.screenshot({ path: join(SHOTS, 'province-phone.png'), fullPage: true });
    const phoneFloor = await open(PHONE, '#/xa-an-binh');
    await phoneFloor.getByTestId('counters').waitFor();
    await phoneFloor.screenshot({ path: join(SHOTS, 'floor-phone.png'), fullPage: true });
  });
});
