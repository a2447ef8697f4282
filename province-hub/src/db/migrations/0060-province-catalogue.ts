import type { ClientBase } from 'pg';

/**
 * Hub → sites: the province's catalogue and settings as one versioned document (protocol/src/hub-catalogue.ts).
 * One row. The document is kept as the exact text served (not jsonb, which would reorder its keys), so its ETag —
 * the sha-256 of that text — is computed once per change and a site's `If-None-Match` costs one small read.
 */
export async function up(db: ClientBase): Promise<void> {
  await db.query(`
    CREATE TABLE province_catalogue (
      id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      version integer NOT NULL CHECK (version > 0),
      document text NOT NULL,
      etag text NOT NULL,
      updated_at timestamptz NOT NULL
    );
  `);
}
