import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newDossier, type Dossier } from './dossiers.js';
import { isUncollected, progressOf, timing, uncollectedCutoff } from './dossier-deadlines.js';
import { addDays, serviceDay, vnInstant } from './time.js';
import { workingDaysBetween } from './working-days.js';

// Monday 2026-12-07, 10:00 in Vietnam.
const NOW = vnInstant('2026-12-07', 10 * 60);
const at = (day: string, hour = 9) => vnInstant(day, hour * 60);

let made = 0;
function dossier(patch: Partial<Dossier>): Dossier {
  return { ...newDossier(`D-${++made}`, at('2026-12-01'), 1, 'counter'), ...patch };
}

describe('timing of a resolved dossier, by Vietnam day against its appointment', () => {
  const due = at('2026-12-04', 16);
  it('is early the day before, on time the same day (even after the hour), late the day after', () => {
    expect(timing(dossier({ appointmentAt: due, resultReadyAt: at('2026-12-03', 17) }))).toBe('early');
    expect(timing(dossier({ appointmentAt: due, resultReadyAt: at('2026-12-04', 17) }))).toBe('on-time');
    expect(timing(dossier({ appointmentAt: due, resultReadyAt: at('2026-12-05', 8) }))).toBe('late');
  });
  it('reads the return when the province never said when the result came; none while unresolved', () => {
    expect(timing(dossier({ appointmentAt: due, returnedAt: at('2026-12-07') }))).toBe('late');
    expect(timing(dossier({ appointmentAt: due }))).toBeNull();
    expect(timing(dossier({ appointmentAt: null, resultReadyAt: at('2026-12-07') }))).toBe('on-time');
  });
});

describe('uncollected results', () => {
  it('count working days since the result came: ready Wednesday has waited 3 on Monday, Thursday 2', () => {
    const ready = (day: string) => dossier({ status: 9, resultReadyAt: at(day, 15) });
    expect(isUncollected(ready('2026-12-02'), NOW, 3)).toBe(true);
    expect(isUncollected(ready('2026-12-03'), NOW, 3)).toBe(false);
    expect(isUncollected(ready('2026-12-03'), NOW, 2)).toBe(true);
  });
  it('are never a returned, closed or unresolved dossier', () => {
    const old = at('2026-11-02');
    expect(isUncollected(dossier({ status: 10, resultReadyAt: old, returnedAt: old }), NOW, 1)).toBe(false);
    expect(isUncollected(dossier({ status: 7, resultReadyAt: old }), NOW, 1)).toBe(false);
    expect(isUncollected(dossier({ status: 4 }), NOW, 1)).toBe(false);
  });
  it('cut at the day workingDaysBetween says, whatever the day and the count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 15 }), (offset, n) => {
        const now = vnInstant(addDays('2026-01-01', offset), 11 * 60);
        const cutoff = uncollectedCutoff(now, n);
        const lastIn = serviceDay(new Date(cutoff.getTime() - 1));
        expect(workingDaysBetween(lastIn, serviceDay(now))).toBeGreaterThanOrEqual(n);
        expect(workingDaysBetween(serviceDay(cutoff), serviceDay(now))).toBeLessThan(n);
      }),
    );
  });
});

describe("Decision 766's progress over a range", () => {
  const from = '2026-12-01';
  const to = '2026-12-07';
  const received = at('2026-12-01');
  const due = at('2026-12-04', 16);
  const rows: Dossier[] = [
    dossier({ receivedAt: received, appointmentAt: due, status: 9, resultReadyAt: at('2026-12-03') }), // early
    dossier({
      receivedAt: received,
      appointmentAt: due,
      status: 10,
      resultReadyAt: at('2026-12-04'),
      returnedAt: at('2026-12-07'),
    }), // on time (collected later: the result's day counts)
    dossier({ receivedAt: received, appointmentAt: due, status: 9, resultReadyAt: at('2026-12-05') }), // late
    dossier({ receivedAt: received, appointmentAt: due, status: 4 }), // in progress, overdue
    dossier({ receivedAt: received, appointmentAt: at('2026-12-09'), status: 4 }), // in progress within time
    dossier({ receivedAt: received, appointmentAt: due, status: 7 }), // withdrawn: received only
    // Received before the range, resolved in it: resolved, not received.
    dossier({ receivedAt: at('2026-11-20'), appointmentAt: due, status: 9, resultReadyAt: at('2026-12-02') }),
    // Received in the range, resolved after it: neither resolved nor in progress.
    dossier({ receivedAt: received, appointmentAt: due, status: 9, resultReadyAt: at('2026-12-08') }),
  ];

  it('counts received, resolved early / on time / late, in progress within time / overdue', () => {
    expect(progressOf(rows, from, to, NOW)).toEqual({
      received: 7,
      returnedEarly: 2,
      returnedOnTime: 1,
      returnedLate: 1,
      inProgressOnTime: 1,
      inProgressOverdue: 1,
      onTimeRate: 3 / 4,
    });
  });

  it('has no on-time rate with nothing resolved', () => {
    expect(progressOf([], from, to, NOW).onTimeRate).toBeNull();
  });
});
