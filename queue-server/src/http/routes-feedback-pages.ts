import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FEEDBACK_PAGE, normalizeFeedbackCode, type FeedbackOrigin } from '@layso/protocol';
import { sendHtml } from '@layso/server-kit';
import type { Context } from '../context.js';
import type { SomeHandlers } from './endpoint.js';
import { a4Poster, type PosterText } from './poster.js';
import { page, phoneShell, qrSvg } from './routes-pages.js';

/** What a page says when the phone build is missing (a server run from source without `npm run build:web`). */
const NOT_BUILT = `<p><strong>Trang góp ý, phản ánh chưa được dựng: chạy <code>npm run build:web</code>.</strong></p>
<p class="muted">The feedback page has not been built: run <code>npm run build:web</code>.</p>`;

const NOT_FOUND = `<p><strong>Không tìm thấy phản ánh này.</strong> Vui lòng kiểm tra lại mã phản ánh hoặc mã QR, hoặc gửi phản ánh mới tại <a href="/pa">/pa</a>.</p>
<p class="muted">This feedback case was not found; check its code or its QR, or send a new one at /pa.</p>`;

const POSTER: PosterText = {
  title: 'Góp ý, phản ánh',
  headline: 'Góp ý, phản ánh về thủ tục, thái độ phục vụ',
  sub: 'Feedback on procedures and on how you were served',
  qrLabel: 'Mã QR trang góp ý, phản ánh / The feedback form’s QR',
  steps: [
    [
      'Quét mã QR bằng điện thoại, chọn nội dung và viết phản ánh (có thể kèm ảnh).',
      'Scan the QR with your phone, choose a topic and write what happened (photos allowed).',
    ],
    [
      'Để lại số điện thoại nếu muốn nhận câu trả lời; không bắt buộc.',
      'Leave a phone number to be told the answer; it is optional.',
    ],
    [
      'Giữ mã phản ánh: trung tâm ghi vào sổ, xử lý và trả lời đúng hạn.',
      'Keep the case code: the center logs it, handles it and answers on time.',
    ],
  ],
  foot: [
    'Với mã phản ánh, bạn theo dõi được phản ánh đang ở bước nào tại trang của nó.',
    'With the code you can follow your case on its page.',
  ],
};

/**
 * The citizen's feedback pages (issue 22): the form `/pa` and a case's page `/pa/:code` are pages of the phone's
 * lean build (the app reads `?t=`/`&from=` or the code from the address and calls the rate-limited endpoints), the
 * A4 poster for the hall and the form's QR. A QR is drawn from the address alone: it reveals nothing, needs no lookup.
 */
export function feedbackPageHandlers(ctx: Context) {
  const base = ctx.config.publicUrl;
  const built = (file: string) => existsSync(join(ctx.config.webDir, 'phone', file));
  /** The form's address as a QR carries it: where it was opened from, and the ticket it is about. */
  const formUrl = (from: FeedbackOrigin, ticket?: string) => {
    const q = new URLSearchParams(ticket ? { t: ticket, from } : { from });
    return `${base}${FEEDBACK_PAGE}?${q.toString()}`;
  };

  return {
    feedbackFormPage: async (_req, reply) => {
      if (!built('feedback.html'))
        return sendHtml(reply, page('Góp ý, phản ánh', NOT_BUILT), { status: 503 });
      return sendHtml(reply, await phoneShell(ctx.config.webDir, 'feedback.html'));
    },
    feedbackPoster: async (_req, reply) =>
      sendHtml(
        reply,
        a4Poster(ctx.settings.get().centerName, `${base}${FEEDBACK_PAGE}`, POSTER, formUrl('poster')),
      ),
    feedbackFormQr: async (req, reply) => {
      const { t, from } = req.query;
      return reply
        .type('image/svg+xml')
        .header('cache-control', t ? 'private, max-age=3600' : 'public, max-age=86400')
        .send(qrSvg(formUrl(from ?? 'poster', t)));
    },
    feedbackPage: async (req, reply) => {
      // A mistyped or damaged code gets a page a citizen can read; a well-formed one is looked up by the app.
      if (normalizeFeedbackCode(req.params.code) === null)
        return sendHtml(reply, page('Không tìm thấy phản ánh', NOT_FOUND), { status: 404 });
      if (!built('feedback-case.html')) return sendHtml(reply, page('Phản ánh', NOT_BUILT), { status: 503 });
      return sendHtml(reply, await phoneShell(ctx.config.webDir, 'feedback-case.html'));
    },
  } satisfies SomeHandlers;
}
