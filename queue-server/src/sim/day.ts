/**
 * One simulated day: Poisson arrivals from a `DayModel` and officers who call the next ticket as soon as they are
 * free, every decision through the real engine (see `whatif.ts`).
 */
import { DEFAULT_POLICY, type CallPolicy, type CounterState, type TicketState } from '../domain/types.js';
import { chooseNext, compareBookedOrder, maxBookedInRow } from '../domain/call-policy.js';
import {
  aheadFromCounts,
  aheadOfBooked,
  bookedAheadOfWalkIn,
  bookedSlotsAhead,
  runningAverage,
  serviceSeconds,
  ticketEstimate,
} from '../domain/estimate.js';
import { parseHourMinute, spansOn } from '../domain/hours.js';
import { nextSeq } from '../domain/numbering.js';
import { NOT_YET_CALLED, call, finish, noShow, startServing } from '../domain/tickets.js';
import { vnInstant } from '../domain/time.js';
import type { Random } from './random.js';
import { sampleServiceSeconds, type DayModel, type SimService } from './model.js';
import { bookingRules } from './booked.js';
import { NO_SHOW_SECONDS, PlanError, StaffingPlan, type SimOptions, type StaffingPlanInput } from './plan.js';

export interface Arrival {
  /** Seconds since Vietnam midnight. */
  at: number;
  serviceId: number;
  /** Uniform draws compared with the plan's priority share and no-show rate. */
  uPriority: number;
  uNoShow: number;
  serviceSeconds: number;
  /** A booked citizen checking in at `at` for the slot starting at `slotStart` (seconds since midnight). */
  booked?: { slotStart: number };
}

/** The arrivals of one day: a Poisson count per hour per service, spread uniformly in the hour. */
export function generateArrivals(model: DayModel, weekday: number, rnd: Random): Arrival[] {
  const out: Arrival[] = [];
  for (const s of model.services) {
    const rates = s.arrivals[weekday] ?? [];
    for (let h = 0; h < 24; h += 1) {
      const n = rnd.poisson(rates[h] ?? 0);
      for (let k = 0; k < n; k += 1) {
        out.push({
          at: Math.round((h + rnd.next()) * 3600 * 1000) / 1000,
          serviceId: s.rules.id,
          uPriority: rnd.next(),
          uNoShow: rnd.next(),
          serviceSeconds: sampleServiceSeconds(s.serviceTime, rnd),
        });
      }
    }
  }
  return out.sort((a, b) => a.at - b.at || a.serviceId - b.serviceId);
}

/** A day of the given ISO weekday (any real date works: hours depend on the weekday only). 2026-01-05 is a Monday. */
export function dayOfWeekday(weekday: number): string {
  return `2026-01-${String(4 + weekday).padStart(2, '0')}`;
}

interface SimCounter {
  number: number;
  state: CounterState;
  /** [open, close) in seconds since midnight. */
  spans: [number, number][];
  busyUntil: number;
  current: { ticket: TicketState; record: TicketRecord; noShow: boolean } | null;
  busySeconds: number;
}

/** What happened to one ticket. */
export interface TicketRecord {
  serviceId: number;
  priority: boolean;
  issuedAt: number;
  /** A booked ticket's slot start (seconds since midnight); null for a walk-in. */
  slotStart: number | null;
  calledAt: number | null;
  noShow: boolean;
  /** People ahead and the estimate (minutes) printed on the ticket at issue. */
  ahead: number;
  estimateMinutes: number;
}

export interface DayRun {
  tickets: TicketRecord[];
  /** Kiosk refusals (closed, stop-issuing margin, daily cap) per service id. */
  refused: Map<number, number>;
  counters: { number: number; busySeconds: number; openSeconds: number }[];
  /** Mean number waiting per hour (sampled every 5 minutes), per service id and hour. */
  queueByHour: Map<number, number[]>;
}

