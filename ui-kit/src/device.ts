/**
 * A device URL carries its token in the fragment (`/kiosk#token=…`): the fragment is never sent to the server
 * or its logs. The page keeps the token (localStorage) and removes it from the address bar.
 */
export function takeDeviceToken(
  app: string,
  loc: Location = window.location,
  store: Storage = localStorage,
): string | null {
  const key = `layso.${app}.token`;
  const m = /(?:^#|&)token=([^&]+)/.exec(loc.hash);
  if (m?.[1]) {
    store.setItem(key, decodeURIComponent(m[1]));
    history.replaceState(null, '', `${loc.pathname}${loc.search}`);
  }
  return store.getItem(key);
}

/** Forgets a token the server refused (revoked device), so the page asks to be paired again. */
export function forgetDeviceToken(app: string, store: Storage = localStorage): void {
  store.removeItem(`layso.${app}.token`);
}
