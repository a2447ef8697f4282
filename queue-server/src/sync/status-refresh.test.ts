/**
 * The background refresh against an in-memory register and adapter, on injected clocks: which dossiers it asks
 * about, the rate bound (measured on the monotonic clock its waits move), a province that cannot answer, codes
 * the province does not know, and stop() ending a request under way.
 */
import type { ProvincialStatus } from '@layso/protocol';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../testing/harness.js';
import { calendarOf } from '../domain/working-days.js';
import { refreshHorizon, StatusRefresh, type RefreshRegister } from './status-refresh.js';
import { StatusUnavailable, type ProvincialStatusAdapter } from './status.js';

const MONDAY_10 = new Date('2026-12-07T03:00:00Z'); // 10:00 in Vietnam
const code = (n: number) => `000.00.12.H62-261207-${String(n).padStart(4, '0')}`;

interface Row {
  code: string;
  appointmentAt: number | null;
  ready: boolean;
  returned: boolean;
  learntAt: number;
}

/** The register's rule (db/dossiers.ts `stale`) over an array: enough to see what the job does with it. */
class MemoryRegister implements RefreshRegister {
  applied: { status: ProvincialStatus; at: Date }[] = [];
  constructor(public rows: Row[]) {}
  stale(q: { dueBefore: Date; learntBefore: Date; limit: number }): string[] {
    return this.rows
      .filter(
        (r) =>
          !r.returned &&
          ((r.appointmentAt !== null && r.appointmentAt <= q.dueBefore.getTime()) || r.ready) &&
          r.learntAt < q.learntBefore.getTime(),
      )
      .sort((a, b) => a.learntAt - b.learntAt)
      .slice(0, q.limit)
      .map((r) => r.code);
  }
  applyStatus(status: ProvincialStatus, _source: 'pull', at: Date): void {
    this.applied.push({ status, at });
    const row = this.rows.find((r) => r.code === status.MaHoSo);
    if (row) row.learntAt = at.getTime();
  }
}

/** A monotonic clock that the job's waits move, and the adapter's calls stamped on it. */
function pacing() {
  let t = 0;
  const starts: number[] = [];
  return {
    starts,
    monotonic: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
    stamp: () => starts.push(t),
  };
}

const due = (n: number, over: Partial<Row> = {}): Row => ({
  code: code(n),
  appointmentAt: MONDAY_10.getTime() + 24 * 3600_000,
  ready: false,
  returned: false,
  learntAt: MONDAY_10.getTime() - 3600_000,
  ...over,
});

function answering(stamp: () => void, answer: (c: string) => ProvincialStatus | null = ok) {
  const asked: string[] = [];
  const adapter: ProvincialStatusAdapter = {
    fetchStatus: async (c) => {
      stamp();
      asked.push(c);
      return answer(c);
    },
  };
  return { adapter, asked };
}

const ok = (c: string): ProvincialStatus => ({ MaHoSo: c, TrangThaiHoSo: 4, NgayHenTra: null });

describe('refreshHorizon', () => {
  it('is the end of the second working day after today, Vietnam time', () => {
    // Monday → end of Wednesday; Friday and Saturday → end of the next Tuesday.
    expect(refreshHorizon(MONDAY_10).toISOString()).toBe('2026-12-09T16:59:59.999Z');
    expect(refreshHorizon(new Date('2026-12-11T03:00:00Z')).toISOString()).toBe('2026-12-15T16:59:59.999Z');
    expect(refreshHorizon(new Date('2026-12-12T16:30:00Z')).toISOString()).toBe('2026-12-15T16:59:59.999Z');
    // 23:30 on Friday in Vietnam is still Friday there (16:30 UTC).
    expect(refreshHorizon(new Date('2026-12-11T16:30:00Z')).toISOString()).toBe('2026-12-15T16:59:59.999Z');
  });

  it('counts the center’s calendar: a holiday pushes it on, a make-up Saturday pulls it in', () => {
    const tuesdayOff = calendarOf({ holidays: ['2026-12-08'], workdays: [] });
    expect(refreshHorizon(MONDAY_10, 2, tuesdayOff).toISOString()).toBe('2026-12-10T16:59:59.999Z');
    const saturdayWorked = calendarOf({ holidays: [], workdays: ['2026-12-12'] });
    expect(refreshHorizon(new Date('2026-12-11T03:00:00Z'), 2, saturdayWorked).toISOString()).toBe(
      '2026-12-14T16:59:59.999Z',
    );
  });
});