function resolveCounters(model: DayModel, plan: StaffingPlan, weekday: number): SimCounter[] {
  const byCode = new Map(model.services.map((s) => [s.code.toUpperCase(), s.rules.id]));
  const unknown = [
    ...new Set(plan.counters.flatMap((c) => c.services).filter((c) => !byCode.has(c.toUpperCase()))),
  ];
  if (unknown.length > 0)
    throw new PlanError(
      `Kế hoạch "${plan.name}" có mã dịch vụ không có: ${unknown.join(', ')}`,
      `plan "${plan.name}" names unknown service codes: ${unknown.join(', ')} (known: ${[...byCode.keys()].join(', ')})`,
    );
  const numbers = plan.counters.map((c) => c.number);
  if (new Set(numbers).size !== numbers.length)
    throw new PlanError(
      `Kế hoạch "${plan.name}" có số quầy trùng`,
      `plan "${plan.name}" repeats a counter number`,
    );
  const dayHours = spansOn(model.hours, weekday);
  return plan.counters.map((c, i) => ({
    number: c.number,
    state: {
      id: i + 1,
      serviceIds: c.services.map((code) => byCode.get(code.toUpperCase())!),
      paused: false,
      currentTicketId: null,
    },
    spans: (c.spans ?? dayHours).map((s) => [parseHourMinute(s.open) * 60, parseHourMinute(s.close) * 60]),
    busyUntil: 0,
    current: null,
    busySeconds: 0,
  }));
}

const SAMPLE_SECONDS = 300;

