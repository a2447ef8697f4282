import type { z } from 'zod';
import type { CatalogueImportBody, CatalogueImportReport, ProcedureHit } from '@layso/protocol';
import { prepareImport, type Prepared, type PrepareInput } from '../catalogue/prepare.js';
import { createSearchIndex } from '../catalogue/search.js';
import type { ProcedureRow, Store } from '../db/store.js';
import { fail } from '../errors.js';
import { runOnce, type WorkerRun } from '../workers.js';

type Index = ReturnType<typeof createSearchIndex>;
type ImportBody = z.infer<typeof CatalogueImportBody>;

/**
 * A file shorter than this is parsed here: ~30 ms of work, less than a worker's start (tens of ms compiled, a
 * second under tsx). A department's list or a correction stays instant; a national catalogue goes to the worker.
 */
export const WORKER_MIN_CHARS = 200_000;

/** The procedure catalogue: import with a report, and diacritic-folding search kept in memory. */
export class CatalogueService {
  private index: Index;
  private byId = new Map<number, ProcedureRow>();
  /** Parses under way in workers (two admins may import at once); ended when the server closes. */
  private readonly parsing = new Set<WorkerRun<Prepared>>();
  private closed = false;

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
    if (this.closed) fail('LAYSO_SERVER_CLOSING');
    if (body.content.length < WORKER_MIN_CHARS) return this.importNow(body);
    const run = runOnce<Prepared>('catalogue/parse.worker', this.prepareInput(body));
    this.parsing.add(run);
    let prepared: Prepared;
    try {
      prepared = await run.result;
    } catch (err) {
      // Stopped by close(): the admin is told the server is stopping, not that the file is broken or of a bug.
      if (this.closed) fail('LAYSO_SERVER_CLOSING');
      throw err;
    } finally {
      this.parsing.delete(run);
    }
    // An answer that came as the server began closing is not written: the database is about to close.
    if (this.closed) fail('LAYSO_SERVER_CLOSING');
    return this.apply(body, prepared);
  }

  /**
   * The server is closing: imports being parsed are ended (their requests answer LAYSO_SERVER_CLOSING, nothing is
   * written) and no new one starts, so no worker outlives the server or writes to a closed database.
   */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.parsing].map((run) => run.stop()));
  }

  /** The same on the main thread: the demo seed, at start, before anyone is waiting. */
  importNow(body: ImportBody): CatalogueImportReport {
    return this.apply(body, prepareImport(this.prepareInput(body)));
  }

  private prepareInput(body: ImportBody): PrepareInput {
    return {
      format: body.format,
      content: body.content,
      services: this.store.catalogue.services().map(({ id, code, name }) => ({ id, code, name })),
      agencyMap: body.agencyMap ?? {},
      held: new Map([...this.byId.values()].map((p) => [p.code, p.serviceId])),
      dryRun: body.dryRun,
    };
  }

  /**
   * Writes what the worker prepared, in one transaction. The center may have changed meanwhile (the worker took
   * seconds): a service deleted since leaves its rows with none, and imported/updated are counted as written.
   */
  private apply(body: ImportBody, prepared: Prepared): CatalogueImportReport {
    if (!prepared.ok) fail('LAYSO_IMPORT_INVALID', { reason: prepared.reason });
    // The province's procedures change only through its catalogue (hub/catalogue-pull.ts); the preview says so too.
    const managed = prepared.rows.filter((r) => this.store.province.procedure(r.code) !== null);
    if (managed.length > 0)
      fail('LAYSO_PROVINCE_MANAGED', {
        count: managed.length,
        codes: managed.slice(0, 20).map((r) => r.code),
      });
    if (body.dryRun) return prepared.report;
    const services = new Set(this.store.catalogue.services().map((s) => s.id));
    let imported = 0;
    this.store.transaction(() => {
      for (const row of prepared.rows) {
        const serviceId = row.serviceId !== null && services.has(row.serviceId) ? row.serviceId : null;
        if (this.store.catalogue.upsertProcedure({ ...row, serviceId })) imported += 1;
      }
    });
    this.reload();
    return { ...prepared.report, imported, updated: prepared.rows.length - imported };
  }

  /**
   * Offers a procedure under another service (or none), in the database and at once in the search: the index
   * moves the one procedure instead of being built again (~200 ms for the national catalogue).
   */
  setService(id: number, serviceId: number | null): { before: ProcedureRow; after: ProcedureRow } {
    const before = this.store.catalogue.procedure(id) ?? fail('LAYSO_PROCEDURE_NOT_FOUND');
    // The province offers it under a service this site has: not the site's to move. Else the site maps it.
    const service = this.store.province.procedure(before.code)?.service ?? null;
    if (service !== null && this.store.catalogue.serviceByCode(service))
      fail('LAYSO_PROVINCE_MANAGED', { code: before.code, service });
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
