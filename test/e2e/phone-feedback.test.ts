/**
 * Issue 22, feedback from a phone in real Chromium against a real server on a fixed Monday morning (Vietnam time):
 * a Tư pháp ticket is served and rated "Không hài lòng" on the counter-top, whose thanks carry a QR; the QR, read
 * from the screen, opens the form `/pa` on a 390×844 phone about that ticket; a wrong-type file and a PDF over 5 MB
 * are refused on the page, a large photo carrying EXIF is shrunk on the phone and sent; the receipt gives the code;
 * the register holds the case with the ticket, counter and officer attached and origin "rating", its picture without
 * the EXIF; the admin answers through the API (not published); the case's page shows the state, then the answer
 * after the last 4 digits of the phone, and the SMS stand-in of `npm run notify-mock` got the notice. A file over
 * 5 MB sent to the API is refused with LAYSO_FEEDBACK_FILE_TOO_LARGE. Screens are saved under /tmp/layso-feedback/.
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitmapToRgba, pngToBitmap } from '@layso/printer-drivers';
import { ManualClock, startHarness, type Harness, type NotifyMock } from '@layso/queue-server';
import { issue, login } from '@layso/queue-server/testing';
import { smsOn, smsTo, startSmsStandIn } from '../support/bookings.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';

const SHOTS = '/tmp/layso-feedback';
const PHONE = { width: 390, height: 844 };
const COUNTER_TOP = { width: 1280, height: 800 };
/** The budget of issue 19: the phone pages' JavaScript, gzipped (the feedback pages are in the same build). */
const JS_BUDGET_BYTES = 60 * 1024;
/** Monday 14/12/2026, 09:00 in Vietnam: a working day, outside quiet hours. */
const MONDAY_9 = new Date('2026-12-14T09:00:00+07:00');
/** Text unique to the photo's EXIF (an ImageDescription): found in the file sent, never in the one stored. */
const EXIF_MARK = 'LAYSO-EXIF-GPS-10.2397N-105.9572E';
const MB = 1024 * 1024;

let chrome: TestBrowser;
let h: Harness;
let mock: NotifyMock;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  mock = await startSmsStandIn();
  h = await startHarness({ clock: new ManualClock(MONDAY_9), env: { ALLOW_HTTP_UPSTREAM: 'true' } });
  // The answer's notice goes by SMS: the admin points it at the stand-in (Admin → Thông báo).
  await smsOn(h, mock);
  chrome = await launchBrowser();
});
afterAll(async () => {
  await chrome?.close();
  await h?.close();
  await mock?.close();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

/** Reads a QR on the screen, as a citizen's phone camera would: the element's pixels, decoded. */
async function qrOnScreen(page: Page, testId: string): Promise<string> {
  await page.waitForFunction(
    (id) => document.querySelector<HTMLImageElement>(`[data-testid="${id}"] img`)?.naturalWidth,
    testId,
  );
  const png = await page.getByTestId(testId).locator('img').screenshot();
  const bitmap = pngToBitmap(png);
  const rgba = bitmapToRgba(bitmap);
  const code = jsQR(
    new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength),
    bitmap.width,
    bitmap.height,
  );
  if (!code) throw new Error('no QR on the counter-top');
  return code.data;
}

/**
 * A JPEG photo as a phone camera makes it: 2400×1800 pixels drawn by the browser, with an EXIF block (APP1) right
 * after the start marker whose ImageDescription is EXIF_MARK.
 */
async function photoWithExif(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 2400;
    c.height = 1800;
    const g = c.getContext('2d');
    if (!g) return '';
    g.fillStyle = '#2a6f97';
    g.fillRect(0, 0, 2400, 1800);
    g.fillStyle = '#f4d35e';
    g.fillRect(300, 300, 1200, 900);
    return c.toDataURL('image/jpeg', 0.9).split(',')[1] ?? '';
  });
  const jpeg = Buffer.from(b64, 'base64');
  const mark = Buffer.from(`${EXIF_MARK}\0`, 'latin1');
  // TIFF, big-endian: header, one IFD with one entry (0x010E ImageDescription, ASCII) whose text follows the IFD.
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x010e, 10);
  tiff.writeUInt16BE(2, 12);
  tiff.writeUInt32BE(mark.length, 14);
  tiff.writeUInt32BE(tiff.length, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, mark]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), app1, body, jpeg.subarray(2)]);
}

