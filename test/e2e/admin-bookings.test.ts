/**
 * The appointments' admin pages (issue 21) in real Chromium against a real queue server, on one clock for both (the
 * server's ManualClock, the browser's fixed time; Monday 07:30 in Vietnam): an admin opens Sở Tư pháp for booking
 * with 4 places a slot on Mondays, a figure out of range is refused before anything is sent, and the saved settings
 * are read back and audited; a citizen books the 09:00 slot through the booking API (the one-time code arriving on
 * the SMS stand-in) and the booking shows in today's list, masked, with the slot's places taken, then with its
 * ticket once checked in at the kiosk; the supervisor's report counts it and downloads as CSV; a supervisor reads
 * the settings and cannot change them. Screenshots at a 1366×768 office PC and a phone.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS, formatBookingCode, type BookingSettings } from '@layso/protocol';
import { ManualClock, startHarness, type Harness, type NotifyMock } from '@layso/queue-server';
import { login, seedSmallCenter } from '@layso/queue-server/testing';
import { bookByApi, smsOn, startSmsStandIn } from '../support/bookings.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';
import { signIn } from '../support/sign-in.js';

const SHOTS = join(REPO_ROOT, 'test-results/screenshots/admin');
const OFFICE_PC = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const SUPERVISOR = { username: 'giamsat', password: 'giam-sat-mat-khau' };
// Monday 2026-12-07, 07:30 in Vietnam, for the server and the browser alike.
const TODAY = '2026-12-07';
const NOW = new Date(`${TODAY}T07:30:00+07:00`);
/** Ten minutes before the 09:00 slot: within its check-in window. */
const CHECK_IN_AT = new Date(`${TODAY}T08:50:00+07:00`);
const CITIZEN = { phone: '0912345678', cccd: '079203001234' };

const clock = new ManualClock(NOW);
let chrome: TestBrowser;
let h: Harness;
let mock: NotifyMock;
let tp = 0;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  mock = await startSmsStandIn();
  // The stand-in is plain http on 127.0.0.1: allowed for labs and tests only.
  h = await startHarness({
    clock,
    seed: seedSmallCenter,
    env: { ALLOW_HTTP_UPSTREAM: 'true' },
  });
  chrome = await launchBrowser();
  const admin = await login(h, 'admin');
  const added = await h.api('/api/admin/users', {
    token: admin.token,
    body: { ...SUPERVISOR, displayName: 'Giám sát viên', role: 'supervisor' },
  });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  tp = h.store.catalogue.services().find((s) => s.code === 'TP')?.id ?? 0;
  // The one-time codes go by SMS: the admin turns it on, pointed at the stand-in.
  await smsOn(h, mock);
});

afterAll(async () => {
  await chrome?.close();
  await h?.close();
  await mock?.close();
});

const ADMIN = () => ({ username: h.credentials.admin.username, password: h.credentials.admin.password });

async function openAs(who: { username: string; password: string }, hash: string, size = OFFICE_PC) {
  const page = await chrome.page(size);
  await page.clock.setFixedTime(NOW);
  await signIn(page, `${h.url}/admin#${hash}`, who);
  return page;
}

async function readSettings(): Promise<BookingSettings> {
  const admin = await login(h, 'admin');
  const got = await h.api(ENDPOINTS.bookingSettings.path, { token: admin.token });
  expect(got.status).toBe(200);
  return got.body as BookingSettings;
}

/** A citizen books `start` today at Sở Tư pháp through the booking page's API: code by SMS, proof, booking. */
const bookThroughApi = async (start: string): Promise<string> =>
  (await bookByApi(h, mock, CITIZEN, { serviceId: tp, day: TODAY, start })).code;

