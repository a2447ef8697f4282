import type { Database } from 'better-sqlite3';
import type { WeeklyHours } from '@layso/protocol';
import type { ServiceRules } from '../domain/types.js';
import { bit } from './sql.js';
import type { Cache } from './store-cache.js';

/** A service as the store hands it out: its rules plus what screens and replies need. */
export interface ServiceRow extends ServiceRules {
  code: string;
  name: string;
  nameEn: string | null;
}

export interface ProcedureRow {
  id: number;
  code: string;
  name: string;
  serviceId: number | null;
  field: string | null;
  agency: string | null;
  level: string | null;
  processingTime: string | null;
  fee: string | null;
}

export interface PriorityGroupRow {
  code: string;
  name: string;
  nameEn: string;
}

interface ServiceRecord {
  id: number;
  code: string;
  name: string;
  name_en: string | null;
  number_prefix: string;
  number_digits: number;
  daily_cap: number;
  hours: string;
  active: number;
}

interface ServiceParams {
  id?: number;
  code: string;
  name: string;
  nameEn: string | null;
  prefix: string;
  digits: number;
  dailyCap: number;
  hours: string;
  active: 0 | 1;
}

interface ProcedureRecord {
  id: number;
  code: string;
  name: string;
  service_id: number | null;
  field: string | null;
  agency: string | null;
  level: string | null;
  processing_time: string | null;
  fee: string | null;
}

function toService(r: ServiceRecord): ServiceRow {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    numberFormat: { prefix: r.number_prefix, digits: r.number_digits },
    dailyCap: r.daily_cap,
    hours: JSON.parse(r.hours) as WeeklyHours,
    active: r.active === 1,
  };
}

function toProcedure(r: ProcedureRecord): ProcedureRow {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    serviceId: r.service_id,
    field: r.field,
    agency: r.agency,
    level: r.level,
    processingTime: r.processing_time,
    fee: r.fee,
  };
}

/** The catalogue's statements, typed by their parameters and rows. */
function prepare(db: Database) {
  return {
    servicesAll: db.prepare<[], ServiceRecord>('SELECT * FROM services ORDER BY id'),
    serviceById: db.prepare<[number], ServiceRecord>('SELECT * FROM services WHERE id = ?'),
    serviceByCode: db.prepare<[string], ServiceRecord>('SELECT * FROM services WHERE code = ?'),
    insertService: db.prepare<ServiceParams>(
      `INSERT INTO services (code, name, name_en, number_prefix, number_digits, daily_cap, hours, active)
          VALUES (@code, @name, @nameEn, @prefix, @digits, @dailyCap, @hours, @active)`,
    ),
    updateService: db.prepare<ServiceParams>(
      `UPDATE services SET code=@code, name=@name, name_en=@nameEn, number_prefix=@prefix,
          number_digits=@digits, daily_cap=@dailyCap, hours=@hours, active=@active WHERE id=@id`,
    ),
    procedureCounts: db.prepare<[], { service_id: number; n: number }>(
      'SELECT service_id, count(*) AS n FROM procedures WHERE service_id IS NOT NULL GROUP BY service_id',
    ),
    proceduresAll: db.prepare<[], ProcedureRecord>('SELECT * FROM procedures ORDER BY id'),
    procedureById: db.prepare<[number], ProcedureRecord>('SELECT * FROM procedures WHERE id = ?'),
    procedureByCode: db.prepare<[string], { id: number }>('SELECT id FROM procedures WHERE code = ?'),
    setProcedureService: db.prepare<[number | null, number]>(
      'UPDATE procedures SET service_id = ? WHERE id = ?',
    ),
    upsertProcedure: db.prepare<Omit<ProcedureRow, 'id'>>(
      `INSERT INTO procedures (code, name, service_id, field, agency, level, processing_time, fee)
          VALUES (@code, @name, @serviceId, @field, @agency, @level, @processingTime, @fee)
          ON CONFLICT(code) DO UPDATE SET name=excluded.name, service_id=excluded.service_id, field=excluded.field,
          agency=excluded.agency, level=excluded.level, processing_time=excluded.processing_time, fee=excluded.fee`,
    ),
    priorityGroupsAll: db.prepare<[], PriorityGroupRow>(
      'SELECT code, name, name_en AS nameEn FROM priority_groups ORDER BY position',
    ),
    clearPriorityGroups: db.prepare<[]>('DELETE FROM priority_groups'),
    insertPriorityGroup: db.prepare<[string, string, string, number]>(
      'INSERT INTO priority_groups (code, name, name_en, position) VALUES (?, ?, ?, ?)',
    ),
  };
}

