// Throwaway preview (not committed): the booking pages against a mocked API, at 390×844.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
const WEB = '/work/wt/h21phone/dist/web';
const OUT = '/tmp/h21phone-shots';
const today = '2026-12-07';
const days = Array.from({ length: 7 }, (_, i) => {
  const d = new Date(Date.UTC(2026, 11, 7 + i));
  const wd = d.getUTCDay() || 7;
  return { day: d.toISOString().slice(0, 10), weekday: wd, open: wd < 6, free: wd < 6 ? (i === 3 ? 0 : 14) : 0 };
});
const slots = ['07:30', '08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '13:30', '14:00', '14:30', '15:00', '15:30'].map((s, i) => {
  const [h, m] = s.split(':').map(Number);
  const e = `${String(h + (m === 30 ? 1 : 0)).padStart(2, '0')}:${m === 30 ? '00' : '30'}`;
  return { start: s, end: e, startsAt: `2026-12-09T${s}:00+07:00`, capacity: 3, free: i === 1 ? 0 : 1 + (i % 4), open: i > 0 };
});
const booking = (status = 'booked') => ({
  code: 'K7PQ3M2D', status, centerName: 'Trung tâm Phục vụ Hành chính công tỉnh Vĩnh Long', serviceId: 3, serviceName: 'Tư pháp - Hộ tịch',
  procedureName: 'Đăng ký khai sinh', day: '2026-12-09', start: '09:30', end: '10:00', startsAt: '2026-12-09T09:30:00+07:00',
  checkInFrom: '2026-12-09T09:15:00+07:00', checkInUntil: '2026-12-09T09:40:00+07:00', cccdMasked: '•••••••••123', phoneMasked: '•••••••678',
  ticket: status === 'checked_in' ? { number: '3012', trackingCode: 'abcdefgh' } : null, changeable: status === 'booked', url: 'http://127.0.0.1:8080/b/K7PQ3M2D',
});
const api = {
  '/api/public/booking/options': { enabled: true, centerName: 'Trung tâm Phục vụ Hành chính công tỉnh Vĩnh Long', daysAhead: 6, codesAvailable: true,
    services: [{ id: 3, code: 'TP', name: 'Tư pháp - Hộ tịch', slotMinutes: 30 }, { id: 4, code: 'DD', name: 'Đất đai', slotMinutes: 30 }, { id: 5, code: 'KD', name: 'Đăng ký kinh doanh', slotMinutes: 30 }],
    checkInEarlyMinutes: 15, checkInLateMinutes: 10 },
  '/api/public/booking/days': { serviceId: 3, days },
  '/api/public/booking/slots': { serviceId: 3, day: '2026-12-09', slots },
  '/api/procedures': [{ id: 11, code: '1.001', name: 'Đăng ký khai sinh', serviceId: 3, score: 1 }, { id: 12, code: '1.002', name: 'Đăng ký khai sinh có yếu tố nước ngoài', serviceId: 3, score: 0.8 }],
  '/api/public/booking/otp': { challengeId: 'abcdefghijklmnop', channel: 'sms', expiresAt: '2026-12-07T18:10:00+07:00', phoneMasked: '•••••••678' },
  '/api/public/booking/verify': { proof: 'p'.repeat(40), expiresAt: '2026-12-07T19:10:00+07:00' },
  '/api/public/bookings': booking(),
  '/api/public/bookings/K7PQ3M2D': booking(),
  '/api/public/bookings/K7PQ3M2D/cancel': booking('cancelled'),
};
let createFull = true;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
async function page(scale = 1) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const p = await ctx.newPage();
  p.on('console', (m) => console.log('console:', m.text()));
  p.on('pageerror', (e) => console.log('pageerror:', e.message));
  await p.route('**/*', async (route) => {
    const u = new URL(route.request().url());
    const path = u.pathname;
    if (path === '/dat-lich') return route.fulfill({ contentType: 'text/html', body: readFileSync(join(WEB, 'phone/book.html')) });
    if (path.startsWith('/b/') && path.endsWith('/qr.svg')) return route.fulfill({ contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#000"/><rect x="2" y="2" width="6" height="6" fill="#fff"/></svg>' });
    if (path.startsWith('/b/')) return route.fulfill({ contentType: 'text/html', body: readFileSync(join(WEB, 'phone/booking.html')) });
    if (path.startsWith('/phone/')) return route.fulfill({ path: join(WEB, path) });
    if (path === '/api/public/bookings' && createFull) { createFull = false; return route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: { code: 'LAYSO_BOOKING_SLOT_FULL', message: 'Giờ này vừa hết chỗ, vui lòng chọn giờ khác / This time has just filled up; please choose another' } }) }); }
    if (path === '/api/public/bookings/UNKNOWN1') return route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'LAYSO_BOOKING_NOT_FOUND', message: 'x / y' } }) });
    const body = api[path];
    if (body) return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
    return route.fulfill({ status: 404, body: 'no' });
  });
  if (scale !== 1) await p.addInitScript((s) => { document.addEventListener('DOMContentLoaded', () => { document.documentElement.style.fontSize = `${s * 100}%`; }); }, scale);
  return p;
}
const shot = (p, n) => p.screenshot({ path: `${OUT}/${n}.png`, fullPage: true });
const p = await page();
await p.goto('http://app.test/dat-lich');
await p.getByTestId('bk-service-TP').waitFor();
await shot(p, '01-services');
await p.getByTestId('bk-service-TP').click();
await p.getByTestId('bk-q').fill('khai sinh');
await p.getByTestId('bk-hit-11').waitFor();
await shot(p, '02-procedure');
await p.getByTestId('bk-hit-11').click();
await p.getByTestId('bk-days').waitFor();
await shot(p, '03-days');
await p.getByTestId('bk-day-2026-12-09').click();
await p.getByTestId('bk-slots').waitFor();
await shot(p, '04-slots');
await p.getByTestId('bk-slot-09:30').click();
await p.getByTestId('bk-cccd').fill('0123456789');
await p.getByTestId('bk-phone').fill('0912345678');
await p.getByTestId('bk-cccd').blur();
await shot(p, '05-identity-bad');
await p.getByTestId('bk-cccd').fill('012345678912');
await p.getByTestId('bk-send-code').click();
await p.getByTestId('bk-otp').fill('123456');
await shot(p, '06-code');
await p.getByTestId('bk-confirm').click();
await p.getByTestId('bk-error').waitFor();
await shot(p, '07-slot-full');
await p.getByTestId('bk-slot-10:00').click();
await shot(p, '07b-confirm-with-proof');
await p.getByTestId('bk-confirm').click();
await p.getByTestId('bk-done').waitFor();
await shot(p, '08-done');
const q = await page();
await q.goto('http://app.test/b/K7PQ3M2D');
await q.getByTestId('bk-card').waitFor();
await shot(q, '09-booking');
await q.getByTestId('bk-move').click();
await q.getByTestId('bk-days').waitFor();
await shot(q, '10-move');
await q.getByTestId('bk-move-back').click();
await q.getByTestId('bk-cancel').click();
await shot(q, '11-cancel-ask');
await q.getByTestId('bk-cancel-yes').click();
await q.getByTestId('bk-done').waitFor();
await shot(q, '12-cancelled');
const r = await page();
await r.goto('http://app.test/b/UNKNOWN1');
await r.getByTestId('bk-not-found').waitFor();
await shot(r, '13-not-found');
const big = await page(2);
await big.goto('http://app.test/dat-lich');
await big.getByTestId('bk-service-TP').click();
await big.getByTestId('bk-skip').click();
await big.getByTestId('bk-day-2026-12-09').click();
await big.getByTestId('bk-slots').waitFor();
await shot(big, '14-slots-200');
await big.getByTestId('bk-slot-09:30').click();
await shot(big, '15-identity-200');
const b2 = await page(2);
await b2.goto('http://app.test/b/K7PQ3M2D');
await b2.getByTestId('bk-card').waitFor();
await shot(b2, '16-booking-200');
await browser.close();
console.log('done');
