/**
 * What-if simulation of a day at the center: Poisson arrivals from a `DayModel`, a staffing plan (which counters
 * open when, which services each serves in what order, the priority mix), and officers who call the next ticket as
 * soon as they are free and serve it for a sampled time. Every decision goes through the real engine: `nextSeq`
 * (hours, stop-issuing margin, daily cap), `chooseNext` (service order, priority streaks), `call` / `startServing`
 * / `finish` / `noShow`, and the estimate printed on the ticket (`aheadFromCounts` + `ticketEstimate` over
 * the running average, as `app/views.ts` computes it). Pure and seeded: the same seed gives the same result.
 *
 * Both plans of a comparison see the same arrivals, priority draws, no-show draws and service times in each
 * replication (common random numbers), so their difference is the plan's, not the dice's.
 */
import { parseHourMinute, spansOn } from '../domain/hours.js';
import { BOOKED_SALT, withBookings } from './booked.js';
import { generateArrivals, simulateDay, type Arrival, type TicketRecord } from './day.js';
import type { DayModel } from './model.js';
import { StaffingPlan, type SimOptions, type StaffingPlanInput } from './plan.js';
import { createRandom } from './random.js';
import {
  confidenceInterval,
  estimateAccuracy,
  mean,
  percentileOrNaN,
  type PlanResult,
  type ServiceSummary,
  type WaitSplit,
} from './stats.js';

export function replicationArrivals(model: DayModel, weekday: number, seed: number, r: number): Arrival[] {
  return generateArrivals(model, weekday, createRandom(seed).fork(r));
}

/**
 * Minutes from issue to the first call; a booked ticket checked in early counts from its slot's start (called
 * before it, when nobody else waited: no wait).
 */
export const waitMinutes = (t: TicketRecord & { calledAt: number }): number =>
  Math.max(0, t.calledAt - Math.max(t.issuedAt, t.slotStart ?? t.issuedAt)) / 60;

/** `plan` over `options.replications` simulated days. Throws a PlanError for a plan the model cannot run. */
export function runPlan(model: DayModel, planInput: StaffingPlanInput, options: SimOptions): PlanResult {
  return drain(planSteps(model, planInput, options));
}

/** Runs a generator to its end and returns what it returns. */
export function drain<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * `runPlan` one simulated day at a time: yields after each replication, so a server can run a simulation between
 * other work (`app/simulations.ts`) instead of blocking its event loop for the whole run.
 */
