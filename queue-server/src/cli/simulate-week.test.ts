/** `npm run simulate -- --week`: every weekday with arrivals, then the week weighted by the tickets called. */
import { describe, expect, it } from 'vitest';
import { runSimulateCli } from './simulate.js';

const run = (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = runSimulateCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('npm run simulate -- --week', () => {
  it('runs each open weekday, and the week lies between its best and worst day', () => {
    const r = run('--week', '--add-counters', 'TP:2@07:00-11:30', '--replications', '2', '--json');
    expect(r.code, r.err).toBe(0);
    const w = JSON.parse(r.out) as {
      days: { weekday: number; a: { meanWait: number; issued: number }; b: { meanWait: number } }[];
      week: { a: { meanWait: number; issued: number }; b: { meanWait: number } };
    };
    // The demo profile has no Sunday arrivals: Monday to Saturday.
    expect(w.days.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6]);
    const means = w.days.map((d) => d.a.meanWait);
    expect(w.week.a.meanWait).toBeGreaterThanOrEqual(Math.min(...means));
    expect(w.week.a.meanWait).toBeLessThanOrEqual(Math.max(...means));
    expect(w.week.a.issued).toBeCloseTo(
      w.days.reduce((n, d) => n + d.a.issued, 0),
      6,
    );
    // More counters never lengthen the week's mean wait on the same arrivals.
    expect(w.week.b.meanWait).toBeLessThan(w.week.a.meanWait);

    const table = run('--week', '--replications', '2');
    expect(table.code, table.err).toBe(0);
    expect(table.out).toContain('Tuần/week');
    expect(table.out).not.toContain('B chờ');
  });
});
