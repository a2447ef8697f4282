import type * as Argon2 from '@node-rs/argon2';
import { describe, expect, it, vi } from 'vitest';

/** The real argon2, watched: how many computations run at once. */
const watch = vi.hoisted(() => ({ now: 0, most: 0, started: [] as string[] }));
vi.mock('@node-rs/argon2', async (importActual) => {
  const real = await importActual<typeof Argon2>();
  const counted =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      watch.started.push(String(a[1]));
      watch.now += 1;
      watch.most = Math.max(watch.most, watch.now);
      try {
        return await f(...a);
      } finally {
        watch.now -= 1;
      }
    };
  return { ...real, hash: counted(real.hash), verify: counted(real.verify) };
});

const { ARGON2_AT_ONCE, hashPassword, hashesWaiting, tryVerifyPassword, verifyPassword } =
  await import('./tokens.js');

describe('password hashing under a burst of sign-ins', () => {
  it('runs at most ARGON2_AT_ONCE argon2 computations at once, and every one still answers rightly', async () => {
    const passwords = Array.from({ length: ARGON2_AT_ONCE * 3 + 1 }, (_, i) => `mật-khẩu-${i}-đủ-dài`);
    const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
    expect(new Set(hashes).size).toBe(passwords.length);
    const checks = await Promise.all([
      ...hashes.map((h, i) => verifyPassword(h, passwords[i]!)),
      ...hashes.map((h, i) => verifyPassword(h, `${passwords[i]!}x`)),
      verifyPassword('not a hash', 'anything'),
    ]);
    expect(checks).toEqual([...hashes.map(() => true), ...hashes.map(() => false), false]);
    expect(watch.most).toBe(ARGON2_AT_ONCE);
    expect(watch.now).toBe(0);
  });
});

describe('sign-in checks in a bounded queue', () => {
  it('refuses at once past maxWaiting in a lane, and serves the known lane, then the first, then the rest', async () => {
    const stored = await hashPassword('mật-khẩu-của-ai-đó');
    watch.started = [];
    const busy = Array.from({ length: ARGON2_AT_ONCE }, (_, i) =>
      tryVerifyPassword(stored, `chạy-${i}`, { maxWaiting: 2, lane: 'rest' }),
    );
    const rest = ['sau-1', 'sau-2'].map((p) => tryVerifyPassword(stored, p, { maxWaiting: 2, lane: 'rest' }));
    expect(tryVerifyPassword(stored, 'thừa', { maxWaiting: 2, lane: 'rest' })).toBeNull();
    const first = tryVerifyPassword(stored, 'trước', { maxWaiting: 2, lane: 'first' });
    const known = tryVerifyPassword(stored, 'quen', { maxWaiting: 2, lane: 'known' });
    expect(hashesWaiting()).toBe(4);
    const all = [...busy, ...rest, first, known];
    expect(all.every((p) => p !== null)).toBe(true);
    expect(await Promise.all(all)).toEqual(all.map(() => false));
    // Nothing refused was computed; each lane went before the ones after it, whoever waited longer.
    expect(watch.started.slice(ARGON2_AT_ONCE)).toEqual(['quen', 'trước', 'sau-1', 'sau-2']);
    expect(hashesWaiting()).toBe(0);
  });
});
