import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { qrMatrix } from '@layso/printer-drivers';
import { fail } from '../errors.js';
import type { Context } from '../context.js';
import type { TicketRow } from '../db/store.js';
import type { SomeHandlers } from './endpoint.js';
import { sendHtml } from '@layso/server-kit';

/** A QR symbol as SVG: one path of dark modules inside a 4-module quiet zone. */
export function qrSvg(text: string): string {
  const m = qrMatrix(text, 'M');
  const side = m.size + 8;
  let d = '';
  for (let r = 0; r < m.size; r++) {
    for (let c = 0; c < m.size; c++) if (m.dark(r, c)) d += `M${c + 4} ${r + 4}h1v1h-1z`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

export const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

export const page = (title: string, body: string) => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;font-size:1.2rem;line-height:1.5}
.n{font-size:4rem;font-weight:700;margin:.5rem 0}.muted{color:#555;font-size:1rem}</style></head>
<body>${body}</body></html>`;

const STATUS_VI: Record<string, string> = {
  waiting: 'Đang chờ',
  called: 'Đã được gọi — mời đến quầy',
  serving: 'Đang được phục vụ',
  done: 'Đã xong',
  'no-show': 'Đã gọi nhưng vắng mặt',
  transferred: 'Đã chuyển sang lĩnh vực khác',
  cancelled: 'Đã rời hàng chờ',
};

/** What a ticket of another day says, on the page as served and once its poll learns the day is over. */
const OVER = {
  vi: 'Số này được cấp ngày {day} và đã hết hiệu lực. Vui lòng lấy số mới tại ki-ốt.',
  en: 'This number was issued on another day and is no longer valid; please take a new one.',
};

/**
 * The page's one script, the same text for every ticket (the code and day ride in data attributes), so the CSP
 * allows exactly it by hash. It polls /api/track; once the ticket's day is over it says so and stops.
 */
export const TRACK_SCRIPT = `(()=>{const S=${JSON.stringify(STATUS_VI)},O=${JSON.stringify(OVER)};
const m=document.getElementById('t'),s=document.getElementById('s'),a=document.getElementById('a');
const timer=setInterval(async()=>{try{const r=await fetch('/api/track/'+encodeURIComponent(m.dataset.code));
if(!r.ok)return;const t=await r.json();
if(t.expired){clearInterval(timer);s.textContent=O.vi.replace('{day}',m.dataset.day);a.textContent=O.en;return;}
s.textContent=(S[t.status]||t.status)+(t.counterName?' — '+t.counterName:'');
a.textContent='Số người chờ trước bạn: '+t.ahead+' · Dự kiến khoảng '+t.estimatedWaitMinutes+' phút';}catch{}},15000);})();`;

/**
 * A page of the phone build (WEB_DIR/phone/<file>) made to paint at once on a slow link: its stylesheet inline (one
 * round trip fewer; the CSP allows inline styles, never inline scripts).
 */
export async function phoneShell(webDir: string, file: string): Promise<string> {
  let html = await readFile(join(webDir, 'phone', file), 'utf8');
  // A page of several entries links a shared stylesheet and its own: each goes inline.
  for (const link of html.match(/<link rel="stylesheet"[^>]*>/g) ?? []) {
    const href = /href="\/phone\/(assets\/[\w.-]+\.css)"/.exec(link)?.[1];
    const css = href ? await readFile(join(webDir, 'phone', href), 'utf8').catch(() => null) : null;
    if (css !== null && !css.includes('</')) html = html.replace(link, () => `<style>${css}</style>`);
  }
  return html;
}

const dayVi = (day: string) => day.split('-').reverse().join('/');

/**
 * The page a citizen's phone opens from the ticket's QR: number, status, people ahead — no personal data.
 * It refreshes itself from /api/track. The screens' apps (kiosk, display, counter, admin) are served by
 * routes-web.ts from their own workspaces' builds.
 */
export function pageHandlers(ctx: Context) {
  /** The ticket behind a tracking code; a code of the wrong shape is not looked up. */
  const byCode = (code: string) =>
    /^[A-Za-z0-9_-]{6,32}$/.test(code) ? ctx.store.tickets.byTracking(code) : null;

  /** The phone build's page (`npm run build:web`), when built; else the plain page below serves. */
  const phonePage = join(ctx.config.webDir, 'phone', 'ticket.html');

  /**
   * The phone build's page for one ticket (its stylesheet inline: `phoneShell`), the ticket drawn plainly in the
   * root (the app replaces it when its script has run) and the ticket as data for the app (a JSON block, not a
   * script).
   */
  const phoneHtml = async (row: TicketRow): Promise<string> => {
    const t = ctx.queue.publicView(row, ctx.settings.get().centerName);
    const html = await phoneShell(ctx.config.webDir, 'ticket.html');
    const status = t.expired
      ? escape(OVER.vi.replace('{day}', dayVi(row.day)))
      : `${escape(STATUS_VI[t.status] ?? t.status)}${t.counterName ? ` — ${escape(t.counterName)}` : ''}`;
    const ahead =
      t.status === 'waiting' && !t.expired ? `<span>Số người chờ trước bạn: ${t.ahead}</span>` : '';
    const shell =
      `<main class="ph"><header class="ph-head"><span class="ph-center">${escape(t.centerName ?? '')}</span>` +
      `<span class="ph-service">${escape(t.serviceName)}</span></header><section class="ph-card">` +
      `<div class="ph-number-box"><span class="ph-label">Số của bạn</span><div class="ph-number">${escape(t.number)}</div></div>` +
      `<strong>${status}</strong>${ahead}</section></main>`;
    const data = JSON.stringify(t).replace(/</g, '\\u003c');
    return html
      .replace('<div id="root"></div>', () => `<div id="root">${shell}</div>`)
      .replace(
        '<!--ticket-data-->',
        () => `<script type="application/json" id="ticket-data">${data}</script>`,
      );
  };

  return {
    trackPage: async (req, reply) => {
      const row = byCode(req.params.code);
      if (row && existsSync(phonePage)) return sendHtml(reply, await phoneHtml(row));
      if (!row) {
        // A phone that opened a mistyped or damaged QR gets a page a citizen can read, not a JSON error.
        const body = `<p><strong>Không tìm thấy số thứ tự này.</strong> Vui lòng kiểm tra lại mã QR trên phiếu hoặc hỏi nhân viên hướng dẫn.</p>
<p class="muted">This ticket was not found; check the QR code on the ticket or ask the staff at the information desk.</p>`;
        return sendHtml(reply, page('Không tìm thấy số', body), { status: 404 });
      }
      const t = ctx.queue.view(row);
      const head = `<p>${escape(t.serviceName)}</p><p class="n">${escape(t.number)}</p>`;
      if (t.day !== ctx.queue.today()) {
        const body = `${head}
<p><strong>${escape(OVER.vi.replace('{day}', dayVi(t.day)))}</strong></p>
<p class="muted">${escape(OVER.en)}</p>`;
        return sendHtml(reply, page(`Số ${t.number}`, body));
      }
      const where = t.counterName ? ` — ${escape(t.counterName)}` : '';
      const body = `<main id="t" data-code="${escape(req.params.code)}" data-day="${escape(dayVi(t.day))}">${head}
<p><strong id="s">${escape(STATUS_VI[t.status] ?? t.status)}${where}</strong></p>
<p id="a">Số người chờ trước bạn: ${t.ahead} · Dự kiến khoảng ${t.estimatedWaitMinutes} phút</p>
<p class="muted">Trang tự cập nhật. / This page updates itself.</p></main>
<script>${TRACK_SCRIPT}</script>`;
      return sendHtml(reply, page(`Số ${t.number}`, body), { inlineScripts: [TRACK_SCRIPT] });
    },

    // The ticket's QR as a picture, for a screen that shows the number instead of (or beside) the paper: the
    // same tracking URL as the printed QR, drawn by the same encoder, sharp at any size.
    trackQr: async (req, reply) => {
      const row = byCode(req.params.code);
      if (!row) fail('LAYSO_TICKET_NOT_FOUND');
      return reply
        .type('image/svg+xml')
        .header('cache-control', 'private, max-age=86400')
        .send(qrSvg(ctx.queue.view(row).trackingUrl));
    },
  } satisfies SomeHandlers;
}
