import type { Database } from 'better-sqlite3';

/** The version of the province's catalogue applied here (migration 0170). */
export interface ProvinceApplied {
  version: number;
  etag: string | null;
  appliedAt: Date;
  /** Whether the province sets the announcement, and the priority groups (else the site's admin does). */
  announce: boolean;
  priorityGroups: boolean;
}

export interface ProvinceProcedure {
  code: string;
  /** The province-level service code it is offered under; null: the site maps it. */
  service: string | null;
}

interface AppliedRecord {
  version: number;
  etag: string | null;
  applied_at: number;
  announce: number;
  priority_groups: number;
}

function prepare(db: Database) {
  return {
    applied: db.prepare<[], AppliedRecord>('SELECT * FROM province_catalogue WHERE id = 1'),
    putApplied: db.prepare<[number, string | null, number, number, number]>(
      `INSERT INTO province_catalogue (id, version, etag, applied_at, announce, priority_groups)
         VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET version = excluded.version, etag = excluded.etag,
         applied_at = excluded.applied_at, announce = excluded.announce, priority_groups = excluded.priority_groups`,
    ),
    procedures: db.prepare<[], { code: string; service_code: string | null }>(
      'SELECT code, service_code FROM province_procedures ORDER BY code',
    ),
    procedure: db.prepare<[string], { code: string; service_code: string | null }>(
      'SELECT code, service_code FROM province_procedures WHERE code = ?',
    ),
    clear: db.prepare<[]>('DELETE FROM province_procedures'),
    add: db.prepare<[string, string | null]>(
      'INSERT INTO province_procedures (code, service_code) VALUES (?, ?)',
    ),
  };
}

/** What the province manages at this site: the applied version and its procedures. */
export class ProvinceRepo {
  private readonly st: ReturnType<typeof prepare>;

  constructor(db: Database) {
    this.st = prepare(db);
  }

  applied(): ProvinceApplied | null {
    const r = this.st.applied.get();
    if (!r) return null;
    return {
      version: r.version,
      etag: r.etag,
      appliedAt: new Date(r.applied_at),
      announce: r.announce === 1,
      priorityGroups: r.priority_groups === 1,
    };
  }

  procedures(): ProvinceProcedure[] {
    return this.st.procedures.all().map((r) => ({ code: r.code, service: r.service_code }));
  }

  procedure(code: string): ProvinceProcedure | null {
    const r = this.st.procedure.get(code);
    return r ? { code: r.code, service: r.service_code } : null;
  }

  /** Replaces what the province manages (call inside the transaction that applies the catalogue). */
  replace(applied: ProvinceApplied, procedures: readonly ProvinceProcedure[]): void {
    this.st.clear.run();
    for (const p of procedures) this.st.add.run(p.code, p.service);
    this.st.putApplied.run(
      applied.version,
      applied.etag,
      applied.appliedAt.getTime(),
      applied.announce ? 1 : 0,
      applied.priorityGroups ? 1 : 0,
    );
  }
}
