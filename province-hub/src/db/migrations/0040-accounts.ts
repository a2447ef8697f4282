import type { ClientBase } from 'pg';

/**
 * The hub's people: accounts with a role, the sites a site_viewer sees, sessions, and the audit log of the
 * province admin's changes. A session's token is kept as its sha-256 only (a 256-bit random secret needs no slow
 * hash); a password as its argon2id hash. Usernames are stored lower-case, as typed at sign-in.
 */
export async function up(db: ClientBase): Promise<void> {
  await db.query(`
    CREATE TABLE users (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
      display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 120),
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('province_admin', 'province_viewer', 'site_viewer')),
      disabled_at timestamptz,
      created_at timestamptz NOT NULL
    );

    -- Only a site_viewer's rows mean anything: the province roles see every site whatever is here.
    CREATE TABLE user_sites (
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      site_id integer NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      PRIMARY KEY (user_id, site_id)
    );

    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      -- Moved forward as the session is used (at most once a minute): past the idle timeout it is refused.
      last_used_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_user ON sessions (user_id);
    CREATE INDEX sessions_expiry ON sessions (expires_at);

    -- Who (null: the CLI or the demo's seeding), when, what, and the change's details (never a password or a key).
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      user_id integer REFERENCES users (id),
      -- As it was then: the log still names who did it after a rename.
      username text,
      action text NOT NULL,
      details jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object')
    );
    CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
  `);
}
