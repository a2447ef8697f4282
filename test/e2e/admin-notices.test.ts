/**
 * The notices' admin pages (issue 19) in real Chromium against a real queue server: an admin turns Zalo ZNS on with
 * its access token — read back masked, never shown in clear — sees a template with an undeclared parameter flagged
 * before saving, and sets quiet hours; a supervisor reads the deliveries by channel and event with this month's
 * count and cannot retry; an admin retries a dead letter. Screenshots at a 1366×768 office PC and a phone.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@layso/queue-server';
import { login, seedSmallCenter } from '@layso/queue-server/testing';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';
import { signIn } from '../support/sign-in.js';

const SHOTS = join(REPO_ROOT, 'test-results/screenshots/admin');
const OFFICE_PC = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const SUPERVISOR = { username: 'giamsat', password: 'giam-sat-mat-khau' };
const ZNS_TOKEN = 'zalo-oa-access-token-77c0ffee';

let chrome: TestBrowser;
let h: Harness;
let deadId = 0;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  chrome = await launchBrowser();
  h = await startHarness({ seed: seedSmallCenter });
  const admin = await login(h, 'admin');
  const added = await h.api('/api/admin/users', {
    token: admin.token,
    body: { ...SUPERVISOR, displayName: 'Giám sát viên', role: 'supervisor' },
  });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  // A morning's notices as the dispatcher leaves them: sent (one after a failed try), a dead SMS, a stale push.
  const n = h.store.notices;
  const now = new Date();
  const plan = (key: string, event: 'ahead' | 'called', channel: 'push' | 'zns' | 'sms') => {
    n.plan({ key, event, channel, target: 'phone', ticketId: null, dossierCode: null, params: {}, at: now });
    return n.forKey(key).find((r) => r.channel === channel)?.id ?? 0;
  };
  for (let i = 1; i <= 3; i++) n.markSent(plan(`t${i}:ahead:5`, 'ahead', 'push'), now);
  const retried = plan('t4:called', 'called', 'zns');
  n.markFailed(retried, now, 'HTTP 503', now, true);
  n.markSent(retried, now);
  deadId = plan('t5:called', 'called', 'sms');
  n.markDead(deadId, now, 'rejected: HTTP 400', true);
  n.markDropped(plan('t6:ahead:5', 'ahead', 'push'), now, 'stale: called');
});

afterAll(async () => {
  await chrome.close();
  await h.close();
});

const ADMIN = () => ({ username: h.credentials.admin.username, password: h.credentials.admin.password });

describe('admin: notices', () => {
  it('turns ZNS on with a write-only token, flags a bad template before saving, sets quiet hours', async () => {
    const page = await chrome.page(OFFICE_PC);
    await signIn(page, `${h.url}/admin#notices`, ADMIN());
    const zns = page.getByTestId('channel-zns');
    await zns.locator('input[name="zns-enabled"]').check();
    await zns.locator('input[name="zns-url"]').fill('https://business.openapi.zalo.me');
    await zns.locator('input[name="zns-credential"]').fill(ZNS_TOKEN);
    expect(await zns.locator('input[name="zns-credential"]').getAttribute('type')).toBe('password');

    // A parameter the event does not declare is flagged as it is typed, in Vietnamese first.
    const card = page.getByTestId('template-called-sms');
    const text = card.locator('textarea');
    await text.fill('Mời số {number} đến {counter}. Gọi {phone}');
    await card
      .getByTestId('template-called-sms-problems')
      .getByText('Tham số {phone} chưa được khai báo')
      .waitFor();
    await text.fill('Mời số {number} đến {counter}');
    await card.getByTestId('template-called-sms-problems').waitFor({ state: 'detached' });

    await page.locator('input[name="quietFrom"]').fill('22:00');
    await page.locator('input[name="aheadThreshold"]').fill('4');
    await page.getByTestId('notices-save').click();
    await page.getByTestId('notices-saved').waitFor();
    await zns.getByText('Đã lưu: ••••ffee').waitFor();
    expect(await zns.locator('input[name="zns-credential"]').inputValue()).toBe('');
    expect(await page.content()).not.toContain(ZNS_TOKEN);
    await page.screenshot({ path: join(SHOTS, 'notices-settings-1366.png'), fullPage: true });

    // What the server keeps: the token in clear for the provider, the admin's changes.
    const admin = await login(h, 'admin');
    const read = await h.api('/api/admin/notices/settings', { token: admin.token });
    expect(read.body).toMatchObject({
      channels: { zns: { enabled: true, credential: '••••ffee' } },
      quietHours: { from: '22:00', to: '07:00' },
      aheadThreshold: 4,
    });
    expect(read.body.templates.called.sms.text).toBe('Mời số {number} đến {counter}');
    await page.close();
  });

  it('shows deliveries by channel and event to a supervisor, who cannot retry', async () => {
    const page = await chrome.page(OFFICE_PC);
    await signIn(page, `${h.url}/admin#deliveries`, SUPERVISOR);
    const push = page.getByTestId('counts-push-ahead');
    await push.waitFor();
    expect(await push.locator('td.num').allTextContents()).toEqual(['3', '0', '0', '1', '0']);
    expect(await page.getByTestId('month-zns').locator('.ad-big').textContent()).toBe('1');
    expect(await page.getByTestId('counts-zns-called').locator('td.num').allTextContents()).toEqual([
      '1',
      '1',
      '0',
      '0',
      '0',
    ]);
    await page.getByTestId(`notice-${deadId}`).getByText('rejected: HTTP 400').waitFor();
    expect(await page.getByTestId(`retry-${deadId}`).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'notices-deliveries-1366.png'), fullPage: true });
    await page.close();
  });

  it('lets an admin send a dead letter again', async () => {
    const page = await chrome.page(PHONE);
    await signIn(page, `${h.url}/admin#deliveries`, ADMIN());
    await page.getByTestId(`retry-${deadId}`).click();
    await page.getByTestId('notices-retried').getByText('Đã đưa 1 tin vào hàng gửi lại').waitFor();
    // Back in the queue: the dispatcher takes it again at once (here it finds no ticket behind it and drops it).
    await page.locator(`[data-testid="notice-${deadId}"]:not([data-state="dead"])`).waitFor();
    expect(h.store.notices.byId(deadId)?.deadAt).toBeNull();
    await page.screenshot({ path: join(SHOTS, 'notices-deliveries-phone.png'), fullPage: true });
    await page.close();
  });
});
