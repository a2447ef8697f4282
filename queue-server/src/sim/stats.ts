/** The statistics of replications: percentiles, confidence intervals, summaries and the estimate's error. */
import type { SimPlanResult, SimServiceSummary } from '@layso/protocol';
import { percentile } from '../domain/percentile.js';
import type { TicketRecord } from './day.js';

// ---------------------------------------------------------------- statistics

/** Nearest-rank percentile of an ascending array (`p` in 0..1, as everywhere); NaN when empty. */
export const percentileOrNaN = (sorted: readonly number[], p: number): number => percentile(sorted, p) ?? NaN;

export const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;

/** Two-sided 95 % Student t quantile for `df` degrees of freedom. */
const T95 = [
  NaN,
  12.706,
  4.303,
  3.182,
  2.776,
  2.571,
  2.447,
  2.365,
  2.306,
  2.262,
  2.228,
  2.201,
  2.179,
  2.16,
  2.145,
  2.131,
];
function t95(df: number): number {
  if (df < 1) return NaN;
  if (df < T95.length) return T95[df]!;
  if (df < 30) return 2.09;
  if (df < 60) return 2.02;
  return 1.98 - Math.min(0.02, (df - 60) / 5000);
}

/** 95 % confidence interval of the mean of `xs` (one value per replication); [NaN, NaN] below 2 values. */
export function confidenceInterval(xs: readonly number[]): [number, number] {
  const m = mean(xs);
  if (xs.length < 2) return [NaN, NaN];
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
  const half = t95(xs.length - 1) * (sd / Math.sqrt(xs.length));
  return [m - half, m + half];
}

/**
 * The wire shapes (`@layso/protocol`, where a statistic with no data is null) as the statistics compute them:
 * every number, NaN where there is no data. The route turns NaN into null (`wireNumbers`).
 */
type Computed<T> = [T] extends [number | null]
  ? number
  : T extends object
    ? { [K in keyof T]: Computed<T[K]> }
    : T;

export type ServiceSummary = Computed<SimServiceSummary>;
export type WaitSplit = ServiceSummary['booked'];
export type EstimateAccuracy = Computed<SimPlanResult['estimate']>;
export type ErrorSummary = EstimateAccuracy['overall'];
export type PlanResult = Computed<SimPlanResult>;

/** `value` with every non-finite number (NaN, ±Infinity) replaced by null, as JSON carries "no data". */
export function wireNumbers<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)),
  ) as T;
}

interface ErrorPoint {
  code: string;
  ahead: number;
  error: number;
}

function errorSummary(points: readonly ErrorPoint[]): ErrorSummary {
  const abs = points.map((p) => Math.abs(p.error)).sort((a, b) => a - b);
  return {
    n: points.length,
    medianAbs: percentileOrNaN(abs, 0.5),
    p90Abs: percentileOrNaN(abs, 0.9),
    bias: mean(points.map((p) => p.error)),
  };
}

export const QUEUE_BUCKETS: readonly [string, number, number][] = [
  ['0', 0, 0],
  ['1–5', 1, 5],
  ['6–10', 6, 10],
  ['11–20', 11, 20],
  ['21–40', 21, 40],
  ['41+', 41, Infinity],
];

/** Estimate error of called tickets: the minutes printed at issue against the real wait to the first call. */
export function estimateAccuracy(
  tickets: readonly (TicketRecord & { code: string })[],
  codes: readonly string[],
): EstimateAccuracy {
  const points: ErrorPoint[] = tickets
    .filter((t) => t.calledAt !== null)
    .map((t) => ({
      code: t.code,
      ahead: t.ahead,
      error: t.estimateMinutes - (t.calledAt! - t.issuedAt) / 60,
    }));
  return {
    overall: errorSummary(points),
    byService: codes
      .map((code) => ({ code, ...errorSummary(points.filter((p) => p.code === code)) }))
      .filter((s) => s.n > 0),
    byQueue: QUEUE_BUCKETS.map(([ahead, lo, hi]) => ({
      ahead,
      ...errorSummary(points.filter((p) => p.ahead >= lo && p.ahead <= hi)),
    })).filter((s) => s.n > 0),
  };
}

/** The arrivals of replication `r` for `seed`: the same for every plan. */
