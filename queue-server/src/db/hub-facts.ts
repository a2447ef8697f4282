import type { Database } from 'better-sqlite3';
import { HubFact } from '@layso/protocol';

/** A fact as a command records it: the seq is the outbox's to give. */
export type NewHubFact = HubFact extends infer F ? (F extends unknown ? Omit<F, 'seq'> : never) : never;

/** What is waiting for the hub: how many facts and since when (ms since the epoch) the oldest one. */
export interface HubBacklog {
  count: number;
  oldestAt: number | null;
}

/** Thrown when a command built a fact the protocol refuses: its command fails, nothing reaches the hub. */
export class HubFactError extends Error {
  override readonly name = 'HubFactError';
}

function prepare(db: Database) {
  return {
    insert: db.prepare<[number, string, string]>('INSERT INTO hub_facts (at, kind, fact) VALUES (?, ?, ?)'),
    from: db.prepare<[number], { seq: number; fact: string }>(
      'SELECT seq, fact FROM hub_facts ORDER BY seq LIMIT ?',
    ),
    drop: db.prepare<[number]>('DELETE FROM hub_facts WHERE seq <= ?'),
    acknowledge: db.prepare<[number, number]>(
      'UPDATE hub_link SET acknowledged_seq = max(acknowledged_seq, ?), acknowledged_at = ? WHERE id = 1',
    ),
    link: db.prepare<[], { acknowledged_seq: number; acknowledged_at: number | null }>(
      'SELECT acknowledged_seq, acknowledged_at FROM hub_link WHERE id = 1',
    ),
    backlog: db.prepare<[], { n: number; oldest: number | null }>(
      'SELECT count(*) AS n, (SELECT at FROM hub_facts ORDER BY seq LIMIT 1) AS oldest FROM hub_facts',
    ),
    firstHeld: db.prepare<[], { seq: number | null }>('SELECT min(seq) AS seq FROM hub_facts'),
    lastWritten: db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'hub_facts'"),
  };
}

/**
 * The hub's outbox (migration 0160). Facts are written only while the site is joined (`join`, from HUB_URL and
 * HUB_SITE_KEY), always inside the caller's transaction, each checked against the protocol first. Listeners hear of
 * a write so the sender can look soon after the commit; a rolled-back write is simply not found.
 */
export class HubFactsRepo {
  private readonly st: ReturnType<typeof prepare>;
  private site: string | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(db: Database) {
    this.st = prepare(db);
  }

  /** The site's code when joined to a hub; null records nothing. */
  join(site: string | null): void {
    this.site = site;
  }
  get joined(): boolean {
    return this.site !== null;
  }

  /** Records a fact in the current transaction (nothing when not joined). Throws HubFactError on a bad fact. */
  record(fact: NewHubFact): void {
    if (this.site === null) return;
    const checked = HubFact.safeParse({ ...fact, seq: 1 });
    if (!checked.success) {
      throw new HubFactError(
        `hub fact ${fact.kind} refused: ${checked.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
    }
    const { seq: _seq, ...stored } = checked.data;
    this.st.insert.run(Date.parse(fact.at), fact.kind, JSON.stringify(stored));
    for (const l of this.listeners) l();
  }

  /** Called after each record (inside its transaction: look after the commit, not now). Returns the unsubscribe. */
  onRecord(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The oldest `limit` facts held, in seq order, as the protocol types them. */
  oldest(limit: number): HubFact[] {
    return this.st.from.all(limit).map((r) => {
      const fact = HubFact.safeParse({ ...(JSON.parse(r.fact) as object), seq: r.seq });
      if (!fact.success) throw new HubFactError(`hub fact ${r.seq} no longer valid: ${fact.error.message}`);
      return fact.data;
    });
  }

  /** The hub has everything up to `seq`: those rows go, and the acknowledgement is kept. */
  acknowledge(seq: number, at: Date): void {
    this.st.drop.run(seq);
    this.st.acknowledge.run(seq, at.getTime());
  }

  /** The highest seq the hub acknowledged (0 before the first), and when. */
  acknowledged(): { seq: number; at: Date | null } {
    const r = this.st.link.get();
    return { seq: r?.acknowledged_seq ?? 0, at: r?.acknowledged_at ? new Date(r.acknowledged_at) : null };
  }

  backlog(): HubBacklog {
    const r = this.st.backlog.get();
    return { count: r?.n ?? 0, oldestAt: r?.oldest ?? null };
  }

  /** The lowest seq still held (null: nothing waits). */
  firstHeld(): number | null {
    return this.st.firstHeld.get()?.seq ?? null;
  }

  /** The highest seq ever written (0: none), held or acknowledged. */
  lastWritten(): number {
    return this.st.lastWritten.get()?.seq ?? 0;
  }
}
