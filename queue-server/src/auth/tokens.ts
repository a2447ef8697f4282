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
const queued: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= ARGON2_AT_ONCE) await new Promise<void>((r) => queued.push(r));
  else running += 1;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line (running stays), or is freed.
    const next = queued.shift();
    if (next) next();
    else running -= 1;
  }
}

/** argon2id (the library's default algorithm) with its default cost: 19 MiB, 2 passes. */
export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password.normalize('NFC')));
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await limited(() => verify(stored, password.normalize('NFC')));
  } catch {
    return false;
  }
}

/** A random, readable password for seeded demo accounts. */
export function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}
