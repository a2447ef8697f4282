/**
 * `npm run notify-mock`: real HTTP stand-ins for the notice providers we cannot reach from a lab, on one port:
 * - `POST /zns/message/template` — Zalo ZNS (./mock-zns.ts);
 * - `POST /sms/send` — an SMS brandname gateway (./mock-sms.ts);
 * - `POST /push/s/:id` — a Web Push service that decrypts what it gets (./mock-push.ts).
 * Each provider has its own faults (the provincial stand-in's flags: ./mock-gate.ts) and keeps what it received:
 * `GET /_control/<zns|sms|push>` (faults), `POST /_control/<provider>` (change them), `GET
 * /_control/<provider>/messages`, `POST /_control/reset` (forget every message and count; faults stay),
 * `POST /_control/push/subscriptions` (a new browser subscription), `DELETE /_control/push/subscriptions/:id`,
 * `POST /_control/zns/no-zalo` `{phone, none?}`, `POST /_control/zns/templates` `{id, text, params}`;
 * `GET /stats`, `GET /health`. Messages hold personal data: nothing here ever logs one.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { FaultsError } from '../sync/provincial-mock-faults.js';
import { readBody, sendJson, TooLarge } from '../sync/provincial-mock-wire.js';
import { sendMockError, type NoticeFaults } from './mock-gate.js';
import { PushStandIn } from './mock-push.js';
import { SmsStandIn, type SmsStandInOptions } from './mock-sms.js';
import { ZnsStandIn, type ZnsStandInOptions } from './mock-zns.js';

export type Provider = 'zns' | 'sms' | 'push';
export const PROVIDERS: readonly Provider[] = ['zns', 'sms', 'push'];

export interface NotifyMockOptions {
  host?: string;
  /** Default 8091; 0 = any free port. */
  port?: number;
  /** Initial faults per provider. */
  faults?: Partial<Record<Provider, Partial<NoticeFaults>>>;
  zns?: Omit<ZnsStandInOptions, 'random' | 'now' | 'faults' | 'onStored'>;
  sms?: Omit<SmsStandInOptions, 'random' | 'now' | 'faults' | 'onStored'>;
  /** Refuse pushes without valid VAPID (default true). */
  requireVapid?: boolean;
  random?: () => number;
  now?: () => number;
  /** One line per provider request: provider, HTTP status (null = no reply), never a body. */
  onRequest?: (event: { provider: Provider; status: number | null }) => void;
}

