/**
 * The dossiers page ("Hồ sơ / Dossiers", issue 18) in real Chromium against a real queue server, on one clock
 * for both (the server's ManualClock, the browser's fixed time): a supervisor sees the overdue dossier first,
 * the uncollected results after three working days, filters by service, downloads the list as XLSX, reads the
 * on-time rate, and the floor monitor raises both, each alert opening its list. Screenshots at a 1366×768 office PC and a phone.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startHarness, type Harness } from '@layso/queue-server';
import { issue, login, seedSmallCenter } from '@layso/queue-server/testing';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';
import { signIn } from '../support/sign-in.js';

const SHOTS = join(REPO_ROOT, 'test-results/screenshots/admin');
const OFFICE_PC = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** A Vietnam wall-clock time (UTC+7 all year). */
const vn = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+07:00`);
// Monday 2026-12-07, 10:00 in Vietnam, for the server and the browser alike.
const NOW = vn('2026-12-07', 10);
const code = (n: string) => `000.00.12.H62-261201-000${n}`;
const SUPERVISOR = { username: 'giamsat', password: 'giam-sat-mat-khau' };

let chrome: TestBrowser;
let h: Harness;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  chrome = await launchBrowser();
  h = await startHarness({ clock: new ManualClock(NOW), seed: seedSmallCenter });
  const admin = await login(h, 'admin');
  const added = await h.api('/api/admin/users', {
    token: admin.token,
    body: { ...SUPERVISOR, displayName: 'Giám sát viên', role: 'supervisor' },
  });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  const [tc, tp] = h.store.catalogue.services();
  const officers = h.store.accounts.users().filter((u) => u.role === 'officer');
  const ticketId = (await issue(h, tc!.id)).id;
  const receive = (n: string, serviceId: number, officerId: number, received: Date, due: Date) =>
    h.store.dossiers.received({
      code: code(n),
      procedureId: null,
      serviceId,
      receivedAt: received,
      appointmentAt: due,
      officerId,
      ticketId,
      proofId: '1234',
      proofPhone: null,
    });
  const ready = (n: string, at: Date) =>
    h.store.dossiers.applyStatus(
      { MaHoSo: code(n), TrangThaiHoSo: 9, NgayHenTra: null, NgayCoKetQua: null },
      'push',
      at,
    );
  // 1: past Friday's appointment without a result. 2: ready Wednesday, waiting 3 working days. 3: due today.
  // 4: ready late (Thursday, due Wednesday), at the other service.
  receive('1', tc!.id, officers[0]!.id, vn('2026-11-30', 9), vn('2026-12-04', 16));
  receive('2', tc!.id, officers[0]!.id, vn('2026-12-01', 9), vn('2026-12-04', 16));
  ready('2', vn('2026-12-02', 15));
  receive('3', tc!.id, officers[1]!.id, vn('2026-12-01', 10), vn('2026-12-07', 16));
  receive('4', tp!.id, officers[1]!.id, vn('2026-12-01', 11), vn('2026-12-02', 16));
  ready('4', vn('2026-12-03', 8));
});

afterAll(async () => {
  await chrome.close();
  await h.close();
});

async function supervisorPage(size: { width: number; height: number }, hash: string) {
  const page = await chrome.page(size);
  await page.clock.setFixedTime(NOW);
  await signIn(page, `${h.url}/admin#${hash}`, SUPERVISOR);
  return page;
}

const rowCodes = async (page: Awaited<ReturnType<typeof supervisorPage>>) =>
  page.getByTestId('dossier-row').locator('td.ad-code').allTextContents();

describe('admin: dossiers', () => {
  it('lists overdue and uncollected dossiers, filters by service, downloads XLSX, shows the on-time rate', async () => {
    const page = await supervisorPage(OFFICE_PC, 'dossiers');
    await page.getByTestId('dossiers-table').waitFor();
    expect(await rowCodes(page)).toEqual([code('1')]);
    expect(await page.getByTestId('dossiers-count').textContent()).toContain('1 hồ sơ');
    await expect
      .poll(() => page.getByTestId('progress-rate').locator('.ad-total-value').textContent())
      .toBe('50%');
    await page.screenshot({ path: join(SHOTS, 'dossiers-overdue-1366.png'), fullPage: true });

    await page.getByTestId('dossiers-tab-uncollected').click();
    await expect.poll(() => rowCodes(page)).toEqual([code('2')]);
    expect(await page.getByTestId('dossiers-list').textContent()).toContain('3 ngày làm việc');
    await page.screenshot({ path: join(SHOTS, 'dossiers-uncollected-1366.png') });

    await page.getByTestId('dossiers-tab-returned-late').click();
    await expect.poll(() => rowCodes(page)).toEqual([code('4')]);
    const [, tp] = h.store.catalogue.services();
    await page.locator('select[name="serviceId"]').selectOption(String(h.store.catalogue.services()[0]!.id));
    await page.getByTestId('dossiers-list').getByText('Không có hồ sơ nào').waitFor();
    await page.locator('select[name="serviceId"]').selectOption(String(tp!.id));
    await expect.poll(() => rowCodes(page)).toEqual([code('4')]);

    const download = page.waitForEvent('download');
    await page.getByTestId('dossiers-xlsx').click();
    const file = await (await download).path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('Hồ sơ');
    expect(sheet?.rowCount).toBe(2);
    expect(sheet?.getRow(2).getCell(1).value).toBe(code('4'));
  });

  it('raises overdue and uncollected results on the floor monitor', async () => {
    const page = await supervisorPage(OFFICE_PC, 'monitor');
    const alerts = page.getByTestId('monitor-alerts');
    await alerts.getByText('1 hồ sơ đã quá ngày hẹn trả').waitFor();
    await alerts.getByText('1 kết quả đã có từ 3 ngày làm việc').waitFor();
    await page.screenshot({ path: join(SHOTS, 'dossiers-alerts-1366.png') });
    // Each alert opens its list.
    await page.getByTestId('alert-results-uncollected').click();
    await page.getByTestId('page-dossiers').waitFor();
    await expect.poll(() => rowCodes(page)).toEqual([code('2')]);
    expect(await page.getByTestId('dossiers-tab-uncollected').getAttribute('aria-selected')).toBe('true');
  });

  it('reads on a phone', async () => {
    const page = await supervisorPage(PHONE, 'dossiers');
    await page.getByTestId('dossiers-table').waitFor();
    await page.screenshot({ path: join(SHOTS, 'dossiers-phone.png'), fullPage: true });
  });
});
