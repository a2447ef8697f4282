/**
 * Issue 21's "Done when", the newcomer's path in real Chromium against a real server on a clock the test moves: a
 * citizen books a Tư pháp slot on `/dat-lich` at phone size (the one-time code read from the SMS stand-in), walks
 * in, and checks in at the kiosk by scanning the booking's QR; three walk-ins took numbers before. Before the slot's
 * time the officer's console calls a walk-in; at the slot's time it calls the booked ticket ahead of the two
 * walk-ins still waiting (their numbers are older); then a walk-in again. The booked ticket is finished; its
 * booking reads "checked in" with its ticket, and the admin's day lists it so.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '@layso/protocol';
import type { NotifyMock } from '@layso/queue-server';
import { issue, login, ManualClock, type Harness } from '@layso/queue-server/testing';
import {
  bookingOn,
  oneTimeCode,
  smsOn,
  smsTo,
  startKioskWithSms,
  type KioskWithSms,
} from '../support/bookings.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { idle, pressCall } from '../support/console.js';
import { signIn } from '../support/sign-in.js';
import { wedgeScan } from '../support/wedge.js';

/** Monday 14 December 2026 in Vietnam: a working day. */
const DAY = '2026-12-14';
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+07:00`);
const clock = new ManualClock(at('08:00'));
const PHONE = { width: 390, height: 844 };
const KIOSK = { width: 1080, height: 1920 };
const CONSOLE = { width: 1366, height: 768 };

let chrome: TestBrowser;
let h: Harness;
let mock: NotifyMock;
let stack: KioskWithSms;
let justice = 0;

beforeAll(async () => {
  stack = await startKioskWithSms('booking-flow', clock);
  ({ h, mock } = stack);
  // The one-time code goes by SMS, to the stand-in (what the demo's `npm start` sets up by itself).
  await smsOn(h, mock);
  const service = h.store.catalogue.services().find((s) => s.code === 'TP');
  if (!service) throw new Error('the demo center has no Tư pháp service');
  justice = service.id;
  await bookingOn(h, {
    serviceId: justice,
    enabled: true,
    slotMinutes: 30,
    walkInSharePercent: 50,
    capacity: {},
  });
  chrome = await launchBrowser();
});

afterAll(async () => {
  await chrome?.close();
  await stack?.close();
});

/** Books the 09:00 slot on the phone page as a citizen does; the booking's code as shown. */
async function bookOnPhone(page: Page, person: { cccd: string; phone: string }): Promise<string> {
  await page.goto(`${h.url}/dat-lich`);
  await page.getByTestId('bk-service-TP').click();
  await page.getByTestId('bk-skip').click();
  await page.getByTestId(`bk-day-${DAY}`).click();
  await page.getByTestId('bk-slot-09:00').click();
  await page.getByTestId('bk-cccd').fill(person.cccd);
  await page.getByTestId('bk-phone').fill(person.phone);
  const seen = smsTo(mock, person.phone).length;
  await page.getByTestId('bk-send-code').click();
  await page.getByTestId('bk-code-sent').waitFor();
  await page.getByTestId('bk-otp').fill(await oneTimeCode(mock, person.phone, seen));
  await page.getByTestId('bk-confirm').click();
  await page.getByTestId('bk-done').waitFor();
  return ((await page.getByTestId('bk-code').textContent()) ?? '').trim();
}

const currentNumber = async (console: Page) =>
  ((await console.getByTestId('current-number').textContent()) ?? '').trim();

async function finishAsGuidance(console: Page): Promise<void> {
  await idle(console);
  await console.keyboard.press('k');
  await console.getByTestId('finish').waitFor();
  await console.locator('input[value="guidance"]').check();
  await console.getByTestId('finish-submit').click();
  await console.getByTestId('action-info').waitFor();
  await idle(console);
}

describe('a booked citizen, from the phone to the counter', { timeout: 240_000 }, () => {
  it('books at phone size, checks in by QR, and is called at the slot time ahead of walk-ins', async () => {
    // 08:00: a citizen books 09:00 from home.
    const phone = await chrome.page(PHONE);
    const shown = await bookOnPhone(phone, { cccd: '086190012345', phone: '0912345678' });
    expect(shown).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const code = shown.replace('-', '');
    expect(h.store.bookings.byCode(code)?.status).toBe('booked');

    // 08:10: three walk-ins take numbers.
    clock.set(at('08:10'));
    const walkIns: Ticket[] = [];
    for (let i = 0; i < 3; i++) walkIns.push(await issue(h, justice));

    // 08:50, within the check-in window (15 minutes early): the citizen scans the booking's QR at the kiosk.
    clock.set(at('08:50'));
    const kiosk = await chrome.page(KIOSK);
    await kiosk.goto(`${h.url}/kiosk#token=${h.credentials.kioskToken}`);
    await kiosk.getByTestId('welcome').waitFor();
    await wedgeScan(kiosk, `${h.url}/b/${code}`);
    await kiosk.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
    expect(await kiosk.getByTestId('ticket-booked').textContent()).toBe('Số đặt hẹn · Booked — 09:00');
    const booked = ((await kiosk.getByTestId('ticket-number').textContent()) ?? '').trim();
    expect(walkIns.map((t) => t.number)).not.toContain(booked);
    expect(h.store.bookings.byCode(code)?.status).toBe('checked_in');

    // The officer of Quầy 4 (Sở Tư pháp). Before 09:00 the booked ticket is not due: the first walk-in goes.
    const officer = h.credentials.officers[3];
    if (!officer) throw new Error('no officer at Quầy 4');
    const console = await chrome.page(CONSOLE);
    await signIn(console, `${h.url}/counter`, officer);
    await console.locator(`[data-testid="queue"] li[data-number="${booked}"]`).waitFor();
    await pressCall(console);
    await console
      .getByTestId('current-number')
      .filter({ hasText: walkIns[0]?.number ?? '?' })
      .waitFor();
    await finishAsGuidance(console);

    // 09:00, the slot's time: the booked ticket is called ahead of the two older walk-ins.
    clock.set(at('09:00'));
    await pressCall(console);
    await console.getByTestId('current-number').filter({ hasText: booked }).waitFor();
    expect(await currentNumber(console)).toBe(booked);
    const called = h.store.tickets.byId(h.store.bookings.byCode(code)?.ticketId ?? 0);
    expect(called?.status).toBe('called');
    expect(called?.number).toBe(booked);
    await finishAsGuidance(console);

    // Then the walk-ins again, in their order.
    await pressCall(console);
    await console
      .getByTestId('current-number')
      .filter({ hasText: walkIns[1]?.number ?? '?' })
      .waitFor();

    // The booking's own page says it was checked in, with its ticket; the admin's day lists it so.
    await phone.goto(`${h.url}/b/${code}`);
    await phone.getByTestId('bk-card').waitFor();
    expect(await phone.getByTestId('bk-status').textContent()).toContain('Đã nhận số');
    const admin = (await login(h, 'admin')).token;
    const day = await h.api(`/api/admin/bookings?day=${DAY}`, { token: admin });
    expect(day.status).toBe(200);
    const row = (day.body.bookings as { code: string; status: string; ticketNumber: string | null }[]).find(
      (b) => b.code === code,
    );
    expect(row).toMatchObject({ status: 'checked_in', ticketNumber: booked });
  });
});
