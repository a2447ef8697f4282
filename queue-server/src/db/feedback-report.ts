import type { Database, Statement } from 'better-sqlite3';

/** Unsatisfied ratings given to one officer's tickets over a range (null: a ticket served by nobody known). */
export interface UnsatisfiedRow {
  officerId: number | null;
  officerName: string | null;
  unsatisfied: number;
}

/**
 * What the feedback report reads beyond the register's own rows (those come from `FeedbackRepo.list`, with its
 * visibility rule): the ratings of tickets — unsatisfied ones over the range by officer, and the rating of each
 * case's ticket. Reads only; nothing personal.
 */
export class FeedbackReportReads {
  private readonly unsatisfied: Statement<
    [string, string],
    { officer_id: number | null; name: string | null; n: number }
  >;
  private readonly ratings: Statement<[string, string], { id: number; rating: string }>;

  constructor(db: Database) {
    this.unsatisfied = db.prepare(`SELECT t.officer_id, u.display_name AS name, count(*) AS n
      FROM tickets t LEFT JOIN users u ON u.id = t.officer_id
      WHERE t.day BETWEEN ? AND ? AND t.rating = 'unsatisfied'
      GROUP BY t.officer_id`);
    this.ratings =
      db.prepare(`SELECT c.id, t.rating FROM feedback_cases c JOIN tickets t ON t.id = c.ticket_id
      WHERE c.received_day BETWEEN ? AND ? AND t.rating IS NOT NULL`);
  }

  /** Tickets of Vietnam days [from, to] rated unsatisfied, per officer who served them. */
  unsatisfiedByOfficer(from: string, to: string): UnsatisfiedRow[] {
    return this.unsatisfied
      .all(from, to)
      .map((r) => ({ officerId: r.officer_id, officerName: r.name, unsatisfied: r.n }));
  }

  /** The rating of the ticket of each case received in [from, to] that is about a rated ticket, by case id. */
  ticketRatings(from: string, to: string): Map<number, string> {
    return new Map(this.ratings.all(from, to).map((r) => [r.id, r.rating]));
  }
}
