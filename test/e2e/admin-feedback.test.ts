/**
 * The feedback register in the admin (issue 22) in real Chromium against a real queue server, on one clock for both
 * (the server's ManualClock, the browser's fixed time): on Friday 11/12/2026, before a holiday Monday the admin sets
 * in the center's settings (reached from the feedback settings' link), a case comes from the kiosk, one from a
 * phone with a photo, one anonymous, and the admin records one about a supervisor. The supervisor sees the due days
 * counted on the calendar (forward by 21/12 = 5 working days skipping the weekend and the holiday; answer by 28/12 =
 * 10), not the case about themselves; classifies the kiosk's outside the center's authority and records its
 * forwarding; answers the phone's, published, which its status page then shows. Once the admin answers the case
 * about the supervisor, the supervisor sees it. On 22/12 the untouched case is "Quá hạn" in the list and on the floor
 * monitor, whose alert opens the overdue list. An account of the new role "Tiếp nhận phản ánh", made in Officers,
 * finds only the feedback section and records a case for a citizen. The register downloads as XLSX, one row a case.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS, fillPath } from '@layso/protocol';
import { ManualClock, startHarness, type Harness } from '@layso/queue-server';
import { login, seedSmallCenter } from '@layso/queue-server/testing';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';
import { signIn } from '../support/sign-in.js';

const SHOTS = join(REPO_ROOT, 'test-results/screenshots/admin');
const OFFICE_PC = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const SUPERVISOR = { username: 'giamsat', password: 'giam-sat-mat-khau' };
const DESK = { username: 'tiepnhan2', password: 'tiep-nhan-mat-khau' };
// Friday 2026-12-11, 09:00 in Vietnam; Monday 2026-12-14 is made a holiday.
const FRIDAY = new Date('2026-12-11T09:00:00+07:00');
const HOLIDAY = '14/12/2026';
/** The Tuesday after the forwarding due day (Monday 21/12). */
const LATER = new Date('2026-12-22T09:00:00+07:00');
/** A valid 1×1 PNG: the phone's photo. */
const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const clock = new ManualClock(FRIDAY);
let chrome: TestBrowser;
let h: Harness;
let tp = 0;
let supervisorId = 0;
const codes = { kiosk: '', phone: '', anonymous: '', aboutSupervisor: '', desk: '' };
const ids = { aboutSupervisor: 0 };

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startHarness({ clock, seed: seedSmallCenter });
  chrome = await launchBrowser();
  const admin = await login(h, 'admin');
  const added = await h.api(ENDPOINTS.addUser.path, {
    token: admin.token,
    body: { ...SUPERVISOR, displayName: 'Trần Thị Giám Sát', role: 'supervisor' },
  });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  supervisorId = added.body.id;
  tp = h.store.catalogue.services().find((s) => s.code === 'TP')?.id ?? 0;
});

afterAll(async () => {
  await chrome?.close();
  await h?.close();
});

const ADMIN = () => ({ username: h.credentials.admin.username, password: h.credentials.admin.password });

/** Signs in at `#<page>`; a part of the feedback section (`feedback/report`) is then opened by its tab. */
async function openAs(
  who: { username: string; password: string },
  hash: string,
  at = FRIDAY,
  size = OFFICE_PC,
) {
  const page = await chrome.page(size);
  await page.clock.setFixedTime(at);
  const [id, part] = hash.split('/');
  await signIn(page, `${h.url}/admin#${id}`, who);
  if (part) await page.getByTestId(`feedback-tab-${part}`).click();
  return page;
}

const row = (page: Page, code: string) => page.getByTestId(`feedback-row-${code}`);

