import { describe, expect, it } from 'vitest';
import type { Snapshot } from '@layso/protocol';
import { applyEvent } from './realtime.js';

const snap: Snapshot = {
  seq: 4,
  at: '2026-12-02T08:00:00+07:00',
  day: '2026-12-02',
  services: [
    { id: 1, code: 'tp', name: 'Sở Tư pháp', waiting: 3, estimatedWaitMinutes: 9, issuing: true },
    { id: 2, code: 'ca', name: 'Công an tỉnh', waiting: 0, estimatedWaitMinutes: 0, issuing: true },
  ],
  counters: [
    {
      id: 10,
      number: 1,
      name: 'Quầy 1',
      serviceIds: [1],
      status: 'open',
      currentNumber: null,
      officerName: 'Lê Thị Hoa',
      pauseReason: null,
    },
    {
      id: 11,
      number: 2,
      name: 'Quầy 2',
      serviceIds: [2],
      status: 'open',
      currentNumber: '2001',
      officerName: null,
      pauseReason: null,
    },
  ],
  recentCalls: [],
  printer: { state: 'ready', checkedAt: '2026-12-02T08:00:00+07:00' },
};

const call = (ticketId: number, number: string, seq: number) => ({
  ticketId,
  number,
  counterId: 10,
  counterName: 'Quầy 1',
  counterNumber: 1,
  serviceId: 1,
  calledAt: '2026-12-02T08:01:00+07:00',
  recall: 0,
  seq,
});

describe('applyEvent', () => {
  it('moves the waiting count and estimate of one service only', () => {
    const next = applyEvent(snap, 'queue:changed', {
      serviceId: 1,
      waiting: 4,
      estimatedWaitMinutes: 12,
      seq: 5,
    });
    expect(next.seq).toBe(5);
    expect(next.services[0]).toMatchObject({ waiting: 4, estimatedWaitMinutes: 12 });
    expect(next.services[1]).toBe(snap.services[1]);
    expect(snap.services[0]!.waiting).toBe(3); // the old snapshot is untouched
  });

  it('puts a call first, once per ticket, and shows it at its counter', () => {
    let s = applyEvent(snap, 'ticket:called', call(1, '1001', 5));
    s = applyEvent(s, 'ticket:called', call(2, '1002', 6));
    s = applyEvent(s, 'ticket:called', { ...call(1, '1001', 7), recall: 1 });
    expect(s.recentCalls.map((c) => c.number)).toEqual(['1001', '1002']);
    expect(s.recentCalls[0]!.recall).toBe(1);
    expect(s.counters.find((c) => c.id === 10)!.currentNumber).toBe('1001');
  });

  it('keeps at most 20 recent calls', () => {
    let s = snap;
    for (let i = 1; i <= 25; i++) s = applyEvent(s, 'ticket:called', call(i, String(1000 + i), 4 + i));
    expect(s.recentCalls).toHaveLength(20);
    expect(s.recentCalls[0]!.number).toBe('1025');
  });

  it('follows counters and the printer', () => {
    let s = applyEvent(snap, 'counter:changed', {
      counterId: 11,
      status: 'paused',
      currentTicketId: null,
      currentNumber: null,
      officerName: 'Trần Văn Nam',
      pauseReason: 'Họp',
      seq: 5,
    });
    s = applyEvent(s, 'printer:status', {
      state: 'paper-out',
      checkedAt: '2026-12-02T08:02:00+07:00',
      seq: 6,
    });
    expect(s.counters[1]).toMatchObject({
      status: 'paused',
      currentNumber: null,
      officerName: 'Trần Văn Nam',
      pauseReason: 'Họp',
    });
    expect(s.printer?.state).toBe('paper-out');
    expect(s.seq).toBe(6);
  });
});
