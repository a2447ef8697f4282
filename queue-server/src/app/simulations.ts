/**
 * What-if staffing for the admin app: the model (the center's own last weeks, or the bundled demo profile while
 * there is too little history), today's staffing as plan A, plan B from the director's changes, and the runs.
 *
 * A run is a job in a worker thread (`sim/whatif-thread.ts`): kiosks and counters never wait behind a director's
 * question, and a worker that fails takes only its job with it. One run at a time; the last few results are kept
 * in memory (a restart forgets them, which costs a re-run, nothing else). Reading the history (at most every ten minutes, on an admin's request)
 * is synchronous: eight weeks of tickets, well under a second even for a large center.
 */
import { randomUUID } from 'node:crypto';
import {
  SimulationRequest,
  type BookingSettings,
  type SimulationJob,
  type SimulationSetup,
} from '@layso/protocol';
import { readBookingSettings } from './booking-settings.js';
import profileJson from '../sim/demo-profile.json' with { type: 'json' };
import type { Store } from '../db/store.js';
import type { Clock } from '../domain/types.js';
import { fail } from '../errors.js';
import { currentPlan, historyFromStore } from '../sim/history.js';
import { modelFromProfile, parseProfile, type DayModel } from '../sim/model.js';
import type { StaffingPlan } from '../sim/plan.js';
import { parseHourMinute, spansOn } from '../domain/hours.js';
import { weekdaysWithArrivals } from '../sim/whatif.js';
import { runWhatIf, type WhatIfRun } from '../sim/whatif-thread.js';

/** Fewer tickets than this over the history window and the model comes from the bundled profile. */
export const MIN_HISTORY_TICKETS = 300;
export const HISTORY_WEEKS = 8;
/** A model is rebuilt at most this often (reading eight weeks of tickets is not free). */
const MODEL_TTL_MS = 10 * 60_000;
const KEEP_JOBS = 10;

interface Model {
  model: DayModel;
  current: StaffingPlan;
  historyTickets: number;
}

export class Simulations {
  private history: { model: DayModel | null; tickets: number; builtAt: number } | null = null;
  private readonly jobs = new Map<string, SimulationJob>();
  private running: string | null = null;
  private worker: WhatIfRun | null = null;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** Where a run that fails for an unexpected reason is reported (the server's log). */
    private readonly report: (err: unknown) => void,
    /** How a run is started: the worker thread; a test hands in a faulty one. */
    private readonly run: typeof runWhatIf = runWhatIf,
  ) {}

  /** The server is closing: a running job's worker is ended, and nothing is left behind. */
  async close(): Promise<void> {
    this.closed = true;
    await this.worker?.stop();
  }

  /** What the page starts from; refuses when there is neither history nor a matching profile. */
  setup(): SimulationSetup {
    const m = this.model();
    return {
      source: m.model.source,
      modelName: m.model.name,
      historyWeeks: HISTORY_WEEKS,
      historyTickets: m.historyTickets,
      services: m.model.services.map((s) => ({ code: s.code, name: s.name })),
      current: { name: m.current.name, counters: m.current.counters },
      weekdays: weekdaysWithArrivals(m.model),
    };
  }

