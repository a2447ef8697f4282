import type { Database } from 'better-sqlite3';
import type { NoticeChannel, NoticeCounts, NoticeEvent, NoticeState } from '@layso/protocol';
import { toDate } from './sql.js';

/**
 * One notice of the outbox (migration 0130): an event told on one channel to one recipient. `attempts` counts the
 * failed attempts; `strikes` only those that failed while the provider answered others. No personal data: the
 * recipient (`target`) is 'phone' — the ticket's intake phone, looked up when it goes — or 's<subscription id>'.
 */
export interface NoticeRow {
  id: number;
  key: string;
  event: NoticeEvent;
  channel: NoticeChannel;
  target: string;
  ticketId: number | null;
  dossierCode: string | null;
  /** The template's values as planned (number, counter, service, ahead, dossier …): nothing personal. */
  params: Record<string, string>;
  createdAt: Date;
  attempts: number;
  strikes: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastError: string | null;
  sentAt: Date | null;
  deadAt: Date | null;
  deadReason: string | null;
  droppedAt: Date | null;
}

export interface NewNotice {
  key: string;
  event: NoticeEvent;
  channel: NoticeChannel;
  target: string;
  ticketId: number | null;
  dossierCode: string | null;
  params: Record<string, string>;
  at: Date;
  /** When it may go (a reminder's time); default `at`, at once. */
  dueAt?: Date;
}

interface Row {
  id: number;
  key: string;
  event: NoticeEvent;
  channel: NoticeChannel;
  target: string;
  ticket_id: number | null;
  dossier_code: string | null;
  params: string;
  created_at: number;
  attempts: number;
  strikes: number;
  next_attempt_at: number;
  last_attempt_at: number | null;
  last_error: string | null;
  sent_at: number | null;
  dead_at: number | null;
  dead_reason: string | null;
  dropped_at: number | null;
}

const fromRow = (r: Row): NoticeRow => ({
  id: r.id,
  key: r.key,
  event: r.event,
  channel: r.channel,
  target: r.target,
  ticketId: r.ticket_id,
  dossierCode: r.dossier_code,
  params: JSON.parse(r.params) as Record<string, string>,
  createdAt: new Date(r.created_at),
  attempts: r.attempts,
  strikes: r.strikes,
  nextAttemptAt: new Date(r.next_attempt_at),
  lastAttemptAt: toDate(r.last_attempt_at),
  lastError: r.last_error,
  sentAt: toDate(r.sent_at),
  deadAt: toDate(r.dead_at),
  deadReason: r.dead_reason,
  droppedAt: toDate(r.dropped_at),
});

export function noticeState(n: NoticeRow): NoticeState {
  return n.sentAt ? 'sent' : n.deadAt ? 'dead' : n.droppedAt ? 'dropped' : 'pending';
}

const PENDING = 'sent_at IS NULL AND dead_at IS NULL AND dropped_at IS NULL';
const DEAD = 'dead_at IS NOT NULL';
/**
 * A notice's params with a one-time code blanked: a booking code's row keeps it only while it may still go out
 * (issue 21); sent, dropped or dead, the code is gone from the outbox.
 */
export const FORGET_CODE = `CASE WHEN event = 'booking_code' THEN json_set(params, '$.code', '') ELSE params END`;
/** A one-time code that died is not retried (blanked, and spent by then): the citizen asks for a new one. */
const RETRYABLE = `event <> 'booking_code'`;
/**
 * No other channel told (or is telling) this recipient this notice: a dead ZNS row whose SMS fallback went is not
 * retried, or the phone would get it twice.
 */
const NOT_TOLD_ELSEWHERE = `NOT EXISTS (SELECT 1 FROM notices o WHERE o.key = notices.key
  AND o.target = notices.target AND o.id <> notices.id AND o.dead_at IS NULL AND o.dropped_at IS NULL)`;

export interface NoticeCountRow extends NoticeCounts {
  channel: NoticeChannel;
  event: NoticeEvent;
}

export interface NoticeListQuery {
  from: number;
  to: number;
  state: NoticeState | null;
  channel: NoticeChannel | null;
  limit: number;
}

