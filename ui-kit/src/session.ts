/**
 * A staff session kept for the life of the browser tab (sessionStorage): it survives a reload, and on a PC
 * shared between shifts the next person to open the page is not signed in as the last one.
 */
export function tabSession<T extends { token: string }>(
  key: string,
  store: () => Storage = () => sessionStorage,
) {
  return {
    load(): T | null {
      try {
        const s = JSON.parse(store().getItem(key) ?? 'null') as T | null;
        return s && typeof s.token === 'string' ? s : null;
      } catch {
        return null;
      }
    },
    save(s: T): void {
      store().setItem(key, JSON.stringify(s));
    },
    clear(): void {
      store().removeItem(key);
    },
  };
}
