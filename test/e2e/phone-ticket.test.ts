/**
 * Issue 19, the citizen's phone ticket (`/t/:code`) in real Chromium at 390×844 against a real server process:
 * the page follows a ticket from "3 ahead" to "called to Quầy 4" without a reload, across a `kill -9` and a
 * restart of the server on the same port; "Leave the queue" releases the number and the console never calls it;
 * "I'm on my way" reaches the officer's queue; notices turned on from the page bring the "5 ahead" and the "called"
 * pushes, decrypted by the push stand-in of `npm run notify-mock`; a forged stream subscription sees nothing; the
 * phone build stays within its budget (60 KB of JS gzipped). Screens (waiting, called, notices on, left, expired,
 * 200 % text) are saved under test-results/screenshots/phone/.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushPayload } from '@layso/protocol';
import type { DemoCredentials } from '@layso/queue-server';
import { openDatabase, signedHeaders, startNotifyMock, type NotifyMock } from '@layso/queue-server';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import {
  REPO_ROOT,
  freePort,
  killAllServerProcesses,
  readCredentials,
  startServerProcess,
  type ServerProcess,
} from '../support/child.js';
import { api } from '../support/http.js';
import { pushStandIn } from '../support/push-stand-in.js';

const SHOTS = join(REPO_ROOT, 'test-results/screenshots/phone');
const PHONE = { width: 390, height: 844 };
/** The budget of issue 19: the phone pages' JavaScript, gzipped. */
const JS_BUDGET_BYTES = 60 * 1024;
/** The province signs its status pushes with it (POST /api/provincial/status). */
const PUSH_SECRET = 'mat-khau-chung-cua-tinh-0123456789';

let chrome: TestBrowser;
let dataDir = '';
let port = 0;
let server: ServerProcess;
let creds: DemoCredentials;
/** canbo04, signed in at Quầy 4. */
let officer = '';
let counterId = 0;
let serviceId = 0;
/** The notice providers' stand-ins; the server may push to it over plain http on 127.0.0.1 (ALLOW_HTTP_UPSTREAM). */
let mock: NotifyMock;

async function signInOfficer(): Promise<void> {
  const o = creds.officers[3];
  if (!o) throw new Error('the demo has no 4th officer');
  const r = await api(server.url, '/api/auth/login', {
    body: { username: o.username, password: o.password, counterId: o.counterId },
  });
  expect(r.status).toBe(200);
  officer = r.body.token;
  counterId = o.counterId;
}

async function start(): Promise<void> {
  server = await startServerProcess(dataDir, {
    PORT: String(port),
    ALLOW_HTTP_UPSTREAM: 'true',
    PROVINCIAL_PUSH_SECRET: PUSH_SECRET,
  });
}

/** A ticket from the demo kiosk in the service Quầy 4 serves first. */
async function issue(
  extra: { dossierCode?: string } = {},
): Promise<{ number: string; trackingCode: string; id: number }> {
  const r = await api(server.url, '/api/tickets', { token: creds.kioskToken, body: { serviceId, ...extra } });
  expect(r.status).toBe(201);
  return r.body;
}

/** Quầy 4 calls the next ticket, after letting its current one go (no-show). */
async function callNext(): Promise<{ number: string } | null> {
  const q = await api(server.url, `/api/counters/${counterId}/queue`, { token: officer });
  const current = q.body.current as { id: number; status: string } | null;
  if (current && current.status === 'called')
    expect(
      (await api(server.url, `/api/tickets/${current.id}/no-show`, { token: officer, body: {} })).status,
    ).toBe(200);
  const r = await api(server.url, `/api/counters/${counterId}/call-next`, { token: officer, body: {} });
  if (r.status === 204) return null;
  expect(r.status).toBe(200);
  return r.body.ticket;
}

async function phonePage(code: string, before?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await chrome.page(PHONE);
  await before?.(page);
  await page.goto(`${server.url}/t/${code}`);
  await page.getByTestId('phone-number').waitFor();
  return page;
}

const status = (page: Page) => page.getByTestId('phone-status').getAttribute('data-status');

