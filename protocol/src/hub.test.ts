import { describe, expect, it } from 'vitest';
import { HubBatch, HubFact, MAX_BATCH_FACTS } from './hub.js';

const AT = '2026-12-07T08:00:00+07:00';
const issued = (seq: number) => ({ kind: 'issued', seq, at: AT, ticket: 'A001', service: 'HT' });
const batch = (first: number, n: number) => ({
  site: 'phuong-1',
  firstSeq: first,
  lastSeq: first + n - 1,
  facts: Array.from({ length: n }, (_, i) => issued(first + i)),
});

describe('hub contract', () => {
  it('takes a contiguous batch of known facts', () => {
    expect(HubBatch.safeParse(batch(7, 3)).success).toBe(true);
    expect(HubBatch.safeParse(batch(1, MAX_BATCH_FACTS)).success).toBe(true);
  });

  it('refuses seqs that do not run exactly firstSeq..lastSeq, with a bilingual message', () => {
    const b = batch(1, 3);
    const gapped = { ...b, facts: [issued(1), issued(3), issued(4)], lastSeq: 4 };
    const r = HubBatch.safeParse(gapped);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/liên tục.* \/ The facts' seqs/);
    expect(HubBatch.safeParse({ ...b, lastSeq: 4 }).success).toBe(false);
  });

  it('refuses more than the most facts a batch may carry', () => {
    const r = HubBatch.safeParse(batch(1, MAX_BATCH_FACTS + 1));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/tối đa 500 .* \/ At most 500/);
  });

  it('refuses an unknown kind and any field a fact does not declare (no personal data slips in)', () => {
    expect(HubFact.safeParse({ ...issued(1), kind: 'chat' }).success).toBe(false);
    expect(HubFact.safeParse({ ...issued(1), name: 'Nguyễn Văn A' }).success).toBe(false);
    expect(HubFact.safeParse({ ...issued(1), phone: '0912345678' }).success).toBe(false);
    expect(HubFact.safeParse(issued(1)).success).toBe(true);
  });

  it('takes each kind in its minimal shape', () => {
    const facts = [
      { kind: 'called', seq: 1, at: AT, ticket: 'A1', service: 'HT', counter: 2 },
      { kind: 'recalled', seq: 1, at: AT, ticket: 'A1', service: 'HT', counter: 2 },
      { kind: 'no_show', seq: 1, at: AT, ticket: 'A1', service: 'HT' },
      { kind: 'cancelled', seq: 1, at: AT, ticket: 'A1', service: 'HT' },
      {
        kind: 'transferred',
        seq: 1,
        at: AT,
        ticket: 'A1',
        service: 'HT',
        counter: 2,
        toService: 'DD',
        toTicket: 'D1',
      },
      {
        kind: 'finished',
        seq: 1,
        at: AT,
        ticket: 'A1',
        service: 'HT',
        counter: 2,
        outcome: 'received',
        waitSeconds: 300,
        serviceSeconds: 420,
      },
      { kind: 'rating', seq: 1, at: AT, ticket: 'A1', service: 'HT', counter: 2, rating: 'satisfied' },
      { kind: 'counter', seq: 1, at: AT, counter: 2, status: 'paused' },
      { kind: 'fault', seq: 1, at: AT, device: 'printer', deviceId: 3, code: 'paper-out', cleared: false },
      { kind: 'dossier', seq: 1, at: AT, dossier: 'H55.12-261207-0001', status: 'received' },
      {
        kind: 'daily_totals',
        seq: 1,
        at: AT,
        day: '2026-12-06',
        service: 'HT',
        issued: 10,
        served: 8,
        noShow: 1,
        cancelled: 1,
      },
    ];
    for (const f of facts) expect(HubFact.safeParse(f).error?.issues).toBeUndefined();
  });
});
