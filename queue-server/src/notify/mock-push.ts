/**
 * A stand-in Web Push service (RFC 8030) and the phones behind it. `subscribe()` plays the browser: it makes the
 * subscription's keys (./rfc8291.ts) and answers the PushSubscription JSON a page would send to the center. A push
 * to `POST /push/s/:id` is checked as a push service would (TTL header, `Content-Encoding: aes128gcm`, size, and
 * VAPID when required), DECRYPTED with the browser's private key and kept, answered 201 with the message's
 * `Location` (RFC 8030 §5). A subscription removed with `unsubscribe()` answers 410 Gone; an unknown one 404.
 * Duplicates: a repeated `Topic` for the same subscription replaces the message (RFC 8030 §5.4) and is counted.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { sendJson } from '../sync/provincial-mock-wire.js';
import { FaultGate, sendMockError, type GateOptions } from './mock-gate.js';
import {
  checkVapid,
  decryptAes128gcm,
  DecryptError,
  newUserAgentKeys,
  type UserAgentKeys,
} from './rfc8291.js';

/** What `PushSubscription.toJSON()` gives a page. */
export interface SubscriptionJson {
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
}

/** One push as the phone would get it. */
export interface PushMessage {
  id: string;
  subscriptionId: string;
  /** The decrypted payload. */
  text: string;
  ttl: number;
  urgency: string | null;
  topic: string | null;
  /** The `sub` of the VAPID claims (the sender's contact), when sent with VAPID. */
  vapidSubject: string | null;
  receivedAt: string;
}

export interface PushStats {
  requests: number;
  delivered: number;
  /** Pushes whose Topic replaced an earlier message of the same subscription. */
  replaced: number;
  rejected: number;
  gone: number;
}

export interface PushStandInOptions extends GateOptions {
  /** Refuse pushes without a valid VAPID header (403), as the big push services do. Default true. */
  requireVapid?: boolean;
}

interface Subscription {
  keys: UserAgentKeys;
  gone: boolean;
}

/** RFC 8030 lets a push service refuse bigger payloads; 4096 is what every service accepts. */
const MAX_PAYLOAD = 4096;

export class PushStandIn {
  readonly gate: FaultGate;
  private readonly subscriptions = new Map<string, Subscription>();
  private messages: PushMessage[] = [];
  private counts: PushStats = { requests: 0, delivered: 0, replaced: 0, rejected: 0, gone: 0 };
  private base = '';

  constructor(private readonly options: PushStandInOptions) {
    this.gate = new FaultGate(options);
  }

  /** Set once the server listens: endpoints and the VAPID audience are made from it. */
  setBase(url: string): void {
    this.base = url;
  }

  /** Plays the browser: a new subscription whose endpoint is this stand-in. */
  subscribe(): SubscriptionJson & { id: string } {
    const id = randomUUID();
    const keys = newUserAgentKeys();
    this.subscriptions.set(id, { keys, gone: false });
    return {
      id,
      endpoint: `${this.base}/push/s/${id}`,
      expirationTime: null,
      keys: { p256dh: keys.publicKey.toString('base64url'), auth: keys.auth.toString('base64url') },
    };
  }

  /** The user revoked it (or the browser dropped it): later pushes get 410 Gone. */
  unsubscribe(id: string): boolean {
    const sub = this.subscriptions.get(id);
    if (!sub) return false;
    sub.gone = true;
    return true;
  }

  received(subscriptionId?: string): PushMessage[] {
    return this.messages.filter((m) => subscriptionId === undefined || m.subscriptionId === subscriptionId);
  }

  stats(): PushStats {
    return { ...this.counts };
  }

  reset(): void {
    this.messages = [];
    this.counts = { requests: 0, delivered: 0, replaced: 0, rejected: 0, gone: 0 };
    this.gate.resetCounts();
  }

  private reject(res: ServerResponse, status: number, code: string, vi: string, en: string): void {
    this.counts.rejected += 1;
    sendMockError(res, status, code, vi, en);
  }