/** A JPEG's size from its first frame header (SOF0–SOF2). */
function jpegSize(jpeg: Buffer): { width: number; height: number } {
  let i = 2;
  while (i + 9 < jpeg.length) {
    const marker = jpeg.readUInt16BE(i);
    if (marker >= 0xffc0 && marker <= 0xffc2)
      return { height: jpeg.readUInt16BE(i + 5), width: jpeg.readUInt16BE(i + 7) };
    i += 2 + jpeg.readUInt16BE(i + 2);
  }
  throw new Error('no frame header');
}

describe('feedback from a phone', { timeout: 180_000 }, () => {
  it('after "Không hài lòng" the QR opens the form about that ticket; the case is registered, answered and read', async () => {
    // A Tư pháp ticket, called and finished at Quầy 4; its counter-top screen asks for a rating.
    const o = h.credentials.officers[3];
    if (!o) throw new Error('the demo has no 4th officer');
    const serviceId = h.store.counters.byId(o.counterId)?.serviceIds[0];
    if (serviceId === undefined) throw new Error('Quầy 4 serves nothing');
    const officer = await login(h, o.username);
    const top = await chrome.page(COUNTER_TOP);
    const paired = h.credentials.counterTopUrls.find((c) => c.counterId === o.counterId);
    await top.goto(`${h.url}/counter-top/${o.counterId}${new URL(paired?.url ?? h.url).hash}`);
    await top.getByTestId('counter-top').waitFor();
    const ticket = await issue(h, serviceId);
    const called = await h.api(`/api/counters/${o.counterId}/call-next`, {
      token: officer.token,
      method: 'POST',
    });
    expect(called.body.ticket.id).toBe(ticket.id);
    await h.api(`/api/tickets/${ticket.id}/finish`, { token: officer.token, body: { outcome: 'guidance' } });
    await top.locator('[data-testid="rating"][data-ready="true"]').waitFor();
    await top.getByTestId('rate-unsatisfied').click();
    await top.locator('[data-testid="rating"][data-step="reason"][data-ready="true"]').waitFor();
    await top.getByTestId('reason-attitude').click();
    await top.locator('[data-testid="thanks"][data-saved="true"]').waitFor();
    await top.getByTestId('feedback-qr').waitFor();
    expect(await text(top, 'feedback-qr')).toContain('Quét mã để gửi phản ánh');
    expect(await text(top, 'feedback-qr')).toContain('Scan to send feedback');
    await shot(top, 'counter-top-feedback-qr');

    // The QR as a phone reads it: the form for this ticket, opened from the rating.
    const url = await qrOnScreen(top, 'feedback-qr');
    expect(url).toBe(await top.getByTestId('feedback-qr').getAttribute('data-url'));
    const read = new URL(url);
    expect(read.pathname).toBe('/pa');
    expect(read.searchParams.get('t')).toBe(ticket.trackingCode);
    expect(read.searchParams.get('from')).toBe('rating');
    await top.close();

    const page = await chrome.page(PHONE);
    await page.goto(`${h.url}${read.pathname}${read.search}`);
    await page.getByTestId('fb-about').waitFor();
    const counterName = h.store.counters.byId(o.counterId)?.name ?? '';
    const about = await text(page, 'fb-about');
    expect(about).toContain(`Về số ${ticket.number}`);
    expect(about).toContain('Sở Tư pháp');
    expect(about).toContain(counterName);
    await shot(page, 'form-empty');

    // Nothing is sent without a topic and a text: said on the page.
    await page.getByTestId('fb-send').click();
    expect(await text(page, 'fb-error')).toContain('Chọn nội dung phản ánh');
    await page.getByTestId('feedback-topic-attitude').check();
    const said =
      'Cán bộ quầy 4 không hướng dẫn, yêu cầu tôi về bổ sung giấy tờ mà không nói rõ thiếu giấy gì.';
    await page.getByTestId('fb-text').fill(said);
    expect(await text(page, 'fb-count')).toBe(`${said.length}/2000 ký tự`);

    // A wrong type and a PDF over 5 MB are refused on the page, in both languages, before anything is sent.
    await page.getByTestId('fb-file').setInputFiles({
      name: 'anh-dong.gif',
      mimeType: 'image/gif',
      buffer: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'),
    });
    await page.getByTestId('fb-file-problem').waitFor();
    expect(await text(page, 'fb-file-problem')).toContain('chỉ nhận ảnh JPEG, PNG hoặc tệp PDF');
    expect(await text(page, 'fb-file-problem')).toContain('only JPEG or PNG photos or PDF files');
    await page.getByTestId('fb-file').setInputFiles({
      name: 'ho-so-scan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.alloc(5 * MB + 1, 0x20),
    });
    await page.getByTestId('fb-file-problem').filter({ hasText: 'ho-so-scan.pdf' }).waitFor();
    expect(await text(page, 'fb-file-problem')).toContain('tệp PDF tối đa 5 MB');
    expect(await page.getByTestId('fb-file-item').count()).toBe(0);
    await shot(page, 'form-file-refused');

    // A camera photo with EXIF: shrunk on the phone (≤ 1600 px, redrawn, so no EXIF) before it is sent.
    const photo = await photoWithExif(page);
    expect(photo.includes(Buffer.from(EXIF_MARK))).toBe(true);
    await page
      .getByTestId('fb-file')
      .setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.locator('[data-testid="fb-file-item"][data-type="image/jpeg"]').waitFor();
    expect(await page.getByTestId('fb-file-problem').count()).toBe(0);

    // Name and phone need the consent (Decree 13): asked for before sending.
    const phone = '0912345088';
    await page.getByTestId('fb-name').fill('Trần Thị Bình');
    await page.getByTestId('fb-phone').fill(phone);
    await page.getByTestId('fb-send').click();
    expect(await text(page, 'fb-error')).toContain('Đánh dấu đồng ý');
    await page.getByTestId('fb-consent').check();
    await shot(page, 'form-filled');
    await page.getByTestId('fb-send').click();
    await page.getByTestId('fb-receipt').waitFor();
    await shot(page, 'receipt');
    const shown = await text(page, 'fb-code');
    expect(shown).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const code = shown.replace('-', '');
    expect(await text(page, 'fb-notice')).toContain('Bạn sẽ nhận tin nhắn khi có trả lời');
    expect(await page.getByTestId('fb-link').getAttribute('href')).toBe(`/pa/${code}`);

    // In the register: channel phone, origin rating, the ticket, its counter and officer, the photo without EXIF.
    const admin = await login(h, 'admin');
    const list = await h.api(`/api/admin/feedback?q=${code}`, { token: admin.token });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const summary = list.body.cases.find((c: { code: string }) => c.code === code);
    expect(summary).toMatchObject({ channel: 'phone', origin: 'rating', topic: 'attitude', status: 'new' });
    const full = await h.api(`/api/admin/feedback/${summary.id}`, { token: admin.token });
    expect(full.body).toMatchObject({
      text: said,
      name: 'Trần Thị Bình',
      phone,
      ticket: { id: ticket.id, number: ticket.number, rating: 'unsatisfied' },
      counterId: o.counterId,
      counterName,
      officerId: officer.user.id,
    });
    expect(full.body.officerName).toBeTruthy();
    expect(await text(page, 'fb-due')).toBe(full.body.answerDueDay.split('-').reverse().join('/'));
    expect(full.body.files).toHaveLength(1);
    const stored = await fetch(`${h.url}/api/admin/feedback/${summary.id}/files/${full.body.files[0].id}`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(stored.status).toBe(200);
    const picture = Buffer.from(await stored.arrayBuffer());
    expect(picture.includes(Buffer.from(EXIF_MARK))).toBe(false);
    expect(picture.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect(jpegSize(picture)).toEqual({ width: 1600, height: 1200 });

    // Its page from the receipt's link: the state, no text, the proof asked for.
    await page.getByTestId('fb-link').click();
    await page.waitForURL(`**/pa/${code}`);
    await page.getByTestId('fb-case').waitFor();
    expect(await text(page, 'fb-status')).toContain('Mới tiếp nhận');
    expect(await page.getByTestId('fb-details').count()).toBe(0);
    expect((await page.locator('body').textContent()) ?? '').not.toContain(said);
    await shot(page, 'case-new');

    // The admin answers (not published): the citizen is told by SMS, the answer is read with the proof.
    const answer = 'Trung tâm đã nhắc nhở cán bộ quầy 4 và gửi danh mục giấy tờ cần bổ sung. Xin lỗi bạn.';
    const answered = await h.api(`/api/admin/feedback/${summary.id}/answer`, {
      token: admin.token,
      body: { answer, publish: false },
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    await mock.until(() => smsTo(mock, phone).some((m) => m.text.includes(shown)), 30_000);

    await page.reload();
    await page.locator('[data-testid="fb-case"][data-status="answered"]').waitFor();
    expect(await text(page, 'fb-status')).toContain('Đã trả lời');
    expect(await page.getByTestId('fb-answer').count()).toBe(0);
    expect(await text(page, 'fb-proof-step')).toContain('Đã có câu trả lời');
    await page.getByTestId('fb-proof').fill('0000');
    await page.getByTestId('fb-proof-see').click();
    await page.getByTestId('fb-error').waitFor();
    expect(await text(page, 'fb-error')).toContain('4 số cuối điện thoại không khớp');
    await page.getByTestId('fb-proof').fill(phone.slice(-4));
    await page.getByTestId('fb-proof-see').click();
    await page.getByTestId('fb-answer').waitFor();
    expect(await text(page, 'fb-answer')).toContain(answer);
    expect(await text(page, 'fb-text-sent')).toBe(said);
    // The name and the whole phone never show on the page.
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain(phone);
    expect(body).not.toContain('Trần Thị Bình');
    await shot(page, 'case-answered');
    await page.close();
  });

  it('the ticket page links to the form about that ticket', async () => {
    const service = h.store.catalogue.services().find((s) => s.code === 'TP');
    if (!service) throw new Error('the demo center has no Tư pháp service');
    const ticket = await issue(h, service.id);
    const page = await chrome.page(PHONE);
    await page.goto(`${h.url}/t/${ticket.trackingCode}`);
    await page.getByTestId('phone-feedback').waitFor();
    expect(await page.getByTestId('phone-feedback').getAttribute('href')).toBe(
      `/pa?t=${ticket.trackingCode}&from=ticket`,
    );
    await page.getByTestId('phone-feedback').click();
    await page.getByTestId('fb-about').waitFor();
    expect(await text(page, 'fb-about')).toContain(`Về số ${ticket.number}`);
    await page.close();
  });

  it('a file over 5 MB sent to the server is refused with LAYSO_FEEDBACK_FILE_TOO_LARGE', async () => {
    const oversized = Buffer.alloc(5 * MB + 1, 0xff).toString('base64');
    const r = await h.api('/api/public/feedback', {
      body: { topic: 'delay', text: 'Ảnh quá lớn', files: [{ type: 'image/jpeg', data: oversized }] },
    });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('LAYSO_FEEDBACK_FILE_TOO_LARGE');
    expect(r.body.error.message).toContain('tối đa 5 MB');
  });

  it('the phone build, feedback pages included, stays within 60 KB of JavaScript gzipped', () => {
    const dir = join(REPO_ROOT, 'dist/web/phone/assets');
    const js = readdirSync(dir).filter((f) => f.endsWith('.js'));
    const gz = js.reduce((n, f) => n + gzipSync(readFileSync(join(dir, f))).length, 0);
    console.log(
      `phone build (ticket, booking and feedback pages): ${js.length} JS file(s), ${gz} bytes gzipped`,
    );
    expect(readdirSync(join(REPO_ROOT, 'dist/web/phone'))).toEqual(
      expect.arrayContaining(['feedback.html', 'feedback-case.html']),
    );
    expect(gz).toBeLessThanOrEqual(JS_BUDGET_BYTES);
  });
});