describe('StatusRefresh', () => {
  it('asks about dossiers due within two working days or ready, not recent, returned or far off', async () => {
    const far = MONDAY_10.getTime() + 10 * 24 * 3600_000;
    const register = new MemoryRegister([
      due(1),
      due(2, { appointmentAt: MONDAY_10.getTime() - 24 * 3600_000 }), // overdue
      due(3, { appointmentAt: far, ready: true }), // ready, uncollected
      due(4, { appointmentAt: far }),
      due(5, { returned: true }),
      due(6, { learntAt: MONDAY_10.getTime() - 5 * 60_000 }), // learnt 5 minutes ago
    ]);
    const p = pacing();
    const { adapter, asked } = answering(p.stamp);
    const clock = new ManualClock(MONDAY_10);
    const job = new StatusRefresh({ register, adapter, clock, ratePerSecond: 5, ...p });
    const r = await job.runOnce();
    expect(asked.sort()).toEqual([code(1), code(2), code(3)]);
    expect(r).toEqual({ asked: 3, updated: 3, unknown: 0, unavailable: false });
    expect(register.applied.map((a) => a.at)).toEqual([MONDAY_10, MONDAY_10, MONDAY_10]);
    // Just learnt: the next run asks nothing.
    expect((await job.runOnce()).asked).toBe(0);
  });

  it('reads the center’s calendar at each run: a Thursday appointment joins once Tuesday is a holiday', async () => {
    const thursday = MONDAY_10.getTime() + 3 * 24 * 3600_000 + 6 * 3600_000; // Thursday 16:00
    const register = new MemoryRegister([due(1, { appointmentAt: thursday })]);
    const p = pacing();
    const { adapter, asked } = answering(p.stamp);
    let calendar = calendarOf({ holidays: [], workdays: [] });
    const clock = new ManualClock(MONDAY_10);
    const job = new StatusRefresh({
      register,
      adapter,
      clock,
      ratePerSecond: 5,
      calendar: () => calendar,
      ...p,
    });
    expect((await job.runOnce()).asked).toBe(0);
    calendar = calendarOf({ holidays: ['2026-12-08'], workdays: [] });
    expect((await job.runOnce()).asked).toBe(1);
    expect(asked).toEqual([code(1)]);
  });

  it('never starts more than the rate a second, within a run and across runs', async () => {
    const register = new MemoryRegister(Array.from({ length: 23 }, (_, i) => due(i + 1)));
    const p = pacing();
    const { adapter } = answering(p.stamp);
    const clock = new ManualClock(MONDAY_10);
    const job = new StatusRefresh({ register, adapter, clock, ratePerSecond: 5, batch: 10, ...p });
    expect((await job.runOnce()).asked).toBe(10);
    expect((await job.runOnce()).asked).toBe(10);
    expect((await job.runOnce()).asked).toBe(3);
    expect(p.starts).toHaveLength(23);
    for (let i = 1; i < p.starts.length; i += 1) {
      expect(p.starts[i]! - p.starts[i - 1]!).toBeGreaterThanOrEqual(200 - 1e-9);
    }
    // Any one second holds at most 5 starts.
    for (const s of p.starts)
      expect(p.starts.filter((x) => x >= s && x < s + 1000).length).toBeLessThanOrEqual(5);
  });

  it('ends the run when the province cannot answer, and tries again on the next', async () => {
    const register = new MemoryRegister([due(1), due(2), due(3)]);
    const p = pacing();
    let down = true;
    const { adapter, asked } = answering(p.stamp, (c) => {
      if (down) throw new StatusUnavailable('HTTP 503');
      return ok(c);
    });
    const job = new StatusRefresh({
      register,
      adapter,
      clock: new ManualClock(MONDAY_10),
      ratePerSecond: 5,
      ...p,
    });
    expect(await job.runOnce()).toEqual({ asked: 1, updated: 0, unknown: 0, unavailable: true });
    expect(asked).toHaveLength(1);
    down = false;
    expect((await job.runOnce()).updated).toBe(3);
  });

  it('leaves a code the province does not know alone for a while, without it crowding others out', async () => {
    const register = new MemoryRegister([due(1, { learntAt: 0 }), due(2)]);
    const p = pacing();
    const { adapter, asked } = answering(p.stamp, (c) => (c === code(1) ? null : ok(c)));
    const clock = new ManualClock(MONDAY_10);
    const job = new StatusRefresh({ register, adapter, clock, ratePerSecond: 5, batch: 1, ...p });
    expect(await job.runOnce()).toMatchObject({ asked: 1, unknown: 1 });
    expect(await job.runOnce()).toMatchObject({ asked: 1, updated: 1 });
    expect(asked).toEqual([code(1), code(2)]);
    clock.advance(31 * 60_000);
    await job.runOnce();
    expect(asked.at(-1)).toBe(code(1));
  });

  it('stop() aborts the request under way and the loop ends', async () => {
    const register = new MemoryRegister([due(1), due(2)]);
    let started!: () => void;
    const begun = new Promise<void>((resolve) => (started = resolve));
    const adapter: ProvincialStatusAdapter = {
      fetchStatus: (_c, signal) =>
        new Promise((_resolve, reject) => {
          started();
          signal?.addEventListener('abort', () => reject(new StatusUnavailable('aborted')));
        }),
    };
    const job = new StatusRefresh({ register, adapter, clock: new ManualClock(MONDAY_10), ratePerSecond: 5 });
    job.start();
    await begun;
    await job.stop();
    expect(register.applied).toEqual([]);
  });

  it('refuses a rate that is not above 0', () => {
    const register = new MemoryRegister([]);
    const { adapter } = answering(() => undefined);
    expect(
      () => new StatusRefresh({ register, adapter, clock: new ManualClock(MONDAY_10), ratePerSecond: 0 }),
    ).toThrow(RangeError);
  });
});
