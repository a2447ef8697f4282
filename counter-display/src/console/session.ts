import type { User } from '@layso/protocol';
import { tabSession } from '@layso/ui-kit';

/** The officer's session at a counter. */
export interface Session {
  token: string;
  user: User;
  /** The officer has confirmed the counter they sit at (asked once per sign-in). */
  confirmed: boolean;
}

const stored = tabSession<Session>('layso.counter.session');
export const loadSession = (): Session | null => {
  const s = stored.load();
  return s && s.user ? s : null;
};
export const saveSession = stored.save;
export const clearSession = stored.clear;
