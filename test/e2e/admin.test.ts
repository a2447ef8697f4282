/**
 * The admin app in real Chromium against a real queue server: an admin adds a counter and an officer sees it
 * when choosing where to sit; imports the national catalogue after its preview; revokes a display and the display
 * drops at once; the supervisors' floor monitor follows the floor live; a supervisor reads today's report on
 * screen and downloads the XLSX, whose numbers agree with the API and with what happened. Screenshots at a
 * 1366×768 office PC, a 1080p screen and a phone.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issue, login, startHarness } from '@layso/queue-server/testing';
import { pressCall } from '../support/console.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { killAllServerProcesses, REPO_ROOT, startServerProcess } from '../support/child.js';
import { api } from '../support/http.js';
import { signIn } from '../support/sign-in.js';

const SHOTS = join(REPO_ROOT, 'test-results/screenshots/admin');
const OFFICE_PC = { width: 1366, height: 768 };
const FULL_HD = { width: 1920, height: 1080 };
const PHONE = { width: 390, height: 844 };
/** The national catalogue as the demo ships it (2,976 procedures, exported from the national portal). */
const CATALOGUE = join(REPO_ROOT, 'queue-server/src/demo/catalogue.csv');

let chrome: TestBrowser;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  chrome = await launchBrowser();
});
afterAll(async () => {
  await chrome.close();
  await killAllServerProcesses();
});

