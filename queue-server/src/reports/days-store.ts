import type { Database, Statement } from 'better-sqlite3';
import type { DayAggregate, DayGroup } from './build.js';

/** A histogram's `[key, count, …]` pairs as stored: int32 little-endian. */
export function encodePairs(pairs: ArrayLike<number>): Buffer {
  const buf = Buffer.allocUnsafe(pairs.length * 4);
  for (let i = 0; i < pairs.length; i++) buf.writeInt32LE(pairs[i] ?? 0, i * 4);
  return buf;
}

export function decodePairs(buf: Buffer): Int32Array {
  const out = new Int32Array(buf.length >> 2);
  for (let i = 0; i < out.length; i++) out[i] = buf.readInt32LE(i * 4);
  return out;
}

type GroupRaw = [
  day: string,
  serviceId: number,
  counterId: number | null,
  officerId: number | null,
  issued: number,
  served: number,
  noShow: number,
  transferred: number,
  leftWaiting: number,
  waitMs: number,
  serviceMs: number,
  verySatisfied: number,
  satisfied: number,
  unsatisfied: number,
  unrated: number,
  waits: Buffer,
  services: Buffer,
  cancelled: number,
];

/**
 * The stored closed days of reports (migrations 0100, 0150): which days are aggregated, their rows, writing a day.
 * Reads are seeks on `report_closed_days`' key and on `report_days_day`.
 */
export class ReportDayStore {
  private readonly s: {
    closed: Statement<[string, string], { day: string }>;
    isClosed: Statement<[string], { day: string }>;
    groups: Statement<[string, string], GroupRaw>;
    arrivals: Statement<[string, string], { arrivals: string }>;
    clear: Statement<[string]>;
    insertGroup: Statement<unknown[]>;
    insertDay: Statement<[string, number, string, number]>;
  };

  constructor(readonly db: Database) {
    const p = <P extends unknown[], R = unknown>(sql: string) => db.prepare<P, R>(sql);
    this.s = {
      closed: p('SELECT day FROM report_closed_days WHERE day BETWEEN ? AND ?'),
      isClosed: p('SELECT day FROM report_closed_days WHERE day = ?'),
      groups:
        p(`SELECT day, service_id, counter_id, officer_id, issued, served, no_show, transferred, left_waiting,
        wait_ms, service_ms, very_satisfied, satisfied, unsatisfied, unrated, waits, services, cancelled
        FROM report_days WHERE day BETWEEN ? AND ?`),
      arrivals: p('SELECT arrivals FROM report_closed_days WHERE day BETWEEN ? AND ?'),
      clear: p('DELETE FROM report_days WHERE day = ?'),
      insertGroup:
        p(`INSERT INTO report_days (day, service_id, counter_id, officer_id, issued, served, no_show,
        transferred, left_waiting, wait_ms, service_ms, very_satisfied, satisfied, unsatisfied, unrated, waits, services,
        cancelled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertDay: p(
        'INSERT INTO report_closed_days (day, tickets, arrivals, aggregated_at) VALUES (?, ?, ?, ?)',
      ),
    };
    this.s.groups.raw(true);
  }

  /** The aggregated days of `from..to`. */
  closedDays(from: string, to: string): Set<string> {
    return new Set(this.s.closed.all(from, to).map((r) => r.day));
  }

  isClosed(day: string): boolean {
    return this.s.isClosed.get(day) !== undefined;
  }

  /**
   * Stores a day's aggregate and marks it aggregated. Call inside the transaction that read its tickets (and
   * checked `isClosed`), so a day is stored whole, once.
   */
  write(a: DayAggregate, at: number): void {
    this.s.clear.run(a.day);
    for (const g of a.groups) {
      this.s.insertGroup.run(
        a.day,
        g.serviceId,
        g.counterId,
        g.officerId,
        g.issued,
        g.served,
        g.noShow,
        g.transferred,
        g.leftWaiting,
        g.waitMs,
        g.serviceMs,
        g.ratings.verySatisfied,
        g.ratings.satisfied,
        g.ratings.unsatisfied,
        g.ratings.none,
        encodePairs(g.waitPairs),
        encodePairs(g.servicePairs),
        g.cancelled,
      );
    }
    this.s.insertDay.run(a.day, a.tickets, JSON.stringify(a.arrivals), at);
  }

  /** The stored groups of the aggregated days of `from..to`, streamed. */
  *groups(from: string, to: string): Generator<DayGroup> {
    for (const r of this.s.groups.iterate(from, to)) {
      yield {
        day: r[0],
        serviceId: r[1],
        counterId: r[2],
        officerId: r[3],
        issued: r[4],
        served: r[5],
        noShow: r[6],
        transferred: r[7],
        leftWaiting: r[8],
        waitMs: r[9],
        serviceMs: r[10],
        ratings: { verySatisfied: r[11], satisfied: r[12], unsatisfied: r[13], none: r[14] },
        waitPairs: decodePairs(r[15]),
        servicePairs: decodePairs(r[16]),
        cancelled: r[17],
      };
    }
  }

  /** The arrivals per `hourCell` of the aggregated days of `from..to`. */
  *arrivals(from: string, to: string): Generator<[cell: number, arrivals: number]> {
    for (const r of this.s.arrivals.iterate(from, to)) {
      yield* JSON.parse(r.arrivals) as [number, number][];
    }
  }

  /** The query plans of the reads, for the test that pins them to indexes. */
  plans(): string[] {
    return [this.s.closed, this.s.groups, this.s.arrivals].flatMap((st) =>
      (
        this.db.prepare(`EXPLAIN QUERY PLAN ${st.source}`).all('2026-01-01', '2026-12-31') as {
          detail: string;
        }[]
      ).map((r) => r.detail),
    );
  }
}
