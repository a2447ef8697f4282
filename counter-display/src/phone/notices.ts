import { NOTICE_CONSENT } from '@layso/protocol/notice-consent';
import { phoneApi } from './api.js';

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

const registration = () => navigator.serviceWorker.register('/phone/sw.js', { scope: '/phone/' });

/**
 * Turns push notices on for this ticket: the phone's permission, the service worker, the browser's subscription
 * sent with the version of the consent the citizen agreed to. Says why not when it cannot.
 */
export async function subscribe(code: string, key: string): Promise<'on' | 'denied' | 'failed'> {
  try {
    if ((await Notification.requestPermission()) !== 'granted') return 'denied';
    const reg = await registration();
    await navigator.serviceWorker.ready;
    const sub =
      (await reg.pushManager.getSubscription()) ??
      (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytes(key) }));
    const { endpoint, keys } = sub.toJSON();
    if (!endpoint || !keys?.p256dh || !keys.auth) return 'failed';
    const r = await phoneApi.callPath('pushSubscribe', {
      params: { code },
      body: {
        endpoint,
        keys: { p256dh: keys.p256dh, auth: keys.auth },
        consentVersion: NOTICE_CONSENT.version,
      },
    });
    return r.subscribed ? 'on' : 'failed';
  } catch {
    return 'failed';
  }
}

/** Turns them off for this ticket (the subscription stays for the browser's other tickets). */
export async function unsubscribe(code: string): Promise<void> {
  try {
    const sub = await (await registration()).pushManager.getSubscription();
    if (!sub) return;
    await phoneApi.callPath('pushUnsubscribe', { params: { code }, body: { endpoint: sub.endpoint } });
  } catch {
    // Nothing to undo on the phone: the server drops a subscription the push service says is gone.
  }
}

export { NOTICE_CONSENT };
