import type { Snapshot } from '@layso/protocol';

/**
 * Which services a display follows, from its address: `?services=TP,CA` (codes) or `?services=3,7` (ids).
 * None given = the whole floor. Unknown entries are ignored; if none is known the display shows everything
 * rather than a blank wall.
 */
export function followedServices(param: string | null, services: Snapshot['services']): Set<number> | null {
  if (!param?.trim()) return null;
  const wanted = param
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  const ids = services
    .filter((s) => wanted.includes(s.code.toUpperCase()) || wanted.includes(String(s.id)))
    .map((s) => s.id);
  return ids.length > 0 ? new Set(ids) : null;
}

/** The newest call and the calls before it, one entry per ticket, for the services followed. */
export function callsToShow(
  snapshot: Snapshot,
  follows: (serviceId: number) => boolean,
  recent = 6,
): { hero: Snapshot['recentCalls'][number] | null; earlier: Snapshot['recentCalls'] } {
  const seen = new Set<number>();
  const calls = snapshot.recentCalls.filter((c) => {
    if (!follows(c.serviceId) || seen.has(c.ticketId)) return false;
    seen.add(c.ticketId);
    return true;
  });
  return { hero: calls[0] ?? null, earlier: calls.slice(1, 1 + recent) };
}
