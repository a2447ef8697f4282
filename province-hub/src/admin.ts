import type { HubAuditEntry, HubSiteInput, HubSiteRecord, HubUser, HubUserPatch } from '@layso/protocol';
import { hashPassword } from '@layso/server-kit';
import type { Pool, PoolClient } from 'pg';
import {
  audit,
  deleteUserSessions,
  inTransaction,
  setUserSites,
  userById,
  type Actor,
  type UserRow,
} from './accounts.js';
import { HubError, isUniqueViolation } from './hub-error.js';
import { registerSite, renewSiteKey, revokeSite } from './sites.js';

/**
 * What the province's admin does with sites and accounts (the admin endpoints, routes-admin.ts). Each change and
 * its audit row commit in one transaction: a change is never without its row, nor a row without its change.
 */

type Db = Pool | PoolClient;

interface RawSite {
  id: number;
  code: string;
  name: string;
  commune: string;
  created_at: Date;
  revoked_at: Date | null;
  last_seen_at: Date | null;
  acknowledged_seq: string;
}

const SITE_COLUMNS = 'id, code, name, commune, created_at, revoked_at, last_seen_at, acknowledged_seq';

function toSite(r: RawSite): HubSiteRecord {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    commune: r.commune,
    createdAt: r.created_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
    lastSeenAt: r.last_seen_at?.toISOString() ?? null,
    acknowledgedSeq: Number(r.acknowledged_seq),
  };
}

export async function listSites(db: Db): Promise<HubSiteRecord[]> {
  const { rows } = await db.query<RawSite>(`SELECT ${SITE_COLUMNS} FROM sites ORDER BY commune, code`);
  return rows.map(toSite);
}

async function siteByCode(db: Db, code: string): Promise<HubSiteRecord> {
  const { rows } = await db.query<RawSite>(`SELECT ${SITE_COLUMNS} FROM sites WHERE code = $1`, [code]);
  if (!rows[0]) throw new HubError('LAYSO_HUB_SITE_NOT_FOUND', { code });
  return toSite(rows[0]);
}

export async function registerSiteAudited(
  pool: Pool,
  at: Date,
  input: HubSiteInput,
  actor: Actor,
): Promise<{ site: HubSiteRecord; key: string }> {
  try {
    return await inTransaction(pool, async (db) => {
      const { key } = await registerSite(db, input);
      const site = await siteByCode(db, input.code);
      await audit(db, at, actor, 'site.register', { siteId: site.id, ...input });
      return { site, key };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new HubError('LAYSO_CONFLICT', { code: input.code });
    throw err;
  }
}

export async function renewSiteKeyAudited(
  pool: Pool,
  at: Date,
  code: string,
  actor: Actor,
): Promise<{ site: HubSiteRecord; key: string }> {
  return inTransaction(pool, async (db) => {
    const key = await renewSiteKey(db, code);
    if (key === null) throw new HubError('LAYSO_HUB_SITE_NOT_FOUND', { code });
    const site = await siteByCode(db, code);
    await audit(db, at, actor, 'site.key', { siteId: site.id, code });
    return { site, key };
  });
}

export async function revokeSiteAudited(
  pool: Pool,
  at: Date,
  code: string,
  actor: Actor,
): Promise<HubSiteRecord> {
  return inTransaction(pool, async (db) => {
    if (!(await revokeSite(db, code))) throw new HubError('LAYSO_HUB_SITE_NOT_FOUND', { code });
    const site = await siteByCode(db, code);
    await audit(db, at, actor, 'site.revoke', { siteId: site.id, code });
    return site;
  });
}

export function toHubUser(u: UserRow): HubUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    siteIds: u.siteIds,
    disabled: u.disabled,
    createdAt: u.createdAt.toISOString(),
  };
}

async function existing(db: Db, id: number): Promise<UserRow> {
  const user = await userById(db, id);
  if (!user) throw new HubError('LAYSO_USER_NOT_FOUND', { id });
  return user;
}

