import type { Database, Statement } from 'better-sqlite3';

export interface AuditEntry {
  id: number;
  at: Date;
  userId: number | null;
  action: string;
  /** Facts of the action as JSON text: ids and counts, never personal data. */
  detail: string | null;
}

/** Who did what to the center's data, kept for the admin (migration 0060). Append-only. */
export class AuditLog {
  private readonly insert: Statement;
  private readonly recent: Statement;

  constructor(db: Database) {
    this.insert = db.prepare('INSERT INTO audit_log (at, user_id, action, detail) VALUES (?, ?, ?, ?)');
    this.recent = db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');
  }

  record(at: Date, userId: number | null, action: string, detail: object | null = null): void {
    this.insert.run(at.getTime(), userId, action, detail ? JSON.stringify(detail) : null);
  }

  list(limit = 100): AuditEntry[] {
    return (this.recent.all(Math.max(1, Math.min(limit, 1000))) as Record<string, unknown>[]).map((r) => ({
      id: r.id as number,
      at: new Date(r.at as number),
      userId: (r.user_id as number | null) ?? null,
      action: r.action as string,
      detail: (r.detail as string | null) ?? null,
    }));
  }
}
