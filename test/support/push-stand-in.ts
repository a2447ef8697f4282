import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { api } from './http.js';

/**
 * Headless Chromium has no push service (no network), so the page's browser is given one at the transport boundary:
 * `PushManager.prototype.subscribe` asks the push stand-in for a subscription (`POST /_control/push/subscriptions`,
 * sent from the test's side, the stand-in being on another origin) and answers a PushSubscription made of it.
 * Everything else is the browser's own: the permission, the service worker's registration and activation, the
 * page's call to the server. `pushService` is the notify stand-in's address; `failing` makes the push service
 * refuse, as one that cannot be reached does.
 */
export async function pushStandIn(
  page: Page,
  o: { server: string; pushService: string; failing?: boolean },
): Promise<{ serverKeys: string[]; ids: string[] }> {
  const made = { serverKeys: [] as string[], ids: [] as string[] };
  await page.context().grantPermissions(['notifications'], { origin: o.server });
  await page.exposeFunction('laysoPushService', async (applicationServerKey: string) => {
    made.serverKeys.push(applicationServerKey);
    if (o.failing) return null;
    const r = await api(o.pushService, '/_control/push/subscriptions', { method: 'POST' });
    expect(r.status).toBe(201);
    made.ids.push(r.body.id);
    return { endpoint: r.body.endpoint, keys: r.body.keys };
  });
  await page.addInitScript(() => {
    type Made = { endpoint: string; keys: { p256dh: string; auth: string } } | null;
    const service = () => (window as { laysoPushService?: (key: string) => Promise<Made> }).laysoPushService;
    const toText = (b: Uint8Array) =>
      btoa(String.fromCharCode(...b))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
    const toBytes = (t: string) =>
      Uint8Array.from(atob(t.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)).buffer;
    PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
      const key = options?.applicationServerKey;
      const bytes =
        key instanceof ArrayBuffer
          ? new Uint8Array(key)
          : ArrayBuffer.isView(key)
            ? new Uint8Array(key.buffer, key.byteOffset, key.byteLength)
            : new Uint8Array();
      const made = (await service()?.(toText(bytes))) ?? null;
      if (!made) throw new DOMException('Registration failed - push service error', 'AbortError');
      const json = { endpoint: made.endpoint, expirationTime: null, keys: made.keys };
      return {
        endpoint: made.endpoint,
        expirationTime: null,
        options: {
          applicationServerKey: bytes.slice().buffer,
          userVisibleOnly: options?.userVisibleOnly ?? false,
        },
        getKey: (name: PushEncryptionKeyName) => toBytes(made.keys[name]),
        toJSON: () => json,
        unsubscribe: async () => true,
      };
    };
  });
  return made;
}