/** One simulated day of `plan` over `arrivals`. */
export function simulateDay(
  model: DayModel,
  planInput: StaffingPlanInput,
  arrivals: readonly Arrival[],
  options: Pick<SimOptions, 'weekday' | 'policy'>,
): DayRun {
  const plan = StaffingPlan.parse(planInput);
  const policy: CallPolicy = {
    ...(options.policy ?? DEFAULT_POLICY),
    maxPriorityInRow: plan.maxPriorityInRow,
    maxBookedInRow: bookingRules(model).maxBookedInRow,
  };
  const bookedMix = maxBookedInRow(policy);
  const base = vnInstant(dayOfWeekday(options.weekday)).getTime();
  const at = (sec: number): Date => new Date(base + Math.round(sec * 1000));
  const counters = resolveCounters(model, plan, options.weekday);
  /** Who serves what, for the estimate's share of other services' bookings (`bookedSlotsAhead`). */
  const counterStates = counters.map((c) => c.state);
  const services = new Map<number, SimService>(model.services.map((s) => [s.rules.id, s]));
  const waiting = new Map<number, TicketState[]>(model.services.map((s) => [s.rules.id, []]));
  const streaks = new Map<number, number>();
  const bookedStreaks = new Map<number, number>();
  /** Per service: the booked arrivals of the day (check-in and slot), what the server knows as pending bookings. */
  const bookedArrivals = new Map<number, Arrival[]>();
  for (const a of arrivals)
    if (a.booked) bookedArrivals.set(a.serviceId, [...(bookedArrivals.get(a.serviceId) ?? []), a]);
  const recent = new Map<number, number[]>();
  const issued = new Map<number, number>();
  const refused = new Map<number, number>();
  const queueSum = new Map<number, number[]>(model.services.map((s) => [s.rules.id, new Array(24).fill(0)]));
  const sampleCount = new Array<number>(24).fill(0);
  const tickets: TicketRecord[] = [];
  const records = new Map<number, { record: TicketRecord; arrival: Arrival }>();
  let waitingTotal = 0;
  let nextId = 1;

  const inSpan = (c: SimCounter, t: number): boolean => c.spans.some(([o, e]) => t >= o && t < e);
  const nextOpen = (c: SimCounter, t: number): number =>
    c.spans.reduce((best, [o]) => (o > t && o < best ? o : best), Infinity);
  const allSpans = counters.flatMap((c) => c.spans);
  const firstOpen = Math.min(...allSpans.map(([o]) => o), ...arrivals.slice(0, 1).map((a) => a.at));
  const lastClose = Math.max(...allSpans.map(([, e]) => e), 0);
  let nextSample = Math.ceil(firstOpen / SAMPLE_SECONDS) * SAMPLE_SECONDS;

  const issue = (a: Arrival, t: number): void => {
    const service = services.get(a.serviceId)!;
    const count = issued.get(a.serviceId) ?? 0;
    const num = nextSeq(count, service.rules, count, at(t), policy);
    if (!num.ok) {
      refused.set(a.serviceId, (refused.get(a.serviceId) ?? 0) + 1);
      return;
    }
    issued.set(a.serviceId, count + 1);
    const priority = !a.booked && a.uPriority < plan.priorityShare;
    const queue = waiting.get(a.serviceId)!;
    const ticket: TicketState = {
      id: nextId,
      serviceId: a.serviceId,
      seq: num.value.seq,
      priority: priority ? 'elderly' : null,
      bookedFor: a.booked ? at(a.booked.slotStart) : null,
      ...NOT_YET_CALLED,
      queuedAt: at(t),
      issuedAt: at(t),
    };
    nextId += 1;
    // The same calls as the server's views (`peopleAhead`, `ticketEstimate`), fed what it would know now.
    const minutesFor = (ahead: number) =>
      ticketEstimate({
        serviceId: a.serviceId,
        ahead,
        counters: counters.filter((c) => inSpan(c, t)).map((c) => c.state),
        averageServiceSeconds: runningAverage(recent.get(a.serviceId) ?? [], policy.averageWindow),
        hours: service.rules.hours,
        at: at(t),
        policy,
      });
    const walkIns = queue.filter((w) => w.bookedFor === null);
    const streak = bookedStreaks.get(a.serviceId) ?? 0;
    let ahead: number;
    let estimate: number;
    if (a.booked) {
      const slot = a.booked.slotStart;
      const others = bookedSlotsAhead(a.serviceId, counterStates, (sid) =>
        sid === a.serviceId
          ? []
          : (waiting.get(sid) ?? []).flatMap((w) =>
              w.bookedFor !== null && w.bookedFor.getTime() < at(slot).getTime() ? [w.bookedFor] : [],
            ),
      );
      const before = queue.filter((w) => w.bookedFor !== null && compareBookedOrder(w, ticket) < 0).length;
      ahead = aheadOfBooked(before + others.length, walkIns.length, streak, bookedMix);
      // Checked in early: not called before the slot while walk-ins wait.
      estimate = Math.max(minutesFor(ahead), Math.ceil((a.booked.slotStart - t) / 60));
    } else {
      let samePriority = 0;
      for (const w of walkIns) if (w.priority !== null) samePriority += 1;
      const before = priority ? samePriority : walkIns.length - samePriority;
      const walkInsAhead = aheadFromCounts(
        { priority, before, others: walkIns.length - before },
        streaks.get(a.serviceId) ?? 0,
        policy,
      );
      // Slots of the booked tickets waiting and of the bookings still to check in (the no-shows are left out:
      // the simulator knows who comes).
      const slotsOf = (sid: number): Date[] => [
        ...(waiting.get(sid) ?? []).flatMap((w) => (w.bookedFor === null ? [] : [w.bookedFor])),
        ...(bookedArrivals.get(sid) ?? []).flatMap((b) =>
          b.at > t && b.booked ? [at(b.booked.slotStart)] : [],
        ),
      ];
      const slots = bookedSlotsAhead(a.serviceId, counterStates, slotsOf);
      ahead =
        slots.length === 0
          ? walkInsAhead
          : walkInsAhead +
            bookedAheadOfWalkIn({ walkInsAhead, slots, now: at(t), maxBookedInRow: bookedMix, minutesFor });
      estimate = minutesFor(ahead);
    }
    queue.push(ticket);
    waitingTotal += 1;
    tickets.push({
      serviceId: a.serviceId,
      priority,
      issuedAt: t,
      slotStart: a.booked?.slotStart ?? null,
      calledAt: null,
      noShow: a.uNoShow < plan.noShowRate,
      ahead,
      estimateMinutes: estimate,
    });
    // The record travels with the ticket: ids are issue order.
    records.set(ticket.id, { record: tickets[tickets.length - 1]!, arrival: a });
  };
  const tryCall = (c: SimCounter, t: number): void => {
    const candidates = c.state.serviceIds.flatMap((sid) => waiting.get(sid) ?? []);
    if (candidates.length === 0) return;
    const choice = chooseNext(candidates, c.state, streaks, policy, at(t), bookedStreaks);
    if (!choice) return;
    const called = call(choice.ticket, c.state, at(t));
    if (!called.ok) throw new Error(`engine refused a call: ${called.code}`);
    const queue = waiting.get(choice.ticket.serviceId)!;
    queue.splice(queue.indexOf(choice.ticket), 1);
    waitingTotal -= 1;
    streaks.set(choice.ticket.serviceId, choice.streakAfter);
    for (const [sid, n] of Object.entries(choice.bookedStreaksAfter)) bookedStreaks.set(Number(sid), n);
    const { record, arrival } = records.get(choice.ticket.id)!;
    records.delete(choice.ticket.id);
    record.calledAt = t;
    if (record.noShow) {
      c.state = called.value.counter;
      c.current = { ticket: called.value.ticket, record, noShow: true };
      c.busyUntil = t + NO_SHOW_SECONDS;
      c.busySeconds += NO_SHOW_SECONDS;
      return;
    }
    const serving = startServing(called.value.ticket, called.value.counter, at(t));
    if (!serving.ok) throw new Error(`engine refused to start serving: ${serving.code}`);
    c.state = serving.value.counter;
    c.current = { ticket: serving.value.ticket, record, noShow: false };
    c.busyUntil = t + arrival.serviceSeconds;
    c.busySeconds += arrival.serviceSeconds;
  };

  const complete = (c: SimCounter, t: number): void => {
    const cur = c.current!;
    const tr = cur.noShow
      ? noShow(cur.ticket, c.state, at(t))
      : finish(cur.ticket, c.state, at(t), 'guidance', false);
    if (!tr.ok) throw new Error(`engine refused to close a ticket: ${tr.code}`);
    c.state = tr.value.counter;
    c.current = null;
    const seconds = serviceSeconds(tr.value.ticket);
    if (seconds !== null) {
      const list = recent.get(tr.value.ticket.serviceId) ?? [];
      list.push(seconds);
      if (list.length > policy.averageWindow * 2) list.splice(0, list.length - policy.averageWindow);
      recent.set(tr.value.ticket.serviceId, list);
    }
  };

  let i = 0;
  let lastT = -Infinity;
  for (;;) {
    const tArrival = arrivals[i]?.at ?? Infinity;
    let tFinish = Infinity;
    for (const c of counters) if (c.current) tFinish = Math.min(tFinish, c.busyUntil);
    const tSample = nextSample < lastClose ? nextSample : Infinity;
    let t = Math.min(tArrival, tFinish, tSample);
    // While someone waits, a counter that opens later (an afternoon span, a reinforcement) is an event too.
    if (waitingTotal > 0) for (const c of counters) if (!c.current) t = Math.min(t, nextOpen(c, lastT));
    if (t === Infinity) break;
    lastT = t;
    for (const c of counters) if (c.current && c.busyUntil === t) complete(c, t);
    while (i < arrivals.length && arrivals[i]!.at === t) {
      issue(arrivals[i]!, t);
      i += 1;
    }
    if (waitingTotal > 0) for (const c of counters) if (!c.current && inSpan(c, t)) tryCall(c, t);
    if (t === tSample) {
      const hour = Math.floor(t / 3600);
      if (hour < 24) {
        sampleCount[hour]! += 1;
        for (const [sid, queue] of waiting) queueSum.get(sid)![hour]! += queue.length;
      }
      nextSample += SAMPLE_SECONDS;
    }
  }

  const queueByHour = new Map<number, number[]>();
  for (const [sid, sums] of queueSum)
    queueByHour.set(
      sid,
      sums.map((s, h) => (sampleCount[h]! > 0 ? s / sampleCount[h]! : 0)),
    );
  return {
    tickets,
    refused,
    counters: counters.map((c) => ({
      number: c.number,
      busySeconds: c.busySeconds,
      openSeconds: c.spans.reduce((sum, [o, e]) => sum + (e - o), 0),
    })),
    queueByHour,
  };
}
