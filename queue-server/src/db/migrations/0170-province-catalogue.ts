import type { Database } from 'better-sqlite3';

/**
 * Hub → site (issue 20): what the province's catalogue manages here. `province_procedures` names the procedures it
 * holds (with the province-level service code it offers each under, or null: the site maps it); `province_catalogue`
 * the version applied, its ETag and whether the province sets the announcement and the priority groups. The
 * procedures, the announcement and the groups themselves stay in their own tables, where every reader finds them.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE province_procedures (
      code TEXT PRIMARY KEY,
      service_code TEXT
    );
    CREATE TABLE province_catalogue (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      version INTEGER NOT NULL,
      etag TEXT,
      applied_at INTEGER NOT NULL,
      announce INTEGER NOT NULL,
      priority_groups INTEGER NOT NULL
    );
  `);
}
