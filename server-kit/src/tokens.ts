import { createHash, randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';

/** A fresh bearer token: 32 random bytes, base64url. Only its SHA-256 is stored. */
export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * argon2 computations running at once. Each takes 19 MiB and a core for ~50 ms: when 200 officers sign in at 7:30
 * on a two-core server, the others wait their turn instead of taking both cores (and 19 MiB each) from the screens.
 */
export const ARGON2_AT_ONCE = Math.max(1, Math.floor(availableParallelism() / 2));
let running = 0;
/**
 * Who waits for a slot, in three lanes served in order: `known` (a desk where someone signed in rightly lately and
 * that is not spraying: an officer's own desk), `first` (a desk with no failed sign-in lately: an officer arriving
 * somewhere new, or a flood's first attempt from each new address), then `rest` (a desk that already failed: a
 * flood's tail). A flood cannot stand between an officer and the cores at a desk they have used, and stands
 * between a new desk and them for at most one check per flooding address. Sign-ins bound each lane; an admin's
 * own hashing (new accounts, the CLI) waits in `rest` unbounded.
 */
const waiting: Record<Lane, (() => void)[]> = { known: [], first: [], rest: [] };
export type Lane = 'known' | 'first' | 'rest';

function limited<T>(work: () => Promise<T>, lane: Lane): Promise<T> {
  const run = async (): Promise<T> => {
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line (running stays), or is freed.
      const next = waiting.known.shift() ?? waiting.first.shift() ?? waiting.rest.shift();
      if (next) next();
      else running -= 1;
    }
  };
  if (running < ARGON2_AT_ONCE) {
    running += 1;
    return run();
  }
  return new Promise<void>((r) => waiting[lane].push(r)).then(run);
}

/** argon2id (the library's default algorithm) with its default cost: 19 MiB, 2 passes. */
export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password.normalize('NFC')), 'rest');
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  return limited(() => checked(stored, password), 'rest');
}

/**
 * A sign-in's check, or null at once (nothing hashed) when `maxWaiting` checks already wait in its lane: a flood
 * is refused in microseconds instead of queueing for minutes. Admission is decided synchronously, so callers that
 * count an attempt right after cannot be overtaken by a parallel one.
 */
export function tryVerifyPassword(
  stored: string,
  password: string,
  options: { maxWaiting: number; lane: Lane },
): Promise<boolean> | null {
  if (running >= ARGON2_AT_ONCE && waiting[options.lane].length >= options.maxWaiting) return null;
  return limited(() => checked(stored, password), options.lane);
}

async function checked(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** Checks and hashes waiting for a slot now (tests look). */
export function hashesWaiting(): number {
  return waiting.known.length + waiting.first.length + waiting.rest.length;
}

/**
 * What an unknown username is checked against: an argon2id hash of a random, discarded password with the same
 * cost as real ones. Verifying it costs what a real account costs, so timing tells nothing, and it is a constant,
 * so the first unknown name does not pay for making it.
 */
export const DECOY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$kxYFtsmNCuVpwryzrUV+Ug$JgqHaLSn6emPbZced7EWEQi2kuIWTyF4eIBjntWYtc0';

/** A random, readable password for seeded demo accounts. */
export function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}