describe('admin: bookings', () => {
  it('opens a service for booking: refuses a figure out of range unsent, saves the rest, audited', async () => {
    const page = await openAs(ADMIN(), 'booking-settings');
    const before = await readSettings();
    await page.locator('input[name="enabled"]').check();
    const row = page.getByTestId(`booking-service-${tp}`);
    await row.locator(`input[name="enabled-${tp}"]`).check();
    await row.locator(`input[name="slotMinutes-${tp}"]`).fill('30');
    await row.locator(`input[name="walkInSharePercent-${tp}"]`).fill('40');
    await row.locator(`input[name="capacity-${tp}-1"]`).fill('4');
    await row.locator(`input[name="capacity-${tp}-7"]`).fill('0');
    await page.locator('input[name="maxBookedInRow"]').fill('3');

    // Out of range: said in Vietnamese first, the field marked, nothing sent.
    await page.locator('input[name="daysAhead"]').fill('99');
    await page.getByTestId('booking-save').click();
    await page
      .getByTestId('booking-problems')
      .getByText('Số ngày đặt trước: nhập số nguyên từ 0 đến 60.')
      .waitFor();
    expect(await page.locator('input[name="daysAhead"]').getAttribute('aria-invalid')).toBe('true');
    expect(await readSettings()).toEqual(before);
    await page.screenshot({ path: join(SHOTS, 'booking-settings-refused-1366.png'), fullPage: true });

    await page.locator('input[name="daysAhead"]').fill('5');
    await page.getByTestId('booking-save').click();
    await page.getByTestId('booking-saved').waitFor();
    expect(await page.getByTestId('booking-problems').count()).toBe(0);
    const after = await readSettings();
    expect(after).toMatchObject({ enabled: true, daysAhead: 5, maxBookedInRow: 3 });
    expect(after.services.find((s) => s.serviceId === tp)).toEqual({
      serviceId: tp,
      enabled: true,
      slotMinutes: 30,
      walkInSharePercent: 40,
      capacity: { '1': 4, '7': 0 },
    });
    const admin = await login(h, 'admin');
    const audit = await h.api('/api/admin/audit?limit=20', { token: admin.token });
    expect(audit.body.map((e: { action: string }) => e.action)).toContain('booking.settings.update');
    // The links to the booking page and its printable poster.
    expect(await page.getByTestId('booking-page-link').getAttribute('href')).toBe('/dat-lich');
    expect(await page.getByTestId('booking-poster-link').getAttribute('href')).toBe('/dat-lich/poster');
    await page.screenshot({ path: join(SHOTS, 'booking-settings-1366.png'), fullPage: true });
    await page.close();
  });

  it("shows a booking made on the booking API in today's list, masked, with its slot's places taken", async () => {
    const code = await bookThroughApi('09:00');
    const page = await openAs(ADMIN(), 'bookings');
    const row = page.getByTestId(`booking-${code}`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('booked');
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe('09:00–09:30');
    expect(cells[1]).toBe(formatBookingCode(code));
    expect(cells[2]).toContain('Sở Tư pháp');
    expect(cells[3]).toMatch(/234$/);
    expect(cells[4]).toMatch(/678$/);
    expect(cells[5]).toBe('Đã đặt');
    const html = await page.content();
    expect(html).not.toContain(CITIZEN.cccd);
    expect(html).not.toContain(CITIZEN.phone);
    const slot = page.getByTestId(`slot-${tp}-09:00`);
    expect(await slot.getAttribute('aria-label')).toBe('09:00: đã đặt 1/4');

    // Filtered by state: none cancelled.
    await page.locator('select[name="status"]').selectOption('cancelled');
    await row.waitFor({ state: 'detached' });
    await page.getByTestId('bookings-list').getByText('Không có lịch hẹn nào.').waitFor();
    await page.locator('select[name="status"]').selectOption('');
    await row.waitFor();

    // Checked in at the kiosk ten minutes early: the list says which ticket and where it is.
    clock.set(CHECK_IN_AT);
    await page.clock.setFixedTime(CHECK_IN_AT);
    const kiosk = h.credentials.kioskToken;
    const checkIn = await h.api(ENDPOINTS.checkIn.path, { token: kiosk, body: { code } });
    expect(checkIn.body, JSON.stringify(checkIn.body)).toMatchObject({ outcome: 'issued' });
    await page.getByTestId('bookings-refresh').click();
    await page.locator(`[data-testid="booking-${code}"][data-status="checked_in"]`).waitFor();
    const after = await row.locator('td').allTextContents();
    expect(after[5]).toBe(`Đã nhận số ${checkIn.body.ticket.number} · đang chờ`);
    expect(after[6]).toBe('08:50');
    await page.screenshot({ path: join(SHOTS, 'bookings-day-1366.png'), fullPage: true });
    await page.close();

    const phone = await openAs(ADMIN(), 'bookings', PHONE);
    await phone.getByTestId(`booking-${code}`).waitFor();
    await phone.screenshot({ path: join(SHOTS, 'bookings-day-phone.png'), fullPage: true });
    await phone.close();
  });

  it("puts the day's bookings in the supervisor's report, booked against walk-in", async () => {
    const page = await openAs(SUPERVISOR, 'reports');
    await page.clock.setFixedTime(CHECK_IN_AT);
    await page.getByTestId('report-today').click();
    const row = page.getByTestId(`booking-report-${tp}`);
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    // Service, places offered, booked, checked in, cancelled, late, no-show.
    expect(cells[0]).toBe('Sở Tư pháp');
    expect(cells.slice(2, 7)).toEqual(['1', '1', '0', '0', '0']);
    expect(await page.getByTestId('booking-report-error').count()).toBe(0);
    await page.getByTestId('chart-booking-waits').waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('booking-report-csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`dat-lich-${TODAY}-${TODAY}.csv`);
    await page.getByTestId('booking-report').screenshot({ path: join(SHOTS, 'booking-report-1366.png') });
    await page.close();
  });

  it('lets a supervisor read the booking settings, not change them', async () => {
    const page = await openAs(SUPERVISOR, 'booking-settings');
    await page.getByText('Bạn đăng nhập với vai trò giám sát').waitFor();
    await page.getByTestId(`booking-service-${tp}`).waitFor();
    expect(await page.locator('input[name="daysAhead"]').inputValue()).toBe('5');
    expect(await page.locator('input[name="daysAhead"]').isDisabled()).toBe(true);
    expect(await page.locator(`input[name="capacity-${tp}-1"]`).isDisabled()).toBe(true);
    expect(await page.getByTestId('booking-save').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'booking-settings-supervisor-1366.png'), fullPage: true });
    // And the server refuses a supervisor's change all the same.
    const sup = await h.api(ENDPOINTS.setBookingSettings.path, {
      method: 'PUT',
      token: (await h.api('/api/auth/login', { body: SUPERVISOR })).body.token,
      body: await readSettings(),
    });
    expect(sup.status).toBe(403);
    await page.close();
  });
});
