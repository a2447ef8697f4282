import type { HubBatch, HubFact } from '@layso/protocol';
import type { Pool } from 'pg';
import { applyLive } from './live.js';
import { rollUp } from './reports/rollup.js';
import { reportDay } from './vietnam-time.js';

/** What became of a batch: committed or a resend (both acknowledged), or a gap (refused, nothing stored). */
export type IngestResult =
  | { readonly outcome: 'stored' | 'duplicate'; readonly acknowledged: number }
  | { readonly outcome: 'gap'; readonly expected: number }
  | { readonly outcome: 'revoked' };

interface FactRow {
  seq: number;
  kind: string;
  day: string;
  at: string;
  service: string | null;
  counter: number | null;
  ticket: string | null;
  payload: string;
}

/** The columns reports filter on get their own; the rest of the kind's fields (codes and numbers) go in payload. */
function toRow(fact: HubFact): FactRow {
  const { kind, seq, at, ...rest } = fact;
  const payload: Record<string, unknown> = { ...rest };
  delete payload.service;
  delete payload.counter;
  delete payload.ticket;
  return {
    seq,
    kind,
    day: reportDay(at),
    at,
    service: 'service' in rest ? (rest.service ?? null) : null,
    counter: 'counter' in rest ? (rest.counter ?? null) : null,
    ticket: 'ticket' in rest ? rest.ticket : null,
    payload: JSON.stringify(payload),
  };
}

/** The first day of each month the batch's facts fall in. */
function monthsOf(rows: readonly FactRow[]): string[] {
  return [...new Set(rows.map((r) => `${r.day.slice(0, 7)}-01`))];
}

export class Ingest {
  /** Months whose partition this process has seen made: asked of the database once each. */
  private readonly months = new Set<string>();

  constructor(
    private readonly pool: Pool,
    private readonly clock: () => Date,
  ) {}

  /**
   * Stores a batch of the site's facts, or tells why not. Creating a month's partition locks `facts` whole, so the
   * months come first, each in a short transaction of its own (ensure_month_partition), never in the batch's.
   * The batch's transaction locks the site's row: a site's batches commit one at a time, in seq order, while
   * other sites' go on beside them.
   */
  async store(siteId: number, batch: HubBatch): Promise<IngestResult> {
    const rows = batch.facts.map(toRow);
    for (const month of monthsOf(rows)) {
      if (this.months.has(month)) continue;
      await this.pool.query('SELECT ensure_month_partition($1::date)', [month]);
      this.months.add(month);
    }
    const now = this.clock();
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const site = await client.query<{ acknowledged: string; revoked: boolean }>(
        `SELECT acknowledged_seq AS acknowledged, revoked_at IS NOT NULL AS revoked
           FROM sites WHERE id = $1 FOR UPDATE`,
        [siteId],
      );
      const row = site.rows[0];
      // Revoked while this request waited for the lock (or removed): refused like a revoked key.
      if (!row || row.revoked) {
        await client.query('ROLLBACK');
        return { outcome: 'revoked' };
      }
      const acknowledged = Number(row.acknowledged);
      if (batch.lastSeq <= acknowledged) {
        // A resend (its acknowledgement was lost): answered again, nothing stored twice.
        await client.query('UPDATE sites SET last_seen_at = $2 WHERE id = $1', [siteId, now]);
        await client.query('COMMIT');
        return { outcome: 'duplicate', acknowledged };
      }
      if (batch.firstSeq !== acknowledged + 1) {
        await client.query('ROLLBACK');
        return { outcome: 'gap', expected: acknowledged + 1 };
      }
      await client.query(
        'INSERT INTO site_batches (site_id, first_seq, last_seq, received_at) VALUES ($1, $2, $3, $4)',
        [siteId, batch.firstSeq, batch.lastSeq, now],
      );
      await client.query(
        `INSERT INTO facts (site_id, seq, kind, day, at, service_code, counter, ticket_number, payload)
         SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::date[], $5::timestamptz[], $6::text[],
           $7::integer[], $8::text[], $9::jsonb[])`,
        [
          siteId,
          rows.map((r) => r.seq),
          rows.map((r) => r.kind),
          rows.map((r) => r.day),
          rows.map((r) => r.at),
          rows.map((r) => r.service),
          rows.map((r) => r.counter),
          rows.map((r) => r.ticket),
          rows.map((r) => r.payload),
        ],
      );
      await rollUp(client, siteId, batch.facts, now);
      await applyLive(client, siteId, batch.facts, now);
      await client.query('UPDATE sites SET acknowledged_seq = $2, last_seen_at = $3 WHERE id = $1', [
        siteId,
        batch.lastSeq,
        now,
      ]);
      await client.query('COMMIT');
      return { outcome: 'stored', acknowledged: batch.lastSeq };
    } catch (err) {
      // A month's partition detached or dropped since it was seen: asked of the database again next time.
      this.months.clear();
      // A failed statement leaves the transaction aborted; a dropped connection leaves nothing to roll back.
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw err;
    } finally {
      client.release(broken);
    }
  }
}
