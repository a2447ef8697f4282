import { randomBytes } from 'node:crypto';
import type { IssueTicketBody, Ticket } from '@layso/protocol';
import type { QueuePosition } from '../domain/estimate.js';
import { bookedSeq, nextSeq } from '../domain/numbering.js';
import * as machine from '../domain/tickets.js';
import { serviceDay } from '../domain/time.js';
import type { Result } from '../domain/types.js';
import type { ServiceDay, TicketRow } from '../db/store.js';
import type { BookingRow } from '../db/bookings.js';
import { AppError, fail } from '../errors.js';
import { HubFacts } from '../hub/facts.js';
import { requireKnownConsent } from './consent.js';
import type { Committed, Outgoing } from './events.js';
import { QueueEvents } from './queue-events.js';

export interface IssueRequest {
  body: IssueTicketBody;
  deviceId: number | null;
}

/** The waiting counts of a service-day after a ticket joins or leaves its queue. */
export function joinQueue(d: ServiceDay, priority: string | null | undefined, by = 1): ServiceDay {
  return priority
    ? { ...d, waitingPriority: Math.max(0, d.waitingPriority + by) }
    : { ...d, waitingNormal: Math.max(0, d.waitingNormal + by) };
}
export const leaveQueue = (d: ServiceDay, priority: string | null) => joinQueue(d, priority, -1);

export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) fail(r.code);
  return r.value;
}

/**
 * What citizens do themselves: take a number at a kiosk, and from the phone page say "I'm on my way" or leave the
 * queue. {@link QueueService} (queue.ts) adds the officers' commands.
 */
export class CitizenQueue extends QueueEvents {
  /** The province hub's facts, recorded in each command's transaction (nothing when the site is not joined). */
  protected readonly hubFacts = new HubFacts(this.store);

  /** Issues one ticket; see {@link issueMany}. */
  issue(body: IssueTicketBody, deviceId: number | null): Committed<Ticket> {
    const { results, events } = this.issueMany([{ body, deviceId }]);
    const r = results[0];
    if (r instanceof AppError) throw r;
    return { value: r as Ticket, events };
  }

  /**
   * Issues a batch of tickets in ONE transaction (one fsync for all: group commit), each in its own savepoint
   * so that a refused request (closed, cap, bad service) changes nothing and does not disturb the others.
   * Every ticket is durable when this returns; replies are built after the commit.
   */
  issueMany(requests: readonly IssueRequest[]): { results: (Ticket | AppError)[]; events: Outgoing[] } {
    const now = this.clock.now();
    const day = serviceDay(now);
    const outcomes = this.store.transaction(() =>
      requests.map((r) => {
        try {
          return this.store.savepoint(() => this.insertIssued(r, now, day));
        } catch (e) {
          if (e instanceof AppError) return e;
          throw e;
        }
      }),
    );
    const memo = this.memo(day);
    const issued = outcomes.filter((o): o is TicketRow => !(o instanceof AppError));
    const touched = [...new Set(issued.map((t) => t.serviceId))];
    const counts = new Map(touched.map((sid) => [sid, this.store.queueOrder.classCounts(day, sid)]));
    // A ticket just issued is the newest of its class (queuedAt = now, the service-day's highest seq), so its
    // place follows from the class counts after the commit, minus the same-class tickets issued after it in
    // this batch: one count per service per batch instead of index scans per ticket.
    const positions = new Map<number, QueuePosition>();
    const later = new Map<string, number>();
    for (const t of [...issued].reverse()) {
      const priority = t.priority !== null;
      const key = `${t.serviceId}|${priority}`;
      const after = later.get(key) ?? 0;
      const c = counts.get(t.serviceId) as { priority: number; normal: number };
      positions.set(t.id, {
        priority,
        before: Math.max(0, (priority ? c.priority : c.normal) - 1 - after),
        others: priority ? c.normal : c.priority,
      });
      later.set(key, after + 1);
    }
    const results = outcomes.map((o) =>
      o instanceof AppError ? o : this.view(o, memo, positions.get(o.id)),
    );
    const events = touched.map((sid) => {
      // Every waiting ticket, booked ones too (the class counts above are walk-ins only).
      return this.queueChanged(sid, memo, this.store.tickets.waitingCount(day, sid));
    });
    return { results, events };
  }

  /**
   * The booked ticket of a kiosk check-in (app/check-in.ts decides when): the same numbering and hub fact as a kiosk's
   * issue, but neither the issuing hours nor the daily cap refuse it (the check-in window decided; the place is
   * held), and the booking checked in with it, in ONE transaction (the caller's, when it runs in one).
   * A booked ticket is no priority ticket: it counts with the normal class in the service-day's counts.
   */
  issueBooked(booking: BookingRow, deviceId: number | null): Committed<TicketRow> {
    return this.store.transaction(() => {
      const now = this.clock.now();
      const day = serviceDay(now);
      // A procedure removed from the catalogue since the booking leaves the ticket without one.
      const procedureId =
        booking.procedureId !== null && this.store.catalogue.procedure(booking.procedureId)
          ? booking.procedureId
          : undefined;
      const row = this.insertIssued(
        { body: { serviceId: booking.serviceId, procedureId }, deviceId },
        now,
        day,
        true,
      );
      if (!this.store.bookings.attachTicket(booking.id, row.id, now)) fail('LAYSO_BOOKING_NOT_FOUND');
      const ticket: TicketRow = {
        ...row,
        bookingId: booking.id,
        bookingCode: booking.code,
        bookedFor: booking.slotStart,
      };
      return { value: ticket, events: [this.queueChanged(ticket.serviceId, this.memo(day))] };
    });
  }