/** The catalogue: services (what a kiosk offers), procedures and the priority groups. */
export class CatalogueRepo {
  private readonly st: ReturnType<typeof prepare>;

  constructor(
    db: Database,
    private readonly cache: Cache,
  ) {
    this.st = prepare(db);
  }

  services(): ServiceRow[] {
    return this.st.servicesAll.all().map(toService);
  }
  /** Read on every issue and reply; services change only through `saveService`, so rows are kept parsed. */
  service(id: number): ServiceRow | null {
    const cached = this.cache.services.get(id);
    if (cached) return cached;
    const r = this.st.serviceById.get(id);
    if (!r) return null;
    const row = Object.freeze(toService(r));
    this.cache.services.set(id, row);
    return row;
  }
  serviceByCode(code: string): ServiceRow | null {
    const r = this.st.serviceByCode.get(code);
    return r ? toService(r) : null;
  }
  /** Adds (no `id`) or updates a service; drops the kept services. */
  saveService(s: Omit<ServiceRow, 'id'> & { id?: number }): number {
    const params: ServiceParams = {
      code: s.code,
      name: s.name,
      nameEn: s.nameEn,
      prefix: s.numberFormat.prefix,
      digits: s.numberFormat.digits,
      dailyCap: s.dailyCap,
      hours: JSON.stringify(s.hours),
      active: bit(s.active),
    };
    this.cache.services.clear();
    if (s.id === undefined) return Number(this.st.insertService.run(params).lastInsertRowid);
    this.st.updateService.run({ ...params, id: s.id });
    return s.id;
  }

  procedureCounts(): ReadonlyMap<number, number> {
    if (this.cache.procedureCounts) return this.cache.procedureCounts;
    const rows = this.st.procedureCounts.all();
    return (this.cache.procedureCounts = new Map(rows.map((r) => [r.service_id, r.n])));
  }
  procedures(): ProcedureRow[] {
    return this.st.proceduresAll.all().map(toProcedure);
  }
  procedure(id: number): ProcedureRow | null {
    const r = this.st.procedureById.get(id);
    return r ? toProcedure(r) : null;
  }
  /** Maps a procedure to a service (or none); drops the kept procedures per service. */
  setProcedureService(id: number, serviceId: number | null): void {
    this.cache.procedureCounts = null;
    this.st.setProcedureService.run(serviceId, id);
  }
  /** Insert or update by code; true when it was new. Drops the kept procedures per service. */
  upsertProcedure(p: Omit<ProcedureRow, 'id'>): boolean {
    const existed = this.st.procedureByCode.get(p.code) !== undefined;
    this.cache.procedureCounts = null;
    this.st.upsertProcedure.run(p);
    return !existed;
  }

  priorityGroups(): PriorityGroupRow[] {
    return this.st.priorityGroupsAll.all();
  }
  /** Replaces the list (call inside a transaction). */
  setPriorityGroups(groups: PriorityGroupRow[]): void {
    this.st.clearPriorityGroups.run();
    groups.forEach((g, i) => this.addPriorityGroup(g, i));
  }
  addPriorityGroup(g: PriorityGroupRow, position: number): void {
    this.st.insertPriorityGroup.run(g.code, g.name, g.nameEn, position);
  }
}
