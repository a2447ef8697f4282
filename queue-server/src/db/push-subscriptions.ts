import type { Database } from 'better-sqlite3';

/** A browser's push subscription to one ticket's notices (migration 0130). Personal: never log it. */
export interface PushSubscriptionRow {
  id: number;
  ticketId: number;
  endpoint: string;
  p256dh: string;
  auth: string;
  consentVersion: string;
  createdAt: Date;
}

/** Browsers one ticket may notify: the citizen's phone and a companion's, with room for a new browser. */
export const MAX_PUSH_SUBSCRIPTIONS = 3;

interface Row {
  id: number;
  ticket_id: number;
  endpoint: string;
  p256dh: string;
  auth: string;
  consent_version: string;
  created_at: number;
}

const fromRow = (r: Row): PushSubscriptionRow => ({
  id: r.id,
  ticketId: r.ticket_id,
  endpoint: r.endpoint,
  p256dh: r.p256dh,
  auth: r.auth,
  consentVersion: r.consent_version,
  createdAt: new Date(r.created_at),
});

function prepare(db: Database) {
  return {
    upsert: db.prepare<{
      ticketId: number;
      endpoint: string;
      p256dh: string;
      auth: string;
      consent: string;
      at: number;
    }>(`INSERT INTO push_subscriptions (ticket_id, endpoint, p256dh, auth, consent_version, created_at)
      VALUES (@ticketId, @endpoint, @p256dh, @auth, @consent, @at)
      ON CONFLICT (ticket_id, endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth,
        consent_version = excluded.consent_version, created_at = excluded.created_at`),
    keepNewest: db.prepare<[number, number, number]>(
      `DELETE FROM push_subscriptions WHERE ticket_id = ? AND id NOT IN (SELECT id FROM push_subscriptions
        WHERE ticket_id = ? ORDER BY created_at DESC, id DESC LIMIT ?)`,
    ),
    remove: db.prepare<[number, string]>(
      'DELETE FROM push_subscriptions WHERE ticket_id = ? AND endpoint = ?',
    ),
    removeId: db.prepare<[number]>('DELETE FROM push_subscriptions WHERE id = ?'),
    byId: db.prepare<[number], Row>('SELECT * FROM push_subscriptions WHERE id = ?'),
    byTicket: db.prepare<[number], Row>('SELECT * FROM push_subscriptions WHERE ticket_id = ? ORDER BY id'),
    move: db.prepare<[number, number]>(
      'UPDATE OR IGNORE push_subscriptions SET ticket_id = ? WHERE ticket_id = ?',
    ),
    purge: db.prepare<[string]>(
      'DELETE FROM push_subscriptions WHERE ticket_id IN (SELECT id FROM tickets WHERE day < ?)',
    ),
    count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM push_subscriptions'),
  };
}

/** Push subscriptions: added from the phone page, removed by the citizen, the push service (404/410) or retention. */
export class PushSubscriptionsRepo {
  private readonly st: ReturnType<typeof prepare>;

  constructor(db: Database) {
    this.st = prepare(db);
  }

  /**
   * Adds (or refreshes the keys and consent of) a browser's subscription to a ticket. At most
   * {@link MAX_PUSH_SUBSCRIPTIONS} a ticket: the oldest (least recently saved) gives way, so anyone holding the QR
   * cannot pile up endpoints, and the citizen saving again always gets theirs back.
   */
  save(
    ticketId: number,
    s: { endpoint: string; p256dh: string; auth: string; consentVersion: string },
    at: Date,
  ): void {
    this.st.upsert.run({
      ticketId,
      endpoint: s.endpoint,
      p256dh: s.p256dh,
      auth: s.auth,
      consent: s.consentVersion,
      at: at.getTime(),
    });
    this.st.keepNewest.run(ticketId, ticketId, MAX_PUSH_SUBSCRIPTIONS);
  }
  remove(ticketId: number, endpoint: string): boolean {
    return this.st.remove.run(ticketId, endpoint).changes > 0;
  }
  removeById(id: number): void {
    this.st.removeId.run(id);
  }
  byId(id: number): PushSubscriptionRow | null {
    const r = this.st.byId.get(id);
    return r ? fromRow(r) : null;
  }
  /**
   * The subscription a notice's target `s<id>` names, while it is still that ticket's: a deleted subscription's id
   * can be given again to another ticket's browser, and a notice planned before must not reach it.
   */
  forNotice(target: string, ticketId: number | null): PushSubscriptionRow | null {
    if (!target.startsWith('s')) return null;
    const s = this.byId(Number(target.slice(1)));
    return s !== null && s.ticketId === ticketId ? s : null;
  }
  byTicket(ticketId: number): PushSubscriptionRow[] {
    return this.st.byTicket.all(ticketId).map(fromRow);
  }
  /** A transferred ticket's subscriptions follow it to its new ticket. */
  move(fromTicketId: number, toTicketId: number): void {
    this.st.move.run(toTicketId, fromTicketId);
  }
  /** Drops subscriptions of tickets of days before `beforeDay` (the intake retention). Returns how many. */
  purge(beforeDay: string): number {
    return this.st.purge.run(beforeDay).changes;
  }
  count(): number {
    return this.st.count.get()?.n ?? 0;
  }
}
