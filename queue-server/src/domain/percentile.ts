/** The 1-based nearest rank of the `p` percentile (`p` in 0..1) among `n` values. */
export function nearestRank(p: number, n: number): number {
  return Math.max(1, Math.ceil(p * n));
}

/**
 * Nearest-rank percentile of ascending `sorted` (`p` in 0..1: 0.9 is the 90th); null when empty. The one percentile
 * of the server: reports (whole seconds) and the simulator (minutes) read it the same way.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length, nearestRank(p, sorted.length)) - 1] ?? null;
}
