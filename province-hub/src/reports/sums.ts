import type { HubWaitTarget } from '@layso/protocol';

/**
 * The figures `daily_totals` keeps per site, Vietnam day and service: what one batch adds (reports/rollup.ts) and
 * what a report sums over days, sites and services (reports/read.ts, reports/build.ts). One type for all three.
 */
export interface Sums {
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  transferred: number;
  waitSum: number;
  waitCount: number;
  waitMax: number;
  serviceSum: number;
  serviceCount: number;
  /** Served within 10, 15, 20, 30 minutes (HUB_WAIT_TARGETS). */
  within10: number;
  within15: number;
  within20: number;
  within30: number;
  verySatisfied: number;
  satisfied: number;
  unsatisfied: number;
  received: number;
  returned: number;
  early: number;
  onTime: number;
  late: number;
}

export interface SumColumn {
  /** Its column in daily_totals. */
  readonly name: string;
  readonly type: 'integer' | 'bigint';
  /** The longest wait: two are combined by keeping the greater, every other figure by adding. */
  readonly greatest?: true;
}

/** Each figure's column: the roll-up's upsert, the report's SELECT and addSums are all read from it. */
export const SUM_COLUMNS: Readonly<Record<keyof Sums, SumColumn>> = {
  issued: { name: 'issued', type: 'integer' },
  served: { name: 'served', type: 'integer' },
  noShow: { name: 'no_show', type: 'integer' },
  cancelled: { name: 'cancelled', type: 'integer' },
  transferred: { name: 'transferred', type: 'integer' },
  waitSum: { name: 'wait_sum_seconds', type: 'bigint' },
  waitCount: { name: 'wait_count', type: 'integer' },
  waitMax: { name: 'wait_max_seconds', type: 'integer', greatest: true },
  serviceSum: { name: 'service_sum_seconds', type: 'bigint' },
  serviceCount: { name: 'service_count', type: 'integer' },
  within10: { name: 'wait_within_10', type: 'integer' },
  within15: { name: 'wait_within_15', type: 'integer' },
  within20: { name: 'wait_within_20', type: 'integer' },
  within30: { name: 'wait_within_30', type: 'integer' },
  verySatisfied: { name: 'rating_very_satisfied', type: 'integer' },
  satisfied: { name: 'rating_satisfied', type: 'integer' },
  unsatisfied: { name: 'rating_unsatisfied', type: 'integer' },
  received: { name: 'dossiers_received', type: 'integer' },
  returned: { name: 'dossiers_returned', type: 'integer' },
  early: { name: 'returned_early', type: 'integer' },
  onTime: { name: 'returned_on_time', type: 'integer' },
  late: { name: 'returned_late', type: 'integer' },
};

export const SUM_FIELDS: readonly (keyof Sums)[] = Object.keys(SUM_COLUMNS).filter(
  (key): key is keyof Sums => key in SUM_COLUMNS,
);

export const ZERO_SUMS: Readonly<Sums> = Object.freeze({
  issued: 0,
  served: 0,
  noShow: 0,
  cancelled: 0,
  transferred: 0,
  waitSum: 0,
  waitCount: 0,
  waitMax: 0,
  serviceSum: 0,
  serviceCount: 0,
  within10: 0,
  within15: 0,
  within20: 0,
  within30: 0,
  verySatisfied: 0,
  satisfied: 0,
  unsatisfied: 0,
  received: 0,
  returned: 0,
  early: 0,
  onTime: 0,
  late: 0,
});

/** The figure counting the tickets served within a waiting target. */
export const WITHIN: Readonly<Record<HubWaitTarget, keyof Sums>> = {
  10: 'within10',
  15: 'within15',
  20: 'within20',
  30: 'within30',
};

/** Two groups' figures together (the longest wait: the greater). */
export function addSums(a: Readonly<Sums>, b: Readonly<Sums>): Sums {
  const out = { ...a };
  for (const field of SUM_FIELDS) {
    out[field] = SUM_COLUMNS[field].greatest ? Math.max(a[field], b[field]) : a[field] + b[field];
  }
  return out;
}
