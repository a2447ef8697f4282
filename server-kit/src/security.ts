import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/**
 * The headers every page this server sends carries — the apps, the tracking page, the "not built" page:
 * a strict Content-Security-Policy (only this server's scripts, styles, fonts and sockets; 'self' covers the
 * same origin's ws:/wss: too), no MIME sniffing, never framed, no referrer (a tracking page's URL is its code).
 */
const POLICY = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' data: blob:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** The CSP hash source of an inline script, so that one script (and no injected one) may run. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

/** The security headers, allowing `inlineScripts` (their exact text) besides the server's own files. */
export function securityHeaders(inlineScripts: readonly string[] = []): Record<string, string> {
  const scripts = ["'self'", ...inlineScripts.map(scriptHash)].join(' ');
  return {
    'content-security-policy': [...POLICY, `script-src ${scripts}`].join('; '),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  };
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze(securityHeaders());

/** An HTML page with the security headers; never cached, so a page always shows the ticket as it is now. */
export function sendHtml(
  reply: FastifyReply,
  html: string | Buffer,
  options: { status?: number; inlineScripts?: readonly string[] } = {},
): FastifyReply {
  return reply
    .code(options.status ?? 200)
    .headers(options.inlineScripts ? securityHeaders(options.inlineScripts) : SECURITY_HEADERS)
    .header('cache-control', 'no-cache')
    .type('text/html; charset=utf-8')
    .send(html);
}
