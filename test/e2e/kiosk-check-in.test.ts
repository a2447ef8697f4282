/**
 * Issue 21's check-in at the kiosk, in real Chromium at the kiosk's size against a real server on a clock the test
 * moves: citizens book Tư pháp slots through the booking API (each one-time code read from the SMS stand-in), and
 * at the kiosk — too early: told when to come back; in the window, by the code typed on the screen's keys, by the
 * booking's QR read by a keyboard-wedge scanner, or by the CCCD card on the check-in screen: a booked ticket shown
 * "Số đặt hẹn · Booked — 09:30" and printed with its mark (the virtual printer's paper compared with the ticket
 * layout, with and without the mark); too late: the booking lapses and a normal number is offered and printed; an
 * unknown code: the server's words, and the way back.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBookingCode, type Ticket } from '@layso/protocol';
import { pngToBitmap, renderTicket, type MonoBitmap } from '@layso/printer-drivers';
import type { NotifyMock } from '@layso/queue-server';
import { ManualClock, type Harness } from '@layso/queue-server/testing';
import { bookByApi, bookingOn, smsOn, startKioskWithSms, type KioskWithSms } from '../support/bookings.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';
import { kioskProblems } from '../support/kiosk-checks.js';
import { wedgeScan } from '../support/wedge.js';

const SHOTS = join(REPO_ROOT, 'test-results/screenshots/kiosk');
const LANDSCAPE = { width: 1920, height: 1080 };
/** Tuesday 8 December 2026, 08:00 in Vietnam: a working day, the center open. */
const MORNING = new Date('2026-12-08T01:00:00.000Z');
const DAY = '2026-12-08';
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+07:00`);

let chrome: TestBrowser;
let h: Harness;
let mock: NotifyMock;
let stack: KioskWithSms;
let printedDir = '';
let justice = 0;
const codes = { early: '', scanned: '', card: '', late: '' };
/** The CCCD QR of the citizen who checks in with the card: a keyboard-wedge scanner types it as ASCII. */
const CARD_QR = '086095000104|361234567|Nguyen Van Binh|15031960|Nam|Phuong 1, Vinh Long|20042021';
const clock = new ManualClock(MORNING);

/** The booked number on screen, checked for what a citizen of 70 needs and saved to be looked at. */
async function shoot(page: Page, name: string): Promise<void> {
  await page
    .locator('img.lk-qr')
    .evaluate((img: HTMLImageElement) =>
      img.complete ? undefined : new Promise((r) => img.addEventListener('load', r, { once: true })),
    );
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  expect(await kioskProblems(page), name).toEqual([]);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startKioskWithSms('check-in', clock);
  ({ h, mock, printedDir } = stack);
  // SMS on, towards the stand-in: the one-time codes go there.
  await smsOn(h, mock);
  const service = h.store.catalogue.services().find((s) => s.code === 'TP');
  if (!service) throw new Error('the demo has no Tư pháp');
  justice = service.id;
  // Booking on for Tư pháp in half-hour slots, four places each (a fixed number: the test needs no staffing sums).
  const places = { '1': 4, '2': 4, '3': 4, '4': 4, '5': 4 };
  await bookingOn(h, {
    serviceId: justice,
    enabled: true,
    slotMinutes: 30,
    walkInSharePercent: 50,
    capacity: places,
  });
  // Four citizens book from home at 08:00 (each their own phone and CCCD: one booking a service a day each).
  codes.early = await book('0912000101', '086095000101', '09:30');
  codes.scanned = await book('0912000102', '086095000102', '10:00');
  codes.late = await book('0912000103', '086095000103', '10:30');
  codes.card = await book('0912000104', '086095000104', '10:00');
  chrome = await launchBrowser();
});

afterAll(async () => {
  await chrome?.close();
  await stack?.close();
});

/** A booking of Tư pháp today made as the booking page makes it; its code. */
const book = async (phone: string, cccd: string, start: string): Promise<string> =>
  (await bookByApi(h, mock, { phone, cccd }, { serviceId: justice, day: DAY, start })).code;

async function kiosk(size?: { width: number; height: number }): Promise<Page> {
  const page = await chrome.page(size);
  await page.goto(`${h.url}/kiosk#token=${h.credentials.kioskToken}`);
  await page.getByTestId('welcome').waitFor();
  return page;
}

