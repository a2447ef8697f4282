import type { User } from '@layso/protocol';

/**
 * The officer's session survives a reload of the console, and ends with the browser (sessionStorage): on a
 * counter PC shared between shifts, the next person to open the console is not signed in as the last one.
 */
export interface Session {
  token: string;
  user: User;
  /** The officer has confirmed the counter they sit at (asked once per sign-in). */
  confirmed: boolean;
}

const KEY = 'layso.counter.session';

export function loadSession(store: Storage = sessionStorage): Session | null {
  try {
    const s = JSON.parse(store.getItem(KEY) ?? 'null') as Session | null;
    return s && typeof s.token === 'string' && s.user ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session, store: Storage = sessionStorage): void {
  store.setItem(KEY, JSON.stringify(s));
}

export function clearSession(store: Storage = sessionStorage): void {
  store.removeItem(KEY);
}
