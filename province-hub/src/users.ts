import { HubUserInput, type HubRole } from '@layso/protocol';
import { hashPassword, randomPassword } from '@layso/server-kit';
import type { Pool } from 'pg';
import { audit, inTransaction, insertUser, userById, type Actor, type UserRow } from './accounts.js';
import { HubError, isUniqueViolation } from './hub-error.js';

/** A foreign key refused the write: a site id that is not the hub's. */
function isMissingSite(err: unknown): boolean {
  return err instanceof Error && (err as { code?: unknown }).code === '23503';
}

/**
 * Creates an account (the CLI, the demo's seeding, the admin's endpoint), audited as `user.create` by `actor`:
 * validated as the endpoint's body is, the password hashed with argon2id before the transaction (it is slow).
 */
export async function createUser(
  pool: Pool,
  clock: () => Date,
  input: HubUserInput,
  actor: Actor,
): Promise<UserRow> {
  const parsed = HubUserInput.safeParse(input);
  if (!parsed.success)
    throw new HubError(
      'LAYSO_VALIDATION',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  const u = parsed.data;
  const siteIds = u.role === 'site_viewer' ? u.siteIds : [];
  const passwordHash = await hashPassword(u.password);
  const at = clock();
  try {
    const id = await inTransaction(pool, async (db) => {
      const id = await insertUser(db, { ...u, siteIds, passwordHash }, at);
      await audit(db, at, actor, 'user.create', { userId: id, username: u.username, role: u.role, siteIds });
      return id;
    });
    const user = await userById(pool, id);
    if (!user) throw new Error(`user ${id} vanished after its commit`);
    return user;
  } catch (err) {
    if (isUniqueViolation(err)) throw new HubError('LAYSO_CONFLICT', { username: u.username });
    if (isMissingSite(err)) throw new HubError('LAYSO_HUB_SITE_NOT_FOUND', { siteIds });
    throw err;
  }
}

/** The demo's province admin (`npm run province`): made if missing, else given a new password; returned to print. */
export async function seedDemoAdmin(
  pool: Pool,
  clock: () => Date = () => new Date(),
  who: { username?: string; displayName?: string; role?: HubRole } = {},
): Promise<{ username: string; password: string }> {
  const username = who.username ?? 'tinh.quantri';
  const password = randomPassword();
  const existing = await pool.query<{ id: number }>('SELECT id FROM users WHERE username = $1', [username]);
  const id = existing.rows[0]?.id;
  if (id === undefined) {
    await createUser(
      pool,
      clock,
      {
        username,
        displayName: who.displayName ?? 'Quản trị tỉnh (demo)',
        password,
        role: who.role ?? 'province_admin',
      },
      null,
    );
  } else {
    const hash = await hashPassword(password);
    await inTransaction(pool, async (db) => {
      await db.query('UPDATE users SET password_hash = $2, disabled_at = NULL WHERE id = $1', [id, hash]);
      await db.query('DELETE FROM sessions WHERE user_id = $1', [id]);
      await audit(db, clock(), null, 'demo.reset-password', { userId: id, username });
    });
  }
  return { username, password };
}