/** Types the code on the check-in screen's own keys, one at a time, as a citizen would. */
async function typeCode(page: Page, code: string): Promise<void> {
  await page.getByTestId('check-in-open').click();
  await page.getByTestId('check-in').waitFor();
  for (const ch of code) await page.locator(`[data-key="${ch}"]`).click();
  expect(await page.getByTestId('check-in-code').inputValue()).toBe(formatBookingCode(code));
  await page.getByTestId('check-in-submit').click();
}

const pngs = () =>
  readdirSync(printedDir)
    .filter((f) => f.endsWith('.png'))
    .sort();

/** The ticket as the server fetches it for the kiosk. */
async function ticketOf(id: number): Promise<Ticket> {
  const r = await h.api(`/api/tickets/${id}`, { token: h.credentials.kioskToken });
  expect(r.status).toBe(200);
  return r.body as Ticket;
}

/**
 * The paper the server prints for a ticket (its layout fed the ticket's facts): with the booked mark
 * `ĐẶT HẸN 09:30 · BOOKED` and the booking's code, or as a walk-in's. The notice is the server's fixed line.
 */
async function paper(t: Ticket, booked: boolean): Promise<MonoBitmap> {
  const settings = await h.api('/api/kiosk/settings', { token: h.credentials.kioskToken });
  return renderTicket({
    centerName: settings.body.centerName,
    serviceName: t.serviceName,
    number: t.number,
    priorityLabel: null,
    ahead: t.ahead,
    estimatedWaitMinutes: t.estimatedWaitMinutes,
    issuedAt: new Date(t.issuedAt),
    trackingUrl: t.trackingUrl,
    notice: 'Vui lòng chờ gọi số và theo dõi màn hình',
    booked:
      booked && t.booked
        ? { startsAt: new Date(t.booked.startsAt), code: formatBookingCode(t.booked.code) }
        : null,
  });
}

/** Whether the paper is that image, followed by the blank feed before the cut. */
const shows = (printed: MonoBitmap, image: MonoBitmap): boolean =>
  printed.height >= image.height &&
  printed.cropHeight(image.height).equals(image) &&
  printed.countBlack() === image.countBlack();

/** The last paper the virtual printer decoded is this ticket's, with the booked mark (or without). */
async function lastPaperIs(t: Ticket, booked: boolean): Promise<void> {
  const last = pngs().at(-1);
  if (!last) throw new Error('nothing printed');
  const printed = pngToBitmap(readFileSync(join(printedDir, last)));
  expect(shows(printed, await paper(t, booked)), `${last}: ticket ${t.number}, booked ${booked}`).toBe(true);
  // And the mark is what tells them apart: the same ticket's paper without it is another image.
  if (booked) expect(shows(printed, await paper(t, false))).toBe(false);
}

