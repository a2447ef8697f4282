import type { Counter, CounterQueue, PublicTicket, Service, Snapshot, Ticket } from '@layso/protocol';
import { readBookingSettings } from './booking-settings.js';
import { callOrder } from '../domain/call-policy.js';
import { peopleAhead } from './people-ahead.js';
import { lookupState } from '../domain/dossiers.js';
import { openCountersFor, runningAverage, ticketEstimate, type QueuePosition } from '../domain/estimate.js';
import { issuingStatus } from '../domain/hours.js';
import { serviceDay, toIso } from '../domain/time.js';
import type { CallPolicy, Clock } from '../domain/types.js';
import type { CounterRow, ServiceRow, Store, TicketRow } from '../db/store.js';
import { fail } from '../errors.js';
import type { NoticePlanner } from '../notify/planner.js';

/** How many waiting tickets a counter's officer sees listed (the total is given beside). */
const COUNTER_QUEUE_LIST = 200;

export interface QueueOptions {
  /**
   * The center's agency identifier (`xxx.yy.zz.Hnn`, config AGENCY_ID or the admin's settings): when set, a dossier
   * received without a typed code gets the next `{agency}-{yymmdd}-{NNNN}`; when null, every received or returned
   * dossier needs one. A function is asked at each use, so a change of the settings holds at once.
   */
  agencyId?: string | null | (() => string | null);
  /** Plans the citizens' notices (issue 19) in the commands' transactions; none without it. */
  notices?: NoticePlanner | null;
}

export interface Memo {
  day: string;
  averages: Map<number, number | null>;
  /** Per service: slot starts of its booked tickets and bookings to come (read once, when a walk-in's view needs them). */
  bookedSlots?: Map<number, Date[]>;
  /** The call mix with the booking settings' part, read once. */
  mix?: CallPolicy;
}

/**
 * The read side of the queue: live figures for replies (services, tickets, a counter's queue), the public
 * snapshot for screens. `queue-events.ts` adds the events commands publish, `citizen-actions.ts` and `queue.ts` the
 * commands.
 */
/** Counters with an officer signed in: the only ones that call. */
const staffed = (counters: readonly CounterRow[]): CounterRow[] =>
  counters.filter((c) => c.officerId !== null);

export class QueueViews {
  private readonly policyOf: () => CallPolicy;

  /** `policy` may be a function, asked at each use (the admin changes the priority mix at run time). */
  constructor(
    protected readonly store: Store,
    protected readonly clock: Clock,
    policy: CallPolicy | (() => CallPolicy),
    protected publicUrl: string,
    protected readonly options: QueueOptions = {},
  ) {
    this.policyOf = typeof policy === 'function' ? policy : () => policy;
  }

  /**
   * "I'm on my way" from the phone page, by ticket id: shown on the officer's console. Kept in memory (a hint for
   * today, lost with a restart, never stored with the ticket).
   */
  protected readonly onMyWay = new Map<number, Date>();

  /** The call policy as it holds now. */
  protected get policy(): CallPolicy {
    return this.policyOf();
  }

  /** The call policy with the booking settings' mix of booked calls (read at each use: the admin may change it). */
  protected callMix(): CallPolicy {
    return { ...this.policy, maxBookedInRow: readBookingSettings(this.store).maxBookedInRow };
  }

  /** The center's agency identifier as it holds now (null: dossier codes are typed). */
  protected agencyId(): string | null {
    const a = this.options.agencyId;
    return (typeof a === 'function' ? a() : a) ?? null;
  }

  /** Base of tracking URLs, once the real port is known (PORT=0). */
  setPublicUrl(url: string): void {
    this.publicUrl = url;
  }

  /** The server's public base URL (PUBLIC_URL, or the address it listens on): pages and pairing links start here. */
  publicBase(): string {
    return this.publicUrl;
  }

  today(): string {
    return serviceDay(this.clock.now());
  }

  // ---------------- queries ----------------

