/**
 * Issue 19's newcomer path for text notices, in real Chromium at the kiosk's size against a real server: the admin
 * turns SMS on (pointed at the SMS stand-in of `npm run notify-mock`); at the kiosk a citizen taps a service, gives
 * a phone number, ticks "Nhận tin nhắn thông báo / Get text notices" and takes a number with 6 people ahead; the
 * officer calls — the stand-in gets "còn 5 người" with the number, then "Quầy N" at the call, and nothing else for
 * that phone; a ticket whose citizen left the box unticked gets no SMS at all. The details screen with the box
 * ticked is saved to test-results/screenshots/kiosk/notices-consent.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_CONSENT } from '@layso/protocol';
import type { Harness, NotifyMock } from '@layso/queue-server';
import { issue, login, type Session } from '@layso/queue-server/testing';
import {
  BRANDNAME,
  SMS_KEY,
  smsOn,
  smsTo,
  startKioskWithSms,
  type KioskWithSms,
} from '../support/bookings.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';

const SHOTS = join(REPO_ROOT, 'test-results/screenshots/kiosk');

let chrome: TestBrowser;
let h: Harness;
let mock: NotifyMock;
let stack: KioskWithSms;
let officer: Session;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startKioskWithSms('kiosk-notices');
  ({ h, mock } = stack);
  officer = await login(h, 0);
  chrome = await launchBrowser();
});

afterAll(async () => {
  await chrome?.close();
  await stack?.close();
});

/** The admin turns SMS on as in Admin → Thông báo: the stand-in's address, the gateway key, the brandname. */
async function smsOnAtStandIn(): Promise<void> {
  const saved = await smsOn(h, mock);
  expect(saved).toMatchObject({ enabled: true, credential: `••••${SMS_KEY.slice(-4)}`, sender: BRANDNAME });
}

/** Types on the kiosk's own on-screen keyboard, one key at a time, as a citizen would. */
async function typeOnScreen(page: Page, text: string): Promise<void> {
  for (const ch of text) await page.locator(`[data-key="${ch}"]`).click();
}

/**
 * At the kiosk: the service, the details with consent and a phone, the text-notices box ticked or not, the number.
 * `shot` saves the details screen as it is just before saving them.
 */
async function takeAtKiosk(
  page: Page,
  serviceCode: string,
  phone: string,
  notices: boolean,
  shot?: string,
): Promise<string> {
  await page.getByTestId('welcome').waitFor();
  await page.getByTestId(`service-${serviceCode}`).click();
  await page.getByTestId('intake-open').click();
  await page.getByTestId('consent').click();
  await page.getByTestId('field-phone').click();
  await typeOnScreen(page, phone);
  const box = page.getByTestId('notices-consent');
  // Offered because the center has SMS on, and only once the phone number is valid.
  await page.locator('[data-testid="notices-consent"]:not([disabled])').waitFor();
  expect(await page.getByTestId('notices').textContent()).toContain('Nhận tin nhắn thông báo');
  if (notices) await box.click();
  if (shot) await page.screenshot({ path: join(SHOTS, shot) });
  await page.getByTestId('intake-save').click();
  await page.getByTestId('confirm').waitFor();
  await page.getByTestId('take').click();
  await page.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
  const number = (await page.getByTestId('ticket-number').textContent())?.trim() ?? '';
  expect(number).toMatch(/^\d{4}$/);
  await page.getByTestId('done').click();
  return number;
}

/** The officer's counter calls its next ticket, letting the one before go as a no-show. */
async function callNext(): Promise<{ id: number; number: string } | null> {
  const current = h.store.counters.byId(officer.counterId)?.currentTicketId;
  if (current) {
    const r = await h.api(`/api/tickets/${current}/no-show`, { token: officer.token, body: {} });
    expect(r.status).toBe(200);
  }
  const r = await h.api(`/api/counters/${officer.counterId}/call-next`, { token: officer.token, body: {} });
  if (r.status === 204) return null;
  expect(r.status).toBe(200);
  return r.body.ticket;
}