export interface NotifyMock {
  readonly url: string;
  readonly port: number;
  readonly zns: ZnsStandIn;
  readonly sms: SmsStandIn;
  readonly push: PushStandIn;
  /** Where to point the center: base URLs of each provider. */
  readonly urls: { zns: string; sms: string };
  setFaults(provider: Provider, patch: Partial<NoticeFaults>): NoticeFaults;
  /**
   * Resolves once `done()` holds, checked now and after every message any stand-in keeps; rejects after
   * `timeoutMs` (a test's bound, not a sleep). E.g. `await mock.until(() => mock.push.received(id).length >= 2)`.
   */
  until(done: () => boolean, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

const NoZalo = z.object({ phone: z.string(), none: z.boolean().optional() });
const Template = z.object({ id: z.string().min(1), text: z.string().min(1), params: z.array(z.string()) });

export async function startNotifyMock(options: NotifyMockOptions = {}): Promise<NotifyMock> {
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const waiters = new Set<() => void>();
  const onStored = (): void => {
    for (const check of [...waiters]) check();
  };
  const gate = (p: Provider) => ({ random, now, faults: options.faults?.[p], onStored });
  const zns = new ZnsStandIn({ ...options.zns, ...gate('zns') });
  const sms = new SmsStandIn({ ...options.sms, ...gate('sms') });
  const push = new PushStandIn({ requireVapid: options.requireVapid, ...gate('push') });
  const standIns = { zns, sms, push };

  const reset = (): void => {
    for (const s of Object.values(standIns)) s.reset();
  };
  const stats = () => ({
    zns: { ...zns.stats(), faults: zns.gate.stats() },
    sms: { ...sms.stats(), faults: sms.gate.stats() },
    push: { ...push.stats(), faults: push.gate.stats() },
  });

  /** `/_control/...`: true when answered. */
  function control(method: string, rest: string, raw: Buffer, res: ServerResponse): boolean {
    if (rest === '/reset' && method === 'POST') {
      reset();
      sendJson(res, 200, { reset: true });
      return true;
    }
    const match = /^\/(zns|sms|push)(\/.*)?$/.exec(rest);
    const provider = PROVIDERS.find((p) => p === match?.[1]);
    if (!provider) return false;
    const sub = match?.[2] ?? '';
    const standIn = standIns[provider];
    if (sub === '' && method === 'GET') return (sendJson(res, 200, standIn.gate.faults()), true);
    if (sub === '' && method === 'POST') {
      try {
        sendJson(res, 200, standIn.gate.set(raw.length ? JSON.parse(raw.toString('utf8')) : {}));
      } catch (e) {
        if (!(e instanceof FaultsError) && !(e instanceof SyntaxError)) throw e;
        sendMockError(res, 400, 'MOCK_BAD_CONTROL', 'Cấu hình lỗi giả lập không hợp lệ', e.message);
      }
      return true;
    }
    if (sub === '/messages' && method === 'GET') return (sendJson(res, 200, standIn.received()), true);
    if (provider === 'push') return push.control(method, sub, res);
    const body = (): unknown => {
      try {
        return JSON.parse(raw.toString('utf8'));
      } catch {
        return null;
      }
    };
    if (provider === 'zns' && sub === '/no-zalo' && method === 'POST') {
      const parsed = NoZalo.safeParse(body());
      if (!parsed.success)
        return (sendMockError(res, 400, 'MOCK_BAD_CONTROL', 'Sai dữ liệu', 'Bad body'), true);
      zns.setNoZalo(parsed.data.phone, parsed.data.none ?? true);
      return (sendJson(res, 200, { ok: true }), true);
    }
    if (provider === 'zns' && sub === '/templates' && method === 'POST') {
      const parsed = Template.safeParse(body());
      if (!parsed.success)
        return (sendMockError(res, 400, 'MOCK_BAD_CONTROL', 'Sai dữ liệu', 'Bad body'), true);
      zns.registerTemplate(parsed.data.id, { text: parsed.data.text, params: parsed.data.params });
      return (sendJson(res, 200, { ok: true }), true);
    }
    return false;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://mock').pathname;
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (e) {
      if (!(e instanceof TooLarge)) return void req.socket.destroy();
      res.setHeader('connection', 'close');
      return void sendMockError(res, 413, 'MOCK_TOO_LARGE', 'Nội dung quá lớn', 'Body too large');
    }
    const report = (provider: Provider): void => {
      options.onRequest?.({ provider, status: res.headersSent ? res.statusCode : null });
    };
    const pushTo = /^\/push\/s\/([^/]+)$/.exec(path);
    if (method === 'POST' && path === '/zns/message/template')
      return zns.send(req, res, raw).then(() => report('zns'));
    if (method === 'POST' && path === '/sms/send') return sms.send(req, res, raw).then(() => report('sms'));
    if (method === 'POST' && pushTo?.[1])
      return push.push(req, res, pushTo[1], raw).then(() => report('push'));
    if (method === 'GET' && path === '/stats') return sendJson(res, 200, stats());
    if (method === 'GET' && path === '/health') return sendJson(res, 200, { ok: true });
    if (path.startsWith('/_control') && control(method, path.slice('/_control'.length), raw, res)) return;
    sendMockError(res, 404, 'MOCK_NOT_FOUND', 'Không tìm thấy địa chỉ này', 'No such route');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // Never crash on a request: answer 500 when still possible, else close the socket.
      if (res.headersSent) req.socket.destroy();
      else sendMockError(res, 500, 'MOCK_INTERNAL', 'Lỗi hệ thống (giả lập)', 'Internal error (simulated)');
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8091, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const reachable =
    address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  const url = `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${address.port}`;
  push.setBase(url);

  return {
    url,
    port: address.port,
    zns,
    sms,
    push,
    urls: { zns: `${url}/zns`, sms: `${url}/sms` },
    setFaults: (provider, patch) => standIns[provider].gate.set(patch),
    until(done, timeoutMs = 10_000) {
      return new Promise<void>((resolve, reject) => {
        if (done()) return resolve();
        const check = (): void => {
          if (!done()) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`notify-mock: condition not met within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    reset,
    async close() {
      for (const s of Object.values(standIns)) s.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