  /** Every service with its live figures, or only the one `only` names (each costs a few reads). */
  services(only?: number): Service[] {
    const day = this.today();
    const now = this.clock.now();
    const procedures = this.store.catalogue.procedureCounts();
    const memo = this.memo(day);
    const counters = this.store.counters.all();
    const rows = this.store.catalogue.services().filter((s) => only === undefined || s.id === only);
    return rows.map((s) => {
      const sd = this.store.tickets.serviceDay(s.id, day);
      const status = issuingStatus(s, now, sd.issued, this.policy);
      const n = sd.waitingNormal + sd.waitingPriority;
      return {
        id: s.id,
        code: s.code,
        name: s.name,
        nameEn: s.nameEn,
        numberFormat: s.numberFormat,
        dailyCap: s.dailyCap,
        hours: s.hours,
        active: s.active,
        waiting: n,
        estimatedWaitMinutes: this.estimate(s.id, n, memo),
        openCounters: this.openCounters(s.id, counters),
        issuing: status.issuing,
        notIssuingReason: status.issuing ? null : status.reason,
        procedureCount: procedures.get(s.id) ?? 0,
      };
    });
  }

  service(id: number): Service {
    return this.services(id)[0] ?? fail('LAYSO_SERVICE_NOT_FOUND');
  }

  ticket(id: number): Ticket {
    const t = this.store.tickets.byId(id) ?? fail('LAYSO_TICKET_NOT_FOUND');
    return this.view(t);
  }

  ticketByTracking(code: string): Ticket {
    const t = this.store.tickets.byTracking(code) ?? fail('LAYSO_TICKET_NOT_FOUND');
    return this.view(t);
  }

  /**
   * A counter's view for its officer: the ticket at the counter and those it would call, in the order it
   * would call them (the call policy applied in turn), so the list and "Call next" never disagree.
   */
  counterQueue(counterId: number): CounterQueue {
    const counter = this.store.counters.byId(counterId) ?? fail('LAYSO_COUNTER_NOT_FOUND');
    const day = this.today();
    const current = counter.currentTicketId ? this.store.tickets.byId(counter.currentTicketId) : null;
    const waiting = counter.serviceIds.flatMap((sid) => this.store.tickets.waiting(day, sid));
    // Each ticket's place in its class, from the lists in hand (they come in queue order): no query per ticket.
    const positions = new Map<number, QueuePosition>();
    for (const sid of counter.serviceIds) {
      // Walk-ins' places among walk-ins; a booked ticket's is counted apart (`peopleAhead`).
      const list = waiting.filter((t) => t.serviceId === sid && t.bookedFor === null);
      const total = { priority: list.filter((t) => t.priority !== null).length, normal: 0 };
      total.normal = list.length - total.priority;
      const seen = { priority: 0, normal: 0 };
      for (const t of list) {
        const priority = t.priority !== null;
        const cls = priority ? 'priority' : 'normal';
        positions.set(t.id, {
          priority,
          before: seen[cls],
          others: priority ? total.normal : total.priority,
        });
        seen[cls] += 1;
      }
    }
    const days = counter.serviceIds.map((sid) => [sid, this.store.tickets.serviceDay(sid, day)] as const);
    const order = callOrder(
      waiting,
      counter,
      Object.fromEntries(days.map(([sid, d]) => [sid, d.streak])),
      this.callMix(),
      this.clock.now(),
      Object.fromEntries(days.map(([sid, d]) => [sid, d.bookedStreak])),
      COUNTER_QUEUE_LIST,
    ) as TicketRow[];
    const memo = this.memo(day);
    return {
      counter: this.counterView(counter),
      current: current ? this.view(current, memo) : null,
      waiting: order.map((t) => this.view(t, memo, positions.get(t.id))),
      waitingTotal: waiting.length,
      recallLimit: this.policy.recallLimit,
      dossierCodes: this.agencyId() ? 'generated' : 'typed',
    };
  }