function prepare(db: Database) {
  return {
    insert: db.prepare<{
      key: string;
      event: string;
      channel: string;
      target: string;
      ticketId: number | null;
      dossierCode: string | null;
      params: string;
      at: number;
      due: number;
    }>(`INSERT OR IGNORE INTO notices (key, event, channel, target, ticket_id, dossier_code, params, created_at,
        next_attempt_at) VALUES (@key, @event, @channel, @target, @ticketId, @dossierCode, @params, @at, @due)`),
    byId: db.prepare<[number], Row>('SELECT * FROM notices WHERE id = ?'),
    next: db.prepare<[string, number], Row>(
      `SELECT * FROM notices WHERE channel = ? AND ${PENDING} AND next_attempt_at <= ?
        ORDER BY next_attempt_at, id LIMIT 1`,
    ),
    due: db.prepare<[string, number, number], Row>(
      `SELECT * FROM notices WHERE channel = ? AND ${PENDING} AND next_attempt_at <= ?
        ORDER BY next_attempt_at, id LIMIT ?`,
    ),
    oldestPending: db.prepare<[string, string], { at: number | null }>(
      `SELECT min(created_at) AS at FROM notices WHERE channel = ? AND ${PENDING}
        AND event IN (SELECT value FROM json_each(?))`,
    ),
    nextDueAt: db.prepare<[string], { at: number | null }>(
      `SELECT min(next_attempt_at) AS at FROM notices WHERE channel = ? AND ${PENDING}`,
    ),
    sent: db.prepare<{ id: number; at: number; attemptedAt: number }>(
      `UPDATE notices SET sent_at = @at, last_attempt_at = @attemptedAt, params = ${FORGET_CODE}
        WHERE id = @id AND ${PENDING}`,
    ),
    failed: db.prepare<{ id: number; at: number; error: string; next: number; strike: 0 | 1 }>(
      `UPDATE notices SET attempts = attempts + 1, strikes = strikes + @strike, last_error = @error,
        last_attempt_at = @at, next_attempt_at = @next WHERE id = @id AND ${PENDING}`,
    ),
    dead: db.prepare<{ id: number; at: number; reason: string; attempted: 0 | 1 }>(
      `UPDATE notices SET attempts = attempts + @attempted, last_error = @reason, dead_reason = @reason,
        dead_at = @at, last_attempt_at = CASE WHEN @attempted = 1 THEN @at ELSE last_attempt_at END,
        params = ${FORGET_CODE} WHERE id = @id AND ${PENDING}`,
    ),
    dropped: db.prepare<{ id: number; at: number; reason: string }>(
      `UPDATE notices SET dropped_at = @at, last_error = @reason, params = ${FORGET_CODE}
        WHERE id = @id AND ${PENDING}`,
    ),
    hold: db.prepare<{ id: number; until: number; reason: string }>(
      `UPDATE notices SET next_attempt_at = @until, last_error = @reason WHERE id = @id AND ${PENDING}`,
    ),
    retry: db.prepare<{ id: number; at: number }>(
      `UPDATE notices SET dead_at = NULL, dead_reason = NULL, strikes = 0, next_attempt_at = @at
        WHERE id = @id AND ${DEAD} AND sent_at IS NULL AND ${RETRYABLE} AND ${NOT_TOLD_ELSEWHERE}`,
    ),
    retryChannel: db.prepare<{ channel: string; at: number }>(
      `UPDATE notices SET dead_at = NULL, dead_reason = NULL, strikes = 0, next_attempt_at = @at
        WHERE channel = @channel AND ${DEAD} AND sent_at IS NULL AND ${RETRYABLE} AND ${NOT_TOLD_ELSEWHERE}`,
    ),
    sentSince: db.prepare<[string, number], { n: number }>(
      'SELECT count(*) AS n FROM notices WHERE channel = ? AND sent_at >= ?',
    ),
    counts: db.prepare<[number, number], NoticeCountRow>(`SELECT channel, event,
        coalesce(sum(${PENDING}), 0) AS pending,
        coalesce(sum(sent_at IS NOT NULL), 0) AS sent,
        coalesce(sum(attempts), 0) AS failed,
        coalesce(sum(dead_at IS NOT NULL AND sent_at IS NULL), 0) AS dead,
        coalesce(sum(dropped_at IS NOT NULL), 0) AS dropped
      FROM notices WHERE created_at >= ? AND created_at < ? GROUP BY channel, event`),
    list: db.prepare<
      { from: number; to: number; state: string | null; channel: string | null; limit: number },
      Row
    >(`SELECT * FROM notices WHERE created_at >= @from AND created_at < @to
        AND (@channel IS NULL OR channel = @channel)
        AND (@state IS NULL
          OR (@state = 'pending' AND ${PENDING})
          OR (@state = 'sent' AND sent_at IS NOT NULL)
          OR (@state = 'dead' AND ${DEAD} AND sent_at IS NULL)
          OR (@state = 'dropped' AND dropped_at IS NOT NULL))
        ORDER BY id DESC LIMIT @limit`),
    forKey: db.prepare<[string], Row>('SELECT * FROM notices WHERE key = ? ORDER BY id'),
    aheadCandidates: db.prepare<[string, number], { id: number }>(`SELECT t.id FROM tickets t
      WHERE t.day = ? AND t.service_id = ? AND t.status = 'waiting'
        AND (EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.ticket_id = t.id)
          OR json_extract(t.intake, '$.notices') IS NOT NULL)
        AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.key = 't' || t.id || ':ahead')`),
    purge: db.prepare<[number]>(`DELETE FROM notices WHERE created_at < ? AND NOT (${PENDING})`),
    // From the service-day's waiting tickets (indexed) to their notices (by ticket): no scan of the outbox.
    unsentAhead: db.prepare<
      [string, number],
      Row
    >(`SELECT n.* FROM tickets t JOIN notices n ON n.ticket_id = t.id
      WHERE t.day = ? AND t.service_id = ? AND t.status = 'waiting'
        AND n.event = 'ahead' AND n.sent_at IS NULL AND n.dropped_at IS NULL`),
    setParams: db.prepare<[string, number]>('UPDATE notices SET params = ? WHERE id = ? AND sent_at IS NULL'),
  };
}

