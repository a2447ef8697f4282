import type { Database, Statement } from 'better-sqlite3';
import type { ReportTicket } from './tally.js';

/** One ticket as the report reads it: only the columns it needs, nothing about the citizen. */
type Raw = [
  serviceId: number,
  day: string,
  status: string,
  issuedAt: number,
  calledAt: number | null,
  servedAt: number | null,
  finishedAt: number | null,
  counterId: number | null,
  officerId: number | null,
  rating: string | null,
  transferredIn: number,
];

const toTicket = (r: Raw): ReportTicket => ({
  serviceId: r[0],
  day: r[1],
  status: r[2],
  issuedAt: r[3],
  calledAt: r[4],
  servedAt: r[5],
  finishedAt: r[6],
  counterId: r[7],
  officerId: r[8],
  rating: r[9],
  transferredIn: r[10] === 1,
});

/**
 * The tickets of a range of Vietnam days: today's for a report (live), a closed day's once, when it is aggregated
 * (reports/service.ts). The range is a seek on the `day` prefix of `tickets_waiting` (migration 0030), so a year
 * of history costs a read only its own rows and adds no index to the write path.
 */
export class ReportReads {
  private readonly range: Statement<[string, string], Raw>;
  private readonly first: Statement<[], { day: string | null }>;
  constructor(readonly db: Database) {
    // A seek to the first entry of the `day`-prefixed index.
    this.first = db.prepare('SELECT min(day) AS day FROM tickets');
    this.range = db.prepare(`
      SELECT service_id, day, status, issued_at, called_at, served_at, finished_at, counter_id, officer_id,
        rating, transferred_from_id IS NOT NULL
      FROM tickets WHERE day BETWEEN ? AND ?`);
    // Arrays, not objects: half the cost per row on a year of tickets.
    this.range.raw(true);
  }

  /** The day of the oldest ticket; null without any. */
  firstDay(): string | null {
    return this.first.get()?.day ?? null;
  }

  /** Streams the rows (a year of tickets is never held as full ticket objects). */
  *tickets(from: string, to: string): Generator<ReportTicket> {
    for (const r of this.range.iterate(from, to)) yield toTicket(r);
  }

  /** The tickets of one day, at once (a day is a few thousand rows: cheaper than stepping through them). */
  day(day: string): ReportTicket[] {
    return this.range.all(day, day).map(toTicket);
  }

  /** The query plan of the range read, for the test that pins it to an index. */
  plan(): string[] {
    return (
      this.db.prepare(`EXPLAIN QUERY PLAN ${this.range.source}`).all('2026-01-01', '2026-12-31') as {
        detail: string;
      }[]
    ).map((r) => r.detail);
  }
}
