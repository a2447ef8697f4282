import type { ClientBase } from 'pg';

/**
 * The sites joined to the hub, the batches of facts they sent, the facts themselves (partitioned by month) and the
 * day totals reports read. Facts carry no personal data — no names, phones, ID numbers or free-text notes: only
 * codes, numbers and times; `payload` holds the rest of a fact's kind-specific fields under that same rule.
 *
 * Idempotency per (site, seq): PostgreSQL requires a unique key on a partitioned table to include the partition
 * key, so `facts` is keyed (site_id, seq, day) — that refuses a fact sent again as it was (its day does not change
 * between tries). What refuses a seq sent twice with different content is `site_batches`: every fact is committed
 * with the batch that carried it, and a site's batches may not overlap (the exclusion constraint below), so a
 * (site, seq) commits at most once whatever its day says. A separate (site_id, seq) table was rejected: a second
 * index as large as the facts, unpartitioned, growing forever, for what one row per batch already guarantees.
 */
export async function up(db: ClientBase): Promise<void> {
  await db.query(`
    -- Gist exclusion on (site_id =, range &&) needs equality on integers in gist: btree_gist, a trusted extension
    -- that Debian's postgresql package ships.
    CREATE EXTENSION IF NOT EXISTS btree_gist;

    CREATE TABLE sites (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      commune text NOT NULL,
      -- The site key is shown once when issued; only its hash is kept. A revoked key is refused from then on.
      key_hash text NOT NULL,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz
    );

    CREATE TABLE site_batches (
      site_id integer NOT NULL REFERENCES sites (id),
      first_seq bigint NOT NULL CHECK (first_seq > 0),
      last_seq bigint NOT NULL CHECK (last_seq >= first_seq),
      -- The hub's clock: a site's own clock may be wrong, so ordering is by seq, never by a site's time.
      received_at timestamptz NOT NULL DEFAULT now(),
      -- Also the index behind "the last seq this site committed" (the acknowledgement).
      UNIQUE (site_id, last_seq),
      EXCLUDE USING gist (site_id WITH =, int8range(first_seq, last_seq, '[]') WITH &&)
    );

    -- No default partition: a fact for a month without one is refused (the ingest makes the months a batch needs
    -- first, with ensure_month_partition), rather than piling up in a catch-all that later blocks making that month.
    CREATE TABLE facts (
      site_id integer NOT NULL REFERENCES sites (id),
      seq bigint NOT NULL CHECK (seq > 0),
      kind text NOT NULL,
      -- The fact's day in Asia/Ho_Chi_Minh as the site reckoned it (its report day), and the site's time of it.
      day date NOT NULL,
      at timestamptz NOT NULL,
      service_code text,
      counter integer,
      ticket_number text,
      payload jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(payload) = 'object'),
      PRIMARY KEY (site_id, seq, day)
    ) PARTITION BY RANGE (day);

    -- Makes (once) the partition holding the month of d and returns its name. Many sessions may call it at once: a
    -- transaction-scoped advisory lock per month serialises the check and the CREATE, taken only when the month is
    -- missing. Creating a partition locks facts whole until commit, so the ingest calls this in a short
    -- transaction of its own before a batch's, never inside it.
    CREATE FUNCTION ensure_month_partition(d date) RETURNS text
    LANGUAGE plpgsql AS $$
    DECLARE
      month_start date := date_trunc('month', d)::date;
      part text := 'facts_' || to_char(month_start, 'YYYY_MM');
    BEGIN
      IF to_regclass(part) IS NOT NULL THEN
        RETURN part;
      END IF;
      PERFORM pg_advisory_xact_lock(hashtext('layso.facts'), to_char(month_start, 'YYYYMM')::integer);
      -- Asked of pg_class by a query, not to_regclass: taking an advisory lock does not refresh the session's
      -- catalog cache, which may not yet show the partition another session just committed.
      IF NOT EXISTS (SELECT FROM pg_class WHERE relname = part AND relnamespace = current_schema()::regnamespace) THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF facts FOR VALUES FROM (%L) TO (%L)', part, month_start,
          (month_start + interval '1 month')::date);
      END IF;
      RETURN part;
    END
    $$;

    -- One row per site, day and service: what province reports read instead of the facts.
    CREATE TABLE daily_totals (
      site_id integer NOT NULL REFERENCES sites (id),
      day date NOT NULL,
      service_code text NOT NULL,
      issued integer NOT NULL DEFAULT 0,
      served integer NOT NULL DEFAULT 0,
      no_show integer NOT NULL DEFAULT 0,
      cancelled integer NOT NULL DEFAULT 0,
      transferred integer NOT NULL DEFAULT 0,
      wait_sum_seconds bigint NOT NULL DEFAULT 0,
      wait_count integer NOT NULL DEFAULT 0,
      wait_max_seconds integer NOT NULL DEFAULT 0,
      service_sum_seconds bigint NOT NULL DEFAULT 0,
      service_count integer NOT NULL DEFAULT 0,
      rating_sum integer NOT NULL DEFAULT 0,
      rating_count integer NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (site_id, day, service_code)
    );
    CREATE INDEX daily_totals_day ON daily_totals (day);
  `);
}