describe('admin: configuration', () => {
  it('adds a counter that an officer then sees when choosing where to sit; the change is in the audit log', async () => {
    const h = await startHarness();
    try {
      const admin = await chrome.page(OFFICE_PC);
      await signIn(admin, `${h.url}/admin#counters`, h.credentials.admin);
      await admin.getByTestId('counters-table').locator('tbody tr').first().waitFor();
      await admin.screenshot({ path: join(SHOTS, 'counters-1366.png') });

      await admin.getByTestId('counter-add').click();
      const form = admin.getByTestId('counter-form');
      await form.locator('input[name="number"]').fill('42');
      await form.locator('input[name="name"]').fill('Quầy 42 — Hộ tịch');
      // Saving without a service is refused with the server's own message, and nothing is added.
      await admin.getByTestId('counter-save').click();
      await form.getByTestId('admin-error').waitFor();
      expect(h.store.counters.idByNumber(42)).toBeNull();
      const services = h.store.catalogue.services();
      await form.locator('select[name="addService"]').selectOption(String(services[1]!.id));
      await form.locator('select[name="addService"]').selectOption(String(services[0]!.id));
      await form.getByLabel('Lên').last().click(); // the second becomes the first
      await admin.screenshot({ path: join(SHOTS, 'counter-form-1366.png') });
      await admin.getByTestId('counter-save').click();
      await admin.getByTestId('counter-row-42').waitFor();
      const id = h.store.counters.idByNumber(42)!;
      expect(h.store.counters.byId(id)!.serviceIds).toEqual([services[0]!.id, services[1]!.id]);

      // An officer signing in at the console is offered the new counter.
      const officer = h.credentials.officers[0]!;
      const console = await chrome.page(OFFICE_PC);
      await signIn(console, `${h.url}/counter`, officer, 'sent');
      await console.getByTestId(`counter-${id}`).filter({ hasText: 'Quầy 42 — Hộ tịch' }).waitFor();

      // The audit log says who added it.
      await admin.goto(`${h.url}/admin#audit`);
      await admin.getByTestId('audit-table').locator('td', { hasText: 'counter.add' }).first().waitFor();
      expect(await admin.getByTestId('audit-table').locator('tbody tr').first().textContent()).toContain(
        h.credentials.admin.username,
      );
      await admin.screenshot({ path: join(SHOTS, 'audit-1366.png') });
    } finally {
      await h.close();
    }
  });

  it('imports the national catalogue after showing its preview, and the procedures are searchable', async () => {
    const h = await startHarness();
    try {
      // A center that has no procedures yet, as after the first run.
      h.store.db.exec('DELETE FROM procedures');
      h.server.ctx.catalogue.reload();
      const count = () =>
        (h.store.db.prepare('SELECT count(*) AS n FROM procedures').get() as { n: number }).n;
      const admin = await chrome.page(OFFICE_PC);
      await signIn(admin, `${h.url}/admin#procedures`, h.credentials.admin);
      await admin.getByTestId('catalogue-file').setInputFiles(CATALOGUE);
      const preview = admin.getByTestId('import-preview');
      await preview.waitFor();
      const figure = async (id: string) =>
        Number(await admin.getByTestId(`import-${id}`).locator('.ad-total-value').textContent());
      expect(await figure('rows')).toBe(2976);
      expect(await figure('imported')).toBe(2976);
      expect(await figure('skipped')).toBe(0);
      // The preview changed nothing.
      expect(count()).toBe(0);

      // The agencies no rule mapped are listed, biggest first; mapping one to a service recounts the preview.
      const unmapped = await figure('unmapped');
      expect(unmapped).toBeGreaterThan(1000);
      const agencyRow = admin.getByTestId('agency-map').getByTestId('agency-row').first();
      const agency = (await agencyRow.locator('td').first().textContent()) ?? '';
      const agencyRows = Number(await agencyRow.locator('td.num').textContent());
      expect(agencyRows).toBeGreaterThan(0);
      const ct = h.store.catalogue.serviceByCode('CT')!;
      await agencyRow.getByTestId('agency-service').selectOption(String(ct.id));
      // The recount parses the whole file again in a worker thread, whose start alone takes about a second here
      // (tsx compiles its modules; more under load): longer than expect.poll's 1-second default, so a bound of its own.
      await expect.poll(() => figure('unmapped'), { timeout: 30_000 }).toBe(unmapped - agencyRows);
      expect(count()).toBe(0);
      await admin.getByTestId('agency-map').scrollIntoViewIfNeeded();
      await admin.screenshot({ path: join(SHOTS, 'catalogue-agency-map-1366.png') });
      await admin.screenshot({ path: join(SHOTS, 'catalogue-preview-1366.png'), fullPage: true });

      await admin.getByTestId('import-confirm').click();
      await admin.getByTestId('import-done').waitFor();
      expect(count()).toBe(2976);
      // Saved with the same agency map: that agency's procedures are under the chosen service.
      const ofAgency = h.store.catalogue.procedures().filter((p) => p.agency?.trim() === agency);
      expect(ofAgency).toHaveLength(agencyRows);
      expect(ofAgency.every((p) => p.serviceId === ct.id)).toBe(true);

      // One procedure still under no service gets one from the table, with the filter of unmapped ones.
      await admin.getByTestId('filter-unmapped').check();
      const row = admin.getByTestId('procedures-table').locator('tbody tr').first();
      await row.waitFor();
      const id = Number((await row.getAttribute('data-testid'))?.replace('procedure-row-', ''));
      expect(h.store.catalogue.procedure(id)?.serviceId).toBeNull();
      const tp = h.store.catalogue.serviceByCode('TP')!;
      await row.getByTestId('procedure-service').selectOption(String(tp.id));
      await row.getByRole('status').waitFor();
      expect(h.store.catalogue.procedure(id)?.serviceId).toBe(tp.id);
      await admin.screenshot({ path: join(SHOTS, 'procedures-unmapped-1366.png') });
      await admin.getByTestId('filter-unmapped').uncheck();
      await admin.locator('input[name="q"]').fill('khai sinh');
      await admin
        .getByTestId('procedures-table')
        .locator('td', { hasText: /khai sinh/i })
        .first()
        .waitFor();
    } finally {
      await h.close();
    }
  });

  it('registers a display with a pairing QR, and revoking a display drops its screen at once', async () => {
    const h = await startHarness();
    try {
      const display = await chrome.page(FULL_HD);
      await display.goto(`${h.url}/display#token=${h.credentials.displayToken}`);
      await display.getByTestId('display').waitFor();

      const admin = await chrome.page(OFFICE_PC);
      await signIn(admin, `${h.url}/admin#devices`, h.credentials.admin);
      await admin.getByTestId('device-add').click();
      await admin.getByTestId('device-form').locator('select[name="kind"]').selectOption('display');
      await admin.getByTestId('device-form').locator('input[name="name"]').fill('Màn hình tầng 2');
      await admin.getByTestId('device-save').click();
      const pairing = admin.getByTestId('device-pairing');
      await pairing.waitFor();
      const url = (await admin.getByTestId('pair-url').textContent())!;
      expect(url).toMatch(/\/display#token=.+/);
      expect(await pairing.locator('img').evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(
        0,
      );
      await admin.screenshot({ path: join(SHOTS, 'device-pairing-1366.png') });
      // The new display pairs with that address.
      const second = await chrome.page(FULL_HD);
      await second.goto(url.replace(/^https?:\/\/[^/]+/, h.url));
      await second.getByTestId('display').waitFor();
      await admin.getByTestId('pair-done').click();

      // Revoke the demo display: its screen leaves the queue and says so.
      const demoDisplay = h.store.devices
        .all()
        .find((d) => d.kind === 'display' && d.name !== 'Màn hình tầng 2')!;
      const row = admin.getByTestId(`device-${demoDisplay.id}`);
      await row.locator('.ad-good').waitFor(); // online
      await admin.screenshot({ path: join(SHOTS, 'devices-1366.png') });
      await admin.getByTestId(`device-revoke-${demoDisplay.id}`).click();
      await admin.getByTestId('revoke-yes').click();
      await display.getByTestId('refused').waitFor();
      await row.filter({ hasText: 'Đã thu hồi' }).waitFor();
      // The other display keeps working.
      expect(await second.getByTestId('display').count()).toBe(1);
    } finally {
      await h.close();
    }
  });
});

describe('supervisors: the floor and the reports', () => {
  it('the floor monitor follows tickets, pauses and printer faults live', async () => {
    const h = await startHarness();
    try {
      const admin = await chrome.page(OFFICE_PC);
      await signIn(admin, `${h.url}/admin#monitor`, h.credentials.admin);
      await admin.locator('[data-testid="monitor-status"].ad-live-online').waitFor();
      const service = h.store.catalogue.services()[0]!;
      const row = admin.getByTestId(`monitor-service-${service.code}`);
      const waitingBefore = Number(
        await row.getByTestId('waiting').evaluate((e) => e.firstChild?.textContent),
      );
      await issue(h, service.id);
      await issue(h, service.id);
      await row
        .getByTestId('waiting')
        .filter({ hasText: String(waitingBefore + 2) })
        .waitFor();

      // An officer signs in, calls, and the counter's card says whom it serves; then a pause shows with its reason.
      const officer = h.credentials.officers.find((o) =>
        h.store.counters.byId(o.counterId)!.serviceIds.includes(service.id),
      )!;
      const { token } = await login(h, officer.username);
      const called = await h.api(`/api/counters/${officer.counterId}/call-next`, { token, method: 'POST' });
      expect(called.status).toBe(200);
      const counterNo = h.store.counters.byId(officer.counterId)!.number;
      const card = admin.getByTestId(`monitor-counter-${counterNo}`);
      await card.filter({ hasText: called.body.ticket.number }).waitFor();
      await admin.screenshot({ path: join(SHOTS, 'monitor-1366.png') });
      await h.api(`/api/tickets/${called.body.ticket.id}/finish`, { token, body: { outcome: 'guidance' } });
      await h.api(`/api/counters/${officer.counterId}/pause`, {
        token,
        body: { paused: true, reason: 'Họp giao ban' },
      });
      await card.filter({ hasText: 'Họp giao ban' }).waitFor();
      expect(await card.getAttribute('class')).toContain('ad-counter-paused');

      // A kiosk reports paper out: an alert says which kiosk and what to do.
      await h.api('/api/kiosk/printer', { token: h.credentials.kioskToken, body: { state: 'paper-out' } });
      await admin.getByTestId('monitor-alerts').locator('.lk-banner-danger').first().waitFor();

      const tv = await chrome.page(FULL_HD);
      await signIn(tv, `${h.url}/admin#monitor`, h.credentials.admin);
      await tv.locator('[data-testid="monitor-status"].ad-live-online').waitFor();
      await tv.screenshot({ path: join(SHOTS, 'monitor-1080p.png') });
      const phone = await chrome.page(PHONE);
      await signIn(phone, `${h.url}/admin#monitor`, h.credentials.admin);
      await phone.getByTestId('monitor-services').waitFor();
      await phone.screenshot({ path: join(SHOTS, 'monitor-phone.png'), fullPage: true });
    } finally {
      await h.close();
    }
  });

  it("a supervisor reads today's figures on screen and downloads an XLSX that agrees", async () => {
    const h = await startHarness();
    try {
      // A supervisor account, made in the admin as a newcomer would.
      const admin = await chrome.page(OFFICE_PC);
      await signIn(admin, `${h.url}/admin#officers`, h.credentials.admin);
      await admin.getByTestId('officer-add').click();
      const form = admin.getByTestId('officer-form');
      await form.locator('input[name="username"]').fill('giamsat');
      await form.locator('input[name="password"]').fill('giam-sat-2026-mat-khau');
      await form.locator('input[name="displayName"]').fill('Trần Thị Giám Sát');
      await form.locator('select[name="role"]').selectOption('supervisor');
      await admin.getByTestId('officer-save').click();
      await admin.getByTestId('officer-giamsat').waitFor();
      await admin.screenshot({ path: join(SHOTS, 'officers-1366.png') });

      // What happened today: 5 tickets; one served, one no-show, one transferred, one still waiting, and the last
      // one released from the citizen's phone (cancelled).
      const officer = h.credentials.officers[0]!;
      const serviceId = h.store.counters.byId(officer.counterId)!.serviceIds[0]!;
      const other = h.store.catalogue.services().find((s) => s.id !== serviceId)!;
      for (let i = 0; i < 4; i++) await issue(h, serviceId);
      const left = await issue(h, serviceId);
      expect((await h.api(`/api/public/tickets/${left.trackingCode}/leave`, { method: 'POST' })).status).toBe(
        200,
      );
      const { token } = await login(h, officer.username);
      const call = async () =>
        (await h.api(`/api/counters/${officer.counterId}/call-next`, { token, method: 'POST' })).body
          .ticket as {
          id: number;
        };
      const a = await call();
      await h.api(`/api/tickets/${a.id}/finish`, { token, body: { outcome: 'guidance' } });
      const b = await call();
      await h.api(`/api/tickets/${b.id}/no-show`, { token, method: 'POST' });
      const c = await call();
      await h.api(`/api/tickets/${c.id}/transfer`, { token, body: { serviceId: other.id } });

      const sup = await chrome.page(OFFICE_PC);
      await signIn(sup, `${h.url}/admin#reports`, {
        username: 'giamsat',
        password: 'giam-sat-2026-mat-khau',
      });
      await sup.getByTestId('report-today').click();
      await sup.getByTestId('report').waitFor();
      const total = async (id: string) =>
        Number(await sup.getByTestId(`total-${id}`).locator('.ad-total-value').textContent());
      const today = (await h.api('/api/health')).body.day as string;
      const viaApi = (
        await h.api(`/api/reports?from=${today}&to=${today}`, {
          token: (await login(h, 'giamsat', 'giam-sat-2026-mat-khau')).token,
        })
      ).body;
      expect(await total('issued')).toBe(5);
      expect(await total('served')).toBe(1);
      expect(await total('noShow')).toBe(1);
      expect(await total('transferred')).toBe(1);
      expect(await total('cancelled')).toBe(1);
      expect(viaApi.totals).toMatchObject({ issued: 5, served: 1, noShow: 1, transferred: 1, cancelled: 1 });
      await sup.getByTestId('chart-hours').locator('canvas').waitFor();
      await sup.screenshot({ path: join(SHOTS, 'reports-1366.png'), fullPage: true });

      const download = sup.waitForEvent('download');
      await sup.getByTestId('report-xlsx').click();
      const file = await (await download).path();
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file!);
      expect(book.worksheets.length).toBeGreaterThan(1);
      const cells = book.worksheets.flatMap((ws) => {
        const out: unknown[] = [];
        ws.eachRow((r) => r.eachCell((cell) => out.push(cell.value)));
        return out;
      });
      // The figures are numbers, not strings, and today's issued count is there.
      expect(cells).toContain(5);
      expect(cells.some((v) => typeof v === 'string' && /[ạảấầẩẫậắằẳẵặẹẻẽếềểễệ]/.test(v))).toBe(true);

      // The supervisor reads the configuration but may not change it.
      await sup.goto(`${h.url}/admin#settings`);
      await sup.locator('input[name="centerName"]').waitFor();
      expect(await sup.locator('input[name="centerName"]').isDisabled()).toBe(true);
      expect(await sup.getByTestId('settings-save').count()).toBe(0);

      const phone = await chrome.page(PHONE);
      await signIn(phone, `${h.url}/admin#reports`, {
        username: 'giamsat',
        password: 'giam-sat-2026-mat-khau',
      });
      await phone.getByTestId('report-today').click();
      await phone.getByTestId('report').waitFor();
      await phone.screenshot({ path: join(SHOTS, 'reports-phone.png'), fullPage: true });

      // An officer cannot use the admin at all.
      const o = await chrome.page(OFFICE_PC);
      await signIn(o, `${h.url}/admin`, officer, 'sent');
      await o.getByTestId('signin-error').filter({ hasText: 'không có quyền quản trị' }).waitFor();
    } finally {
      await h.close();
    }
  });

  it('settings take effect live: the lobby display shows the new notice without a reload', async () => {
    const h = await startHarness();
    try {
      const display = await chrome.page(FULL_HD);
      await display.goto(`${h.url}/display#token=${h.credentials.displayToken}`);
      await display.getByTestId('display').waitFor();
      const admin = await chrome.page(OFFICE_PC);
      await signIn(admin, `${h.url}/admin#settings`, h.credentials.admin);
      await admin
        .locator('textarea[name="notice"]')
        .fill('Trung tâm nghỉ lễ từ ngày 1/1 — Closed on 1 January');
      // A template without {counter} is refused before saving, with a reason in both languages.
      await admin.locator('input[name="template"]').fill('Mời số {number}');
      await admin.locator('.lk-banner-warning').filter({ hasText: '{counter}' }).waitFor();
      await admin
        .locator('input[name="template"]')
        .fill('Xin mời công dân có số {number} đến quầy {counter}');
      // Results are collected at one service of the center (issue 18).
      const returns = h.store.catalogue.services()[1]!;
      await admin.locator('select[name="returnsServiceId"]').selectOption(String(returns.id));
      // Holidays and make-up working days: typed dd/mm/yyyy, listed with their weekday, one taken off again.
      await admin.getByTestId('settings-holidays-date').fill('01/01/2027');
      await admin.getByTestId('settings-holidays-add').click();
      await admin.getByTestId('settings-holidays-date').fill('31/12/2026');
      await admin.getByTestId('settings-holidays-date').press('Enter');
      await admin.getByTestId('settings-holidays-day').filter({ hasText: 'Thứ Sáu, 01/01/2027' }).waitFor();
      expect(await admin.getByTestId('settings-holidays-day').count()).toBe(2);
      await admin.getByTestId('settings-holidays-remove-2026-12-31').click();
      await admin.getByTestId('settings-workdays-date').fill('02/01/2027');
      await admin.getByTestId('settings-workdays-add').click();
      await admin.getByTestId('settings-workdays-day').filter({ hasText: 'Thứ Bảy, 02/01/2027' }).waitFor();
      await admin.getByTestId('settings-save').click();
      await admin.getByTestId('settings-saved').waitFor();
      expect(h.server.ctx.settings.get().returnsServiceId).toBe(returns.id);
      expect(h.server.ctx.settings.get()).toMatchObject({
        holidays: ['2027-01-01'],
        workdays: ['2027-01-02'],
      });
      await display.locator('text=Trung tâm nghỉ lễ từ ngày 1/1').first().waitFor();
      await admin.screenshot({ path: join(SHOTS, 'settings-1366.png'), fullPage: true });
    } finally {
      await h.close();
    }
  });
});

describe('first run in production, in the browser', () => {
  it('setup code → first admin → service, counter, officer, kiosk → a first ticket called at the console', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'layso-admin-first-run-'));
    try {
      const server = await startServerProcess(dataDir, { NODE_ENV: 'production' });
      const code = /Mã thiết lập[^:]*: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(server.output())?.[1];
      expect(code, server.output()).toBeDefined();
      const page = await chrome.page(OFFICE_PC);
      await page.goto(`${server.url}/admin`);
      // The page opens on the setup form; a wrong code is refused with the server's words.
      await page.locator('input[name="code"]').fill('AAAA-BBBB-CCCC');
      await page.locator('input[name="username"]').fill('quantri');
      await page.locator('input[name="displayName"]').fill('Nguyễn Văn Quản Trị');
      await page.locator('input[name="password"]').fill('mat-khau-quan-tri-2026');
      await page.getByTestId('setup-submit').click();
      await page.getByTestId('admin-error').waitFor();
      await page.screenshot({ path: join(SHOTS, 'setup-1366.png') });
      await page.locator('input[name="code"]').fill(code!.toLowerCase());
      await page.getByTestId('setup-submit').click();
      await page.getByTestId('signin-notice').waitFor();
      await signIn(page, `${server.url}/admin`, { username: 'quantri', password: 'mat-khau-quan-tri-2026' });

      // A service open all day every day (so the test runs at any hour).
      await page.getByTestId('nav-services').click();
      await page.getByTestId('service-add').click();
      const form = page.getByTestId('service-form');
      await form.locator('input[name="code"]').fill('HT');
      await form.locator('input[name="name"]').fill('Hộ tịch');
      await form.locator('input[name="prefix"]').fill('1');
      for (const day of ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật']) {
        await form.getByLabel(`${day} Sáng mở`).fill('00:00');
        await form.getByLabel(`${day} Sáng đóng`).fill('23:59');
        await form.getByLabel(`${day} Chiều mở`).fill('');
        await form.getByLabel(`${day} Chiều đóng`).fill('');
      }
      await page.screenshot({ path: join(SHOTS, 'service-form-1366.png') });
      await page.getByTestId('service-save').click();
      await page.getByTestId('service-HT').waitFor();

      await page.getByTestId('nav-counters').click();
      await page.getByTestId('counter-add').click();
      await page
        .getByTestId('counter-form')
        .locator('select[name="addService"]')
        .selectOption({ label: 'HT — Hộ tịch' });
      await page.getByTestId('counter-save').click();
      await page.getByTestId('counter-row-1').waitFor();

      await page.getByTestId('nav-officers').click();
      await page.getByTestId('officer-add').click();
      const officer = page.getByTestId('officer-form');
      await officer.locator('input[name="username"]').fill('canbo1');
      await officer.locator('input[name="password"]').fill('mat-khau-can-bo-2026');
      await officer.locator('input[name="displayName"]').fill('Lê Thị Cán Bộ');
      await officer.locator('select[name="counterId"]').selectOption({ label: 'Quầy 1' });
      await page.getByTestId('officer-save').click();
      await page.getByTestId('officer-canbo1').waitFor();

      await page.getByTestId('nav-devices').click();
      await page.getByTestId('device-add').click();
      await page.getByTestId('device-form').locator('input[name="name"]').fill('Ki-ốt sảnh');
      await page.getByTestId('device-save').click();
      const kioskToken = (await page.getByTestId('pair-token').textContent())!.trim();
      expect((await page.getByTestId('pair-url').textContent())!).toContain('/kiosk#token=');

      // The kiosk's first ticket, called by the new officer at the console.
      const services = (await api(server.url, '/api/services')).body as { id: number; code: string }[];
      const ticket = await api(server.url, '/api/tickets', {
        token: kioskToken,
        body: { serviceId: services.find((s) => s.code === 'HT')!.id },
      });
      expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
      expect(ticket.body.number).toBe('1001');
      const console = await chrome.page(OFFICE_PC);
      await signIn(console, `${server.url}/counter`, {
        username: 'canbo1',
        password: 'mat-khau-can-bo-2026',
      });
      await pressCall(console);
      await console.getByTestId('current-number').filter({ hasText: '1001' }).waitFor();
    } finally {
      await killAllServerProcesses();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
