/**
 * The province hub's report and admin pages in real Chromium against a real hub on a real PostgreSQL, signed in
 * through the form with the hub's own accounts: the province admin registers a site and sees its key once (the key
 * works, then is revoked after a confirmation and the batch endpoint refuses it), creates an account and resets its
 * password (shown once; it signs in), and reads the audit log; a province viewer sees no admin page and the server
 * refuses one anyway; the report page shows the figures posted as batches, narrows to one site, and downloads an
 * XLSX that parses. Screenshots at a 1366×768 office PC and a phone (test-results/screenshots/hub).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
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
let admin: { username: string; password: string };
let viewer: { username: string; password: string };
beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, 'dist/web/hub/index.html')))
    throw new Error('dist/web/hub is missing: run `npm run build` first (npm test does it)');
  mkdirSync(SHOTS, { recursive: true });
  pg = await startPostgres();
  hub = await createHub({ databaseUrl: await pg.createDatabase() });
  await hub.listen();
  admin = await seedDemoAdmin(hub.pool, undefined, { username: 'tinh.quantri' });
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

/** Posts a batch with a site's key; answers the status and body. */
async function post(code: string, key: string, firstSeq: number, facts: Unstamped[]) {
  const at = new Date().toISOString();
  const numbered = facts.map((f, i) => ({ ...f, seq: firstSeq + i, at }));
  const r = await fetch(`${hub.url}/api/hub/batches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ site: code, firstSeq, lastSeq: firstSeq + facts.length - 1, facts: numbered }),
  });
  return { status: r.status, body: (await r.json()) as any };
}

async function signIn(size: { width: number; height: number }, who: { username: string; password: string }) {
  const page = await chrome.page(size);
  await page.goto(`${hub.url}/`);
  await page.locator('input[name="username"]').fill(who.username);
  await page.locator('input[name="password"]').fill(who.password);
  await page.getByTestId('sign-in').click();
  await page.locator('[data-testid="live-status"].hub-live-online').waitFor();
  return page;
}

/** Opens a page of the menu by its link, as a person would. */
async function go(page: Page, name: string) {
  await page.getByTestId(`nav-${name}`).click();
}

describe("the province admin's pages", () => {
  it('registers a site, shows its key once, revokes it after asking; accounts and the audit log', async () => {
    const page = await signIn(OFFICE_PC, admin);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: hub.url });
    await go(page, 'quan-tri/diem');
    const form = page.getByTestId('register-site');
    await form.locator('input[name="code"]').fill('xa-tan-hoa');
    await form.locator('input[name="name"]').fill('Trung tâm xã Tân Hòa');
    await form.locator('input[name="commune"]').fill('Xã Tân Hòa');
    await page.getByTestId('register').click();

    // The key, once: with its warning and a copy button that puts exactly it on the clipboard.
    const once = page.getByTestId('site-key');
    const key = await page.getByTestId('site-key-secret').inputValue();
    expect(key).toMatch(/^xa-tan-hoa\./);
    expect(await once.textContent()).toContain('MỘT LẦN');
    await page.getByTestId('site-key-copy').click();
    await expect.poll(() => once.textContent()).toContain('Đã sao chép');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await page.screenshot({ path: join(SHOTS, 'admin-site-key-1366.png') });
    await page.getByTestId('site-key-close').click();
    await expect.poll(() => page.getByTestId('site-key').count()).toBe(0);
    expect(await page.content()).not.toContain(key);

    // The key works for the site.
    expect(
      (await post('xa-tan-hoa', key, 1, [{ kind: 'issued', ticket: 'A001', service: 'HT' }])).status,
    ).toBe(200);

    // The same code again: refused in the server's words.
    await form.locator('input[name="code"]').fill('xa-tan-hoa');
    await form.locator('input[name="name"]').fill('Trùng');
    await form.locator('input[name="commune"]').fill('Xã Tân Hòa');
    await page.getByTestId('register').click();
    await expect.poll(() => page.getByTestId('register-error').textContent()).toContain('Dữ liệu bị trùng');

    // Revoking asks first; cancelling changes nothing.
    const row = page.getByTestId('admin-site-xa-tan-hoa');
    await row.getByTestId('revoke').click();
    await page.getByTestId('site-confirm').getByText('Huỷ').click();
    expect(await row.getByTestId('state').textContent()).toBe('Đang hoạt động');
    await row.getByTestId('revoke').click();
    expect(await page.getByTestId('site-confirm').textContent()).toContain('Trung tâm xã Tân Hòa');
    await page.getByTestId('site-confirm-yes').click();
    await expect.poll(() => row.getByTestId('state').textContent()).toContain('Đã thu hồi khoá');
    const refused = await post('xa-tan-hoa', key, 2, [{ kind: 'issued', ticket: 'A002', service: 'HT' }]);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('LAYSO_HUB_SITE_REVOKED');
    await page.screenshot({ path: join(SHOTS, 'admin-sites-1366.png') });

    // A new key, asked first and shown once, lifts the revocation: the old key stays refused, the new one works.
    await row.getByTestId('new-key').click();
    await page.getByTestId('site-confirm-yes').click();
    const renewed = await page.getByTestId('site-key-secret').inputValue();
    expect(renewed).not.toBe(key);
    await page.getByTestId('site-key-close').click();
    await expect.poll(() => row.getByTestId('state').textContent()).toBe('Đang hoạt động');
    expect(
      (await post('xa-tan-hoa', key, 2, [{ kind: 'issued', ticket: 'A002', service: 'HT' }])).status,
    ).toBe(401);
    expect(
      (await post('xa-tan-hoa', renewed, 2, [{ kind: 'issued', ticket: 'A002', service: 'HT' }])).status,
    ).toBe(200);

    // An account for that site's leader; its password reset and shown once, which then signs in.
    await go(page, 'quan-tri/tai-khoan');
    const create = page.getByTestId('create-user');
    await create.locator('input[name="username"]').fill('xa.tanhoa');
    await create.locator('input[name="displayName"]').fill('Lãnh đạo xã Tân Hòa');
    await create.locator('input[name="password"]').fill('mat-khau-ban-dau-1');
    await create.locator('select[name="role"]').selectOption('site_viewer');
    await page.getByTestId('user-sites-summary').click();
    await page.getByTestId('user-sites').getByTestId('pick-xa-tan-hoa').check();
    await page.getByTestId('create').click();
    const user = page.getByTestId('user-xa.tanhoa');
    await expect.poll(() => user.textContent()).toContain('Trung tâm xã Tân Hòa');
    await user.getByTestId('reset').click();
    const password = await page.getByTestId('user-password-secret').inputValue();
    expect(password).toHaveLength(16);
    const login = await fetch(`${hub.url}/api/hub/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'xa.tanhoa', password }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as any).viewer.siteIds).toHaveLength(1);
    await page.getByTestId('user-password-close').click();
    await page.screenshot({ path: join(SHOTS, 'admin-users-1366.png') });

    // Made a province viewer: the list says every site.
    await user.getByTestId('edit').click();
    await page.getByTestId('edit-xa.tanhoa').locator('select[name="role"]').selectOption('province_viewer');
    await page.getByTestId('save').click();
    await expect.poll(() => user.textContent()).toContain('Xem toàn tỉnh');
    expect(await user.textContent()).toContain('Tất cả');

    // The last province admin cannot be disabled: the server's reason, in words.
    await page.getByTestId(`user-${admin.username}`).getByTestId('disable').click();
    await expect
      .poll(() => page.getByTestId('users-error').textContent())
      .toContain('quản trị tỉnh cuối cùng');

    // Every change is in the audit log, newest first.
    await go(page, 'quan-tri/nhat-ky');
    const audit = page.getByTestId('audit');
    await expect.poll(() => audit.locator('tbody tr').count()).toBeGreaterThanOrEqual(6);
    const actions = await audit.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(actions.slice(0, 6)).toEqual([
      'Sửa tài khoản',
      'Đặt lại mật khẩu',
      'Tạo tài khoản',
      'Cấp khoá mới',
      'Thu hồi khoá',
      'Đăng ký điểm',
    ]);
    expect(await audit.textContent()).not.toContain(password);
    await page.screenshot({ path: join(SHOTS, 'admin-audit-1366.png') });

    const phone = await signIn(PHONE, admin);
    await go(phone, 'quan-tri/diem');
    await phone.getByTestId('admin-site-xa-tan-hoa').waitFor();
    await phone.screenshot({ path: join(SHOTS, 'admin-sites-phone.png'), fullPage: true });
  });

  it('a province viewer sees no admin page, and the server refuses one anyway', async () => {
    const page = await signIn(OFFICE_PC, viewer);
    expect(await page.getByTestId('nav-bao-cao').count()).toBe(1);
    expect(await page.getByTestId('nav-quan-tri/diem').count()).toBe(0);
    expect(await page.getByTestId('nav-quan-tri/tai-khoan').count()).toBe(0);
    await page.goto(`${hub.url}/#/quan-tri/diem`);
    await page.getByTestId('admin-only').waitFor();
    expect(await page.getByTestId('admin-sites').count()).toBe(0);
    const token = await page.evaluate(
      () =>
        (JSON.parse(sessionStorage.getItem('layso.hub.session') ?? 'null') as { token: string } | null)
          ?.token,
    );
    expect(token).toBeTruthy();
    const r = await fetch(`${hub.url}/api/hub/admin/sites`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(r.status).toBe(403);
  });
});

