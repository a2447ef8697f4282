import { NOTICE_CONSENT } from '@layso/protocol/notice-consent';
import { errorText, type Bilingual } from '@layso/ui-kit/i18n';
import { ApiError } from '@layso/ui-kit/phone-api';
import { phoneApi } from './api.js';
import { T } from './texts.js';

/** Whether this browser can take push notices at all (a service worker, the Push API, notifications). */
export const pushSupported = (): boolean =>
  'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

/** The server's VAPID key, or null when push notices are off at this center (or it cannot be read). */
export async function pushKey(): Promise<string | null> {
  try {
    const r = await phoneApi.callPath('pushKey');
    return r.enabled && r.publicKey ? r.publicKey : null;
  } catch {
    return null;
  }
}

/** base64url (the VAPID key as the server gives it) → the bytes `applicationServerKey` takes. */
function bytes(b64url: string): Uint8Array<ArrayBuffer> {
  const b64 = b64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (b64url.length % 4)) % 4);
  const raw = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/**
 * The worker lives at /phone/sw.js with the scope /phone/ and the page at /t/:code: it never controls the page
 * (it caches and intercepts nothing; it only shows pushes), so `navigator.serviceWorker.ready` — which settles only
 * for a registration whose scope covers the page — would wait forever. The push subscription needs an active worker
 * of a registration, not a controlled page: use the registration `register()` gives.
 */
export const WORKER = { url: '/phone/sw.js', scope: '/phone/' } as const;

/** How long the worker and the browser's push service may take before the page says it did not work. */
const TURN_ON_MS = 20_000;

class TimedOut extends Error {}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * The registration once it has an active worker (at once when it has one: a newer worker waiting behind it does
 * not matter to push), else once its first worker is activated.
 */
async function activeRegistration(): Promise<ServiceWorkerRegistration> {
  const reg = await navigator.serviceWorker.register(WORKER.url, { scope: WORKER.scope });
  if (reg.active) return reg;
  const worker = reg.installing ?? reg.waiting;
  if (!worker) throw new Error('no service worker');
  await new Promise<void>((resolve, reject) => {
    const seen = () => {
      if (worker.state === 'activated') resolve();
      else if (worker.state === 'redundant') reject(new Error('service worker redundant'));
    };
    worker.addEventListener('statechange', seen);
    seen();
  });
  return reg;
}

/** Why notices are not on: the bilingual sentence the page shows. */
export type TurnOn = { on: true } | { on: false; problem: Bilingual };

/**
 * Turns push notices on for this ticket: the phone's permission, the service worker, the browser's subscription
 * sent with the version of the consent the citizen agreed to. Says why not when it cannot: refused, too slow (the
 * worker or the push service), the server's refusal, or any other failure — never a button left spinning.
 */
export async function subscribe(code: string, key: string): Promise<TurnOn> {
  try {
    // The citizen's own decision is not timed; what the browser and its push service do is.
    if ((await Notification.requestPermission()) !== 'granted')
      return { on: false, problem: T.noticesDenied };
    const sub = await within(
      activeRegistration().then(
        async (reg) =>
          (await reg.pushManager.getSubscription()) ??
          (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytes(key) })),
      ),
      TURN_ON_MS,
    );
    const { endpoint, keys } = sub.toJSON();
    if (!endpoint || !keys?.p256dh || !keys.auth) return { on: false, problem: T.noticesFailed };
    const r = await phoneApi.callPath('pushSubscribe', {
      params: { code },
      body: {
        endpoint,
        keys: { p256dh: keys.p256dh, auth: keys.auth },
        consentVersion: NOTICE_CONSENT.version,
      },
    });
    return r.subscribed ? { on: true } : { on: false, problem: T.noticesFailed };
  } catch (e) {
    if (e instanceof TimedOut) return { on: false, problem: T.noticesTimeout };
    if (e instanceof ApiError && e.status > 0) return { on: false, problem: errorText(e.code, e.message) };
    return { on: false, problem: T.noticesFailed };
  }
}

/** Turns them off for this ticket (the subscription stays for the browser's other tickets). */
export async function unsubscribe(code: string): Promise<void> {
  try {
    const reg = await navigator.serviceWorker.getRegistration(WORKER.scope);
    const sub = await reg?.pushManager.getSubscription();
    if (!sub) return;
    await phoneApi.callPath('pushUnsubscribe', { params: { code }, body: { endpoint: sub.endpoint } });
  } catch {
    // Nothing to undo on the phone: the server drops a subscription the push service says is gone.
  }
}

export { NOTICE_CONSENT };