  /** Public state for screens: numbers, counters, counts. */
  snapshot(seq: number, serviceId?: number): Snapshot {
    const day = this.today();
    const services = this.services(serviceId);
    const counters = this.store.counters
      .all()
      .filter((c) => serviceId === undefined || c.serviceIds.includes(serviceId));
    // A service's own last 20 calls, as a screen that follows its events keeps them (not the center's last
    // calls filtered: at a large center those hold one or two of a given service).
    const calls = this.store.tickets.recentCalls(day, 20, serviceId ?? null);
    const byId = new Map(this.store.counters.all().map((c) => [c.id, c]));
    return {
      seq,
      at: toIso(this.clock.now()),
      day,
      services: services.map((s) => ({
        id: s.id,
        code: s.code,
        name: s.name,
        waiting: s.waiting,
        estimatedWaitMinutes: s.estimatedWaitMinutes,
        issuing: s.issuing,
      })),
      counters: counters.map((c) => ({
        id: c.id,
        number: c.number,
        name: c.name,
        serviceIds: c.serviceIds,
        status: this.store.counters.status(c),
        officerName: this.officerName(c),
        pauseReason: c.pauseReason,
        currentNumber: c.currentTicketId
          ? (this.store.tickets.byId(c.currentTicketId)?.number ?? null)
          : null,
      })),
      recentCalls: calls.flatMap((t) => {
        const c = t.counterId === null ? undefined : byId.get(t.counterId);
        if (!c || !t.calledAt) return [];
        return [
          {
            ticketId: t.id,
            number: t.number,
            counterId: c.id,
            counterName: c.name,
            counterNumber: c.number,
            serviceId: t.serviceId,
            calledAt: toIso(t.lastCalledAt ?? t.calledAt),
            recall: t.recalls,
            seq: Math.max(seq, 1),
          },
        ];
      }),
    };
  }

  /** Reads shared by the views and events of one command, so each is done once per service. */
  /** What many views of one day share (each service's average service time, read once). */
  memo(day: string): Memo {
    return { day, averages: new Map() };
  }

  /** Counters serving `serviceId` now: staffed (an officer signed in) and not paused. */
  protected openCounters(serviceId: number, counters: readonly CounterRow[]): number {
    return openCountersFor(serviceId, staffed(counters));
  }

  protected estimate(serviceId: number, ahead: number, memo: Memo): number {
    let average = memo.averages.get(serviceId);
    if (average === undefined) {
      average = runningAverage(
        this.store.tickets.recentServiceSeconds(memo.day, serviceId, this.policy.averageWindow),
        this.policy.averageWindow,
      );
      memo.averages.set(serviceId, average);
    }
    const service = this.store.catalogue.service(serviceId);
    // The same call as the day simulator's (`sim/day.ts`), whose replays measure this figure's error.
    return ticketEstimate({
      serviceId,
      ahead,
      counters: staffed(this.store.counters.all()),
      averageServiceSeconds: average,
      hours: service?.hours ?? {},
      at: this.clock.now(),
      policy: this.policy,
    });
  }

  /** The name of the officer seated at a counter, as on its nameplate. */
  protected officerName(c: CounterRow): string | null {
    return c.officerId === null ? null : (this.store.accounts.user(c.officerId)?.displayName ?? null);
  }

  /** The reply shape of a counter. */
  counterView(c: CounterRow): Counter {
    return {
      id: c.id,
      number: c.number,
      name: c.name,
      serviceIds: c.serviceIds,
      status: this.store.counters.status(c),
      officerId: c.officerId,
      officerName: this.officerName(c),
      pauseReason: c.pauseReason,
      currentTicketId: c.currentTicketId,
    };
  }

