import type { Database } from 'better-sqlite3';

/**
 * Feedback and complaints (issue 22). `feedback_cases`: the register, one row a case; its due days are fixed at
 * receipt (working days on the center's calendar); `name` and `phone` are erased by retention after closing
 * (`personal_erased_at`), the text and the answer stay. `feedback_events`: each action (who, when, a short note).
 * `feedback_files`: pictures attached from a phone, stored under DATA_DIR/feedback-files/ by a random name.
 *
 * `users.role` gains 'reception' (tiếp nhận phản ánh). SQLite cannot alter a CHECK, so `users` is rebuilt; other
 * tables reference users(id) and migrations run in one transaction with foreign keys on, so the references are
 * deferred while the table is gone (a DROP's implicit delete counts them as violations, re-inserting each user
 * resolves them) — no `writable_schema`, no foreign keys switched off. No reference to users has an ON DELETE
 * action, so the implicit delete changes no other row.
 */
export function up(db: Database): void {
  db.pragma('defer_foreign_keys = ON');
  db.exec(`
    CREATE TABLE users_0190 AS SELECT * FROM users;
    DROP TABLE users;
    CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      username TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin','supervisor','officer','reception')),
      password_hash TEXT NOT NULL,
      counter_id INTEGER,
      active INTEGER NOT NULL DEFAULT 1
    );
    INSERT INTO users (id, username, display_name, role, password_hash, counter_id, active)
      SELECT id, username, display_name, role, password_hash, counter_id, active FROM users_0190;
    DROP TABLE users_0190;

    CREATE TABLE feedback_cases (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      channel TEXT NOT NULL CHECK (channel IN ('kiosk','phone','officer','desk')),
      origin TEXT CHECK (origin IN ('ticket','rating','poster')),
      received_at INTEGER NOT NULL,
      received_day TEXT NOT NULL,
      topic TEXT NOT NULL,
      text TEXT NOT NULL,
      name TEXT,
      phone TEXT,
      consent_version TEXT,
      personal_erased_at INTEGER,
      dossier_code TEXT,
      ticket_id INTEGER REFERENCES tickets(id),
      counter_id INTEGER REFERENCES counters(id),
      device_id INTEGER,
      received_by INTEGER REFERENCES users(id),
      status TEXT NOT NULL CHECK (status IN ('new','processing','forwarded','answered','closed')),
      class TEXT CHECK (class IN ('not-qualified','officer-conduct','within-authority','outside-authority')),
      class_note TEXT,
      service_id INTEGER REFERENCES services(id),
      officer_id INTEGER REFERENCES users(id),
      assignee_id INTEGER REFERENCES users(id),
      forward_due_day TEXT NOT NULL,
      answer_due_day TEXT NOT NULL,
      forwarded_to TEXT,
      forward_means TEXT,
      forwarded_at INTEGER,
      forward_reference TEXT,
      answer TEXT,
      answered_at INTEGER,
      answered_by INTEGER REFERENCES users(id),
      published INTEGER NOT NULL DEFAULT 0,
      closed_at INTEGER,
      close_note TEXT
    );
    CREATE INDEX feedback_cases_day ON feedback_cases(received_day);
    CREATE INDEX feedback_cases_open ON feedback_cases(status) WHERE status NOT IN ('answered','closed');
    CREATE INDEX feedback_cases_retention ON feedback_cases(closed_at)
      WHERE closed_at IS NOT NULL AND personal_erased_at IS NULL;
    CREATE INDEX feedback_cases_phone ON feedback_cases(phone, received_at) WHERE phone IS NOT NULL;
    CREATE INDEX feedback_cases_device ON feedback_cases(device_id, received_at) WHERE device_id IS NOT NULL;
    CREATE INDEX feedback_cases_ticket ON feedback_cases(ticket_id) WHERE ticket_id IS NOT NULL;
    CREATE TABLE feedback_events (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES feedback_cases(id),
      at INTEGER NOT NULL,
      kind TEXT NOT NULL,
      by_user INTEGER REFERENCES users(id),
      note TEXT
    );
    CREATE INDEX feedback_events_case ON feedback_events(case_id);
    CREATE TABLE feedback_files (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES feedback_cases(id),
      name TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL CHECK (type IN ('image/jpeg','image/png')),
      bytes INTEGER NOT NULL,
      page INTEGER,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX feedback_files_case ON feedback_files(case_id);
  `);
}
