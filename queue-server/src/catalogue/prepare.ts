/**
 * The CPU part of a catalogue import, run in a worker thread (`parse.worker.ts`): the file parsed and checked, and
 * each row mapped to a service by the rules (`mapping.ts`). Plain data in and out, so it crosses to the worker and
 * back by structured clone; the database write stays with the caller, on the main thread.
 */
import { createServiceMapper, type ServiceRef } from './mapping.js';
import { parseCatalogue, type CatalogueError, type CatalogueFormat, type CatalogueRow } from './parse.js';

export interface PrepareInput {
  format: CatalogueFormat;
  content: string;
  services: readonly ServiceRef[];
  agencyMap: Record<string, string>;
}

/** A valid row and the service code the rules give it (null: no rule maps it). */
export interface PreparedRow extends CatalogueRow {
  serviceCode: string | null;
}

export type Prepared =
  | { ok: true; rows: PreparedRow[]; errors: CatalogueError[] }
  /** The file could not be read at all (the reason in both languages). */
  | { ok: false; reason: string };

export function prepareImport(input: PrepareInput): Prepared {
  let parsed: ReturnType<typeof parseCatalogue>;
  try {
    parsed = parseCatalogue(input.format, input.content);
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
  const mapper = createServiceMapper(input.services, input.agencyMap);
  return {
    ok: true,
    rows: parsed.rows.map((row) => ({ ...row, serviceCode: mapper(row).serviceCode })),
    errors: parsed.errors,
  };
}