export function* planSteps(
  model: DayModel,
  planInput: StaffingPlanInput,
  options: SimOptions,
): Generator<void, PlanResult> {
  const plan = StaffingPlan.parse(planInput);
  const codeOf = new Map(model.services.map((s) => [s.rules.id, s.code]));
  const waits = new Map<string, number[]>();
  const repMeans = new Map<string, number[]>();
  const counts = new Map<string, { issued: number; called: number; refused: number; left: number }>();
  const busy = new Map<number, { busy: number; open: number }>();
  const queue = new Map<number, number[]>();
  const allTickets: (TicketRecord & { code: string })[] = [];
  /** Waits and issues of booked tickets and of walk-ins apart, per key. */
  const split = new Map<string, { booked: number[]; walkIn: number[]; bookedN: number; walkInN: number }>();
  const keys = [...model.services.map((s) => s.code), '*'];
  for (const k of keys) {
    waits.set(k, []);
    repMeans.set(k, []);
    counts.set(k, { issued: 0, called: 0, refused: 0, left: 0 });
    split.set(k, { booked: [], walkIn: [], bookedN: 0, walkInN: 0 });
  }
  for (let r = 0; r < options.replications; r += 1) {
    const walkIns = replicationArrivals(model, options.weekday, options.seed, r);
    const arrivals = withBookings({ model, plan, weekday: options.weekday, walkIns }, () =>
      createRandom(options.seed).fork(BOOKED_SALT + r),
    );
    const run = simulateDay(model, plan, arrivals, options);
    const repWaits = new Map<string, number[]>(keys.map((k) => [k, []]));
    for (const t of run.tickets) {
      const code = codeOf.get(t.serviceId)!;
      allTickets.push({ ...t, code });
      for (const k of [code, '*']) {
        const c = counts.get(k)!;
        const sp = split.get(k)!;
        c.issued += 1;
        if (t.slotStart === null) sp.walkInN += 1;
        else sp.bookedN += 1;
        if (t.calledAt === null) c.left += 1;
        else {
          c.called += 1;
          const w = waitMinutes({ ...t, calledAt: t.calledAt });
          waits.get(k)!.push(w);
          repWaits.get(k)!.push(w);
          (t.slotStart === null ? sp.walkIn : sp.booked).push(w);
        }
      }
    }
    for (const [sid, n] of run.refused) {
      counts.get(codeOf.get(sid)!)!.refused += n;
      counts.get('*')!.refused += n;
    }
    for (const [k, ws] of repWaits) if (ws.length > 0) repMeans.get(k)!.push(mean(ws));
    for (const c of run.counters) {
      const b = busy.get(c.number) ?? { busy: 0, open: 0 };
      busy.set(c.number, { busy: b.busy + c.busySeconds, open: b.open + c.openSeconds });
    }
    for (const [sid, byHour] of run.queueByHour) {
      const acc = queue.get(sid) ?? new Array<number>(24).fill(0);
      byHour.forEach((q, h) => (acc[h]! += q / options.replications));
      queue.set(sid, acc);
    }
    yield;
  }
  const R = Math.max(1, options.replications);
  const waitSplit = (ws: number[], n: number): WaitSplit => {
    ws.sort((a, b) => a - b);
    return {
      issued: n / R,
      meanWait: mean(ws),
      p90Wait: percentileOrNaN(ws, 0.9),
      maxWait: ws.length > 0 ? ws[ws.length - 1]! : NaN,
    };
  };
  const summary = (key: string, name: string): ServiceSummary => {
    const ws = waits.get(key)!.sort((a, b) => a - b);
    const c = counts.get(key)!;
    const sp = split.get(key)!;
    return {
      code: key,
      name,
      issued: c.issued / R,
      called: c.called / R,
      refused: c.refused / R,
      leftWaiting: c.left / R,
      meanWait: mean(ws),
      p90Wait: percentileOrNaN(ws, 0.9),
      maxWait: ws.length > 0 ? ws[ws.length - 1]! : NaN,
      withinTarget: ws.length === 0 ? NaN : ws.filter((w) => w <= options.targetMinutes).length / ws.length,
      meanWaitCi: confidenceInterval(repMeans.get(key)!),
      booked: waitSplit(sp.booked, sp.bookedN),
      walkIn: waitSplit(sp.walkIn, sp.walkInN),
    };
  };
  const hours = [...Array(24).keys()].filter(
    (h) =>
      [...queue.values()].some((q) => q[h]! > 0) ||
      spansOn(model.hours, options.weekday).some(
        (s) => parseHourMinute(s.open) < (h + 1) * 60 && parseHourMinute(s.close) > h * 60,
      ),
  );
  return {
    plan: plan.name,
    weekday: options.weekday,
    replications: options.replications,
    seed: options.seed,
    targetMinutes: options.targetMinutes,
    services: model.services
      .filter((s) => counts.get(s.code)!.issued + counts.get(s.code)!.refused > 0)
      .map((s) => summary(s.code, s.name)),
    total: summary('*', 'Tất cả / all'),
    counters: plan.counters.map((c) => {
      const b = busy.get(c.number) ?? { busy: 0, open: 0 };
      return { number: c.number, services: c.services, utilisation: b.open > 0 ? b.busy / b.open : 0 };
    }),
    queueByHour: hours.map((hour) => {
      const byService: Record<string, number> = {};
      let waiting = 0;
      for (const [sid, q] of queue) {
        if (q[hour]! > 0) byService[codeOf.get(sid)!] = q[hour]!;
        waiting += q[hour]!;
      }
      return { hour, waiting, byService };
    }),
    estimate: estimateAccuracy(
      allTickets,
      model.services.map((s) => s.code),
    ),
  };
}