async function created(res: { status: number; body: { code?: string } }): Promise<string> {
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  // Shown as the citizen reads it: XXXX-XXXX.
  expect(res.body.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  return res.body.code ?? '';
}

describe('admin: feedback register', () => {
  it('counts due days on the calendar whose holiday is set where it already is', async () => {
    const page = await openAs(ADMIN(), 'feedback/settings');
    const form = page.getByTestId('feedback-settings');
    await form.waitFor();
    expect(await form.locator('input[name="forwardDays"]').inputValue()).toBe('5');
    expect(await form.locator('input[name="answerDays"]').inputValue()).toBe('10');
    // A hall's Wi-Fi puts many citizens behind one address: its limit is its own, higher than a phone's.
    expect(await form.locator('input[name="perAddressPerDay"]').inputValue()).toBe('30');
    expect(await form.locator('input[name="perSenderPerDay"]').inputValue()).toBe('5');
    // Forwarding cannot be due after the answer: said in the contract's words, nothing sent.
    await form.locator('input[name="forwardDays"]').fill('12');
    await page.getByTestId('feedback-settings-save').click();
    await page
      .getByTestId('feedback-settings-problem')
      .getByText('Hạn chuyển không được dài hơn hạn trả lời')
      .waitFor();
    await page.screenshot({ path: join(SHOTS, 'feedback-settings-refused-1366.png'), fullPage: true });
    expect(await form.locator('input[name="forwardDays"]').getAttribute('aria-invalid')).toBe('true');
    await form.locator('input[name="forwardDays"]').fill('5');
    expect(await page.getByTestId('feedback-page-link').getAttribute('href')).toBe('/pa');
    await page.screenshot({ path: join(SHOTS, 'feedback-settings-1366.png'), fullPage: true });
    await page.getByTestId('feedback-calendar-link').click();
    await page.getByTestId('page-settings').waitFor();
    await page.getByTestId('settings-holidays-date').fill(HOLIDAY);
    await page.getByTestId('settings-holidays-add').click();
    await page.getByTestId('settings-holidays-day').filter({ hasText: 'Thứ Hai, 14/12/2026' }).waitFor();
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    await page.close();

    // The cases of the day, through the API of each channel.
    const consentVersion = (await h.api(ENDPOINTS.feedbackOptions.path)).body.consentVersion as string;
    codes.kiosk = await created(
      await h.api(ENDPOINTS.kioskFeedback.path, {
        token: h.credentials.kioskToken,
        body: {
          topic: 'delay',
          text: 'Hồ sơ đất đai của tôi trễ hẹn hai tuần mà không ai báo.',
          name: 'Nguyễn Văn An',
          phone: '0912345678',
          consentVersion,
        },
      }),
    );
    codes.phone = await created(
      await h.api(ENDPOINTS.feedbackCreate.path, {
        body: {
          topic: 'attitude',
          text: 'Cán bộ trả lời thiếu tôn trọng khi tôi hỏi lại giấy tờ.',
          phone: '0987654321',
          consentVersion,
          origin: 'poster',
          files: [{ type: 'image/png', data: PNG_1X1 }],
        },
      }),
    );
    codes.anonymous = await created(
      await h.api(ENDPOINTS.kioskFeedback.path, {
        token: h.credentials.kioskToken,
        body: { topic: 'suggestion', text: 'Nên có thêm ghế chờ ở tầng 2.' },
      }),
    );
    const admin = await login(h, 'admin');
    codes.aboutSupervisor = await created(
      await h.api(ENDPOINTS.staffFeedback.path, {
        token: admin.token,
        body: { topic: 'attitude', text: 'Giám sát viên không tiếp công dân.', officerId: supervisorId },
      }),
    );
    const list = await h.api(`${ENDPOINTS.feedbackCases.path}?q=${codes.aboutSupervisor.replace('-', '')}`, {
      token: admin.token,
    });
    ids.aboutSupervisor = list.body.cases[0].id;
  });

  it('shows the supervisor the due days and hides the case about them', async () => {
    const page = await openAs(SUPERVISOR, 'feedback');
    await row(page, codes.kiosk).waitFor();
    expect(await page.getByTestId('feedback-count-total').textContent()).toBe('3 phản ánh');
    expect(await row(page, codes.aboutSupervisor).count()).toBe(0);
    const due = await row(page, codes.kiosk).getByTestId('feedback-due').innerText();
    expect(due).toContain('Hạn chuyển: 21/12/2026');
    expect(due).toContain('Hạn trả lời: 28/12/2026');
    const kiosk = row(page, codes.kiosk);
    expect(await kiosk.locator('td').first().textContent()).toBe(codes.kiosk);
    expect(await kiosk.getByTestId('feedback-channel').textContent()).toBe('Tại ki-ốt');
    expect(await kiosk.getByTestId('feedback-topic').textContent()).toBe('Chậm trễ, trễ hẹn');
    expect(await kiosk.locator('td').last().textContent()).toBe('Mới tiếp nhận');
    // The register shows no name or phone; the case page does.
    expect(await page.getByTestId('feedback-list').innerText()).not.toContain('0912345678');
    await page.screenshot({ path: join(SHOTS, 'feedback-register-1366.png'), fullPage: true });

    // A direct look at the case about them is refused as if it did not exist.
    const sup = await login(h, SUPERVISOR.username, SUPERVISOR.password);
    const peek = await h.api(fillPath(ENDPOINTS.feedbackCase.path, { id: ids.aboutSupervisor }), {
      token: sup.token,
    });
    expect(peek.status).toBe(404);
    expect(peek.body.error.code).toBe('LAYSO_FEEDBACK_NOT_FOUND');
    await page.close();
  });

  it('classifies a case outside the authority and records its forwarding; answers another', async () => {
    const page = await openAs(SUPERVISOR, 'feedback');
    await page.getByTestId(`feedback-open-${codes.kiosk}`).click();
    const kase = page.getByTestId('feedback-case');
    await kase.waitFor();
    expect(await page.getByTestId('case-citizen').innerText()).toBe('Nguyễn Văn An · 0912345678');
    expect(await page.getByTestId('case-forward-due').innerText()).toBe('21/12/2026');
    expect(await page.getByTestId('case-answer-due').innerText()).toBe('28/12/2026');
    // Not classified: nothing to forward yet, nothing to close.
    expect(await page.getByTestId('action-forward').count()).toBe(0);
    expect(await page.getByTestId('action-close').count()).toBe(0);

    await page.getByTestId('action-classify').click();
    const classify = page.getByTestId('classify-form');
    await classify.locator('select[name="class"]').selectOption('outside-authority');
    await classify.locator('select[name="serviceId"]').selectOption(String(tp));
    await classify
      .locator('textarea[name="note"]')
      .fill('Đất đai: thẩm quyền của Sở Tài nguyên và Môi trường');
    await page.getByTestId('classify-save').click();
    await page.locator('[data-testid="feedback-case"][data-status="processing"]').waitFor();
    expect(await page.getByTestId('case-class').innerText()).toBe(
      'Không thuộc thẩm quyền (chuyển cơ quan khác)',
    );

    await page.getByTestId('action-forward').click();
    const forward = page.getByTestId('forward-form');
    await forward.locator('input[name="to"]').fill('Sở Tài nguyên và Môi trường tỉnh Vĩnh Long');
    await forward.locator('select[name="means"]').selectOption('letter');
    await forward.locator('input[name="reference"]').fill('123/TTPVHCC-PA');
    await page.getByTestId('forward-save').click();
    await page.locator('[data-testid="feedback-case"][data-status="forwarded"]').waitFor();
    const record = await page.getByTestId('case-forward').innerText();
    expect(record).toContain('Đến Sở Tài nguyên và Môi trường tỉnh Vĩnh Long ngày 11/12/2026');
    expect(record).toContain('bằng Công văn');
    expect(record).toContain('123/TTPVHCC-PA');
    expect(await page.getByTestId('case-history').innerText()).toContain('Chuyển cơ quan khác');
    // Forwarded once: no second forwarding; the answer may still come.
    expect(await page.getByTestId('action-forward').count()).toBe(0);
    expect(await page.getByTestId('action-answer').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'feedback-case-forwarded-1366.png'), fullPage: true });

    // The phone's case: its photo fetched with the session's token, never a public address.
    await page.getByTestId('feedback-back').click();
    await page.getByTestId(`feedback-open-${codes.phone}`).click();
    await page.locator('[data-testid="feedback-case"][data-status="new"]').waitFor();
    const picture = page.getByTestId('case-pictures').locator('img');
    await picture.waitFor();
    expect(await picture.getAttribute('src')).toMatch(/^blob:/);
    expect(await page.getByTestId('case-channel').innerText()).toBe('Trực tuyến (mã QR) · Từ áp phích');

    await page.getByTestId('action-classify').click();
    await page.getByTestId('classify-form').locator('select[name="class"]').selectOption('officer-conduct');
    await page.getByTestId('classify-save').click();
    await page.locator('[data-testid="feedback-case"][data-status="processing"]').waitFor();
    await page.getByTestId('action-answer').click();
    const answer = page.getByTestId('answer-form');
    // A phone was given, but this center sends no messages: the form says the citizen will not be told.
    expect(await answer.innerText()).toContain('Công dân không nhận được tin nhắn');
    const text = 'Trung tâm đã nhắc nhở cán bộ và xin lỗi ông/bà.';
    await answer.locator('textarea[name="answer"]').fill(text);
    await answer.locator('input[name="publish"]').check();
    await page.getByTestId('answer-save').click();
    await page.locator('[data-testid="feedback-case"][data-status="answered"]').waitFor();
    expect(await page.getByTestId('case-answer').innerText()).toContain(text);
    await page.screenshot({ path: join(SHOTS, 'feedback-case-answered-1366.png'), fullPage: true });

    // The citizen's status page has the published answer.
    const status = await h.api(fillPath(ENDPOINTS.feedbackStatus.path, { code: codes.phone }));
    expect(status.body).toMatchObject({ status: 'answered', answer: text, published: true });
    await page.close();
  });

  it('shows the supervisor the case about them once it is answered', async () => {
    const admin = await login(h, 'admin');
    const answered = await h.api(fillPath(ENDPOINTS.feedbackAnswer.path, { id: ids.aboutSupervisor }), {
      token: admin.token,
      body: { answer: 'Đã làm việc với giám sát viên.', publish: false },
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const page = await openAs(SUPERVISOR, 'feedback');
    await row(page, codes.aboutSupervisor).waitFor();
    expect(await row(page, codes.aboutSupervisor).getAttribute('data-status')).toBe('answered');
    expect(await page.getByTestId('feedback-count-total').textContent()).toBe('4 phản ánh');
    await page.close();
  });

  it('says "Quá hạn" past a due day, in the list and on the floor monitor', async () => {
    clock.set(LATER);
    const page = await openAs(SUPERVISOR, 'monitor', LATER);
    const alert = page.getByTestId('alert-feedback-overdue');
    await alert.waitFor();
    await page.screenshot({ path: join(SHOTS, 'feedback-monitor-overdue-1366.png'), fullPage: true });
    await alert.click();
    await page.getByTestId('page-feedback').waitFor();
    // The alert opens the overdue list: the case left untouched, not the forwarded or answered ones.
    await row(page, codes.anonymous).waitFor();
    expect(await row(page, codes.anonymous).getAttribute('data-due')).toBe('overdue');
    expect(await row(page, codes.anonymous).getByTestId('feedback-due-badge').innerText()).toBe('Quá hạn');
    expect(await row(page, codes.kiosk).count()).toBe(0);
    expect(await page.locator('select[name="due"]').inputValue()).toBe('overdue');

    await page.locator('select[name="due"]').selectOption('');
    await row(page, codes.kiosk).waitFor();
    expect(await row(page, codes.kiosk).getAttribute('data-due')).toBe('');
    expect(await page.getByTestId('feedback-count-overdue').textContent()).toBe('1 quá hạn');
    await page.screenshot({ path: join(SHOTS, 'feedback-register-overdue-1366.png'), fullPage: true });
    await page.close();

    // On a supervisor's phone: the list scrolls sideways inside its card, a case reads in one column.
    const phone = await openAs(SUPERVISOR, 'feedback', LATER, PHONE);
    await row(phone, codes.anonymous).waitFor();
    await phone.screenshot({ path: join(SHOTS, 'feedback-register-phone.png'), fullPage: true });
    await phone.getByTestId(`feedback-open-${codes.kiosk}`).click();
    await phone.getByTestId('feedback-case').waitFor();
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await phone.screenshot({ path: join(SHOTS, 'feedback-case-phone.png'), fullPage: true });
    await phone.close();
  });

  it('gives the feedback desk, made in Officers, only the feedback section', async () => {
    const admin = await openAs(ADMIN(), 'officers', LATER);
    await admin.getByTestId('officer-add').click();
    const form = admin.getByTestId('officer-form');
    await form.locator('input[name="username"]').fill(DESK.username);
    await form.locator('input[name="password"]').fill(DESK.password);
    await form.locator('input[name="displayName"]').fill('Lê Văn Tiếp Nhận');
    await form.locator('select[name="role"]').selectOption('reception');
    await admin.getByTestId('officer-save').click();
    const made = admin.getByTestId(`officer-${DESK.username}`);
    await made.waitFor();
    expect(await made.innerText()).toContain('Tiếp nhận phản ánh');
    await admin.close();

    const page = await openAs(DESK, 'feedback', LATER);
    expect(
      await page.locator('.ad-nav a').evaluateAll((as) => as.map((a) => a.getAttribute('data-testid'))),
    ).toEqual(['nav-feedback']);
    await row(page, codes.kiosk).waitFor();
    // Another page's address still opens the feedback section.
    await page.evaluate(() => (location.hash = '#monitor'));
    await page.getByTestId('page-feedback').waitFor();
    expect(await page.getByTestId('page-monitor').count()).toBe(0);

    // A citizen at the desk: the case recorded, its code to give.
    await page.getByTestId('feedback-tab-new').click();
    const fresh = page.getByTestId('feedback-new');
    await fresh.getByTestId('feedback-topic-harassment').check();
    await fresh.locator('textarea[name="text"]').fill('Bị yêu cầu nộp thêm giấy tờ không có trong quy định.');
    await fresh.locator('input[name="phone"]').fill('0909123456');
    await page.screenshot({ path: join(SHOTS, 'feedback-desk-form-1366.png'), fullPage: true });
    await page.getByTestId('feedback-new-send').click();
    await page
      .getByTestId('feedback-new-problem')
      .getByText('Có họ tên hoặc số điện thoại thì cần công dân đồng ý.')
      .waitFor();
    await fresh.locator('input[name="consent"]').check();
    await page.getByTestId('feedback-new-send').click();
    const receipt = page.getByTestId('feedback-receipt-code');
    await receipt.waitFor();
    codes.desk = /([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(await receipt.innerText())?.[1] ?? '';
    expect(codes.desk).not.toBe('');
    await page.screenshot({ path: join(SHOTS, 'feedback-desk-receipt-1366.png'), fullPage: true });
    await page.getByTestId('feedback-receipt-open').click();
    await page.locator('[data-testid="feedback-case"][data-status="new"]').waitFor();
    expect(await page.getByTestId('case-channel').innerText()).toBe('Bàn tiếp nhận phản ánh');

    // The settings are read here, changed by admins only; the calendar's page is not the desk's.
    await page.getByTestId('feedback-tab-settings').click();
    await page.getByTestId('feedback-settings-readonly').waitFor();
    expect(await page.locator('input[name="answerDays"]').isDisabled()).toBe(true);
    expect(await page.getByTestId('feedback-settings-save').count()).toBe(0);
    expect(await page.getByTestId('feedback-calendar-link').count()).toBe(0);
    await page.close();
  });

  it('downloads the register as XLSX, one row a case', async () => {
    const page = await openAs(SUPERVISOR, 'feedback/report', LATER);
    await page.getByTestId('feedback-report-show').click();
    await page.getByTestId('feedback-report').waitFor();
    expect(await page.getByTestId('feedback-total-cases').locator('dd').innerText()).toBe('5');
    await page.screenshot({ path: join(SHOTS, 'feedback-report-1366.png'), fullPage: true });
    const download = page.waitForEvent('download');
    await page.getByTestId('feedback-register-xlsx').click();
    const file = await (await download).path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0];
    expect(sheet).toBeDefined();
    const rows: string[] = [];
    sheet?.eachRow((r) => rows.push(JSON.stringify(r.values)));
    for (const code of Object.values(codes)) {
      expect(rows.filter((r) => r.includes(code)).length, code).toBe(1);
    }
    await page.close();
  });
});
