/**
 * The CPU part of a catalogue import, run in a worker thread (`parse.worker.ts`): the file parsed and checked, each
 * row mapped to a service (`mapping.ts`), and the report of what saving would do. Plain data in and out (structured
 * clone both ways); the database write stays with the caller, on the main thread. A dry run sends back only the
 * report: cloning ~40,000 rows back alone stalled the main thread for 70–400 ms.
 */
import type { CatalogueImportReport } from '@layso/protocol';
import { createServiceMapper } from './mapping.js';
import { parseCatalogue, type CatalogueFormat, type CatalogueRow } from '@layso/protocol/catalogue-file';

/** The import report lists at most this many unmapped agencies (most rows first), and this many errors. */
const MAX_UNMAPPED_AGENCIES = 200;
const MAX_ERRORS = 500;
const collator = new Intl.Collator('vi');

export interface PrepareInput {
  format: CatalogueFormat;
  content: string;
  services: readonly { id: number; code: string; name: string }[];
  agencyMap: Record<string, string>;
  /** What the center holds now, code → service: a row no rule maps keeps the service the admin gave it. */
  held: ReadonlyMap<string, number | null>;
  /** Only the report is wanted: no rows come back. */
  dryRun: boolean;
}

/** A valid row with the service it goes to. */
export interface PreparedRow extends CatalogueRow {
  serviceId: number | null;
}

export type Prepared =
  | {
      ok: true;
      /** What to write (empty for a dry run). */
      rows: PreparedRow[];
      /** The report as the held procedures say (new codes imported, known ones updated). */
      report: CatalogueImportReport;
    }
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
  const byCode = new Map(input.services.map((s) => [s.code, s]));
  const byId = new Map(input.services.map((s) => [s.id, s]));
  const byService: Record<string, number> = {};
  /** Agency as written (NFC, trimmed: how an agency map matches it exactly) → unmapped rows. */
  const unmappedAgencies = new Map<string, number>();
  let unmapped = 0;
  let imported = 0;
  const rows: PreparedRow[] = [];
  for (const row of parsed.rows) {
    const mapped = mapper(row).serviceCode;
    const kept = input.held.get(row.code) ?? null;
    const service = mapped ? byCode.get(mapped) : kept !== null ? byId.get(kept) : undefined;
    if (!service) {
      unmapped += 1;
      const agency = row.agency?.normalize('NFC').trim() ?? '';
      if (agency !== '') unmappedAgencies.set(agency, (unmappedAgencies.get(agency) ?? 0) + 1);
    }
    const key = service?.code ?? '(none)';
    byService[key] = (byService[key] ?? 0) + 1;
    if (!input.held.has(row.code)) imported += 1;
    if (!input.dryRun) rows.push({ ...row, serviceId: service?.id ?? null });
  }
  const skipped = parsed.errors.filter((e) => e.row > 0).length;
  return {
    ok: true,
    rows,
    report: {
      rows: parsed.rows.length + skipped,
      imported,
      updated: parsed.rows.length - imported,
      skipped,
      unmapped,
      errors: parsed.errors.slice(0, MAX_ERRORS),
      byService,
      unmappedAgencies: [...unmappedAgencies]
        .map(([agency, count]) => ({ agency, count }))
        .sort((a, b) => b.count - a.count || collator.compare(a.agency, b.agency))
        .slice(0, MAX_UNMAPPED_AGENCIES),
      dryRun: input.dryRun,
    },
  };
}