describe('the province report', () => {
  it('shows the figures posted as batches, narrows to a site, and downloads an XLSX that parses', async () => {
    const sites = [
      { code: 'phuong-5', name: 'Trung tâm phường 5', commune: 'Phường 5', issued: 4, served: 2 },
      { code: 'xa-my-hoa', name: 'Trung tâm xã Mỹ Hòa', commune: 'Xã Mỹ Hòa', issued: 3, served: 1 },
    ];
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    for (const s of sites) {
      const key = await issueSiteKey(hub.pool, s);
      const facts: Unstamped[] = [];
      for (let i = 1; i <= s.issued; i++)
        facts.push({ kind: 'issued', ticket: `A${100 + i}`, service: 'HT' });
      for (let i = 1; i <= s.served; i++) {
        const ticket = `A${100 + i}`;
        facts.push(
          { kind: 'called', ticket, service: 'HT', counter: 1 },
          {
            kind: 'finished',
            ticket,
            service: 'HT',
            counter: 1,
            outcome: 'received',
            waitSeconds: 300 * i,
            serviceSeconds: 120,
          },
          { kind: 'rating', ticket, service: 'HT', counter: 1, rating: 'very-satisfied' },
        );
      }
      facts.push({ kind: 'no_show', ticket: `A${100 + s.issued}`, service: 'HT', counter: 1 });
      // The site's own totals of the day; phường 5's count one ticket more than it sent facts for.
      facts.push({
        kind: 'daily_totals',
        day: today,
        service: 'HT',
        issued: s.issued + (s.code === 'phuong-5' ? 1 : 0),
        served: s.served,
        noShow: 1,
        cancelled: 0,
      });
      expect((await post(s.code, key, 1, facts)).status).toBe(200);
    }

    const page = await signIn(OFFICE_PC, viewer);
    await go(page, 'bao-cao');
    await page.getByTestId('report-today').click();
    const total = (id: string) => page.getByTestId(`total-${id}`).locator('.hub-card-value').textContent();
    // The admin's test may have left a site with one issued ticket: count only what this test knows is there.
    await expect
      .poll(() => page.getByTestId('report-site-phuong-5').textContent())
      .toContain('Trung tâm phường 5');
    const issuedAll = Number(await total('issued'));
    expect(issuedAll).toBeGreaterThanOrEqual(7);
    expect(await total('served')).toBe('3');
    expect(await total('noShow')).toBe('2');
    expect(await total('satisfaction')).toBe('100%');
    const p5 = page.getByTestId('report-site-phuong-5');
    // The hub's figures, the site's own beside them, a difference marked.
    expect((await p5.locator('td').allTextContents()).slice(0, 3)).toEqual(['4 (5)', '2 (2)', '1 (1)']);
    expect(await p5.locator('td.hub-differs').count()).toBe(1);
    expect(await page.getByTestId('report-services').textContent()).toContain('HT');
    expect(
      await page.getByTestId('report-heat').locator('td').filter({ hasText: /\d/ }).count(),
    ).toBeGreaterThan(0);
    for (const chart of ['chart-hours', 'chart-ratings', 'chart-sites'])
      expect(await page.getByTestId(chart).locator('canvas').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'report-1366.png') });
    await page.screenshot({ path: join(SHOTS, 'report-1366-full.png'), fullPage: true });

    // One site only: the totals are that site's.
    await page.getByTestId('site-picker-summary').click();
    await page.getByTestId('pick-xa-my-hoa').check();
    expect(await page.getByTestId('site-picker-summary').textContent()).toBe('1 điểm đã chọn');
    await page.getByTestId('report-show').click();
    await expect.poll(() => total('issued')).toBe('3');
    expect(await page.getByTestId('report-sites').locator('tbody tr').count()).toBe(1);

    // The XLSX of that selection, through the signed-in fetch: it parses and says the same.
    const download = page.waitForEvent('download');
    await page.getByTestId('report-xlsx').click();
    const file = await (await download).path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const summary = book.getWorksheet('Tổng hợp');
    const value = (label: string) => {
      let found: unknown = null;
      summary?.eachRow((row) => {
        if (row.getCell(1).value === label) found = row.getCell(2).value;
      });
      return found;
    };
    expect(value('Số điểm')).toBe(1);
    expect(value('Số phiếu cấp')).toBe(3);
    expect(value('Đã phục vụ')).toBe(1);
    expect(book.getWorksheet('Theo điểm')?.getRow(2).getCell(2).value).toBe('Trung tâm xã Mỹ Hòa');

    const wide = await signIn(FULL_HD, viewer);
    await go(wide, 'bao-cao');
    await wide.getByTestId('report-sites').waitFor();
    await wide.screenshot({ path: join(SHOTS, 'report-1080p.png') });
    // Opened, the page shows today's figures without being asked.
    const phone = await signIn(PHONE, viewer);
    await go(phone, 'bao-cao');
    await phone.getByTestId('report-sites').waitFor();
    await phone.screenshot({ path: join(SHOTS, 'report-phone.png'), fullPage: true });
  });
});