/** The notices outbox, as prepared statements. Times are `Date`s. */
export class NoticesRepo {
  private readonly st: ReturnType<typeof prepare>;

  constructor(db: Database) {
    this.st = prepare(db);
  }

  /** Queues a notice (inside the transaction that caused it), due at once; false when its key was queued already. */
  plan(n: NewNotice): boolean {
    return (
      this.st.insert.run({
        key: n.key,
        event: n.event,
        channel: n.channel,
        target: n.target,
        ticketId: n.ticketId,
        dossierCode: n.dossierCode,
        params: JSON.stringify(n.params),
        at: n.at.getTime(),
        due: (n.dueAt ?? n.at).getTime(),
      }).changes > 0
    );
  }
  byId(id: number): NoticeRow | null {
    const r = this.st.byId.get(id);
    return r ? fromRow(r) : null;
  }
  /** Every row of one idempotency key (all channels and recipients), oldest first. */
  forKey(key: string): NoticeRow[] {
    return this.st.forKey.all(key).map(fromRow);
  }
  /** The pending notice of `channel` due longest at `now`, or null. */
  next(channel: NoticeChannel, now: Date): NoticeRow | null {
    const r = this.st.next.get(channel, now.getTime());
    return r ? fromRow(r) : null;
  }
  /** The pending notices of `channel` due at `now`, longest due first, at most `limit`. */
  due(channel: NoticeChannel, now: Date, limit: number): NoticeRow[] {
    return this.st.due.all(channel, now.getTime(), limit).map(fromRow);
  }
  /** When the oldest pending notice of `channel` among `events` was planned, or null. */
  oldestPending(channel: NoticeChannel, events: readonly NoticeEvent[]): Date | null {
    return toDate(this.st.oldestPending.get(channel, JSON.stringify(events))?.at ?? null);
  }
  nextDueAt(channel: NoticeChannel): Date | null {
    return toDate(this.st.nextDueAt.get(channel)?.at ?? null);
  }
  /** Sent at `at` by the attempt begun (checked fresh) at `attemptedAt`. */
  markSent(id: number, at: Date, attemptedAt: Date = at): void {
    this.st.sent.run({ id, at: at.getTime(), attemptedAt: attemptedAt.getTime() });
  }
  markFailed(id: number, at: Date, error: string, next: Date, strike: boolean): void {
    this.st.failed.run({ id, at: at.getTime(), error, next: next.getTime(), strike: strike ? 1 : 0 });
  }
  markDead(id: number, at: Date, reason: string, attempted: boolean): void {
    this.st.dead.run({ id, at: at.getTime(), reason, attempted: attempted ? 1 : 0 });
  }
  /** Stale (or past a quota that will not come back in time): never sent. */
  markDropped(id: number, at: Date, reason: string): void {
    this.st.dropped.run({ id, at: at.getTime(), reason });
  }
  /** Not now (quiet hours, the daily quota): due again at `until`. */
  hold(id: number, until: Date, reason: string): void {
    this.st.hold.run({ id, until: until.getTime(), reason });
  }
  /**
   * Dead letters back to pending, due at `at`: the ids given, else all of `channel` — except a notice another channel
   * sent (or is sending) to the same recipient. Returns how many.
   */
  retryDead(at: Date, ids: readonly number[] | null, channel: NoticeChannel | null): number {
    if (ids) return ids.reduce((n, id) => n + this.st.retry.run({ id, at: at.getTime() }).changes, 0);
    if (channel) return this.st.retryChannel.run({ channel, at: at.getTime() }).changes;
    return 0;
  }
  /** Notices of `channel` sent since `from` (the daily quota, the month's counter). */
  sentSince(channel: NoticeChannel, from: Date): number {
    return this.st.sentSince.get(channel, from.getTime())?.n ?? 0;
  }
  /** Counts by channel and event of notices created in [from, to). */
  counts(from: Date, to: Date): NoticeCountRow[] {
    return this.st.counts.all(from.getTime(), to.getTime());
  }
  list(q: NoticeListQuery): NoticeRow[] {
    return this.st.list.all(q).map(fromRow);
  }
  /** Waiting tickets of a service-day that someone follows (push or consented phone) and not yet told "ahead". */
  aheadCandidates(day: string, serviceId: number): number[] {
    return this.st.aheadCandidates.all(day, serviceId).map((r) => r.id);
  }
  /** The "N ahead" notices of a service-day's waiting tickets not sent yet (pending, or dead and so retryable): see NoticePlanner. */
  unsentAhead(day: string, serviceId: number): NoticeRow[] {
    return this.st.unsentAhead.all(day, serviceId).map(fromRow);
  }
  /** Replaces the template values of a notice not sent yet. */
  setParams(id: number, params: Record<string, string>): void {
    this.st.setParams.run(JSON.stringify(params), id);
  }
  /** Drops finished notices created before `before` (delivery history kept as long as the intake). */
  purge(before: Date): number {
    return this.st.purge.run(before.getTime()).changes;
  }
}
