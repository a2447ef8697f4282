import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Store, UserRow } from '../db/store.js';
import type { Clock } from '../domain/types.js';
import { fail } from '../errors.js';
import { hashPassword, LoginLimiter } from '@layso/server-kit';

/** Shortest password of a first admin, as for any account (`UserInput`). */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
const USERNAME = /^[a-z0-9._-]{3,64}$/;

/** Letters and digits that cannot be misread on a console (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A fresh setup code: three groups of four (≈ 59 bits), e.g. `K7QM-3XPA-W9RD`. */
export function newSetupCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)] as string);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

/** What a person types: case, spaces and dashes do not count. */
function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** Same-length digests, so the comparison takes the same time whatever the input. */
function codesEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(normalizeCode(s)).digest();
  return timingSafeEqual(digest(a), digest(b));
}

export function hasAdmin(store: Store): boolean {
  return store.accounts.users().some((u) => u.role === 'admin' && u.active);
}

export interface NewAdmin {
  username: string;
  displayName: string;
  password: string;
}

/**
 * Creates an admin account (the CLI and the setup route): a valid username not taken yet, a password of at
 * least 10 characters, stored as an argon2id hash. `onlyIfFirst` refuses when an active admin exists, checked
 * in the same transaction as the insert, so two setups racing cannot both win.
 */
export async function createAdmin(
  store: Store,
  input: NewAdmin,
  options: { onlyIfFirst?: boolean } = {},
): Promise<UserRow> {
  const username = input.username.trim();
  const displayName = input.displayName.trim().normalize('NFC');
  if (!USERNAME.test(username)) fail('LAYSO_VALIDATION', { username: 'a-z, 0-9, . _ -; 3 to 64' });
  if (displayName.length === 0 || displayName.length > 120)
    fail('LAYSO_VALIDATION', { displayName: '1 to 120 characters' });
  if (input.password.length < MIN_PASSWORD_LENGTH || input.password.length > MAX_PASSWORD_LENGTH)
    fail('LAYSO_VALIDATION', { password: `${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters` });
  if (options.onlyIfFirst && hasAdmin(store)) fail('LAYSO_SETUP_DONE');
  if (store.accounts.userByName(username)) fail('LAYSO_CONFLICT', { username });
  const passwordHash = await hashPassword(input.password);
  const id = store.transaction(() => {
    // Checked again after the (slow) hash: another request or the CLI may have won meanwhile.
    if (options.onlyIfFirst && hasAdmin(store)) fail('LAYSO_SETUP_DONE');
    if (store.accounts.userByName(username)) fail('LAYSO_CONFLICT', { username });
    return store.accounts.addUser({ username, displayName, role: 'admin', passwordHash, counterId: null });
  });
  return store.accounts.user(id) as UserRow;
}

/**
 * The one-time setup code of a server started without any admin: made at start, shown only on the console,
 * good for one first admin. Wrong codes count against the caller's address like failed logins.
 */
export class FirstRunSetup {
  private code: string | null;
  private readonly limiter: LoginLimiter;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    limits: { maxFailures: number; windowMinutes: number },
  ) {
    this.code = hasAdmin(store) ? null : newSetupCode();
    this.limiter = new LoginLimiter(limits.maxFailures, limits.windowMinutes * 60_000);
  }

  /** The code to print on the console at start, or null when an admin exists. */
  get setupCode(): string | null {
    return this.code;
  }

  /** Whether the server still waits for its first admin (an admin made by the CLI ends it too). */
  needed(): boolean {
    if (this.code !== null && hasAdmin(this.store)) this.code = null;
    return this.code !== null;
  }

  async createFirstAdmin(code: string, admin: NewAdmin, address: string): Promise<UserRow> {
    if (!this.needed()) fail('LAYSO_SETUP_DONE');
    const key = `setup|${address}`;
    const now = this.clock.now().getTime();
    if (this.limiter.blocked(key, now)) fail('LAYSO_RATE_LIMITED');
    // Counted before the check, so guesses fired in parallel cannot slip past the limit.
    this.limiter.fail(key, now);
    if (!codesEqual(code, this.code as string)) fail('LAYSO_SETUP_CODE');
    const user = await createAdmin(this.store, admin, { onlyIfFirst: true });
    this.limiter.succeed(key);
    this.code = null;
    return user;
  }
}
