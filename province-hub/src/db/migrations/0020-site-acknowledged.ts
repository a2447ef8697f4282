import type { ClientBase } from 'pg';

/**
 * The last seq the hub acknowledged to each site, kept on the site's row: the ingest locks that row anyway (one
 * batch of a site at a time), so reading it there costs nothing, where max(last_seq) of site_batches would be a
 * second lookup under the lock.
 */
export async function up(db: ClientBase): Promise<void> {
  await db.query(`
    ALTER TABLE sites ADD COLUMN acknowledged_seq bigint NOT NULL DEFAULT 0 CHECK (acknowledged_seq >= 0);
  `);
}
