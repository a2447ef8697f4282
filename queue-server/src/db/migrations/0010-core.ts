import type { Database } from 'better-sqlite3';

/** The center's configuration, tickets, numbering per service-day, accounts, devices. Times are epoch ms. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE services (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      name_en TEXT,
      number_prefix TEXT NOT NULL,
      number_digits INTEGER NOT NULL CHECK (number_digits BETWEEN 1 AND 6),
      daily_cap INTEGER NOT NULL CHECK (daily_cap > 0),
      hours TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE procedures (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      service_id INTEGER REFERENCES services(id),
      field TEXT,
      agency TEXT,
      level TEXT,
      processing_time TEXT,
      fee TEXT
    );
    CREATE INDEX procedures_service ON procedures(service_id);
    CREATE TABLE priority_groups (
      code TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      name_en TEXT NOT NULL,
      position INTEGER NOT NULL
    );
    CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      username TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin','supervisor','officer')),
      password_hash TEXT NOT NULL,
      counter_id INTEGER,
      active INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE counters (
      id INTEGER PRIMARY KEY,
      number INTEGER NOT NULL UNIQUE,
      name TEXT NOT NULL,
      paused INTEGER NOT NULL DEFAULT 0,
      officer_id INTEGER REFERENCES users(id),
      current_ticket_id INTEGER
    );
    CREATE TABLE counter_services (
      counter_id INTEGER NOT NULL REFERENCES counters(id) ON DELETE CASCADE,
      service_id INTEGER NOT NULL REFERENCES services(id),
      position INTEGER NOT NULL,
      PRIMARY KEY (counter_id, service_id)
    );
    CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id),
      counter_id INTEGER REFERENCES counters(id),
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE TABLE devices (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('kiosk','display','counter')),
      name TEXT NOT NULL,
      counter_id INTEGER REFERENCES counters(id),
      token_hash TEXT NOT NULL UNIQUE,
      created_at INTEGER NOT NULL,
      revoked_at INTEGER
    );
    CREATE TABLE service_days (
      service_id INTEGER NOT NULL REFERENCES services(id),
      day TEXT NOT NULL,
      last_seq INTEGER NOT NULL,
      priority_streak INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (service_id, day)
    );
    CREATE TABLE tickets (
      id INTEGER PRIMARY KEY,
      service_id INTEGER NOT NULL REFERENCES services(id),
      day TEXT NOT NULL,
      seq INTEGER NOT NULL,
      number TEXT NOT NULL,
      priority TEXT,
      procedure_id INTEGER REFERENCES procedures(id),
      status TEXT NOT NULL,
      queued_at INTEGER NOT NULL,
      issued_at INTEGER NOT NULL,
      called_at INTEGER,
      served_at INTEGER,
      finished_at INTEGER,
      counter_id INTEGER REFERENCES counters(id),
      officer_id INTEGER REFERENCES users(id),
      recalls INTEGER NOT NULL DEFAULT 0,
      outcome TEXT,
      dossier_code TEXT,
      dossier_procedure_id INTEGER REFERENCES procedures(id),
      appointment_at INTEGER,
      transferred_from_id INTEGER REFERENCES tickets(id),
      tracking_code TEXT NOT NULL UNIQUE,
      intake TEXT,
      rating TEXT,
      issued_by_device_id INTEGER REFERENCES devices(id),
      UNIQUE (service_id, day, seq)
    );
    CREATE INDEX tickets_queue ON tickets(day, service_id, status);
    CREATE INDEX tickets_counter ON tickets(counter_id, status);
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `);
}