  /** Starts a run of today's staffing against the changed plan; answers the job at once. */
  start(input: SimulationRequest): SimulationJob {
    if (this.running) fail('LAYSO_SIM_BUSY');
    const req = SimulationRequest.parse(input);
    const m = this.model();
    if (!weekdaysWithArrivals(m.model).includes(req.weekday))
      fail('LAYSO_SIM_PLAN_INVALID', {
        vi: 'Ngày này không có người đến trong số liệu: chọn ngày khác',
        en: 'nobody arrives on this weekday in the data: pick another day',
      });
    const planB = changedPlan(m, req, spansOn(m.model.hours, req.weekday));
    const options = {
      weekday: req.weekday,
      replications: req.replications,
      seed: req.seed,
      targetMinutes: req.targetMinutes,
    };
    const job: SimulationJob = {
      id: randomUUID(),
      state: 'running',
      done: 0,
      total: 2 * req.replications,
      request: options,
      result: null,
      error: null,
    };
    this.keep(job);
    this.running = job.id;
    const worker = this.run({ model: m.model, planA: m.current, planB, options }, () => {
      job.done = Math.min(job.total, job.done + 1);
    });
    this.worker = worker;
    const settle = (state: 'done' | 'failed') => {
      job.state = state;
      this.running = null;
      this.worker = null;
    };
    worker.outcome.then(
      (outcome) => {
        if (outcome.ok) job.result = outcome.result;
        else job.error = { vi: outcome.vi, en: outcome.en };
        settle(outcome.ok ? 'done' : 'failed');
      },
      (err: unknown) => {
        if (this.closed) return;
        this.report(err);
        job.error = {
          vi: 'Lỗi hệ thống khi mô phỏng, vui lòng báo quản trị viên',
          en: 'Internal error while simulating, please tell the administrator',
        };
        settle('failed');
      },
    );
    return this.view(job);
  }

  get(id: string): SimulationJob {
    const job = this.jobs.get(id);
    if (!job) return fail('LAYSO_SIM_NOT_FOUND');
    return this.view(job);
  }

  /** A copy: the job object itself goes on changing while it runs. */
  private view(job: SimulationJob): SimulationJob {
    return { ...job };
  }

  private keep(job: SimulationJob): void {
    this.jobs.set(job.id, job);
    for (const id of this.jobs.keys()) {
      if (this.jobs.size <= KEEP_JOBS) break;
      if (id !== this.running) this.jobs.delete(id);
    }
  }

  private model(): Model {
    const now = this.clock.now();
    if (!this.history || now.getTime() - this.history.builtAt >= MODEL_TTL_MS) {
      const h = historyFromStore(this.store, { weeks: HISTORY_WEEKS, today: now });
      this.history = {
        model: h.tickets >= MIN_HISTORY_TICKETS ? h.model : null,
        tickets: h.tickets,
        builtAt: now.getTime(),
      };
    }
    // The bundled profile asks with the center's booking settings (its slots, walk-in shares, the booked mix).
    const model = this.history.model ?? { ...bundledProfile(), booking: profileBooking(this.store) };
    // Today's counters are read fresh (a counter added a minute ago counts), each keeping the services the model
    // knows (the profile's, or the history's of up to ten minutes ago).
    const known = new Set(model.services.map((s) => s.code.toUpperCase()));
    const plan = currentPlan(this.store);
    const counters = plan.counters
      .map((c) => ({ ...c, services: c.services.filter((code) => known.has(code.toUpperCase())) }))
      .filter((c) => c.services.length > 0);
    if (counters.length === 0)
      return this.history.model
        ? fail('LAYSO_SIM_PLAN_INVALID', {
            vi: 'Chưa có quầy nào phục vụ một lĩnh vực có số liệu',
            en: 'no counter serves a service with data yet',
          })
        : fail('LAYSO_SIM_NO_MODEL');
    return { model, current: { ...plan, counters }, historyTickets: this.history.tickets };
  }
}

/** The center's booking settings, its services renumbered as the bundled profile numbers them (by code). */
function profileBooking(store: Store): BookingSettings {
  const settings = readBookingSettings(store);
  const codeOf = new Map(store.catalogue.services().map((s) => [s.id, s.code.toUpperCase()]));
  const idOf = new Map(bundledProfile().services.map((s) => [s.code.toUpperCase(), s.rules.id]));
  return {
    ...settings,
    services: settings.services.flatMap((s) => {
      const id = idOf.get(codeOf.get(s.serviceId) ?? '');
      return id === undefined ? [] : [{ ...s, serviceId: id }];
    }),
  };
}

let profile: DayModel | null = null;
/** The bundled profile: the demo center's assumed figures, used until the center has history of its own. */
function bundledProfile(): DayModel {
  if (!profile) {
    const parsed = parseProfile(profileJson);
    if (!parsed.ok) throw new Error(`bundled profile invalid: ${parsed.problems.join('; ')}`);
    profile = modelFromProfile(parsed.profile);
  }
  return profile;
}