export interface Comparison {
  a: PlanResult;
  b: PlanResult;
  /** Per service code (and "*" for all): B − A, in minutes and in share points. */
  difference: {
    code: string;
    meanWait: number;
    p90Wait: number;
    withinTarget: number;
    leftWaiting: number;
  }[];
}

/** Two plans on the same seeds (the same arrivals and service times in each replication), side by side. */
export function compare(
  model: DayModel,
  planA: StaffingPlanInput,
  planB: StaffingPlanInput,
  options: SimOptions,
): Comparison {
  return drain(compareSteps(model, planA, planB, options));
}

/** `compare` one simulated day at a time (2 × replications steps). */
export function* compareSteps(
  model: DayModel,
  planA: StaffingPlanInput,
  planB: StaffingPlanInput,
  options: SimOptions,
): Generator<void, Comparison> {
  // Both plans' shapes are checked before either runs, so a malformed plan B fails at once.
  StaffingPlan.parse(planA);
  StaffingPlan.parse(planB);
  const a = yield* planSteps(model, planA, options);
  const b = yield* planSteps(model, planB, options);
  const rows = [...a.services, a.total];
  return {
    a,
    b,
    difference: rows.map((ra) => {
      const rb = ra.code === '*' ? b.total : b.services.find((s) => s.code === ra.code);
      return {
        code: ra.code,
        meanWait: (rb?.meanWait ?? NaN) - ra.meanWait,
        p90Wait: (rb?.p90Wait ?? NaN) - ra.p90Wait,
        withinTarget: (rb?.withinTarget ?? NaN) - ra.withinTarget,
        leftWaiting: (rb?.leftWaiting ?? NaN) - ra.leftWaiting,
      };
    }),
  };
}

/** Weekdays (1 = Monday) on which the model has any arrival. */
export function weekdaysWithArrivals(model: DayModel): number[] {
  return [1, 2, 3, 4, 5, 6, 7].filter((d) =>
    model.services.some((s) => (s.arrivals[d] ?? []).some((x) => x > 0)),
  );
}

export interface WeekRow {
  weekday: number;
  a: ServiceSummary;
  /** Plan B's total, when there is a plan B. */
  b: ServiceSummary | null;
}

/**
 * A week: each weekday with arrivals run as its own day (both plans on the same seeds), then the whole week, its
 * waits weighted by the tickets called each day.
 */
export function compareWeek(
  model: DayModel,
  planA: StaffingPlanInput,
  planB: StaffingPlanInput | null,
  options: Omit<SimOptions, 'weekday'>,
): { days: WeekRow[]; week: { a: WeekTotal; b: WeekTotal | null } } {
  const days = weekdaysWithArrivals(model).map((weekday) => {
    const o = { ...options, weekday };
    return { weekday, a: runPlan(model, planA, o).total, b: planB ? runPlan(model, planB, o).total : null };
  });
  return {
    days,
    week: {
      a: weekTotal(days.map((d) => d.a)),
      b: planB ? weekTotal(days.map((d) => d.b!)) : null,
    },
  };
}

export interface WeekTotal {
  /** Tickets issued in the week (per-day means summed). */
  issued: number;
  meanWait: number;
  withinTarget: number;
}

function weekTotal(days: readonly ServiceSummary[]): WeekTotal {
  const called = days.map((d) => d.called);
  const sum = called.reduce((n, c) => n + c, 0);
  const weighted = (f: (d: ServiceSummary) => number) =>
    sum === 0 ? NaN : days.reduce((n, d, i) => n + (Number.isFinite(f(d)) ? f(d) * called[i]! : 0), 0) / sum;
  return {
    issued: days.reduce((n, d) => n + d.issued, 0),
    meanWait: weighted((d) => d.meanWait),
    withinTarget: weighted((d) => d.withinTarget),
  };
}
