import type { z } from 'zod';
import type { CatalogueImportBody, CatalogueImportReport, ProcedureHit } from '@layso/protocol';
import { prepareImport, type Prepared, type PrepareInput } from '../catalogue/prepare.js';
import { createSearchIndex } from '../catalogue/search.js';
import type { ProcedureRow, Store } from '../db/store.js';
import { fail } from '../errors.js';
import { runOnce } from '../workers.js';

type Index = ReturnType<typeof createSearchIndex>;
type ImportBody = z.infer<typeof CatalogueImportBody>;

/** The import report lists at most this many unmapped agencies (most rows first). */
const MAX_UNMAPPED_AGENCIES = 200;
const collator = new Intl.Collator('vi');

/** The procedure catalogue: import with a report, and diacritic-folding search kept in memory. */
export class CatalogueService {
  private index: Index;
  private byId = new Map<number, ProcedureRow>();

  constructor(private readonly store: Store) {
    this.index = this.build();
  }

  reload(): void {
    this.index = this.build();
  }

  /** `serviceId` null: only procedures mapped to no service. */
  search(q: string, serviceId: number | null | undefined, limit: number): ProcedureHit[] {
    return this.index.search(q.normalize('NFC'), { serviceId, limit }).flatMap(({ id, score }) => {
      const p = this.byId.get(id);
      return p ? [{ ...p, score }] : [];
    });
  }

  /**
   * An admin's import. Parsing and mapping a national catalogue (~12 MB) takes seconds of CPU, so it runs in a worker
   * thread (`catalogue/parse.worker.ts`) while kiosks and counters go on being answered; the write stays here, in
   * one transaction.
   */
  async import(body: ImportBody): Promise<CatalogueImportReport> {
    return this.apply(body, await runOnce<Prepared>('catalogue/parse.worker', this.prepareInput(body)));
  }

  /** The same on the main thread: the demo seed, at start, before anyone is waiting. */
  importNow(body: ImportBody): CatalogueImportReport {
    return this.apply(body, prepareImport(this.prepareInput(body)));
  }

  private prepareInput(body: ImportBody): PrepareInput {
    return {
      format: body.format,
      content: body.content,
      services: this.store.catalogue.services().map(({ code, name }) => ({ code, name })),
      agencyMap: body.agencyMap ?? {},
    };
  }

  /** Rows prepared a moment ago: the services and procedures are read now, as they are when it is written. */
  private apply(body: ImportBody, parsed: Prepared): CatalogueImportReport {
    if (!parsed.ok) fail('LAYSO_IMPORT_INVALID', { reason: parsed.reason });
    const services = this.store.catalogue.services();
    const byService: Record<string, number> = {};
    let imported = 0;
    let updated = 0;
    let unmapped = 0;
    /** Agency as written (NFC, trimmed: how an agency map matches it exactly) → unmapped rows. */
    const unmappedAgencies = new Map<string, number>();
    /** What the center holds now, code → service: a row no rule maps keeps the service the admin gave it. */
    const held = new Map([...this.byId.values()].map((p) => [p.code, p.serviceId]));
    const apply = () => {
      for (const { serviceCode, ...row } of parsed.rows) {
        const kept = held.get(row.code) ?? null;
        const service = serviceCode
          ? services.find((s) => s.code === serviceCode)
          : kept !== null
            ? services.find((s) => s.id === kept)
            : undefined;
        if (!service) {
          unmapped += 1;
          const agency = row.agency?.normalize('NFC').trim() ?? '';
          if (agency !== '') unmappedAgencies.set(agency, (unmappedAgencies.get(agency) ?? 0) + 1);
        }
        const key = service?.code ?? '(none)';
        byService[key] = (byService[key] ?? 0) + 1;
        // A dry run tells the admin what saving would do: new codes are imported, known ones updated.
        if (body.dryRun) {
          if (held.has(row.code)) updated += 1;
          else imported += 1;
          continue;
        }
        if (this.store.catalogue.upsertProcedure({ ...row, serviceId: service?.id ?? null })) imported += 1;
        else updated += 1;
      }
    };
    if (body.dryRun) apply();
    else this.store.transaction(apply);
    if (!body.dryRun) this.reload();
    return {
      rows: parsed.rows.length + parsed.errors.filter((e) => e.row > 0).length,
      imported,
      updated,
      skipped: parsed.errors.filter((e) => e.row > 0).length,
      unmapped,
      errors: parsed.errors.slice(0, 500),
      byService,
      unmappedAgencies: [...unmappedAgencies]
        .map(([agency, count]) => ({ agency, count }))
        .sort((a, b) => b.count - a.count || collator.compare(a.agency, b.agency))
        .slice(0, MAX_UNMAPPED_AGENCIES),
      dryRun: body.dryRun,
    };
  }

  /**
   * Offers a procedure under another service (or none), in the database and at once in the search: the index
   * moves the one procedure instead of being built again (~200 ms for the national catalogue).
   */
  setService(id: number, serviceId: number | null): { before: ProcedureRow; after: ProcedureRow } {
    const before = this.store.catalogue.procedure(id) ?? fail('LAYSO_PROCEDURE_NOT_FOUND');
    if (serviceId !== null && !this.store.catalogue.service(serviceId))
      fail('LAYSO_SERVICE_NOT_FOUND', { serviceId });
    this.store.catalogue.setProcedureService(id, serviceId);
    const after = this.store.catalogue.procedure(id) ?? fail('LAYSO_PROCEDURE_NOT_FOUND');
    this.byId.set(id, after);
    this.index.setService(id, serviceId);
    return { before, after };
  }

  private build(): Index {
    const all = this.store.catalogue.procedures();
    this.byId = new Map(all.map((p) => [p.id, p]));
    return createSearchIndex(all);
  }
}
