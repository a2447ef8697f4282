/* global self */
// The phone ticket's service worker: it only shows the server's push notices (RFC 8030/8291, decrypted by the
// browser) and opens the page a notice names (this server's pages only). It caches nothing.
self.addEventListener('push', (event) => {
  let p = {};
  try {
    p = event.data ? event.data.json() : {};
  } catch {
    p = {};
  }
  event.waitUntil(
    self.registration.showNotification(p.title || 'LấySố', {
      body: p.body || '',
      tag: p.tag,
      renotify: true,
      requireInteraction: p.event === 'called' || p.event === 'recalled',
      vibrate: [400, 200, 400],
      icon: '/phone/icon-192.png',
      lang: 'vi',
      data: { url: p.url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const raw = event.notification.data && event.notification.data.url;
  if (!raw) return;
  const url = new URL(raw, self.location.origin);
  if (url.origin !== self.location.origin) return;
  event.waitUntil(self.clients.openWindow(url.href));
});
