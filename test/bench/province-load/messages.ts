/** What the province load bench and its site processes tell each other (over the child process's IPC channel). */

/** The dashboard's token: each hub process admits it as a viewer of the whole province. */
export const BENCH_VIEWER_TOKEN = 'bench-viewer';

export interface WorkerSite {
  code: string;
  key: string;
  /** The day simulator's seed: each site its own day. */
  seed: number;
  /** The hub process this site sends to. */
  url: string;
}

/** One acknowledged batch: when each of its facts was committed at the site, when it was sent and acknowledged. */
export interface BatchRecord {
  site: string;
  sentAt: number;
  ackAt: number;
  created: number[];
}

export interface BacklogRecord {
  facts: number;
  /** Facts acknowledged when it ended (all of them, unless the bound cut it short). */
  acknowledged: number;
  tickets: number;
  batches: number;
  startedAt: number;
  caughtUpAt: number;
}

export type ToWorker =
  | {
      kind: 'sites';
      sites: WorkerSite[];
      /** The Vietnam day the facts are dated. */
      today: string;
      /** The simulated span, in seconds after midnight, and how many times faster than real time it runs. */
      fromSec: number;
      toSec: number;
      factor: number;
    }
  | { kind: 'backlog'; site: WorkerSite; minFacts: number; today: string }
  | { kind: 'go'; at: number };

export type ToParent =
  | { kind: 'ready' }
  | { kind: 'backlog-ready' }
  | { kind: 'done'; batches: BatchRecord[]; failures: number; unsent: number }
  | { kind: 'backlog-done'; record: BacklogRecord };
