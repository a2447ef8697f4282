/**
 * What-if staffing (`/api/admin/simulation…`): the director picks a weekday, keeps or closes today's counters and
 * adds some ("two more counters for Tư pháp on Monday mornings"); the server runs both plans over many simulated
 * days through the real engine, on the same random arrivals, and answers the waiting time of each side by side.
 *
 * Statistics with no data (a service nobody waited for) are null on the wire.
 */
import { z } from 'zod';
import { OpeningSpan } from './rest.js';

/** A counter of a staffing plan: its number and the service codes it calls, in order of preference. */
export const SimCounter = z.object({
  number: z.number().int().positive(),
  services: z.array(z.string().min(1)).min(1),
  /** Defaults to the center's hours of the weekday. */
  spans: z.array(OpeningSpan).optional(),
});
export type SimCounter = z.infer<typeof SimCounter>;

/** Counters to add in plan B: `count` new counters serving `services` during `spans` (all day when absent). */
export const SimAddition = z.object({
  services: z.array(z.string().min(1).max(16)).min(1).max(20),
  count: z.number().int().min(1).max(50),
  spans: z.array(OpeningSpan).min(1).max(4).optional(),
});
export type SimAddition = z.infer<typeof SimAddition>;

/** In plan B, `percent` of the walk-ins of the service `service` (a code) book a slot instead, as settings cut them. */
export const SimBookedShare = z.object({
  service: z.string().min(1).max(16),
  percent: z.number().int().min(0).max(100),
});
export type SimBookedShare = z.infer<typeof SimBookedShare>;

/**
 * What one run may ask, so that a what-if (which runs on the server's thread) stays a few seconds of work: the
 * admin page offers 10, 30 or 100 simulated days, and a plan adds at most this many counters in all.
 */
export const SIM_LIMITS = { replications: 100, addedCounters: 50 } as const;

/** `POST /api/admin/simulations`: plan A is today's staffing; plan B closes `close` and adds `add`. */
export const SimulationRequest = z
  .object({
    /** ISO weekday, 1 = Monday … 7 = Sunday. */
    weekday: z.number().int().min(1).max(7),
    replications: z
      .number()
      .int()
      .min(2)
      .max(SIM_LIMITS.replications, {
        error: `Tối đa ${SIM_LIMITS.replications} ngày mô phỏng mỗi lần / At most ${SIM_LIMITS.replications} simulated days per run`,
      })
      .default(30),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .default(1),
    targetMinutes: z.number().int().min(1).max(480).default(15),
    add: z.array(SimAddition).max(20).default([]),
    /** Counter numbers of today's plan that plan B does without. */
    close: z.array(z.number().int().positive()).max(500).default([]),
    /** "What if N % of <service> is booked": that share of the service's walk-ins books slots in plan B. */
    booked: z.array(SimBookedShare).max(20).default([]),
  })
  .strict()
  .refine((r) => r.add.reduce((n, a) => n + a.count, 0) <= SIM_LIMITS.addedCounters, {
    path: ['add'],
    error: `Thêm tối đa ${SIM_LIMITS.addedCounters} quầy mỗi phương án / At most ${SIM_LIMITS.addedCounters} added counters per plan`,
  });
export type SimulationRequest = z.input<typeof SimulationRequest>;

/** `GET /api/admin/simulation`: what the page starts from. */
export const SimulationSetup = z.object({
  /** Where arrivals and service times come from: the center's own recent history, or the bundled profile. */
  source: z.enum(['history', 'profile']),
  modelName: z.string(),
  /** Weeks of history the model reads, and the tickets in them (too few, and the profile is used). */
  historyWeeks: z.number().int(),
  historyTickets: z.number().int(),
  services: z.array(z.object({ code: z.string(), name: z.string() })),
  /** Today's staffing: the center's counters and the services they call. */
  current: z.object({ name: z.string(), counters: z.array(SimCounter) }),
  /** Weekdays with arrivals in the model (1 = Monday). */
  weekdays: z.array(z.number().int()),
});
export type SimulationSetup = z.infer<typeof SimulationSetup>;

const Num = z.number().nullable();

/** One kind of ticket's figures: per day, and minutes to the first call (a booked ticket's from its slot's start). */
const SimWaitSplit = z.object({ issued: Num, meanWait: Num, p90Wait: Num, maxWait: Num });

export const SimServiceSummary = z.object({
  code: z.string(),
  name: z.string(),
  /** Per day, averaged over replications. */
  issued: Num,
  called: Num,
  refused: Num,
  leftWaiting: Num,
  /** Minutes from issue to the first call. */
  meanWait: Num,
  p90Wait: Num,
  maxWait: Num,
  /** Share of called tickets called within the target. */
  withinTarget: Num,
  /** 95 % confidence interval of the mean wait across replications. */
  meanWaitCi: z.tuple([Num, Num]),
  /** Booked tickets (checked in at the kiosk) and walk-ins apart (issue 21). */
  booked: SimWaitSplit,
  walkIn: SimWaitSplit,
});
export type SimServiceSummary = z.infer<typeof SimServiceSummary>;

const ErrorSummary = z.object({
  n: z.number().int(),
  /** |estimate − real wait|, minutes. */
  medianAbs: Num,
  p90Abs: Num,
  /** Mean of estimate − real wait: positive when tickets promise longer waits than happen. */
  bias: Num,
});

export const SimPlanResult = z.object({
  plan: z.string(),
  weekday: z.number().int(),
  replications: z.number().int(),
  seed: z.number().int(),
  targetMinutes: z.number(),
  services: z.array(SimServiceSummary),
  /** Every service together (code "*"). */
  total: SimServiceSummary,
  counters: z.array(z.object({ number: z.number().int(), services: z.array(z.string()), utilisation: Num })),
  /** Mean number waiting in each open hour, all services and per service code. */
  queueByHour: z.array(
    z.object({ hour: z.number().int(), waiting: Num, byService: z.record(z.string(), Num) }),
  ),
  /** How far the estimate printed on tickets was from the real wait. */
  estimate: z.object({
    overall: ErrorSummary,
    byService: z.array(ErrorSummary.extend({ code: z.string() })),
    byQueue: z.array(ErrorSummary.extend({ ahead: z.string() })),
  }),
});
export type SimPlanResult = z.infer<typeof SimPlanResult>;

export const SimComparison = z.object({
  a: SimPlanResult,
  b: SimPlanResult,
  /** Per service code ("*" = all): B − A in minutes, and in share points for `withinTarget`. */
  difference: z.array(
    z.object({ code: z.string(), meanWait: Num, p90Wait: Num, withinTarget: Num, leftWaiting: Num }),
  ),
});
export type SimComparison = z.infer<typeof SimComparison>;

/** A simulation job: the page polls it until it is done (each replication takes tens of milliseconds). */
export const SimulationJob = z.object({
  id: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  /** Simulated days finished, out of `total` (both plans). */
  done: z.number().int(),
  total: z.number().int(),
  request: z.object({
    weekday: z.number().int(),
    replications: z.number().int(),
    seed: z.number().int(),
    targetMinutes: z.number().int(),
  }),
  result: SimComparison.nullable(),
  /** Why it failed, in both languages. */
  error: z.object({ vi: z.string(), en: z.string() }).nullable(),
});
export type SimulationJob = z.infer<typeof SimulationJob>;
