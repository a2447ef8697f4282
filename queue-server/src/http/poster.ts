import { escape, qrSvg } from './routes-pages.js';

/** What an A4 poster of a citizen's page says: a headline, its English line, the steps (Vietnamese, English). */
export interface PosterText {
  title: string;
  headline: string;
  sub: string;
  qrLabel: string;
  steps: [string, string][];
  /** A closing line under the steps (Vietnamese, English), if any. */
  foot?: [string, string];
}

/**
 * A printable A4 poster for the hall and the center's site (the booking page, the feedback form): the center's
 * name, a headline, the page's QR and address, numbered steps. One layout, so every poster prints alike. The QR may
 * carry more than the address printed for typing (`qrUrl`: where the form was opened from).
 */
export function a4Poster(centerName: string, url: string, text: PosterText, qrUrl = url): string {
  const line = ([vi, en]: [string, string]) => `${escape(vi)}<br><span class="en">${escape(en)}</span>`;
  const steps = text.steps.map((s) => `<li>${line(s)}</li>`).join('');
  const foot = text.foot ? `<p class="foot">${line(text.foot)}</p>` : '';
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(text.title)} — ${escape(centerName)}</title>
<style>@page{size:A4;margin:15mm}*{box-sizing:border-box}
body{font-family:system-ui,'Noto Sans',sans-serif;margin:0 auto;max-width:180mm;color:#0d1b2a;text-align:center;line-height:1.35}
.c{font-size:16pt;font-weight:700;text-transform:uppercase;margin:0 0 6mm}
h1{font-size:34pt;margin:0;color:#0a4a9e}.sub{font-size:17pt;color:#3b4a5c;margin:2mm 0 8mm}
.qr{width:95mm;height:95mm;display:block;margin:0 auto}.url{font-size:15pt;font-weight:700;margin:3mm 0 8mm;word-break:break-all}
ol{text-align:left;font-size:16pt;margin:0 auto;max-width:160mm;padding-left:10mm}li{margin:0 0 4mm}.en{font-size:12pt;color:#3b4a5c}
.foot{font-size:14pt;margin:6mm auto 0;max-width:160mm}
@media screen{body{padding:1rem}}</style></head>
<body><p class="c">${escape(centerName)}</p>
<h1>${escape(text.headline)}</h1>
<p class="sub">${escape(text.sub)}</p>
<div class="qr" role="img" aria-label="${escape(text.qrLabel)}">${qrSvg(qrUrl)}</div>
<p class="url">${escape(url)}</p>
<ol>${steps}</ol>${foot}</body></html>`;
}
