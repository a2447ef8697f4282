/** A staffing plan: which counters open when, the services each serves in order, the priority mix; and the demo's. */
import { z } from 'zod';
import { DEFAULT_POLICY, type CallPolicy } from '../domain/types.js';
import { OpeningSpan, SimCounter } from '@layso/protocol';

export const StaffingPlan = z.object({
  name: z.string().min(1).default('plan'),
  counters: z.array(SimCounter).min(1),
  maxPriorityInRow: z.number().int().min(1).max(20).default(DEFAULT_POLICY.maxPriorityInRow),
  /** Share of arrivals in a priority group (elderly, disabled, pregnant …). */
  priorityShare: z.number().min(0).max(1).default(0.08),
  /** Share of called tickets whose citizen has left. */
  noShowRate: z.number().min(0).max(1).default(0.04),
  /** What-if (issue 21): the percentage of a service's walk-ins (by code) who book a slot instead. */
  booked: z.record(z.string().min(1), z.number().min(0).max(100)).default({}),
});
export type StaffingPlan = z.output<typeof StaffingPlan>;
export type StaffingPlanInput = z.input<typeof StaffingPlan>;

/** Seconds an officer spends on a no-show (two recalls) before marking it and calling the next. */
export const NO_SHOW_SECONDS = 120;

export interface SimOptions {
  /** ISO weekday of the simulated day, 1 = Monday … 7 = Sunday. */
  weekday: number;
  replications: number;
  seed: number;
  /** A wait within this many minutes counts as on target. */
  targetMinutes: number;
  /** The engine's policy (default DEFAULT_POLICY); the plan's maxPriorityInRow overrides its own. */
  policy?: CallPolicy;
}

export class PlanError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(`${vi} / ${en}`);
  }
}

// ---------------------------------------------------------------- plans

/**
 * `plan` with more counters from a spec `CODE[,CODE…]:N[@HH:mm-HH:mm[,HH:mm-HH:mm…]]`, several joined by `;`
 * (`TP:2@08:00-11:30` = two more counters for Tư pháp in the morning). New counters take the next numbers.
 */
export function addCounters(plan: StaffingPlanInput, spec: string): StaffingPlan {
  const base = StaffingPlan.parse(plan);
  let next = Math.max(0, ...base.counters.map((c) => c.number)) + 1;
  const added: StaffingPlan['counters'] = [];
  for (const part of spec
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z0-9_,-]+):(\d{1,2})(?:@(.+))?$/.exec(part);
    if (!m || Number(m[2]) < 1)
      throw new PlanError(
        `"${part}" không đúng dạng MÃ:SỐ[@HH:mm-HH:mm], ví dụ TP:2@08:00-11:30`,
        `"${part}" is not CODE:N[@HH:mm-HH:mm], e.g. TP:2@08:00-11:30`,
      );
    const spans = m[3]?.split(',').map((s) => {
      const [open, close] = s.trim().split('-');
      const span = OpeningSpan.safeParse({ open, close });
      if (!span.success)
        throw new PlanError(
          `Khung giờ "${s}" không hợp lệ`,
          `"${s}" is not a HH:mm-HH:mm span with close after open`,
        );
      return span.data;
    });
    for (let k = 0; k < Number(m[2]); k += 1) {
      added.push({ number: next, services: m[1]!.split(',').filter(Boolean), ...(spans ? { spans } : {}) });
      next += 1;
    }
  }
  return { ...base, name: `${base.name} + ${spec}`, counters: [...base.counters, ...added] };
}

/**
 * `plan` where some services' walk-ins book ahead: a spec `CODE:PERCENT[,CODE:PERCENT…]` (`TP:30` = 30 % of Tư
 * pháp's citizens book a slot instead of walking in; see sim/booked.ts).
 */
export function withBookedShares(plan: StaffingPlanInput, spec: string): StaffingPlan {
  const base = StaffingPlan.parse(plan);
  const booked: Record<string, number> = { ...base.booked };
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z0-9_-]+):(\d{1,3})$/.exec(part);
    if (!m?.[1] || Number(m[2]) > 100)
      throw new PlanError(
        `"${part}" không đúng dạng MÃ:PHẦN_TRĂM (0–100), ví dụ TP:30`,
        `"${part}" is not CODE:PERCENT (0–100), e.g. TP:30`,
      );
    booked[m[1]] = Number(m[2]);
  }
  return { ...base, name: `${base.name} + ${spec} đặt lịch/booked`, booked };
}
