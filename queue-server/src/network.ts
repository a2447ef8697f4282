import { readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Config } from './config.js';

/**
 * How the server meets the network: which proxies' `X-Forwarded-For` it believes (TRUST_PROXY), and TLS of its
 * own (TLS_CERT / TLS_KEY) for a center without a proxy in front.
 */

const LOOPBACK = /^(127\.|::1$|::ffff:127\.|localhost$)/;

/** This machine: a loopback address (or `localhost`, as a HOST may be written). */
export const isLoopback = (addr: string): boolean => LOOPBACK.test(addr);

/** The proxies whose forwarded client address is believed; false = none (the socket's address is the client). */
export function trustedProxies(config: Pick<Config, 'TRUST_PROXY'>): string[] | false {
  return config.TRUST_PROXY.length > 0 ? [...config.TRUST_PROXY] : false;
}

export interface HttpTimeouts {
  /** The whole request, headers and body; a catalogue upload of 20 MB over a slow LAN fits in it. */
  requestMs: number;
  /** The headers alone (at most `requestMs`). */
  headersMs: number;
  /** A connection that sends nothing this long (Socket.IO pings every 25 s, long-polls answer within that). */
  idleMs: number;
}

export const HTTP_TIMEOUTS: HttpTimeouts = { requestMs: 120_000, headersMs: 20_000, idleMs: 75_000 };

interface Tls {
  key: Buffer;
  cert: Buffer;
}

const readTls = (config: Pick<Config, 'TLS_CERT' | 'TLS_KEY'>): Tls | null =>
  config.TLS_CERT && config.TLS_KEY
    ? { cert: readFileSync(config.TLS_CERT), key: readFileSync(config.TLS_KEY) }
    : null;

export interface ServerWithTls {
  /** For fastify's `serverFactory`: HTTPS with the configured certificate, else plain HTTP. */
  factory(handler: (req: IncomingMessage, res: ServerResponse) => void): Server;
  /**
   * Reads the certificate and key again (after a renewal; `main.ts` calls it on SIGHUP): new connections get the
   * new certificate, open ones keep theirs. A file that cannot be read leaves the old one in use and throws.
   */
  reload(): void;
  readonly tls: boolean;
}

export function serverWithTls(
  config: Pick<Config, 'TLS_CERT' | 'TLS_KEY'>,
  timeouts: HttpTimeouts,
): ServerWithTls {
  const tls = readTls(config);
  let https: ReturnType<typeof createHttpsServer> | null = null;
  // fastify leaves a server it did not make as it is: the deadlines are set here (Node checks them on this beat,
  // 30 s by default, which would let them run late).
  const deadlines = {
    requestTimeout: timeouts.requestMs,
    headersTimeout: timeouts.headersMs,
    connectionsCheckingInterval: Math.max(10, Math.min(5_000, timeouts.headersMs / 4)),
  };
  return {
    tls: tls !== null,
    factory(handler) {
      const server = tls
        ? (https = createHttpsServer({ ...tls, ...deadlines }, handler))
        : createHttpServer(deadlines, handler);
      server.setTimeout(timeouts.idleMs);
      return server;
    },
    reload() {
      const next = readTls(config);
      if (next && https) https.setSecureContext(next);
    },
  };
}

/** What the operator should hear at start about the network: plain HTTP on the LAN, plain-HTTP upstreams. */
export function networkWarnings(
  config: Pick<Config, 'HOST' | 'TLS_CERT' | 'PROVINCIAL_URL' | 'ALLOW_HTTP_UPSTREAM'> &
    Partial<Pick<Config, 'HUB_URL'>>,
): string[] {
  const warnings: string[] = [];
  if (!config.TLS_CERT && !isLoopback(config.HOST)) {
    warnings.push(
      `Đang phục vụ HTTP không mã hoá trên ${config.HOST}: mật khẩu và mã thiết bị đi qua mạng LAN không được bảo vệ — ` +
        'đặt TLS_CERT/TLS_KEY hoặc đặt máy chủ sau một proxy TLS (HOST=127.0.0.1) / ' +
        `serving plain HTTP on ${config.HOST}: passwords and device tokens cross the LAN in clear — set TLS_CERT/TLS_KEY ` +
        'or put the server behind a TLS proxy (HOST=127.0.0.1)',
    );
  }
  if (config.ALLOW_HTTP_UPSTREAM && config.PROVINCIAL_URL?.startsWith('http:')) {
    warnings.push(
      'PROVINCIAL_URL dùng http (ALLOW_HTTP_UPSTREAM=true): dữ liệu cá nhân và mã truy cập đi không mã hoá — chỉ dùng để thử / ' +
        'PROVINCIAL_URL is plain http (ALLOW_HTTP_UPSTREAM=true): personal data and the token travel in clear — for labs only',
    );
  }
  if (config.ALLOW_HTTP_UPSTREAM && config.HUB_URL?.startsWith('http:')) {
    warnings.push(
      'HUB_URL dùng http (ALLOW_HTTP_UPSTREAM=true): mã khóa của điểm đi không mã hoá — chỉ dùng để thử / ' +
        'HUB_URL is plain http (ALLOW_HTTP_UPSTREAM=true): the site key travels in clear — for labs only',
    );
  }
  return warnings;
}