  /** The reply shape of a ticket, with live `ahead` and estimate while it waits. */
  view(t: TicketRow, memo: Memo = this.memo(t.day), position?: QueuePosition): Ticket {
    const service = this.store.catalogue.service(t.serviceId) as ServiceRow;
    const counter = t.counterId === null ? null : this.store.counters.byId(t.counterId);
    let ahead = 0;
    let estimatedWaitMinutes = 0;
    if (t.status === 'waiting') {
      ahead = this.peopleAhead(t, memo, position);
      estimatedWaitMinutes = this.estimate(t.serviceId, ahead, memo);
      // A booked ticket checked in early is not called before its slot while walk-ins wait.
      if (t.bookedFor !== null) {
        const untilSlot = Math.ceil((t.bookedFor.getTime() - this.clock.now().getTime()) / 60_000);
        estimatedWaitMinutes = Math.max(estimatedWaitMinutes, untilSlot);
      }
    }
    // A hint while the citizen is yet to arrive: once served, finished or let go it says nothing.
    const onMyWay = t.status === 'waiting' || t.status === 'called' ? this.onMyWay.get(t.id) : undefined;
    return {
      id: t.id,
      number: t.number,
      serviceId: t.serviceId,
      serviceName: service.name,
      procedureId: t.procedureId,
      priority: t.priority,
      status: t.status,
      issuedAt: toIso(t.issuedAt),
      queuedAt: toIso(t.queuedAt),
      calledAt: t.calledAt ? toIso(t.calledAt) : null,
      servedAt: t.servedAt ? toIso(t.servedAt) : null,
      finishedAt: t.finishedAt ? toIso(t.finishedAt) : null,
      counterId: t.counterId,
      counterName: counter?.name ?? null,
      recalls: t.recalls,
      outcome: t.outcome,
      dossierCode: t.dossierCode,
      transferredFromId: t.transferredFromId,
      transferNote: t.transferNote,
      ahead,
      estimatedWaitMinutes,
      trackingCode: t.trackingCode,
      trackingUrl: `${this.publicUrl}/t/${t.trackingCode}`,
      day: t.day,
      onMyWayAt: onMyWay ? toIso(onMyWay) : null,
      booked:
        t.bookedFor !== null && t.bookingCode !== null
          ? { code: t.bookingCode, startsAt: toIso(t.bookedFor) }
          : null,
    };
  }

  /** A waiting ticket's people ahead, booked tickets counted (see `people-ahead.ts`). */
  protected peopleAhead(t: TicketRow, memo: Memo, position?: QueuePosition): number {
    return peopleAhead(t, memo, position, {
      store: this.store,
      now: this.clock.now(),
      mix: (memo.mix ??= this.callMix()),
      minutesFor: (ahead) => this.estimate(t.serviceId, ahead, memo),
    });
  }

  /** What the citizen's phone may see of a ticket (no personal data); see protocol's PublicTicket. */
  publicView(t: TicketRow, centerName: string, memo?: Memo): PublicTicket {
    const v = this.view(t, memo?.day === t.day ? memo : this.memo(t.day));
    const next = t.status === 'transferred' ? this.store.tickets.transferredFrom(t.id) : null;
    // The holder of a linked ticket proved the dossier theirs (at the kiosk's lookup, or at the counter).
    const d = t.dossierCode ? this.store.dossiers.byCode(t.dossierCode) : null;
    const state = d ? lookupState(d, this.clock.now()) : null;
    return {
      number: v.number,
      serviceId: v.serviceId,
      serviceName: v.serviceName,
      status: v.status,
      issuedAt: v.issuedAt,
      calledAt: v.calledAt,
      counterName: v.counterName,
      ahead: v.ahead,
      estimatedWaitMinutes: v.estimatedWaitMinutes,
      expired: t.day !== this.today(),
      centerName,
      recalls: v.recalls,
      onMyWayAt: v.onMyWayAt ?? null,
      bookedFor: t.bookedFor ? toIso(t.bookedFor) : null,
      transferredTo: next
        ? {
            number: next.number,
            serviceName: this.store.catalogue.service(next.serviceId)?.name ?? '',
            trackingCode: next.trackingCode,
          }
        : null,
      ...(d && state
        ? {
            dossier: {
              state,
              appointmentAt: d.appointmentAt ? toIso(d.appointmentAt) : null,
              ready: state === 'ready',
            },
          }
        : {}),
    };
  }
}
