import type { Database } from 'better-sqlite3';

/** The settings' statements, typed by their parameters and rows. */
function prepare(db: Database) {
  return {
    get: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
    put: db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ),
    centerAll: db.prepare<[], { key: string; value: string }>('SELECT key, value FROM center_settings'),
    centerPut: db.prepare<[string, string]>(
      'INSERT INTO center_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ),
  };
}

/**
 * Key-value settings: `settings` (the server's own notes, e.g. that this database is the demo center) and
 * `center_settings` (what the admin edits, one JSON value per key, migration 0080).
 */
export class SettingsRepo {
  private readonly st: ReturnType<typeof prepare>;

  constructor(db: Database) {
    this.st = prepare(db);
  }

  get(key: string): string | null {
    return this.st.get.get(key)?.value ?? null;
  }
  put(key: string, value: string): void {
    this.st.put.run(key, value);
  }
  /** The admin's saved center settings, as stored (JSON per key). */
  centerValues(): { key: string; value: string }[] {
    return this.st.centerAll.all();
  }
  /** Saves center settings (the caller's transaction makes them one change). */
  putCenterValue(key: string, value: string): void {
    this.st.centerPut.run(key, value);
  }
}
