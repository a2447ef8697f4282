/**
 * The province catalogue page in real Chromium against a real hub on a real PostgreSQL: the province admin imports a
 * small CSV with an agency mapped to a province service code (the version moves on, a site's pull gets it), a bad
 * CSV is refused whole with its rows and reasons in words (the version stays), the announcement is refused while it
 * lacks {number} and then saved with a priority group (a site's pull gets both), the audit log names the changes, a
 * JSON file replaces the procedures; a province viewer has no such menu entry and gets no page. Screenshots at
 * 1366×768 and a phone (LAYSO_SHOTS, default /tmp/layso-shots/hub-catalogue).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { HubCatalogue } from '@layso/protocol';
import { createHub, issueSiteKey, seedDemoAdmin, type Hub } from '@layso/province-hub';
import { startPostgres, type TestPostgres } from '@layso/province-hub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';

const SHOTS = join(process.env.LAYSO_SHOTS ?? join(tmpdir(), 'layso-shots'), 'hub-catalogue');
const OFFICE_PC = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

const GOOD_CSV = [
  'code,name,field,agency',
  '1.000894,Đăng ký khai sinh,Hộ tịch,UBND cấp xã',
  '1.001193,Đăng ký kết hôn,Hộ tịch,UBND cấp xã',
  '2.000815,Chứng thực bản sao từ bản chính,Chứng thực,Phòng Tư pháp',
].join('\n');
const BAD_CSV = [
  'code,name,field,agency',
  '1.000894,Đăng ký khai sinh,Hộ tịch,UBND cấp xã',
  'khong-phai-ma,Thủ tục lạ,Hộ tịch,UBND cấp xã',
  '1.000894,Đăng ký khai sinh lần nữa,Hộ tịch,UBND cấp xã',
].join('\n');

let chrome: TestBrowser;
let pg: TestPostgres;
let hub: Hub;
let siteKey: string;
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
  siteKey = await issueSiteKey(hub.pool, {
    code: 'xa-an-binh',
    name: 'Trung tâm xã An Bình',
    commune: 'An Bình',
  });
  chrome = await launchBrowser();
});
afterAll(async () => {
  await chrome?.close();
  await hub?.close();
  await pg?.stop();
});

/** What a site pulls with its key. */
async function pull(): Promise<HubCatalogue> {
  const r = await fetch(`${hub.url}/api/hub/catalogue`, { headers: { authorization: `Bearer ${siteKey}` } });
  expect(r.status).toBe(200);
  return (await r.json()) as HubCatalogue;
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

async function pickFile(page: Page, name: string, content: string) {
  await page.getByTestId('catalogue-file').setInputFiles({
    name,
    mimeType: name.endsWith('.json') ? 'application/json' : 'text/csv',
    buffer: Buffer.from(content, 'utf8'),
  });
}

const version = (page: Page) => page.getByTestId('catalogue-version').textContent();

describe('the province catalogue page', () => {
  it('imports a CSV, refuses a bad one whole with its rows, saves the wording and the groups', async () => {
    const page = await signIn(OFFICE_PC, admin);
    await page.getByTestId('nav-quan-tri/danh-muc').click();
    await expect.poll(() => version(page)).toBe('0');
    const etag0 = await page.getByTestId('catalogue-etag').textContent();

    // A good file, one agency mapped to a province service code: the version moves on.
    await pickFile(page, 'danh-muc.csv', GOOD_CSV);
    await page.getByTestId('agency-map').locator('summary').click();
    await page.getByLabel('Mã dịch vụ của tỉnh: UBND cấp xã').fill('HT');
    expect(await page.getByTestId('catalogue-import-go').textContent()).toContain('3 dòng');
    await page.getByTestId('catalogue-import-go').click();
    await expect.poll(() => version(page)).toBe('1');
    expect(await page.getByTestId('catalogue-procedures').textContent()).toBe('3');
    expect(await page.getByTestId('catalogue-mapped').textContent()).toBe('2');
    expect(await page.getByTestId('catalogue-imported').textContent()).toContain('phiên bản 1');
    expect(await page.getByTestId('catalogue-etag').textContent()).not.toBe(etag0);
    // The file is done with: no button left to send it twice.
    expect(await page.getByTestId('catalogue-import-go').count()).toBe(0);
    const pulled = await pull();
    expect(pulled.version).toBe(1);
    expect(pulled.procedures.map((p) => [p.code, p.service])).toEqual([
      ['1.000894', 'HT'],
      ['1.001193', 'HT'],
      ['2.000815', null],
    ]);
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'imported-1366.png') });

    // A bad file: refused whole, each bad row with its reason in words; nothing changed.
    await pickFile(page, 'sai.csv', BAD_CSV);
    await page.getByTestId('catalogue-import-go').click();
    const refused = page.getByTestId('catalogue-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('2 dòng lỗi, không nhập dòng nào');
    const rows = page.getByTestId('catalogue-row-errors').locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const first = await rows.nth(0).locator('td').allTextContents();
    expect(first.slice(0, 2)).toEqual(['2', 'khong-phai-ma']);
    expect(first[2]).toContain('Mã thủ tục không hợp lệ');
    expect(first[2]).toContain('Invalid procedure code');
    expect(await rows.nth(1).textContent()).toContain('Mã thủ tục trùng với dòng 1');
    expect(await rows.nth(1).textContent()).toContain('Duplicate procedure code');
    expect(await version(page)).toBe('1');
    expect((await pull()).version).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'refused-1366.png'), fullPage: true });

    // The wording: the server's refusal of a sentence without {number}, then saved with a priority group.
    const settings = page.getByTestId('catalogue-settings');
    await settings.getByTestId('announce-province').check();
    const template = settings.locator('input[name="template"]');
    await template.fill('Mời quý khách đến quầy {counter}');
    await settings.getByTestId('catalogue-settings-save').click();
    await expect.poll(() => page.getByTestId('catalogue-settings-error').textContent()).toContain('{number}');
    expect(await version(page)).toBe('1');
    await template.fill('Kính mời công dân số {number} đến quầy {counter}');
    await settings.locator('select[name="dialect"]').selectOption('north');
    await settings.getByTestId('groups-province').check();
    await settings.getByTestId('add-group').click();
    const group = settings.getByTestId('priority-group');
    await group.locator('input[name="groupCode"]').fill('nguoi-cao-tuoi');
    await group.locator('input[name="groupName"]').fill('Người cao tuổi (từ 60 tuổi)');
    await group.locator('input[name="groupNameEn"]').fill('Elderly (60+)');
    await settings.getByTestId('catalogue-settings-save').click();
    await expect.poll(() => version(page)).toBe('2');
    expect(await page.getByTestId('catalogue-settings-saved').textContent()).toContain('phiên bản 2');
    const after = await pull();
    expect(after.announce).toEqual({
      template: 'Kính mời công dân số {number} đến quầy {counter}',
      reading: 'digits',
      dialect: 'north',
      repeat: 1,
    });
    expect(after.priorityGroups).toEqual([
      { code: 'nguoi-cao-tuoi', name: 'Người cao tuổi (từ 60 tuổi)', nameEn: 'Elderly (60+)' },
    ]);
    expect(after.procedures).toHaveLength(3);
    await page.screenshot({ path: join(SHOTS, 'settings-1366.png'), fullPage: true });

    // Opened again, the page shows what was saved; left to the sites, the groups go back to them.
    await page.reload();
    await page.locator('[data-testid="live-status"].hub-live-online').waitFor();
    await expect
      .poll(() => page.getByTestId('catalogue-settings').locator('input[name="template"]').inputValue())
      .toBe('Kính mời công dân số {number} đến quầy {counter}');
    await page.getByTestId('groups-sites').check();
    await page.getByTestId('catalogue-settings-save').click();
    await expect.poll(() => version(page)).toBe('3');
    expect((await pull()).priorityGroups).toBeNull();

    // Each change is in the audit log, newest first (the refused save is not: nothing changed).
    await page.getByTestId('nav-quan-tri/nhat-ky').click();
    await expect
      .poll(async () =>
        (await page.getByTestId('audit').locator('tbody tr td:nth-child(3)').allTextContents()).slice(0, 3),
      )
      .toEqual(['Sửa câu đọc số, nhóm ưu tiên', 'Sửa câu đọc số, nhóm ưu tiên', 'Nhập danh mục tỉnh']);

    const phone = await signIn(PHONE, admin);
    await phone.getByTestId('nav-quan-tri/danh-muc').click();
    await expect.poll(() => version(phone)).toBe('3');
    await pickFile(phone, 'sai.csv', BAD_CSV);
    await phone.getByTestId('catalogue-import-go').click();
    await phone.getByTestId('catalogue-refused').waitFor();
    await phone.screenshot({ path: join(SHOTS, 'catalogue-phone.png'), fullPage: true });

    // A JSON file (told by its extension) replaces the procedures whole.
    await pickFile(
      phone,
      'danh-muc.json',
      JSON.stringify([{ code: '1.000894', name: 'Đăng ký khai sinh', agency: 'UBND cấp xã' }]),
    );
    await phone.getByTestId('catalogue-import-go').click();
    await expect.poll(() => version(phone)).toBe('4');
    expect(await phone.getByTestId('catalogue-procedures').textContent()).toBe('1');
    expect((await pull()).procedures.map((p) => p.code)).toEqual(['1.000894']);
  });

  it('a province viewer has no catalogue entry in the menu, and gets no page', async () => {
    const page = await signIn(OFFICE_PC, viewer);
    expect(await page.getByTestId('nav-bao-cao').count()).toBe(1);
    expect(await page.getByTestId('nav-quan-tri/danh-muc').count()).toBe(0);
    await page.goto(`${hub.url}/#/quan-tri/danh-muc`);
    await page.getByTestId('admin-only').waitFor();
    expect(await page.getByTestId('page-catalogue').count()).toBe(0);
  });
});
