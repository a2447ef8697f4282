import { createHash } from 'node:crypto';
import {
  HubCatalogue,
  type HubCatalogueImportBody,
  type HubCatalogueProcedure,
  type HubCatalogueSettingsInput,
  type HubCatalogueState,
} from '@layso/protocol';
import { clean, parseCatalogue } from '@layso/protocol/catalogue-file';
import type { Pool, PoolClient } from 'pg';
import { audit, inTransaction, type Actor } from './accounts.js';
import { HubError } from './hub-error.js';

/**
 * The province's catalogue and settings pushed down to sites (issue 20, Deliver 3): one document, versioned, with
 * a strong ETag (sha-256 of the exact bytes served). The admin's changes rewrite it whole under the row's lock and
 * commit with their audit row; a site's pull reads the ETag first and the document only when it changed.
 */

/** What a site gets before the province has set anything: nothing managed, every part left to the sites. */
const EMPTY: HubCatalogue = {
  version: 0,
  updatedAt: null,
  procedures: [],
  announce: null,
  priorityGroups: null,
};

export interface CatalogueText {
  etag: string;
  /** The document as served (JSON). */
  body: string;
}

function etagOf(body: string): string {
  return `"${createHash('sha256').update(body, 'utf8').digest('base64url')}"`;
}

function textOf(doc: HubCatalogue): CatalogueText {
  const body = JSON.stringify(doc);
  return { etag: etagOf(body), body };
}

const EMPTY_TEXT = textOf(EMPTY);

/** Whether an `If-None-Match` header names this ETag (a list, `*`, or a weak form of the same tag: RFC 9110 §13.1.2). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

/** The current ETag, one small read. */
export async function catalogueEtag(db: Pool | PoolClient): Promise<string> {
  const { rows } = await db.query<{ etag: string }>('SELECT etag FROM province_catalogue WHERE id = 1');
  return rows[0]?.etag ?? EMPTY_TEXT.etag;
}

/** The document as served, with its ETag. */
export async function catalogueText(db: Pool | PoolClient, lock = false): Promise<CatalogueText> {
  const { rows } = await db.query<{ etag: string; document: string }>(
    `SELECT etag, document FROM province_catalogue WHERE id = 1${lock ? ' FOR UPDATE' : ''}`,
  );
  const row = rows[0];
  return row ? { etag: row.etag, body: row.document } : EMPTY_TEXT;
}

function stateOf(doc: HubCatalogue, etag: string): HubCatalogueState {
  return {
    version: doc.version,
    updatedAt: doc.updatedAt,
    etag,
    procedures: doc.procedures.length,
    mapped: doc.procedures.filter((p) => p.service !== null).length,
    announce: doc.announce,
    priorityGroups: doc.priorityGroups,
  };
}

export async function catalogueState(pool: Pool): Promise<HubCatalogueState> {
  const text = await catalogueText(pool);
  return stateOf(HubCatalogue.parse(JSON.parse(text.body)), text.etag);
}

/**
 * Rewrites the document under the row's lock (two admins at once: one after the other, each on the other's
 * result), moves the version on and records `action` in the same transaction.
 */
async function rewrite(
  pool: Pool,
  at: Date,
  actor: Actor,
  action: string,
  change: (doc: HubCatalogue) => { doc: Omit<HubCatalogue, 'version' | 'updatedAt'>; details: object },
): Promise<HubCatalogueState> {
  return inTransaction(pool, async (db) => {
    // The first write creates the row; the lock then serialises every later one.
    await db.query(
      `INSERT INTO province_catalogue (id, version, document, etag, updated_at) VALUES (1, 1, $1, $2, $3)
       ON CONFLICT (id) DO NOTHING`,
      [EMPTY_TEXT.body, EMPTY_TEXT.etag, at],
    );
    const current = HubCatalogue.parse(JSON.parse((await catalogueText(db, true)).body));
    const { doc, details } = change(current);
    const next: HubCatalogue = { ...doc, version: current.version + 1, updatedAt: at.toISOString() };
    const text = textOf(HubCatalogue.parse(next));
    await db.query('UPDATE province_catalogue SET version = $1, document = $2, etag = $3, updated_at = $4', [
      next.version,
      text.body,
      text.etag,
      at,
    ]);
    await audit(db, at, actor, action, { ...details, version: next.version });
    return stateOf(next, text.etag);
  });
}

/**
 * Replaces the procedures from a center-format file. All or nothing: a file with any refused row (or none valid)
 * answers LAYSO_IMPORT_INVALID with the rows and reasons, and the catalogue stays as it was.
 */
export async function importCatalogue(
  pool: Pool,
  at: Date,
  body: HubCatalogueImportBody,
  actor: Actor,
): Promise<HubCatalogueState> {
  const parsed = parseCatalogue(body.format, body.content);
  if (parsed.errors.length > 0 || parsed.rows.length === 0) {
    const errors = parsed.errors.slice(0, 200);
    const reason =
      parsed.errors.length > 0
        ? `${parsed.errors.length} dòng lỗi, không nhập dòng nào / ${parsed.errors.length} bad rows, nothing imported`
        : 'Tệp không có thủ tục nào / The file holds no procedure';
    throw new HubError('LAYSO_IMPORT_INVALID', { reason, errors });
  }
  const agencies = new Map(Object.entries(body.agencyMap ?? {}).map(([a, s]) => [clean(a), s]));
  const procedures: HubCatalogueProcedure[] = parsed.rows.map((r) => ({
    ...r,
    service: (r.agency !== null ? agencies.get(r.agency) : undefined) ?? null,
  }));
  return rewrite(pool, at, actor, 'catalogue.import', (doc) => ({
    doc: { ...doc, procedures },
    details: {
      format: body.format,
      procedures: procedures.length,
      mapped: procedures.filter((p) => p.service !== null).length,
      before: doc.procedures.length,
    },
  }));
}

export async function setCatalogueSettings(
  pool: Pool,
  at: Date,
  input: HubCatalogueSettingsInput,
  actor: Actor,
): Promise<HubCatalogueState> {
  return rewrite(pool, at, actor, 'catalogue.settings', (doc) => {
    const after = HubCatalogue.pick({ announce: true, priorityGroups: true }).parse(input);
    return {
      doc: { ...doc, ...after },
      details: { before: { announce: doc.announce, priorityGroups: doc.priorityGroups }, after },
    };
  });
}