/** Quầy 4's services emptied: every waiting ticket called away. */
async function drain(): Promise<void> {
  for (let i = 0; i < 50 && (await callNext()); i++);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  mock = await startNotifyMock({ port: 0 });
  dataDir = mkdtempSync(join(tmpdir(), 'layso-phone-e2e-'));
  port = await freePort();
  await start();
  creds = readCredentials(dataDir);
  await signInOfficer();
  const q = await api(server.url, `/api/counters/${counterId}/queue`, { token: officer });
  serviceId = q.body.counter.serviceIds[0];
  chrome = await launchBrowser();
});
afterAll(async () => {
  await chrome?.close();
  await killAllServerProcesses();
  await mock?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the phone ticket at 390×844', () => {
  it('follows "3 ahead" to "called to Quầy 4" without a reload, across a kill -9 of the server', async () => {
    // Whatever waits already in Quầy 4's services is called away first, so our ticket has exactly 3 ahead.
    for (let i = 0; i < 50 && (await callNext()); i++);
    const before = [await issue(), await issue(), await issue()];
    const mine = await issue();
    const page = await phonePage(mine.trackingCode);
    await page.evaluate(() => Object.assign(window, { laysoMarker: 'same page' }));
    await expect.poll(() => page.getByTestId('phone-ahead').textContent()).toBe('3');
    expect(await page.getByTestId('phone-center').textContent()).toContain('Vĩnh Long');
    await page.screenshot({ path: join(SHOTS, 'waiting.png') });
    // Notices are opt-in: the consent text (and its version) comes before the phone's own permission prompt.
    await page.getByTestId('phone-notices-ask').click();
    await page.getByTestId('phone-notices-agree').waitFor();
    expect(await page.getByTestId('phone-notices').textContent()).toContain('Tôi đồng ý nhận thông báo');
    await page.screenshot({ path: join(SHOTS, 'notices-consent.png') });

    expect((await callNext())?.number).toBe(before[0]?.number);
    await expect.poll(() => page.getByTestId('phone-ahead').textContent()).toBe('2');

    // The server dies mid-queue and comes back on the same port: the page says it lost the link, then catches up.
    server.signal('SIGKILL');
    await server.exited;
    await page.getByTestId('phone-offline').waitFor();
    await start();
    await signInOfficer();
    await page.getByTestId('phone-offline').waitFor({ state: 'detached' });
    expect((await callNext())?.number).toBe(before[1]?.number);
    await expect.poll(() => page.getByTestId('phone-ahead').textContent()).toBe('1');
    expect((await callNext())?.number).toBe(before[2]?.number);
    await expect.poll(() => page.getByTestId('phone-ahead').textContent()).toBe('0');

    // "I'm on my way": the officer's queue shows it on this ticket.
    await page.getByTestId('phone-on-my-way').click();
    await page.getByTestId('phone-on-my-way-sent').waitFor();
    const q = await api(server.url, `/api/counters/${counterId}/queue`, { token: officer });
    const waiting = q.body.waiting as { number: string; onMyWayAt: string | null }[];
    expect(waiting.find((t) => t.number === mine.number)?.onMyWayAt).toBeTruthy();

    expect((await callNext())?.number).toBe(mine.number);
    await expect.poll(() => status(page)).toBe('called');
    expect(await page.getByTestId('phone-counter').textContent()).toBe('Quầy 4');
    expect(await page.evaluate(() => (window as { laysoMarker?: string }).laysoMarker)).toBe('same page');
    await page.screenshot({ path: join(SHOTS, 'called.png') });
  });

  it('notices turned on from the page: the push "5 ahead" with its number, then "called" naming Quầy 4', async () => {
    await drain();
    const ahead = [];
    for (let i = 0; i < 7; i++) ahead.push(await issue());
    const mine = await issue();
    let made = { serverKeys: [] as string[], ids: [] as string[] };
    const page = await phonePage(mine.trackingCode, async (p) => {
      made = await pushStandIn(p, { server: server.url, pushService: mock.url });
    });
    await expect.poll(() => page.getByTestId('phone-ahead').textContent()).toBe('7');
    await page.getByTestId('phone-notices-ask').click();
    await page.getByTestId('phone-notices-agree').click();
    // The worker installs and activates first: waited for as an event, not polled against a short bound.
    await page.locator('[data-testid="phone-notices"][data-on="true"]').waitFor();
    await page.screenshot({ path: join(SHOTS, 'notices-on.png') });
    // The real worker was registered in its own scope and activated; the browser was given the server's VAPID key.
    const worker = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration('/phone/');
      return { scope: reg?.scope, state: reg?.active?.state, script: reg?.active?.scriptURL };
    });
    expect(worker).toEqual({
      scope: `${server.url}/phone/`,
      state: 'activated',
      script: `${server.url}/phone/sw.js`,
    });
    const key = await api(server.url, '/api/public/push-key');
    expect(made.serverKeys).toEqual([key.body.publicKey]);
    const [id] = made.ids;
    if (!id) throw new Error('no subscription was made');
    const pushes = () => mock.push.received(id).map((m) => PushPayload.parse(JSON.parse(m.text)));

    // 7 → 6 → 5 ahead: the "ahead" push, once, with the number of people ahead.
    for (const t of ahead.slice(0, 2)) expect((await callNext())?.number).toBe(t.number);
    await expect.poll(() => page.getByTestId('phone-ahead').textContent(), { timeout: 10_000 }).toBe('5');
    await mock.until(() => mock.push.received(id).length >= 1, 30_000);
    expect(pushes()[0]).toMatchObject({ event: 'ahead', number: mine.number });
    expect(pushes()[0]?.body).toContain(`Số ${mine.number}: còn 5 người`);

    for (const t of ahead.slice(2)) expect((await callNext())?.number).toBe(t.number);
    expect((await callNext())?.number).toBe(mine.number);
    await mock.until(() => mock.push.received(id).length >= 2, 30_000);
    expect(pushes().map((p) => p.event)).toEqual(['ahead', 'called']);
    expect(pushes()[1]).toMatchObject({ number: mine.number, counter: 'Quầy 4' });
    expect(pushes()[1]?.body).toContain('Quầy 4');
    expect(pushes()[1]?.url).toContain(`/t/${mine.trackingCode}`);
    await expect.poll(() => status(page), { timeout: 10_000 }).toBe('called');
    expect(await page.getByTestId('phone-counter').textContent()).toBe('Quầy 4');
  });

  it('a push service that refuses: the page says so in both languages, and the button stops spinning', async () => {
    await drain();
    const mine = await issue();
    const page = await phonePage(mine.trackingCode, async (p) => {
      await pushStandIn(p, { server: server.url, pushService: mock.url, failing: true });
    });
    await page.getByTestId('phone-notices-ask').click();
    await page.getByTestId('phone-notices-agree').click();
    const problem = page.getByTestId('phone-notices-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('Chưa bật được thông báo');
    expect(await problem.textContent()).toContain('Notices could not be turned on');
    expect(await page.getByTestId('phone-notices').getAttribute('data-on')).toBe('false');
    // Back to the offer, not a spinner: the citizen may try again.
    expect(await page.getByTestId('phone-notices-ask').isEnabled()).toBe(true);
  });

  it('a ticket linked to a dossier shows the dossier under the number: in progress, then ready', async () => {
    await drain();
    const dossierCode = '000.00.12.H62-261207-0042';
    const received = await issue();
    expect((await callNext())?.number).toBe(received.number);
    const done = await api(server.url, `/api/tickets/${received.id}/finish`, {
      token: officer,
      body: {
        outcome: 'received',
        dossier: { code: dossierCode, appointmentAt: '2099-01-02T17:00:00+07:00' },
      },
    });
    expect(done.status).toBe(200);
    const page = await phonePage(received.trackingCode);
    const dossier = page.getByTestId('phone-dossier');
    expect(await dossier.getAttribute('data-state')).toBe('in_progress');
    expect(await dossier.textContent()).toContain('Hồ sơ đang được giải quyết, chưa có kết quả');
    expect(await dossier.textContent()).toContain('Hẹn trả kết quả: ');
    expect(await dossier.textContent()).toContain('02/01/2099');
    expect(await page.locator('body').textContent()).not.toContain(dossierCode);
    await page.screenshot({ path: join(SHOTS, 'dossier-in-progress.png') });

    // The province says the result is ready; the citizen takes a returns ticket at the kiosk after the lookup.
    const body = JSON.stringify({ MaHoSo: dossierCode, TrangThaiHoSo: 9, NgayHenTra: '20990102170000' });
    const res = await fetch(`${server.url}/api/provincial/status`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...signedHeaders(PUSH_SECRET, body, Date.now()) },
    });
    expect(res.status).toBe(200);
    const returns = await issue({ dossierCode });
    const ready = await phonePage(returns.trackingCode);
    const readyDossier = ready.getByTestId('phone-dossier');
    expect(await readyDossier.getAttribute('data-state')).toBe('ready');
    expect(await readyDossier.textContent()).toContain('Hồ sơ của bạn đã có kết quả');
    expect(await ready.locator('body').textContent()).not.toContain(dossierCode);
    await ready.screenshot({ path: join(SHOTS, 'dossier-ready.png') });
    await page.reload();
    await page.getByTestId('phone-dossier').waitFor();
    expect(await page.getByTestId('phone-dossier').getAttribute('data-state')).toBe('ready');
  });

  it('"Leave the queue" releases the number: reported cancelled, and the counter never calls it', async () => {
    for (let i = 0; i < 50 && (await callNext()); i++);
    const leaving = await issue();
    const staying = await issue();
    const page = await phonePage(leaving.trackingCode);
    await page.getByTestId('phone-leave').click();
    await page.screenshot({ path: join(SHOTS, 'leave-confirm.png') });
    await page.getByTestId('phone-leave-yes').click();
    await expect.poll(() => status(page)).toBe('cancelled');
    await page.screenshot({ path: join(SHOTS, 'left.png') });

    const t = await api(server.url, `/api/track/${leaving.trackingCode}`);
    expect(t.body.status).toBe('cancelled');
    // Leaving twice is refused, and changes nothing.
    expect(
      (await api(server.url, `/api/public/tickets/${leaving.trackingCode}/leave`, { body: {} })).status,
    ).toBe(409);
    const called: string[] = [];
    for (let i = 0; i < 50; i++) {
      const next = await callNext();
      if (!next) break;
      called.push(next.number);
    }
    expect(called).toContain(staying.number);
    expect(called).not.toContain(leaving.number);
  });

  it('a ticket of another day says it is over; the page stays readable at 200 % text', async () => {
    const old = await issue();
    const db = openDatabase(join(dataDir, 'queue.db'));
    try {
      db.prepare("UPDATE tickets SET day = '2026-01-02' WHERE tracking_code = ?").run(old.trackingCode);
    } finally {
      db.close();
    }
    const page = await phonePage(old.trackingCode);
    await expect.poll(() => status(page)).toBe('expired');
    await page.screenshot({ path: join(SHOTS, 'expired.png') });

    const waiting = await issue();
    const big = await phonePage(waiting.trackingCode);
    await big.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
    });
    await big.screenshot({ path: join(SHOTS, 'waiting-200-percent.png'), fullPage: true });
    // Nothing runs off the side: the page wraps instead of scrolling sideways.
    const overflow = await big.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('a forged or unknown code opens no stream and sees nothing; a real one sees only its ticket', async () => {
    const seen: unknown[] = [];
    const refused = await new Promise<string>((resolve) => {
      const s = io(`${server.url}/ticket`, {
        auth: { code: 'forgedcode123' },
        transports: ['websocket'],
        reconnection: false,
      });
      s.on('ticket', (t: unknown) => seen.push(t));
      s.on('connect', () => resolve('connected'));
      s.on('connect_error', (e: Error & { data?: { code?: string } }) => resolve(e.data?.code ?? e.message));
    });
    expect(refused).toBe('LAYSO_TICKET_NOT_FOUND');
    expect(seen).toEqual([]);

    const mine = await issue();
    const got = await new Promise<Record<string, unknown>>((resolve) => {
      const s = io(`${server.url}/ticket`, {
        auth: { code: mine.trackingCode },
        transports: ['websocket'],
        reconnection: false,
      });
      s.on('ticket', (t: Record<string, unknown>) => {
        s.close();
        resolve(t);
      });
    });
    expect(got.number).toBe(mine.number);
    // No personal data and nothing of other tickets: only the public fields.
    expect(Object.keys(got).sort()).toEqual(
      [
        'ahead',
        'bookedFor',
        'calledAt',
        'centerName',
        'counterName',
        'estimatedWaitMinutes',
        'expired',
        'issuedAt',
        'number',
        'onMyWayAt',
        'recalls',
        'serviceId',
        'serviceName',
        'status',
        'transferredTo',
      ].sort(),
    );
  });

  it('the phone build stays within 60 KB of JavaScript gzipped, and is installable', () => {
    const dir = join(REPO_ROOT, 'dist/web/phone/assets');
    const js = readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    const gz = js.reduce((n, f) => n + gzipSync(readFileSync(join(dir, f))).length, 0);
    console.log(`phone build: ${js.length} JS file(s), ${gz} bytes gzipped`);
    expect(gz).toBeLessThanOrEqual(JS_BUDGET_BYTES);
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'dist/web/phone/manifest.webmanifest'), 'utf8'));
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.length).toBeGreaterThan(0);
  });
});