describe('check-in at the kiosk', { timeout: 120_000 }, () => {
  it('too early → come back at; in the window by the typed code → a booked ticket printed', async () => {
    const code = codes.early;
    const page = await kiosk();
    await typeCode(page, code);
    const early = page.locator('[data-testid="check-in-outcome"][data-outcome="early"]');
    await early.waitFor();
    expect(await early.textContent()).toContain('Mời quay lại lúc 09:15 (lịch hẹn 09:30)');
    await page.getByTestId('check-in-done').click();
    await page.getByTestId('welcome').waitFor();

    clock.set(at('09:20'));
    const printedBefore = pngs().length;
    await typeCode(page, code);
    await page.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
    expect(await page.getByTestId('ticket-booked').textContent()).toBe('Số đặt hẹn · Booked — 09:30');
    const number = (await page.getByTestId('ticket-number').textContent())?.trim();
    const ticket = await ticketOf(await lastTicketId());
    expect(ticket.number).toBe(number);
    expect(ticket.booked).toMatchObject({ code });
    // The paper is out, marked as booked: the virtual printer decoded one more job, this one.
    expect(pngs().length).toBe(printedBefore + 1);
    await lastPaperIs(ticket, true);
    await shoot(page, 'portrait-25-ticket-booked');
    expect(h.store.bookings.byCode(code)?.status).toBe('checked_in');
    await page.close();
  });

  it("by the booking's QR read by a keyboard-wedge scanner, from the welcome screen", async () => {
    const code = codes.scanned;
    clock.set(at('09:50'));
    const page = await kiosk();
    const printedBefore = pngs().length;
    await wedgeScan(page, `${h.url}/b/${code}`);
    await page.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
    expect(await page.getByTestId('ticket-booked').textContent()).toBe('Số đặt hẹn · Booked — 10:00');
    expect(pngs().length).toBe(printedBefore + 1);
    await lastPaperIs(await ticketOf(await lastTicketId()), true);
    expect(h.store.bookings.byCode(code)?.status).toBe('checked_in');
    await page.close();
  });

  it('by the CCCD card on the check-in screen; on the welcome screen a card keeps its own meaning', async () => {
    clock.set(at('09:55'));
    const page = await kiosk(LANDSCAPE);
    // Before any choice, a card read is not a check-in: the kiosk asks for a department first.
    await wedgeScan(page, CARD_QR);
    await page.getByTestId('notice').waitFor();
    expect(h.store.bookings.byCode(codes.card)?.status).toBe('booked');
    await page.getByTestId('check-in-open').click();
    await page.getByTestId('check-in').waitFor();
    await wedgeScan(page, CARD_QR);
    await page.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
    expect(await page.getByTestId('ticket-booked').textContent()).toBe('Số đặt hẹn · Booked — 10:00');
    const ticket = await ticketOf(await lastTicketId());
    expect(ticket.booked?.code).toBe(codes.card);
    await lastPaperIs(ticket, true);
    await shoot(page, 'landscape-25-ticket-booked');
    expect(h.store.bookings.byCode(codes.card)?.status).toBe('checked_in');
    await page.close();
  });

  it('too late: the booking lapses and a normal number is taken instead; an unknown code is refused', async () => {
    const code = codes.late;
    clock.set(at('10:45'));
    const page = await kiosk();
    await typeCode(page, code);
    const late = page.locator('[data-testid="check-in-outcome"][data-outcome="late"]');
    await late.waitFor();
    expect(await late.textContent()).toContain('Lịch hẹn 10:30 đã quá giờ nhận số (trễ hơn 10 phút)');
    // Lapsed now by the check-in, or a moment before by the lapse job: either way no booked number any more.
    expect(['late', 'no_show']).toContain(h.store.bookings.byCode(code)?.status);
    await page.getByTestId('check-in-walk-in').click();
    await page.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
    expect(await page.getByTestId('ticket-booked').count()).toBe(0);
    const walkIn = await ticketOf(await lastTicketId());
    expect(walkIn.serviceId).toBe(justice);
    expect(walkIn.booked ?? null).toBeNull();
    await lastPaperIs(walkIn, false);

    await page.getByTestId('done').click();
    await typeCode(page, 'K7PQ3M2D');
    await page.getByTestId('refusal').waitFor();
    expect(await page.getByTestId('refusal').textContent()).toContain('Không tìm thấy lịch hẹn');
    await page.getByTestId('home').click();
    await page.getByTestId('welcome').waitFor();
    await page.close();
  });
});

async function lastTicketId(): Promise<number> {
  const row = h.store.db.prepare('SELECT max(id) AS id FROM tickets').get() as { id: number };
  return row.id;
}
