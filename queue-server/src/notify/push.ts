import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import webpush from 'web-push';
import type { PushPayload } from '@layso/protocol';
import { isLoopback } from '../network.js';
import { parseRetryAfter } from '../sync/health.js';
import { isPrivateAddress, pushEndpointProblem } from '../upstream-url.js';
import type { NoticeAdapter, OutgoingNotice, SendResult } from './adapter.js';

/**
 * Web Push (RFC 8030 delivery, RFC 8291 aes128gcm encryption, RFC 8292 VAPID) through the `web-push` library,
 * which builds the encrypted request; we send it with fetch, so a timeout and an abort hold and a plain-http
 * stand-in works. VAPID keys are made at first start and kept in DATA_DIR (0600).
 */

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export const VAPID_FILE = 'vapid.json';

/** The server's VAPID keys: read from DATA_DIR, or generated there once (owner-only file). */
export function loadVapidKeys(dataDir: string): VapidKeys {
  const file = join(dataDir, VAPID_FILE);
  if (existsSync(file)) {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (
      parsed &&
      typeof parsed === 'object' &&
      'publicKey' in parsed &&
      'privateKey' in parsed &&
      typeof parsed.publicKey === 'string' &&
      typeof parsed.privateKey === 'string'
    ) {
      chmodSync(file, 0o600);
      return { publicKey: parsed.publicKey, privateKey: parsed.privateKey };
    }
    throw new Error(`${VAPID_FILE} in DATA_DIR is not a VAPID key pair`);
  }
  const keys = webpush.generateVAPIDKeys();
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600, flag: 'wx' });
  return keys;
}

/** What a push message carries to the service worker (no personal data). */
export function pushPayload(n: OutgoingNotice): PushPayload {
  return {
    event: n.event,
    tag: n.key,
    title: n.params.center ? `${n.params.center}` : 'LấySố',
    body: n.text,
    url: n.url,
    number: n.params.number ?? null,
    counter: n.params.counter ?? null,
  };
}

/**
 * A push service's answer: 201 (RFC 8030) or any 2xx sent; 404/410 gone; 429/5xx retry; a redirect (never
 * followed) and any other 4xx final.
 */
export function classifyPush(status: number, retryAfterMs: number | null): SendResult {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 404 || status === 410) return { dead: 'gone', reason: `gone (${status})` };
  if (status === 429 || status === 408 || status >= 500) {
    return retryAfterMs === null
      ? { retry: `HTTP ${status}` }
      : { retry: `HTTP ${status}`, after: retryAfterMs };
  }
  if (status >= 300 && status < 400)
    return { dead: 'rejected', reason: `HTTP ${status} (redirect not followed)` };
  if (status === 413) return { dead: 'template', reason: 'HTTP 413 (payload too large)' };
  return { dead: 'rejected', reason: `HTTP ${status}` };
}

export interface PushAdapterOptions {
  vapid: VapidKeys;
  /** `mailto:` or `https:` contact for the push services (VAPID_SUBJECT). */
  subject: string;
  /** ALLOW_HTTP_UPSTREAM: an endpoint on this machine is the push stand-in of a lab or a test. */
  allowLoopback?: boolean;
  /** A name's addresses (default: the system resolver), to refuse one that resolves into our network. */
  lookup?: (host: string) => Promise<string[]>;
  fetchImpl?: typeof fetch;
}

const systemLookup = async (host: string): Promise<string[]> =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

export class WebPushAdapter implements NoticeAdapter {
  readonly channel = 'push' as const;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: PushAdapterOptions) {
    this.fetchImpl = options.fetchImpl ?? fetch;
  }

  /** Why this endpoint must not be sent to (a dead letter), a retry when its name does not resolve, or null. */
  private async endpointRefused(endpoint: string): Promise<SendResult | null> {
    const problem = pushEndpointProblem(endpoint, this.options.allowLoopback ?? false);
    if (problem) return { dead: 'rejected', reason: `endpoint refused: ${problem}` };
    const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) !== 0) return null;
    let addresses: string[];
    try {
      addresses = await (this.options.lookup ?? systemLookup)(host);
    } catch (e) {
      const code =
        e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? ` ${e.code}` : '';
      return { retry: `network error${code}` };
    }
    if (addresses.length === 0) return { retry: 'network error: no address' };
    const local = this.options.allowLoopback && addresses.every((a) => isLoopback(a));
    if (!local && addresses.some(isPrivateAddress)) {
      return { dead: 'rejected', reason: 'endpoint refused: resolves to a private address' };
    }
    return null;
  }

  async send(n: OutgoingNotice, signal?: AbortSignal): Promise<SendResult> {
    if (n.recipient.kind !== 'push') return { dead: 'rejected', reason: 'not a push subscription' };
    const { endpoint, p256dh, auth } = n.recipient;
    // Checked again at send: a subscription saved before the rule, or a name that now resolves into our network.
    const refused = await this.endpointRefused(endpoint);
    if (refused) return refused;
    const urgent = n.event === 'called' || n.event === 'recalled' || n.event === 'ahead';
    let details: webpush.RequestDetails;
    try {
      details = webpush.generateRequestDetails(
        { endpoint, keys: { p256dh, auth } },
        JSON.stringify(pushPayload(n)),
        {
          vapidDetails: { subject: this.options.subject, ...this.options.vapid },
          TTL: n.ttlSeconds,
          urgency: urgent ? 'high' : 'normal',
          contentEncoding: 'aes128gcm',
        },
      );
    } catch (e) {
      // A key the library cannot use (a malformed subscription): it will never go.
      return { dead: 'rejected', reason: `subscription unusable: ${e instanceof Error ? e.name : 'error'}` };
    }
    try {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(details.headers)) headers[k] = String(v);
      const res = await this.fetchImpl(details.endpoint, {
        method: 'POST',
        headers,
        body: details.body ? new Uint8Array(details.body) : null,
        // A redirect would replay the POST wherever the endpoint's owner points it (SSRF): never followed.
        redirect: 'manual',
        ...(signal ? { signal } : {}),
      });
      await res.arrayBuffer();
      return classifyPush(res.status, parseRetryAfter(res.headers.get('retry-after'), Date.now()));
    } catch (e) {
      if (signal?.aborted) return { retry: 'timeout' };
      const cause = e instanceof Error ? e.cause : undefined;
      const code =
        cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string'
          ? cause.code
          : '';
      return { retry: `network error${code ? ` ${code}` : ''}` };
    }
  }
}
