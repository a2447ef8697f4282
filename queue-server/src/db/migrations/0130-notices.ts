import type { Database } from 'better-sqlite3';

/**
 * Notices to the citizen (issue 19): the browsers' push subscriptions of a ticket (kept under the intake
 * retention, with the consent text's version), and the notices outbox — one row per notice, channel and recipient,
 * unique by its idempotency key, written in the transaction that caused it. A row holds no personal data: the
 * recipient is the ticket's intake phone or a subscription, looked up when it goes out. New tables only.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE push_subscriptions (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER NOT NULL REFERENCES tickets(id),
      endpoint TEXT NOT NULL,
      p256dh TEXT NOT NULL,
      auth TEXT NOT NULL,
      consent_version TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      UNIQUE (ticket_id, endpoint)
    );
    CREATE TABLE notices (
      id INTEGER PRIMARY KEY,
      key TEXT NOT NULL,
      event TEXT NOT NULL,
      channel TEXT NOT NULL CHECK (channel IN ('push', 'zns', 'sms')),
      -- 'phone' (the intake's) or 's<subscription id>'
      target TEXT NOT NULL,
      ticket_id INTEGER REFERENCES tickets(id),
      dossier_code TEXT,
      params TEXT NOT NULL CHECK (json_valid(params)),
      created_at INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      strikes INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_attempt_at INTEGER,
      last_error TEXT,
      sent_at INTEGER,
      dead_at INTEGER,
      dead_reason TEXT,
      dropped_at INTEGER,
      UNIQUE (key, channel, target)
    );
    CREATE INDEX notices_due ON notices(channel, next_attempt_at) WHERE sent_at IS NULL AND dead_at IS NULL AND dropped_at IS NULL;
    CREATE INDEX notices_created ON notices(created_at);
    CREATE INDEX notices_ticket ON notices(ticket_id);
  `);
}
