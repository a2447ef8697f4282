import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeBookingCode } from '@layso/protocol';
import { sendHtml } from '@layso/server-kit';
import type { Context } from '../context.js';
import type { SomeHandlers } from './endpoint.js';
import { a4Poster, type PosterText } from './poster.js';
import { page, phoneShell, qrSvg } from './routes-pages.js';

/** What a page says when the phone build is missing (a server run from source without `npm run build:web`). */
const NOT_BUILT = `<p><strong>Trang đặt lịch chưa được dựng: chạy <code>npm run build:web</code>.</strong></p>
<p class="muted">The booking page has not been built: run <code>npm run build:web</code>.</p>`;

const NOT_FOUND = `<p><strong>Không tìm thấy lịch hẹn này.</strong> Vui lòng kiểm tra lại mã đặt lịch hoặc mã QR, hoặc đặt lịch mới tại <a href="/dat-lich">/dat-lich</a>.</p>
<p class="muted">This booking was not found; check the booking code or its QR, or book again at /dat-lich.</p>`;

/** The A4 poster: its headline and steps, Vietnamese first, English under each. */
const POSTER: PosterText = {
  title: 'Đặt lịch trước',
  headline: 'Đặt lịch trước, không phải xếp hàng',
  sub: 'Book a time from home — no queueing',
  qrLabel: "Mã QR trang đặt lịch / The booking page's QR",
  steps: [
    [
      'Quét mã QR bằng điện thoại, chọn lĩnh vực, ngày và giờ.',
      'Scan the QR with your phone; choose a service, a day and a time.',
    ],
    [
      'Nhập số CCCD và số điện thoại, rồi mã xác nhận được gửi đến điện thoại.',
      'Type your CCCD and phone number, then the code sent to your phone.',
    ],
    [
      'Đến ki-ốt đúng giờ, quét mã QR đặt lịch hoặc thẻ CCCD để nhận số.',
      'At your time, scan the booking QR or your CCCD card at the kiosk to get your number.',
    ],
  ],
};

/**
 * The citizen's booking pages (issue 21): `/dat-lich` and `/b/:code` are pages of the phone's lean build (the app
 * reads the code from the address and asks the booking endpoint, which is rate limited), the QRs that lead to them,
 * and the A4 poster of `/dat-lich` for the hall and the center's site. A QR is drawn from the code's shape alone:
 * it reveals nothing, so it needs no lookup.
 */
export function bookingPageHandlers(ctx: Context) {
  const base = ctx.config.publicUrl;
  const built = (file: string) => existsSync(join(ctx.config.webDir, 'phone', file));

  return {
    bookingStartPage: async (_req, reply) => {
      if (!built('book.html')) return sendHtml(reply, page('Đặt lịch', NOT_BUILT), { status: 503 });
      return sendHtml(reply, await phoneShell(ctx.config.webDir, 'book.html'));
    },
    bookingPoster: async (_req, reply) =>
      sendHtml(reply, a4Poster(ctx.settings.get().centerName, `${base}/dat-lich`, POSTER)),
    bookingStartQr: async (_req, reply) =>
      reply
        .type('image/svg+xml')
        .header('cache-control', 'public, max-age=86400')
        .send(qrSvg(`${base}/dat-lich`)),
    bookingPage: async (req, reply) => {
      // A mistyped or damaged code gets a page a citizen can read; a well-formed one is looked up by the app.
      if (normalizeBookingCode(req.params.code) === null)
        return sendHtml(reply, page('Không tìm thấy lịch hẹn', NOT_FOUND), { status: 404 });
      if (!built('booking.html')) return sendHtml(reply, page('Lịch hẹn', NOT_BUILT), { status: 503 });
      return sendHtml(reply, await phoneShell(ctx.config.webDir, 'booking.html'));
    },
    bookingQr: async (req, reply) =>
      reply
        .type('image/svg+xml')
        .header('cache-control', 'private, max-age=86400')
        .send(qrSvg(`${base}/b/${req.params.code}`)),
  } satisfies SomeHandlers;
}