const sameSites = (a: readonly number[] | null, b: readonly number[] | null) =>
  JSON.stringify([...(a ?? [])].sort((x, y) => x - y)) ===
  JSON.stringify([...(b ?? [])].sort((x, y) => x - y));

/**
 * Changes an account. The active province admins are locked first, so two admins demoting or disabling each other at
 * once cannot leave the province without one: the second waits, then counts the admins left.
 */
export async function updateUser(
  pool: Pool,
  at: Date,
  id: number,
  patch: HubUserPatch,
  actor: Actor,
): Promise<HubUser> {
  try {
    const updated = await inTransaction(pool, async (db) => {
      const admins = await db.query<{ id: number }>(
        "SELECT id FROM users WHERE role = 'province_admin' AND disabled_at IS NULL FOR UPDATE",
      );
      const before = await existing(db, id);
      const role = patch.role ?? before.role;
      const disabled = patch.disabled ?? before.disabled;
      const wasAdmin = admins.rows.some((r) => r.id === id);
      if (wasAdmin && (role !== 'province_admin' || disabled) && admins.rows.length <= 1)
        throw new HubError('LAYSO_HUB_LAST_ADMIN');
      await db.query(
        `UPDATE users SET display_name = $2, role = $3,
           disabled_at = CASE WHEN $4 THEN coalesce(disabled_at, $5) END WHERE id = $1`,
        [id, patch.displayName ?? before.displayName, role, disabled, at],
      );
      // Only a site_viewer has sites: a province role's list is emptied (it sees every site anyway).
      const siteIds = role === 'site_viewer' ? (patch.siteIds ?? before.siteIds ?? []) : [];
      await setUserSites(db, id, siteIds);
      const after = await existing(db, id);
      // A change of what the account may see ends its sessions: screens and sockets sign in again under the new rules.
      const accessChanged =
        after.role !== before.role ||
        after.disabled !== before.disabled ||
        !sameSites(after.siteIds, before.siteIds);
      const ended = accessChanged ? await deleteUserSessions(db, id) : 0;
      await audit(db, at, actor, 'user.update', {
        userId: id,
        username: after.username,
        changes: patch,
        sessionsEnded: ended,
      });
      return after;
    });
    return toHubUser(updated);
  } catch (err) {
    if (err instanceof Error && (err as { code?: unknown }).code === '23503')
      throw new HubError('LAYSO_HUB_SITE_NOT_FOUND', { siteIds: patch.siteIds });
    throw err;
  }
}

/** Sets a new password (hashed before the transaction: it is slow); the account's sessions end. */
export async function resetPassword(
  pool: Pool,
  at: Date,
  id: number,
  password: string,
  actor: Actor,
): Promise<HubUser> {
  await existing(pool, id);
  const hash = await hashPassword(password);
  const user = await inTransaction(pool, async (db) => {
    const r = await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, hash]);
    if (r.rowCount === 0) throw new HubError('LAYSO_USER_NOT_FOUND', { id });
    const ended = await deleteUserSessions(db, id);
    const after = await existing(db, id);
    await audit(db, at, actor, 'user.password', {
      userId: id,
      username: after.username,
      sessionsEnded: ended,
    });
    return after;
  });
  return toHubUser(user);
}

interface RawAudit {
  id: string;
  at: Date;
  user_id: number | null;
  username: string | null;
  action: string;
  details: Record<string, unknown>;
}

/** The audit log newest first, `limit` rows before the id `before` (a page of the screen's list). */
export async function auditPage(
  db: Db,
  limit: number,
  before: number | undefined,
): Promise<{ entries: HubAuditEntry[]; next: number | null }> {
  const { rows } = await db.query<RawAudit>(
    `SELECT id, at, user_id, username, action, details FROM audit_log
      WHERE $2::bigint IS NULL OR id < $2 ORDER BY id DESC LIMIT $1`,
    [limit + 1, before ?? null],
  );
  const entries = rows.slice(0, limit).map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    userId: r.user_id,
    username: r.username,
    action: r.action,
    details: r.details,
  }));
  const last = entries.at(-1);
  return { entries, next: rows.length > limit && last ? last.id : null };
}
