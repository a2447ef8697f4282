import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';

/**
 * Site keys. A key is `<site code>.<32 random bytes, base64url>`, shown once when issued; the hub keeps only its
 * sha-256 (a random 256-bit secret needs no slow hash: there is nothing to guess). The code in front names the
 * row whose hash the key is compared with, in constant time. The province admin registers, re-keys and revokes
 * sites through the admin endpoints (admin.ts, audited); `issueSiteKey` stays for tests and the demo's seeding.
 */

export interface NewSite {
  code: string;
  name: string;
  commune: string;
}

export function hashSiteKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A fresh key of a site: its code, a dot, 32 random bytes (base64url). */
function newSiteKey(code: string): string {
  return `${code}.${randomBytes(32).toString('base64url')}`;
}

/** Registers a site (or gives an existing one a new key, which also lifts a revocation) and returns its key once. */
export async function issueSiteKey(db: Pool | PoolClient, site: NewSite): Promise<string> {
  const key = newSiteKey(site.code);
  await db.query(
    `INSERT INTO sites (code, name, commune, key_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, commune = EXCLUDED.commune,
       key_hash = EXCLUDED.key_hash, revoked_at = NULL`,
    [site.code, site.name, site.commune, hashSiteKey(key)],
  );
  return key;
}

/** Refuses the site's key from now on; its facts stay. False when there is no such site. */
export async function revokeSite(db: Pool | PoolClient, code: string): Promise<boolean> {
  const r = await db.query('UPDATE sites SET revoked_at = coalesce(revoked_at, now()) WHERE code = $1', [
    code,
  ]);
  return (r.rowCount ?? 0) > 0;
}

export interface KeyedSite {
  id: number;
  code: string;
  revoked: boolean;
}

/** The site a key belongs to, or null when the key is malformed, unknown or does not match. */
export async function siteOfKey(db: Pool, key: string): Promise<KeyedSite | null> {
  const dot = key.indexOf('.');
  if (dot <= 0) return null;
  const { rows } = await db.query<{ id: number; code: string; key_hash: string; revoked: boolean }>(
    'SELECT id, code, key_hash, revoked_at IS NOT NULL AS revoked FROM sites WHERE code = $1',
    [key.slice(0, dot)],
  );
  const row = rows[0];
  if (!row) return null;
  const given = Buffer.from(hashSiteKey(key), 'hex');
  const stored = Buffer.from(row.key_hash, 'hex');
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) return null;
  return { id: row.id, code: row.code, revoked: row.revoked };
}

/**
 * Registers a new site and returns its key once; a code already registered is refused by the table's unique rule
 * (two admins registering one code at once: one wins, the other's key never existed).
 */
export async function registerSite(
  db: Pool | PoolClient,
  site: NewSite,
): Promise<{ id: number; key: string }> {
  const key = newSiteKey(site.code);
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO sites (code, name, commune, key_hash) VALUES ($1, $2, $3, $4) RETURNING id',
    [site.code, site.name, site.commune, hashSiteKey(key)],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('INSERT … RETURNING gave no row');
  return { id, key };
}

/** A new key for a registered site (the old one stops working, a revocation is lifted); null when there is none. */
export async function renewSiteKey(db: Pool | PoolClient, code: string): Promise<string | null> {
  const key = newSiteKey(code);
  const r = await db.query('UPDATE sites SET key_hash = $2, revoked_at = NULL WHERE code = $1', [
    code,
    hashSiteKey(key),
  ]);
  return (r.rowCount ?? 0) > 0 ? key : null;
}

/**
 * The site a request's bearer key names, or why it is refused — no or an unknown key (401), a revoked one (403).
 * Every endpoint a site calls asks this first: who is asking comes before what they sent.
 */
export async function keyedSite(
  db: Pool,
  key: string | null,
): Promise<KeyedSite | 'LAYSO_HUB_SITE_KEY' | 'LAYSO_HUB_SITE_REVOKED'> {
  const site = key ? await siteOfKey(db, key) : null;
  if (!site) return 'LAYSO_HUB_SITE_KEY';
  return site.revoked ? 'LAYSO_HUB_SITE_REVOKED' : site;
}
