import { describe, expect, it } from 'vitest';
import { sortHubRows, type HubOverview, type HubSiteRow } from '@layso/protocol';
import { withRow } from './hub-live.js';

const row = (siteId: number, patch: Partial<HubSiteRow> = {}): HubSiteRow => ({
  siteId,
  code: `xa-${siteId}`,
  name: `Trung tâm ${siteId}`,
  commune: `Xã ${siteId}`,
  day: '2026-12-07',
  waiting: 0,
  longestWaitSeconds: null,
  openCounters: 1,
  servedToday: 0,
  ratingsToday: 0,
  satisfiedPercent: null,
  openFaults: 0,
  lastHeardAt: '2026-12-07T03:00:00.000Z',
  stale: false,
  backlog: 0,
  asOf: '2026-12-07T03:00:00.000Z',
  ...patch,
});

describe("the hub's live view on a screen", () => {
  const overview: HubOverview = { asOf: '2026-12-07T03:00:00.000Z', rows: [row(1), row(2)], communes: [] };

  it('puts a whole row in place of the one it replaces, or adds a site it did not have', () => {
    const next = withRow(overview, row(2, { waiting: 5, asOf: '2026-12-07T03:00:05.000Z' }));
    expect(next.rows.map((r) => [r.siteId, r.waiting])).toEqual([
      [1, 0],
      [2, 5],
    ]);
    expect(next.asOf).toBe('2026-12-07T03:00:05.000Z');
    expect(withRow(overview, row(3)).rows.map((r) => r.siteId)).toEqual([1, 2, 3]);
  });

  it('sorts a silent site first, then the worst wait, whatever its own figures say', () => {
    const rows = [
      row(1, { longestWaitSeconds: 600 }),
      row(2, { stale: true }),
      row(3, { longestWaitSeconds: 1200 }),
      row(4),
    ];
    expect(sortHubRows(rows, 'wait').map((r) => r.siteId)).toEqual([2, 3, 1, 4]);
    expect(sortHubRows(rows, 'name').map((r) => r.siteId)).toEqual([1, 2, 3, 4]);
  });
});
