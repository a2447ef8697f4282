import { HubRole, type HubViewerInfo } from '@layso/protocol';
import type { Pool, PoolClient } from 'pg';

/**
 * The hub's accounts, sessions and audit log in SQL (migration 0040), typed by their rows. Services (sign-in, the
 * admin's endpoints, the CLI) call these; nothing else touches the tables.
 */

type Db = Pool | PoolClient;

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string;
  role: HubRole;
  disabled: boolean;
  createdAt: Date;
  /** A site_viewer's sites; null for the province roles (they see every site). */
  siteIds: number[] | null;
}

interface RawUser {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  disabled: boolean;
  created_at: Date;
  site_ids: number[] | null;
}

const USER_COLUMNS = `u.id, u.username, u.display_name, u.password_hash, u.role, u.disabled_at IS NOT NULL AS disabled,
  u.created_at,
  CASE WHEN u.role = 'site_viewer' THEN coalesce(
    (SELECT array_agg(us.site_id ORDER BY us.site_id) FROM user_sites us WHERE us.user_id = u.id), '{}') END
    AS site_ids`;

function toUser(r: RawUser): UserRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    // The table's CHECK holds the same three: parsing types it without a cast.
    role: HubRole.parse(r.role),
    disabled: r.disabled,
    createdAt: r.created_at,
    siteIds: r.site_ids,
  };
}

export function viewerInfo(u: UserRow): HubViewerInfo {
  return { userId: u.id, username: u.username, displayName: u.displayName, role: u.role, siteIds: u.siteIds };
}

export async function userByName(db: Db, username: string): Promise<UserRow | null> {
  const { rows } = await db.query<RawUser>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.username = $1`, [
    username.trim().toLowerCase(),
  ]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function userById(db: Db, id: number): Promise<UserRow | null> {
  const { rows } = await db.query<RawUser>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  const { rows } = await db.query<RawUser>(`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.username`);
  return rows.map(toUser);
}

export interface NewUserRow {
  username: string;
  displayName: string;
  passwordHash: string;
  role: HubRole;
  siteIds: readonly number[];
}

/** Inserts an account (and a site_viewer's sites) inside the caller's transaction; returns its id. */
export async function insertUser(db: PoolClient, u: NewUserRow, at: Date): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO users (username, display_name, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5)
     RETURNING id`,
    [u.username, u.displayName, u.passwordHash, u.role, at],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('INSERT … RETURNING gave no row');
  await setUserSites(db, id, u.siteIds);
  return id;
}

/** Replaces a user's sites (inside the caller's transaction). */
export async function setUserSites(
  db: PoolClient,
  userId: number,
  siteIds: readonly number[],
): Promise<void> {
  await db.query('DELETE FROM user_sites WHERE user_id = $1', [userId]);
  if (siteIds.length > 0)
    await db.query('INSERT INTO user_sites (user_id, site_id) SELECT $1, unnest($2::integer[])', [
      userId,
      [...new Set(siteIds)],
    ]);
}

export interface SessionUser {
  user: UserRow;
  lastUsedAt: Date;
}

/** The live session's account: not expired, not idle past `idleSince`, its account not disabled. */
export async function sessionUser(
  db: Db,
  tokenHash: string,
  now: Date,
  idleSince: Date,
): Promise<SessionUser | null> {
  const { rows } = await db.query<RawUser & { last_used_at: Date }>(
    `SELECT ${USER_COLUMNS}, s.last_used_at FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_used_at > $3 AND u.disabled_at IS NULL`,
    [tokenHash, now, idleSince],
  );
  const r = rows[0];
  return r ? { user: toUser(r), lastUsedAt: r.last_used_at } : null;
}

export async function touchSession(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.query('UPDATE sessions SET last_used_at = $2 WHERE token_hash = $1 AND last_used_at < $2', [
    tokenHash,
    at,
  ]);
}

/** Stores a new session, dropping the ones that ended (expired or idle) on the way. */
export async function addSession(
  db: Db,
  s: { tokenHash: string; userId: number; at: Date; expiresAt: Date; idleSince: Date },
): Promise<void> {
  await db.query('DELETE FROM sessions WHERE expires_at <= $1 OR last_used_at <= $2', [s.at, s.idleSince]);
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_used_at) VALUES ($1, $2, $3, $4, $3)`,
    [s.tokenHash, s.userId, s.at, s.expiresAt],
  );
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

/** Ends every session of a user (disabled, a new password, a role changed). */
export async function deleteUserSessions(db: Db, userId: number): Promise<number> {
  const r = await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
  return r.rowCount ?? 0;
}

/** Who did it: a signed-in account, or null for the CLI and the demo's seeding. */
export type Actor = { userId: number; username: string } | null;

/** One row of the audit log (inside the change's transaction, so a change and its row commit together). */
export async function audit(
  db: Db,
  at: Date,
  actor: Actor,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  await db.query(
    'INSERT INTO audit_log (at, user_id, username, action, details) VALUES ($1, $2, $3, $4, $5)',
    [at, actor?.userId ?? null, actor?.username ?? null, action, JSON.stringify(details)],
  );
}

/** Runs `work` in one transaction on a client of the pool. */
export async function inTransaction<T>(pool: Pool, work: (db: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // A failed statement leaves the transaction aborted; a dropped connection leaves nothing to roll back.
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}
