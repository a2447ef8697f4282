/**
 * How long a channel's loop sleeps after a pass. Blocked (its provider failing, its rate spent): until that ends,
 * but an urgent notice with SMS as fallback (`fallbackAfterMs` set) is woken for at the moment it becomes due for
 * SMS — a long Retry-After must not keep "called" from the citizen. Otherwise until the next notice is due, at most
 * `idleMs`.
 */
export function nextWake(o: {
  now: number;
  blockedMs: number;
  nextDueAt: number | null;
  idleMs: number;
  fallbackAfterMs: number | null;
  oldestUrgentAt: number | null;
}): number {
  if (o.blockedMs > 0) {
    if (o.fallbackAfterMs === null) return o.blockedMs;
    const fallbackAt = o.oldestUrgentAt === null ? null : o.oldestUrgentAt + o.fallbackAfterMs;
    // One already due for SMS waits for the pass after the block like the rest (no spinning while rate-limited).
    const untilFallback = fallbackAt !== null && fallbackAt > o.now ? fallbackAt - o.now : o.fallbackAfterMs;
    return Math.min(o.blockedMs, untilFallback);
  }
  return o.nextDueAt === null ? o.idleMs : Math.min(Math.max(1, o.nextDueAt - o.now), o.idleMs);
}
