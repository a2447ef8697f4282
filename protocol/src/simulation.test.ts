import { describe, expect, it } from 'vitest';
import { SIM_LIMITS, SimulationRequest } from './simulation.js';

const add = (count: number) => ({ services: ['TP'], count });

describe('what-if runs are bounded', () => {
  it('takes the largest run the admin page offers', () => {
    const r = SimulationRequest.parse({
      weekday: 1,
      replications: SIM_LIMITS.replications,
      add: [add(30), add(SIM_LIMITS.addedCounters - 30)],
    });
    expect(r.replications).toBe(100);
  });

  it('refuses more simulated days, in both languages', () => {
    const r = SimulationRequest.safeParse({ weekday: 1, replications: SIM_LIMITS.replications + 1 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({
      path: ['replications'],
      message: 'Tối đa 100 ngày mô phỏng mỗi lần / At most 100 simulated days per run',
    });
  });

  it('refuses more added counters in all than the cap, even spread over rows each under it', () => {
    const r = SimulationRequest.safeParse({ weekday: 1, add: [add(30), add(SIM_LIMITS.addedCounters - 29)] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({
      path: ['add'],
      message: 'Thêm tối đa 50 quầy mỗi phương án / At most 50 added counters per plan',
    });
  });

  it('asks a booked share per service: whole percentages, 0 to 100, none by default', () => {
    expect(SimulationRequest.parse({ weekday: 1, add: [add(1)] }).booked).toEqual([]);
    const r = SimulationRequest.parse({ weekday: 1, booked: [{ service: 'TP', percent: 30 }] });
    expect(r.booked).toEqual([{ service: 'TP', percent: 30 }]);
    for (const percent of [101, -1, 12.5])
      expect(SimulationRequest.safeParse({ weekday: 1, booked: [{ service: 'TP', percent }] }).success).toBe(
        false,
      );
  });
});
