import type * as Argon2 from '@node-rs/argon2';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { migrate } from '../db/migrate.js';
import { Store } from '../db/store.js';
import { ManualClock } from '../testing/harness.js';

/**
 * The real argon2 verify, watched: which hashes it was asked to check, and a gate that holds every check while a
 * test fills the queue (so "waiting" is a state the test sets up, not a race it hopes to win).
 */
const watch = vi.hoisted(() => ({ checked: [] as string[], gate: null as Promise<void> | null }));
vi.mock('@node-rs/argon2', async (importActual) => {
  const real = await importActual<typeof Argon2>();
  return {
    ...real,
    verify: async (stored: string, password: string) => {
      watch.checked.push(stored);
      if (watch.gate) await watch.gate;
      return real.verify(stored, password);
    },
  };
});

const { AuthService } = await import('./service.js');
const { ARGON2_AT_ONCE, DECOY_HASH, hashPassword } = await import('@layso/server-kit');

const PASSWORD = 'mật-khẩu-đủ-dài-1';
const passwordHash = await hashPassword(PASSWORD);
let store: Store;
let clock: ManualClock;

const service = (limits: Partial<ConstructorParameters<typeof AuthService>[2]> = {}) =>
  new AuthService(store, clock, {
    sessionTtlHours: 12,
    maxFailures: 5,
    maxUsernames: 10,
    windowMinutes: 15,
    hashQueue: 64,
    surgePerMinute: 50,
    ...limits,
  });

/** The error code a sign-in ends with, or 'ok'. */
const outcome = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? String(e),
  );

beforeEach(() => {
  const db = new Database(':memory:');
  migrate(db);
  store = new Store(db);
  clock = new ManualClock(new Date('2026-03-11T08:00:00+07:00'));
  store.accounts.addUser({
    username: 'giamsat',
    displayName: 'Giám sát',
    role: 'admin',
    passwordHash,
    counterId: null,
  });
  watch.checked = [];
  watch.gate = null;
});