  /** `POST /push/s/:id`. */
  async push(req: IncomingMessage, res: ServerResponse, id: string, raw: Buffer): Promise<void> {
    this.counts.requests += 1;
    if (await this.gate.before(req, res)) return;
    const sub = this.subscriptions.get(id);
    if (!sub) return this.reject(res, 404, 'PUSH_NOT_FOUND', 'Không có đăng ký này', 'No such subscription');
    if (sub.gone) {
      this.counts.gone += 1;
      return this.reject(res, 410, 'PUSH_GONE', 'Đăng ký đã bị huỷ', 'Subscription gone');
    }
    const vapid = checkVapid(req.headers.authorization, new URL(this.base).origin, this.options.now() / 1000);
    if ('reason' in vapid && (this.options.requireVapid ?? true)) {
      return this.reject(res, 403, 'PUSH_VAPID', 'Chữ ký VAPID không hợp lệ', `Bad VAPID: ${vapid.reason}`);
    }
    const ttl = Number(req.headers.ttl);
    if (req.headers.ttl === undefined || !Number.isInteger(ttl) || ttl < 0) {
      return this.reject(res, 400, 'PUSH_TTL', 'Thiếu tiêu đề TTL', 'Missing or bad TTL header');
    }
    if (raw.length > MAX_PAYLOAD) {
      return this.reject(res, 413, 'PUSH_TOO_LARGE', 'Nội dung quá lớn', 'Payload over 4096 bytes');
    }
    if (req.headers['content-encoding'] !== 'aes128gcm') {
      return this.reject(
        res,
        415,
        'PUSH_ENCODING',
        'Cần mã hoá aes128gcm',
        'Content-Encoding must be aes128gcm',
      );
    }
    let text: string;
    try {
      text = decryptAes128gcm(raw, sub.keys).toString('utf8');
    } catch (e) {
      if (!(e instanceof DecryptError)) throw e;
      return this.reject(res, 400, 'PUSH_DECRYPT', 'Không giải mã được', `Cannot decrypt: ${e.message}`);
    }
    const topic = typeof req.headers.topic === 'string' ? req.headers.topic : null;
    const urgency = typeof req.headers.urgency === 'string' ? req.headers.urgency : null;
    const message: PushMessage = {
      id: randomUUID(),
      subscriptionId: id,
      text,
      ttl,
      urgency,
      topic,
      vapidSubject: 'reason' in vapid ? null : (vapid.sub ?? null),
      receivedAt: new Date(this.options.now()).toISOString(),
    };
    const same = topic ? this.messages.findIndex((m) => m.subscriptionId === id && m.topic === topic) : -1;
    if (same >= 0) {
      this.messages.splice(same, 1);
      this.counts.replaced += 1;
    }
    this.messages.push(message);
    this.counts.delivered += 1;
    this.options.onStored?.();
    if (this.gate.lostAfterStore(req, res)) return;
    res.writeHead(201, { location: `${this.base}/push/m/${message.id}`, 'content-length': 0 });
    res.end();
  }

  /** `/_control/push/...`: subscribe, unsubscribe, read messages; returns false when not a push control route. */
  control(method: string, rest: string, res: ServerResponse): boolean {
    if (rest === '/subscriptions' && method === 'POST') {
      sendJson(res, 201, this.subscribe());
      return true;
    }
    const gone = /^\/subscriptions\/([^/]+)$/.exec(rest);
    if (gone?.[1] && method === 'DELETE') {
      if (this.unsubscribe(gone[1])) sendJson(res, 200, { gone: gone[1] });
      else sendMockError(res, 404, 'PUSH_NOT_FOUND', 'Không có đăng ký này', 'No such subscription');
      return true;
    }
    if (rest === '/messages' && method === 'GET') {
      sendJson(res, 200, this.received());
      return true;
    }
    return false;
  }

  close(): void {
    this.gate.close();
  }
}
