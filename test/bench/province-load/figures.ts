/**
 * From what the sites recorded (each batch: its facts' commit times, sent, acknowledged) and what the dashboards
 * received (each `site:row`: the site, its lastHeardAt, when it arrived), the run's figures. A fact's latency is
 * from its commit at the site (so the coalescing delay and any queue behind a batch in flight are in it) to the
 * first row of its site, on the dashboard of the OTHER hub process, that already counts it: a row whose
 * lastHeardAt (the hub's time it took a batch) is at or after the batch was sent. A site's batches go one at a
 * time, so such a row reflects that batch or a later one.
 */
import type { BacklogRecord, BatchRecord } from './messages.js';

export interface RowSeen {
  site: string;
  lastHeardAt: number;
  at: number;
}

export interface RunFigures {
  sites: number;
  factor: number;
  simulated: string;
  seconds: number;
  facts: number;
  batches: number;
  factsPerSecond: number;
  batchesPerSecond: number;
  meanFactsPerBatch: number;
  latencyMs: { p50: number; p99: number; max: number; measured: number; unseen: number };
  batchRoundTripMs: { p50: number; p99: number };
  failedRequests: number;
  /** CPU the two hub processes and PostgreSQL spent over the part (sites and dashboards not counted). */
  cpu?: { hubMs: number; postgresMs: number; perBatchMs: number; perThousandFactsMs: number };
  backlog?: BacklogRecord & {
    catchUpSeconds: number;
    factsPerSecond: number;
    othersDuringMs: { p50: number; p99: number; measured: number };
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** `rows` of one dashboard, per site, in arrival order. */
function bySite(rows: readonly RowSeen[]): Map<string, RowSeen[]> {
  const out = new Map<string, RowSeen[]>();
  for (const r of rows) {
    const list = out.get(r.site) ?? [];
    list.push(r);
    out.set(r.site, list);
  }
  return out;
}

/** Latencies of each fact, with its commit time, from the other process's dashboard. */
export function latencies(
  batches: readonly BatchRecord[],
  hubOf: (site: string) => number,
  dashboards: readonly (readonly RowSeen[])[],
): { samples: { created: number; ms: number }[]; unseen: number } {
  const seen = dashboards.map(bySite);
  const samples: { created: number; ms: number }[] = [];
  let unseen = 0;
  for (const b of batches) {
    const other = seen[(hubOf(b.site) + 1) % seen.length];
    const row = other?.get(b.site)?.find((r) => r.lastHeardAt >= b.sentAt);
    if (!row) {
      unseen += b.created.length;
      continue;
    }
    for (const c of b.created) samples.push({ created: c, ms: row.at - c });
  }
  return { samples, unseen };
}

export function runFigures(
  header: { sites: number; factor: number; simulated: string },
  batches: readonly BatchRecord[],
  samples: readonly { created: number; ms: number }[],
  unseen: number,
  failedRequests: number,
  backlog: BacklogRecord | null,
): RunFigures {
  // Reduced, not spread: a run has more batches than a call may take arguments.
  const first = batches.reduce((t, b) => Math.min(t, b.sentAt), Infinity);
  const last = batches.reduce((t, b) => Math.max(t, b.ackAt), backlog?.caughtUpAt ?? 0);
  const seconds = (last - first) / 1000;
  const facts = batches.reduce((n, b) => n + b.created.length, 0) + (backlog?.acknowledged ?? 0);
  const count = batches.length + (backlog?.batches ?? 0);
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const trips = batches.map((b) => b.ackAt - b.sentAt).sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  const figures: RunFigures = {
    ...header,
    seconds: round(seconds),
    facts,
    batches: count,
    factsPerSecond: Math.round(facts / seconds),
    batchesPerSecond: Math.round(count / seconds),
    meanFactsPerBatch: round(facts / count),
    latencyMs: {
      p50: percentile(ms, 50),
      p99: percentile(ms, 99),
      max: ms.at(-1) ?? 0,
      measured: ms.length,
      unseen,
    },
    batchRoundTripMs: { p50: percentile(trips, 50), p99: percentile(trips, 99) },
    failedRequests,
  };
  if (backlog) {
    const during = samples
      .filter((s) => s.created >= backlog.startedAt && s.created <= backlog.caughtUpAt)
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    const catchUp = (backlog.caughtUpAt - backlog.startedAt) / 1000;
    figures.backlog = {
      ...backlog,
      catchUpSeconds: round(catchUp),
      factsPerSecond: Math.round(backlog.acknowledged / catchUp),
      othersDuringMs: { p50: percentile(during, 50), p99: percentile(during, 99), measured: during.length },
    };
  }
  return figures;
}