describe('sign-in', () => {
  it('checks an unknown username against the decoy hash: one argon2 verify, as for a known one', async () => {
    const auth = service();
    expect(await outcome(auth.login('khong-co-ai', PASSWORD, undefined, '10.0.0.5'))).toBe(
      'LAYSO_BAD_CREDENTIALS',
    );
    expect(watch.checked).toEqual([DECOY_HASH]);
    expect(await outcome(auth.login('giamsat', 'sai-mat-khau-roi', undefined, '10.0.0.5'))).toBe(
      'LAYSO_BAD_CREDENTIALS',
    );
    expect(watch.checked).toEqual([DECOY_HASH, passwordHash]);
  });

  it('refuses one address after failures over too many usernames (spraying), the right password too; other desks sign in', async () => {
    const auth = service({ maxUsernames: 4 });
    for (const name of ['an', 'binh', 'chi', 'dung']) {
      expect(await outcome(auth.login(name, 'doan-thu-123', undefined, '10.0.0.66'))).toBe(
        'LAYSO_BAD_CREDENTIALS',
      );
    }
    const hashed = watch.checked.length;
    expect(await outcome(auth.login('giamsat', PASSWORD, undefined, '10.0.0.66'))).toBe('LAYSO_RATE_LIMITED');
    expect(watch.checked.length).toBe(hashed);
    expect(await outcome(auth.login('giamsat', PASSWORD, undefined, '10.0.0.7'))).toBe('ok');
    // The window passes: the address may try again.
    clock.advance(15 * 60_000);
    expect(await outcome(auth.login('giamsat', PASSWORD, undefined, '10.0.0.66'))).toBe('ok');
  });

  it('keeps the per-username limit: five failures, then refused', async () => {
    const auth = service();
    const seen: string[] = [];
    for (let i = 0; i < 6; i++)
      seen.push(await outcome(auth.login('giamsat', `sai-${i}`, undefined, '10.0.0.9')));
    expect(seen).toEqual([...Array<string>(5).fill('LAYSO_BAD_CREDENTIALS'), 'LAYSO_RATE_LIMITED']);
  });

  it('under a flood, refuses the excess at once without hashing it, and still signs in a desk that arrives', async () => {
    const auth = service({ maxFailures: 10_000, maxUsernames: 10_000, hashQueue: 8, surgePerMinute: 20 });
    let open = (): void => undefined;
    watch.gate = new Promise<void>((r) => (open = r));
    const excess = 30;
    const flood = Array.from({ length: ARGON2_AT_ONCE + 8 + excess }, (_, i) =>
      outcome(auth.login(`bot${i}`, 'doan-bua', undefined, '10.0.0.66')),
    );
    // Every admitted check is running or waiting behind the gate; the officer's desk has failed nothing.
    const officer = outcome(auth.login('giamsat', PASSWORD, undefined, '10.0.0.7'));
    expect(auth.signInSurge()?.failures).toBe(excess);
    open();
    const results = await Promise.all(flood);
    expect(await officer).toBe('ok');
    expect(results.filter((r) => r === 'LAYSO_RATE_LIMITED')).toHaveLength(excess);
    expect(results.filter((r) => r === 'LAYSO_BAD_CREDENTIALS')).toHaveLength(ARGON2_AT_ONCE + 8);
    // Nothing refused was hashed: the admitted bots and the officer only.
    expect(watch.checked).toHaveLength(ARGON2_AT_ONCE + 8 + 1);
    expect(auth.signInSurge()).toMatchObject({ failures: results.length });
    // A calm minute later the surge is over.
    clock.advance(60_000);
    expect(auth.signInSurge()).toBeNull();
  });

  /**
   * A flood from 20 new addresses, held at the hasher: each address's first attempt waits in the lane of new desks,
   * the rest behind. Returns the order the hasher checked things in once the gate opens.
   */
  async function floodThen(auth: InstanceType<typeof AuthService>, desks: [string, string][]) {
    let open = (): void => undefined;
    watch.gate = new Promise<void>((r) => (open = r));
    watch.checked = [];
    const flood = Array.from({ length: 60 }, (_, i) =>
      outcome(auth.login(`bot${i}`, 'doan-bua', undefined, `10.1.0.${i % 20}`)),
    );
    const real = desks.map(([name, address]) => outcome(auth.login(name, PASSWORD, undefined, address)));
    open();
    await Promise.all(flood);
    return { real: await Promise.all(real), checked: watch.checked };
  }

  it('a desk where someone signed in rightly lately goes ahead of new addresses; a new desk waits for one check each', async () => {
    const auth = service({ maxUsernames: 10_000 });
    expect(await outcome(auth.login('giamsat', PASSWORD, undefined, '10.0.0.7'))).toBe('ok');
    const { real, checked } = await floodThen(auth, [
      ['giamsat', '10.0.0.7'],
      ['giamsat', '10.0.0.8'],
    ]);
    expect(real).toEqual(['ok', 'ok']);
    const at = checked.flatMap((h, i) => (h === passwordHash ? [i] : []));
    // The known desk right after the checks already running; the new desk after the 20 addresses' first attempts.
    expect(at).toEqual([ARGON2_AT_ONCE, 1 + 20]);
    expect(checked).toHaveLength(60 + 2);
  });

  it('a known desk that tries several names loses its place in front (spraying from an officer’s desk)', async () => {
    const auth = service({ maxUsernames: 10_000 });
    expect(await outcome(auth.login('giamsat', PASSWORD, undefined, '10.0.0.7'))).toBe('ok');
    for (const name of ['ai-do', 'ai-khac'])
      expect(await outcome(auth.login(name, 'sai', undefined, '10.0.0.7'))).toBe('LAYSO_BAD_CREDENTIALS');
    const { real, checked } = await floodThen(auth, [['giamsat', '10.0.0.7']]);
    expect(real).toEqual(['ok']);
    // Behind every bot that waited: the lane of desks that failed, in arrival order after the flood.
    expect(checked.indexOf(passwordHash)).toBe(60);
  });
});