/** Plan B: today's counters without `close`, plus `add` (numbered after the highest), with its name in words. */
function changedPlan(
  m: Model,
  req: ReturnType<typeof SimulationRequest.parse>,
  dayHours: readonly { open: string; close: string }[],
): StaffingPlan {
  const booked = req.booked.filter((b) => b.percent > 0);
  if (req.add.length === 0 && req.close.length === 0 && booked.length === 0)
    fail('LAYSO_SIM_PLAN_INVALID', {
      vi: 'Phương án B giống hiện nay: thêm hoặc bớt quầy, hoặc cho đặt lịch trước, để so sánh',
      en: 'plan B is the same as today: add or close counters, or book a share ahead, to compare',
    });
  const outside = req.add
    .flatMap((a) => a.spans ?? [])
    .filter(
      (x) =>
        !dayHours.some(
          (o) =>
            parseHourMinute(x.open) < parseHourMinute(o.close) &&
            parseHourMinute(x.close) > parseHourMinute(o.open),
        ),
    );
  if (outside.length > 0) {
    const open = dayHours.map((o) => `${o.open}–${o.close}`).join(', ');
    fail('LAYSO_SIM_PLAN_INVALID', {
      vi: `Giờ ${outside.map((x) => `${x.open}–${x.close}`).join(', ')} nằm ngoài giờ làm việc (${open})`,
      en: `${outside.map((x) => `${x.open}–${x.close}`).join(', ')} is outside working hours (${open})`,
    });
  }
  const known = new Map(m.model.services.map((s) => [s.code.toUpperCase(), s.code]));
  const unknown = [...req.add.flatMap((a) => a.services), ...booked.map((b) => b.service)].filter(
    (c) => !known.has(c.toUpperCase()),
  );
  if (unknown.length > 0)
    fail('LAYSO_SIM_PLAN_INVALID', {
      vi: `Không có lĩnh vực mã ${[...new Set(unknown)].join(', ')}`,
      en: `no service with code ${[...new Set(unknown)].join(', ')}`,
    });
  const numbers = new Set(m.current.counters.map((c) => c.number));
  const missing = req.close.filter((n) => !numbers.has(n));
  if (missing.length > 0)
    fail('LAYSO_SIM_PLAN_INVALID', {
      vi: `Không có quầy số ${missing.join(', ')}`,
      en: `no counter number ${missing.join(', ')}`,
    });
  const kept = m.current.counters.filter((c) => !req.close.includes(c.number));
  let next = Math.max(0, ...m.current.counters.map((c) => c.number)) + 1;
  const added = req.add.flatMap((a) =>
    Array.from({ length: a.count }, () => ({
      number: next++,
      services: a.services.map((c) => known.get(c.toUpperCase())!),
      ...(a.spans ? { spans: a.spans } : {}),
    })),
  );
  const counters = [...kept, ...added];
  if (counters.length === 0)
    fail('LAYSO_SIM_PLAN_INVALID', {
      vi: 'Phương án B không còn quầy nào',
      en: 'plan B has no counter left',
    });
  const words = [
    ...req.add.map(
      (a) =>
        `+${a.count} ${a.services.join('+')}${a.spans ? ` ${a.spans.map((s) => `${s.open}–${s.close}`).join(', ')}` : ''}`,
    ),
    ...(req.close.length > 0 ? [`−quầy/counter ${req.close.join(', ')}`] : []),
    ...booked.map((b) => `${b.percent} % ${known.get(b.service.toUpperCase()) ?? b.service} đặt lịch/booked`),
  ];
  return {
    ...m.current,
    name: words.length > 0 ? `B: ${words.join('; ')}` : 'B: như hiện tại / unchanged',
    counters,
    booked: Object.fromEntries(booked.map((b) => [known.get(b.service.toUpperCase())!, b.percent])),
  };
}
