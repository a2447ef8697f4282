import type { z } from 'zod';
import type { CatalogueImportBody, CatalogueImportReport, ProcedureHit } from '@layso/protocol';
import { createServiceMapper } from '../catalogue/mapping.js';
import { parseCatalogue } from '../catalogue/parse.js';
import { createSearchIndex } from '../catalogue/search.js';
import type { ProcedureRow, Store } from '../db/store.js';
import { fail } from '../errors.js';

type Index = ReturnType<typeof createSearchIndex>;

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

  search(q: string, serviceId: number | undefined, limit: number): ProcedureHit[] {
    return this.index.search(q.normalize('NFC'), { serviceId, limit }).flatMap(({ id, score }) => {
      const p = this.byId.get(id);
      return p ? [{ ...p, score }] : [];
    });
  }

  import(body: z.infer<typeof CatalogueImportBody>): CatalogueImportReport {
    let parsed: ReturnType<typeof parseCatalogue>;
    try {
      parsed = parseCatalogue(body.format, body.content);
    } catch (e) {
      fail('LAYSO_IMPORT_INVALID', { reason: e instanceof Error ? e.message : String(e) });
    }
    const services = this.store.services();
    const mapper = createServiceMapper(services, body.agencyMap ?? {});
    const byService: Record<string, number> = {};
    let imported = 0;
    let updated = 0;
    let unmapped = 0;
    const known = new Set(body.dryRun ? [...this.byId.values()].map((p) => p.code) : []);
    const apply = () => {
      for (const row of parsed.rows) {
        const mapped = mapper(row);
        const service = mapped.serviceCode ? services.find((s) => s.code === mapped.serviceCode) : undefined;
        if (!service) unmapped += 1;
        const key = service?.code ?? '(none)';
        byService[key] = (byService[key] ?? 0) + 1;
        // A dry run tells the admin what saving would do: new codes are imported, known ones updated.
        if (body.dryRun) {
          if (known.has(row.code)) updated += 1;
          else imported += 1;
          continue;
        }
        if (this.store.upsertProcedure({ ...row, serviceId: service?.id ?? null })) imported += 1;
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
      dryRun: body.dryRun,
    };
  }

  private build(): Index {
    const all = this.store.procedures();
    this.byId = new Map(all.map((p) => [p.id, p]));
    return createSearchIndex(all);
  }
}
