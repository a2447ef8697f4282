import { describe, expect, it } from 'vitest';
import type { Snapshot } from '@layso/protocol';
import { callsToShow, followedServices } from './follow.js';

const services = [
  { id: 3, code: 'TP', name: 'Sở Tư pháp', waiting: 2, estimatedWaitMinutes: 8, issuing: true },
  { id: 7, code: 'CA', name: 'Công an tỉnh', waiting: 0, estimatedWaitMinutes: 0, issuing: true },
];
const call = (ticketId: number, serviceId: number, recall = 0) => ({
  ticketId,
  number: String(1000 + ticketId),
  counterId: 1,
  counterName: 'Quầy 1',
  counterNumber: 1,
  serviceId,
  calledAt: '2026-12-02T08:00:00+07:00',
  recall,
  seq: 1,
});
const snap = (recentCalls: Snapshot['recentCalls']): Snapshot => ({
  seq: 1,
  at: '2026-12-02T08:00:00+07:00',
  day: '2026-12-02',
  services,
  counters: [],
  recentCalls,
});

describe('a display that follows some services', () => {
  it('reads codes or ids from its address, in any case, ignoring unknown ones', () => {
    expect(followedServices('tp', services)).toEqual(new Set([3]));
    expect(followedServices(' TP , 7 ,XX', services)).toEqual(new Set([3, 7]));
    expect(followedServices('XX', services)).toBeNull();
    expect(followedServices('', services)).toBeNull();
    expect(followedServices(null, services)).toBeNull();
  });

  it('shows the newest call big and the earlier ones once each, for the followed services only', () => {
    const s = snap([call(5, 3, 1), call(4, 7), call(5, 3), call(2, 3), call(1, 3)]);
    const all = callsToShow(s, () => true, 2);
    expect(all.hero?.ticketId).toBe(5);
    expect(all.earlier.map((c) => c.ticketId)).toEqual([4, 2]);
    const tp = callsToShow(s, (id) => id === 3);
    expect(tp.hero?.ticketId).toBe(5);
    expect(tp.earlier.map((c) => c.ticketId)).toEqual([2, 1]);
    expect(callsToShow(snap([]), () => true)).toEqual({ hero: null, earlier: [] });
  });
});
