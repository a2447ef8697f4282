/**
 * The site's facts for the province hub (issue 20), built from what a command just decided and recorded in its own
 * transaction through `store.hub` (nothing when the site is not joined). Only codes, numbers and times leave: the
 * ticket's printed number, the service's code, the counter's number — never an intake, a note or a name.
 */
import type { FinishOutcome, HubFact, Rating, RatingReason } from '@layso/protocol';
import type { CounterRow, Store, TicketRow } from '../db/store.js';
import type { Dossier } from '../domain/dossiers.js';
import { serviceDay, toIso } from '../domain/time.js';
import type { DayAggregate } from '../reports/build.js';

/** The protocol's bound on a duration: a week. */
const MAX_SECONDS = 7 * 24 * 3600;
const seconds = (from: Date | null, to: Date | null): number =>
  from && to ? Math.min(MAX_SECONDS, Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000))) : 0;

type Status = Extract<HubFact, { kind: 'counter' }>['status'];

/** Records the facts of one store's commands; each method is called inside the command's transaction. */
export class HubFacts {
  constructor(private readonly store: Store) {}

  private service(serviceId: number): string {
    // A ticket's service always exists (foreign key); an empty code is refused by the fact's schema.
    return this.store.catalogue.service(serviceId)?.code ?? '';
  }

  private ticket(t: TicketRow): { ticket: string; service: string } {
    return { ticket: t.number, service: this.service(t.serviceId) };
  }

  issued(t: TicketRow, at: Date): void {
    this.store.hub.record({ kind: 'issued', at: toIso(at), ...this.ticket(t) });
  }

  called(t: TicketRow, counter: CounterRow, at: Date, recall: boolean): void {
    const kind = recall ? 'recalled' : 'called';
    this.store.hub.record({ kind, at: toIso(at), ...this.ticket(t), counter: counter.number });
  }

  noShow(t: TicketRow, counter: CounterRow, at: Date): void {
    this.store.hub.record({ kind: 'no_show', at: toIso(at), ...this.ticket(t), counter: counter.number });
  }

  cancelled(t: TicketRow, at: Date): void {
    this.store.hub.record({ kind: 'cancelled', at: toIso(at), ...this.ticket(t) });
  }

  /** The closed ticket and the new one in the target service's queue (a new number, not a new issue). */
  transferred(t: TicketRow, counter: CounterRow, fresh: TicketRow, at: Date): void {
    this.store.hub.record({
      kind: 'transferred',
      at: toIso(at),
      ...this.ticket(t),
      counter: counter.number,
      toService: this.service(fresh.serviceId),
      toTicket: fresh.number,
    });
  }

  /** Wait = issue → first call; service = first call → finish (recalls stay inside the service time). */
  finished(t: TicketRow, counter: CounterRow, outcome: FinishOutcome, at: Date): void {
    this.store.hub.record({
      kind: 'finished',
      at: toIso(at),
      ...this.ticket(t),
      counter: counter.number,
      outcome,
      waitSeconds: seconds(t.issuedAt, t.calledAt),
      serviceSeconds: seconds(t.calledAt, at),
    });
  }

  rating(t: TicketRow, counterNumber: number, rating: Rating, reason: RatingReason | null, at: Date): void {
    this.store.hub.record({
      kind: 'rating',
      at: toIso(at),
      ...this.ticket(t),
      counter: counterNumber,
      rating,
      ...(reason ? { reasons: [reason] } : {}),
    });
  }

  /** A counter's saved state: a fact only when its status (open, paused, closed) changed. */
  counter(before: CounterRow, after: Pick<CounterRow, 'paused' | 'officerId'>, at: Date): void {
    const status = (c: Pick<CounterRow, 'paused' | 'officerId'>): Status =>
      c.paused ? 'paused' : c.officerId === null ? 'closed' : 'open';
    const next = status(after);
    if (next === status(before)) return;
    this.store.hub.record({ kind: 'counter', at: toIso(at), counter: before.number, status: next });
  }

  /** A device's or printer's fault and its end: the device's id and a code, never the message shown. */
  fault(
    device: Extract<HubFact, { kind: 'fault' }>['device'],
    deviceId: number,
    code: string,
    cleared: boolean,
    at: Date,
  ): void {
    const faultCode = code
      .toLowerCase()
      .replace(/[^a-z0-9_-]/g, '_')
      .slice(0, 40);
    this.store.hub.record({ kind: 'fault', at: toIso(at), device, deviceId, code: faultCode, cleared });
  }

  /** The register's dossier after a change: its status when it changed (TrangThaiHoSo as its number). */
  dossier(before: number | null, d: Dossier, at: Date): void {
    if (before === d.status) return;
    this.store.hub.record({
      kind: 'dossier',
      at: toIso(at),
      dossier: d.code,
      status: String(d.status),
      ...(d.serviceId !== null ? { service: this.service(d.serviceId) } : {}),
      ...(d.appointmentAt ? { due: serviceDay(d.appointmentAt) } : {}),
    });
  }

  /** A closed day's own report figures, one fact per service, to compare with what the hub summed. */
  dailyTotals(a: DayAggregate, at: Date): void {
    const per = new Map<number, { issued: number; served: number; noShow: number; cancelled: number }>();
    for (const g of a.groups) {
      const t = per.get(g.serviceId) ?? { issued: 0, served: 0, noShow: 0, cancelled: 0 };
      t.issued += g.issued;
      t.served += g.served;
      t.noShow += g.noShow;
      t.cancelled += g.cancelled;
      per.set(g.serviceId, t);
    }
    for (const [serviceId, t] of [...per].sort((x, y) => x[0] - y[0])) {
      this.store.hub.record({
        kind: 'daily_totals',
        at: toIso(at),
        day: a.day,
        service: this.service(serviceId),
        ...t,
      });
    }
  }
}