describe('text notices from the kiosk, through the SMS stand-in', { timeout: 120_000 }, () => {
  it('a citizen who ticks the box gets "5 ahead" and the call by SMS; one who does not gets none', async () => {
    // The kiosk is open before the center turns SMS on: it offers no text notices yet.
    const page = await chrome.page();
    await page.goto(`${h.url}/kiosk#token=${h.credentials.kioskToken}`);
    await page.getByTestId('welcome').waitFor();
    await page.locator('[data-testid^="service-"]:not([disabled])').first().click();
    await page.getByTestId('intake-open').click();
    await page.getByTestId('consent').click();
    await page.getByTestId('intake').waitFor();
    expect(await page.getByTestId('notices').count()).toBe(0);
    await page.getByTestId('home').click();
    await page.getByTestId('welcome').waitFor();
    // Then the admin turns SMS on: the open kiosk hears `settings:changed` and reads its settings again (no reload;
    // its own poll is every 30 s, so only the event brings them within this bound).
    const reread = page.waitForResponse((r) => r.url().endsWith('/api/kiosk/settings'), { timeout: 20_000 });
    await smsOnAtStandIn();
    expect(await (await reread).json()).toMatchObject({ textNotices: true });
    const counter = h.store.counters.byId(officer.counterId);
    const serviceId = counter?.serviceIds[0] ?? 0;
    const service = h.store.catalogue.service(serviceId);
    if (!counter || !service) throw new Error('the demo counter has no service');
    // Nobody waiting at this counter before the test's own tickets.
    for (let i = 0; i < 100 && (await callNext()); i++);

    // Five in the queue before anyone at the kiosk, then a citizen who gives a phone but leaves the box unticked.
    const first = await issue(h, serviceId);
    for (let i = 0; i < 4; i++) await issue(h, serviceId);
    const quiet = '0987654321';
    const quietNumber = await takeAtKiosk(page, service.code, quiet, false);
    // Then ours: 6 ahead, the box ticked.
    const phone = '0912345678';
    const number = await takeAtKiosk(page, service.code, phone, true, 'notices-consent.png');
    await page.close();

    const waiting = h.store.tickets.waiting(h.store.tickets.byId(first.id)?.day ?? '', serviceId);
    expect(waiting).toHaveLength(7);
    const byNumber = (n: string) => waiting.find((t) => t.number === n);
    const mine = byNumber(number);
    const theirs = byNumber(quietNumber);
    expect(mine?.intake).toMatchObject({
      consent: true,
      phone,
      notices: { consentVersion: NOTICE_CONSENT.version },
    });
    expect(theirs?.intake).toMatchObject({ consent: true, phone: quiet });
    expect(theirs?.intake?.notices).toBeUndefined();
    expect(mine?.serviceId).toBe(serviceId);

    // 6 → 5 ahead: one SMS with the number and the people ahead.
    await callNext();
    await mock.until(() => smsTo(mock, phone).length >= 1, 30_000);
    expect(smsTo(mock, phone)[0]).toMatchObject({ brandname: BRANDNAME, count: 1 });
    expect(smsTo(mock, phone)[0]?.text).toContain(`Số ${number}: còn 5 người`);

    // The others called in turn (the unticked ticket among them), then ours, at this counter.
    let called = null;
    for (let i = 0; i < 6 && called?.number !== number; i++) called = await callNext();
    expect(called?.number).toBe(number);
    await mock.until(() => smsTo(mock, phone).length >= 2, 30_000);
    const texts = smsTo(mock, phone).map((m) => m.text);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain(`Mời số ${number} đến ${counter.name}`);
    expect(counter.name).toMatch(/^Quầy \d+$/);
    expect(smsTo(mock, phone).map((m) => m.count)).toEqual([1, 1]);

    // The unticked ticket was called before ours and passed through "5 ahead": nothing planned, nothing sent.
    const theirId = theirs?.id ?? 0;
    expect(h.store.tickets.byId(theirId)?.status).not.toBe('waiting');
    expect(h.store.notices.forKey(`t${theirId}:ahead`)).toEqual([]);
    expect(h.store.notices.forKey(`t${theirId}:called`)).toEqual([]);
    expect(smsTo(mock, quiet)).toEqual([]);
    expect(mock.sms.received()).toHaveLength(2);
  });
});
