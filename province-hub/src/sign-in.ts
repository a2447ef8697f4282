import type { HubLoginReply, HubViewerInfo } from '@layso/protocol';
import { newToken, SignInGate, tokenHash, type SignInLimits } from '@layso/server-kit';
import type { Pool } from 'pg';
import type { HubAccess, HubViewer } from './access.js';
import {
  addSession,
  deleteSession,
  sessionUser,
  touchSession,
  userByName,
  viewerInfo,
  type UserRow,
} from './accounts.js';
import { HubError } from './hub-error.js';

export interface AccessOptions extends SignInLimits {
  /** A session's whole life (the center's `SESSION_TTL_HOURS`, 12). */
  sessionTtlHours: number;
  /** A session unused this long ends (a screen left signed in on a shared desk). */
  idleMinutes: number;
}

/** The center's sign-in limits (queue-server's config defaults), and an hour of idleness. */
export const ACCESS_DEFAULTS: AccessOptions = {
  sessionTtlHours: 12,
  idleMinutes: 60,
  maxFailures: 5,
  maxUsernames: 10,
  windowMinutes: 15,
  hashQueue: 64,
  surgePerMinute: 50,
};

/** How stale `last_used_at` may get before a request moves it: one write a minute per session, not one a request. */
const TOUCH_EVERY_MS = 60_000;

/** The hub's accounts behind the access seam: sign-in, sign-out, and who a token belongs to. */
export interface HubAccounts extends HubAccess {
  /** Signs in from `address`; refusals are HubErrors (wrong password, rate limited, disabled). */
  login(username: string, password: string, address: string): Promise<HubLoginReply>;
  logout(token: string): Promise<void>;
  /** The session's account as the screens show it, or null. */
  whoIs(token: string): Promise<HubViewerInfo | null>;
}

function toViewer(u: UserRow): HubViewer {
  return { userId: u.id, username: u.username, role: u.role, siteIds: u.siteIds };
}

/**
 * The hub's `HubAccess`, on its PostgreSQL: sessions are rows, so any hub process answers for a session another
 * one opened. The sign-in limits are per process (in memory, as the center's): behind a load balancer of N
 * processes a guesser gets at most N times the budget, each guess still an argon2id check.
 */
export function createAccess(
  pool: Pool,
  clock: () => Date = () => new Date(),
  options: Partial<AccessOptions> = {},
): HubAccounts {
  const o: AccessOptions = { ...ACCESS_DEFAULTS, ...options };
  const gate = new SignInGate(o);
  const idleSince = (now: Date) => new Date(now.getTime() - o.idleMinutes * 60_000);

  async function session(token: string): Promise<UserRow | null> {
    // Ours are ~47 characters: anything far longer is not worth hashing.
    if (token.length === 0 || token.length > 512) return null;
    const hash = tokenHash(token);
    const now = clock();
    const found = await sessionUser(pool, hash, now, idleSince(now));
    if (!found) return null;
    if (now.getTime() - found.lastUsedAt.getTime() >= TOUCH_EVERY_MS) await touchSession(pool, hash, now);
    return found.user;
  }

  return {
    async viewerOf(token) {
      const user = await session(token);
      return user && toViewer(user);
    },

    async whoIs(token) {
      const user = await session(token);
      return user && viewerInfo(user);
    },

    async login(username, password, address) {
      const user = await userByName(pool, username);
      const now = clock();
      const refused = await gate.check(
        username,
        user?.passwordHash ?? null,
        password,
        address,
        now.getTime(),
      );
      if (refused || !user) throw new HubError(refused ?? 'LAYSO_BAD_CREDENTIALS');
      // Only someone who knows the password learns that the account is disabled.
      if (user.disabled) throw new HubError('LAYSO_HUB_USER_DISABLED');
      gate.succeed(username, address, now.getTime());
      const token = newToken('hub');
      const expiresAt = new Date(now.getTime() + o.sessionTtlHours * 3_600_000);
      await addSession(pool, {
        tokenHash: tokenHash(token),
        userId: user.id,
        at: now,
        expiresAt,
        idleSince: idleSince(now),
      });
      return { token, expiresAt: expiresAt.toISOString(), viewer: viewerInfo(user) };
    },

    async logout(token) {
      await deleteSession(pool, tokenHash(token));
    },
  };
}
