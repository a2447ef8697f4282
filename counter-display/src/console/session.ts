import type { User } from '@layso/protocol';

/** The officer's session survives a reload or a crashed browser at the counter PC, until they sign out. */
export interface Session {
  token: string;
  user: User;
  /** The officer has confirmed the counter they sit at (asked once per sign-in). */
  confirmed: boolean;
}

const KEY = 'layso.counter.session';

export function loadSession(store: Storage = localStorage): Session | null {
  try {
    const s = JSON.parse(store.getItem(KEY) ?? 'null') as Session | null;
    return s && typeof s.token === 'string' && s.user ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session, store: Storage = localStorage): void {
  store.setItem(KEY, JSON.stringify(s));
}

export function clearSession(store: Storage = localStorage): void {
  store.removeItem(KEY);
}