  /** `booked`: a booking's check-in, numbered by {@link bookedSeq} (no issuing hours, no daily cap). */
  private insertIssued({ body, deviceId }: IssueRequest, now: Date, day: string, booked = false): TicketRow {
    const service = this.store.catalogue.service(body.serviceId) ?? fail('LAYSO_SERVICE_NOT_FOUND');
    if (body.priority && !this.store.catalogue.priorityGroups().some((g) => g.code === body.priority)) {
      fail('LAYSO_PRIORITY_UNKNOWN');
    }
    if (body.intake?.notices) requireKnownConsent(body.intake.notices.consentVersion);
    if (body.procedureId) {
      const p = this.store.catalogue.procedure(body.procedureId) ?? fail('LAYSO_PROCEDURE_NOT_FOUND');
      if (p.serviceId !== null && p.serviceId !== service.id) fail('LAYSO_PROCEDURE_SERVICE_MISMATCH');
    }
    const sd = this.store.tickets.serviceDay(service.id, day);
    const next = unwrap(
      booked ? bookedSeq(sd.lastSeq, service) : nextSeq(sd.lastSeq, service, sd.issued, now, this.policy),
    );
    this.store.tickets.saveServiceDay(
      service.id,
      day,
      joinQueue({ ...sd, lastSeq: next.seq, issued: sd.issued + 1 }, body.priority),
    );
    const row = this.store.tickets.insert({
      serviceId: service.id,
      day,
      seq: next.seq,
      number: next.number,
      priority: body.priority ?? null,
      procedureId: body.procedureId ?? null,
      queuedAt: now,
      issuedAt: now,
      trackingCode: randomBytes(9).toString('base64url'),
      intake: body.intake ?? null,
      transferredFromId: null,
      issuedByDeviceId: deviceId,
      transferNote: null,
    });
    this.hubFacts.issued(row, now);
    if (!body.dossierCode) return row;
    // A returns ticket: linked to its dossier, so the console opens it with the dossier.
    const linked = { ...row, dossierCode: body.dossierCode };
    this.store.tickets.save(linked);
    return linked;
  }

  /** The citizen leaves the queue from the phone page: the number is released, reported as cancelled. */
  leave(code: string): Committed<TicketRow> {
    return this.store.transaction(() => {
      const ticket = this.store.tickets.byTracking(code) ?? fail('LAYSO_TICKET_NOT_FOUND');
      if (ticket.day !== this.today()) fail('LAYSO_TICKET_NOT_WAITING');
      const now = this.clock.now();
      const next: TicketRow = { ...ticket, ...unwrap(machine.cancel(ticket, now)) };
      this.store.tickets.save(next);
      const sd = this.store.tickets.serviceDay(ticket.serviceId, ticket.day);
      this.store.tickets.saveServiceDay(ticket.serviceId, ticket.day, leaveQueue(sd, ticket.priority));
      this.hubFacts.cancelled(next, now);
      this.onMyWay.delete(ticket.id);
      // Those behind move up: one of them may now be within "N ahead" (a new ticket never moves anyone up: it is
      // the last of its class, and the other class only ever waits longer for it).
      this.options.notices?.queueMoved(ticket.day, ticket.serviceId, this.aheadOf, now);
      return { value: next, events: [this.updated(next), this.queueChanged(ticket.serviceId)] };
    });
  }

  /** "I'm on my way" from the phone page, while the ticket waits or is called; the officer's console shows it. */
  onMyWayFrom(code: string): Committed<TicketRow> {
    const ticket = this.store.tickets.byTracking(code) ?? fail('LAYSO_TICKET_NOT_FOUND');
    if (ticket.day !== this.today() || (ticket.status !== 'waiting' && ticket.status !== 'called'))
      fail('LAYSO_TICKET_NOT_WAITING');
    // Said already: a repeated tap (or a script) tells every console, screen and phone nothing new.
    if (this.onMyWay.has(ticket.id)) return { value: ticket, events: [] };
    // Yesterday's hints go: the map holds one day's taps at most.
    const today = this.today();
    for (const [id, at] of this.onMyWay) if (serviceDay(at) !== today) this.onMyWay.delete(id);
    this.onMyWay.set(ticket.id, this.clock.now());
    return { value: ticket, events: [this.updated(ticket)] };
  }

  /** A waiting ticket's live people-ahead, as its view shows it. */
  readonly aheadOf = (t: TicketRow): number => this.peopleAhead(t, this.memo(t.day));
}
