import { randomBytes } from 'node:crypto';
import {
  dossierProblemMessage,
  parseDossierCode,
  type FinishBody,
  type Rating,
  type RatingReason,
  type Ticket,
} from '@layso/protocol';
import { chooseNext } from '../domain/call-policy.js';
import { lastFour } from '../domain/dossiers.js';
import { seqAfter } from '../domain/numbering.js';
import * as machine from '../domain/tickets.js';
import { serviceDay } from '../domain/time.js';
import type { CounterRow, ServiceDay, TicketRow } from '../db/store.js';
import { fail, type StorageProblem } from '../errors.js';
import { CitizenQueue, joinQueue, leaveQueue, unwrap } from './citizen-actions.js';
import type { Committed, Outgoing } from './events.js';

export type { IssueRequest } from './citizen-actions.js';

/** How long after the finish the counter-top screen may still send the citizen's rating. */
const RATING_WINDOW_MS = 10 * 60_000;

/** Who acts at a counter: the officer signed in there. */
export interface CounterActor {
  counterId: number;
  officerId: number;
  /**
   * The session is held in memory, the database refusing writes (see AuthService): its seat is not stored, so a
   * counter not yet theirs answers this storage refusal (503), not "not your counter" (409).
   */
  unstored?: StorageProblem;
}

/**
 * The application layer: each command loads state, asks the pure domain for a decision, commits it in one
 * SQLite transaction and returns what the screens must hear. Queries compute live figures. The reads are
 * `views.ts`, the events `queue-events.ts`, the citizens' own actions (kiosk, phone) `citizen-actions.ts`; here are
 * the officers' commands.
 */
export class QueueService extends CitizenQueue {
  // ---------------- commands ----------------

  /** Calls the next ticket for the officer's counter; the reply view is built by the caller after publishing. */
  callNext(actor: CounterActor): Committed<TicketRow | null> {
    return this.store.transaction(() => {
      const now = this.clock.now();
      const day = serviceDay(now);
      const held = this.counterFor(actor);
      const counter = this.releaseStale(held, day);
      const released = counter !== held ? [this.counterChanged(counter, null)] : [];
      if (counter.paused) fail('LAYSO_COUNTER_PAUSED');
      if (counter.currentTicketId !== null) fail('LAYSO_COUNTER_BUSY');
      const waiting = counter.serviceIds.flatMap((sid) => this.store.queueOrder.queueHeads(day, sid));
      const days = new Map(counter.serviceIds.map((sid) => [sid, this.store.tickets.serviceDay(sid, day)]));
      const streaks: Record<number, number> = {};
      const bookedStreaks: Record<number, number> = {};
      for (const [sid, d] of days) {
        streaks[sid] = d.streak;
        bookedStreaks[sid] = d.bookedStreak;
      }
      const choice = chooseNext(waiting, counter, streaks, this.callMix(), now, bookedStreaks);
      if (!choice) return { value: null, events: released };
      const picked = this.store.tickets.byId(choice.ticket.id) ?? fail('LAYSO_TICKET_NOT_FOUND');
      const decided = unwrap(machine.call(picked, counter, now));
      const ticket: TicketRow = {
        ...picked,
        ...decided.ticket,
        officerId: actor.officerId,
        lastCalledAt: now,
      };
      this.store.tickets.save(ticket);
      const after = { ...counter, ...decided.counter };
      this.store.counters.save(after);
      this.hubFacts.called(ticket, counter, now, false);
      const sd = days.get(ticket.serviceId) as ServiceDay;
      this.store.tickets.saveServiceDay(
        ticket.serviceId,
        day,
        leaveQueue(
          { ...sd, streak: choice.streakAfter, bookedStreak: choice.bookedStreakAfter },
          ticket.priority,
        ),
      );
      // A booked call also counts against the walk-ins of the counter's other services (see call-policy.ts).
      for (const [sid, d] of days) {
        const bookedStreak = choice.bookedStreaksAfter[sid] ?? d.bookedStreak;
        if (sid !== ticket.serviceId && bookedStreak !== d.bookedStreak) {
          this.store.tickets.saveServiceDay(sid, day, { ...d, bookedStreak });
        }
      }
      this.options.notices?.called(ticket, counter.name, now);
      this.options.notices?.queueMoved(day, ticket.serviceId, this.aheadOf, now);
      return {
        value: ticket,
        events: [
          this.called(ticket, counter),
          this.queueChanged(ticket.serviceId, this.memo(day)),
          this.counterChanged(after, ticket.number),
        ],
      };
    });
  }

  recall(ticketId: number, actor: CounterActor): Committed<Ticket> {
    return this.store.transaction(() => {
      const { ticket, counter } = this.load(ticketId, actor);
      const now = this.clock.now();
      const decided = unwrap(machine.recall(ticket, counter, now, this.policy));
      const next: TicketRow = { ...ticket, ...decided.ticket, lastCalledAt: now };
      this.store.tickets.save(next);
      this.hubFacts.called(next, counter, now, true);
      this.options.notices?.called(next, counter.name, now);
      return { value: this.view(next), events: [this.called(next, counter)] };
    });
  }

  start(ticketId: number, actor: CounterActor): Committed<Ticket> {
    return this.store.transaction(() => {
      const { ticket, counter } = this.load(ticketId, actor);
      const decided = unwrap(machine.startServing(ticket, counter, this.clock.now()));
      const next: TicketRow = { ...ticket, ...decided.ticket };
      this.store.tickets.save(next);
      return { value: this.view(next), events: [this.updated(next)] };
    });
  }

  noShow(ticketId: number, actor: CounterActor): Committed<Ticket> {
    return this.store.transaction(() => {
      const { ticket, counter } = this.load(ticketId, actor);
      const now = this.clock.now();
      const decided = unwrap(machine.noShow(ticket, counter, now));
      const next: TicketRow = { ...ticket, ...decided.ticket };
      this.store.tickets.save(next);
      this.store.counters.save({ ...counter, ...decided.counter });
      this.hubFacts.noShow(next, counter, now);
      return { value: this.view(next), events: [this.updated(next), this.counterChanged(counter.id)] };
    });
  }

  transfer(
    ticketId: number,
    toServiceId: number,
    note: string | null,
    actor: CounterActor,
  ): Committed<Ticket> {
    const target = this.store.catalogue.service(toServiceId) ?? fail('LAYSO_SERVICE_NOT_FOUND');
    return this.store.transaction(() => {
      const now = this.clock.now();
      const day = serviceDay(now);
      const { ticket, counter } = this.load(ticketId, actor);
      const decided = unwrap(machine.transfer(ticket, counter, target.id, now));
      const closed: TicketRow = { ...ticket, ...decided.closed };
      this.store.tickets.save(closed);
      this.store.counters.save({ ...counter, ...decided.counter });
      // The new ticket gets the target service's next number but keeps its place by the original queuedAt.
      const sd = this.store.tickets.serviceDay(target.id, day);
      // Transfers are not new issues: opening hours and the daily cap don't apply to them.
      const { seq, number } = unwrap(seqAfter(sd.lastSeq, target.numberFormat));
      this.store.tickets.saveServiceDay(target.id, day, joinQueue({ ...sd, lastSeq: seq }, ticket.priority));
      const fresh = this.store.tickets.insert({
        serviceId: target.id,
        day,
        seq,
        number,
        priority: ticket.priority,
        procedureId: null,
        queuedAt: ticket.queuedAt,
        issuedAt: now,
        trackingCode: randomBytes(9).toString('base64url'),
        intake: ticket.intake,
        transferredFromId: ticket.id,
        issuedByDeviceId: null,
        transferNote: note,
      });
      this.hubFacts.transferred(closed, counter, fresh, now);
      // A returns ticket sent to another service still comes for its dossier.
      const created = ticket.dossierCode ? { ...fresh, dossierCode: ticket.dossierCode } : fresh;
      if (created !== fresh) this.store.tickets.save(created);
      this.options.notices?.transferred(ticket, created);
      this.options.notices?.queueMoved(day, target.id, this.aheadOf, now);
      return {
        value: this.view(created),
        events: [this.updated(closed), this.queueChanged(target.id), this.counterChanged(counter.id)],
      };
    });
  }

  /**
   * Finishes the ticket at the officer's counter. A received or returned dossier needs its code: typed (checked
   * by `parseDossierCode`), or — for a received one at a center with an agency identifier — the next generated
   * code of the Vietnam day, taken in this same transaction.
   */
  finish(ticketId: number, body: FinishBody, actor: CounterActor): Committed<Ticket> {
    if (body.dossier?.procedureId && !this.store.catalogue.procedure(body.dossier.procedureId)) {
      fail('LAYSO_PROCEDURE_NOT_FOUND');
    }
    const typed = body.dossier?.code ? this.typedCode(body.dossier.code) : null;
    const agency = this.agencyId();
    const generate = typed === null && body.outcome === 'received' && agency !== null;
    return this.store.transaction(() => {
      const now = this.clock.now();
      const { ticket, counter } = this.load(ticketId, actor);
      // A returns ticket carries its dossier from the kiosk: returning it needs no code typed again.
      let code = typed ?? (body.outcome === 'returned' ? ticket.dossierCode : null);
      const decided = unwrap(machine.finish(ticket, counter, now, body.outcome, code !== null || generate));
      if (code && machine.needsDossier(body.outcome)) {
        const holder = this.store.tickets.dossierHolder(code, body.outcome, ticket.id);
        if (holder !== null) fail('LAYSO_CONFLICT', { dossierCode: code, ticketId: holder });
      }
      if (generate) code = this.store.dossierCodes.take(agency, serviceDay(now));
      const next: TicketRow = {
        ...ticket,
        ...decided.ticket,
        // A returns ticket finished otherwise (not ready yet: guidance) keeps the dossier it came for.
        dossierCode: code ?? ticket.dossierCode,
        dossierProcedureId: body.dossier?.procedureId ?? ticket.procedureId,
        appointmentAt: body.dossier?.appointmentAt ? new Date(body.dossier.appointmentAt) : null,
      };
      this.store.tickets.save(next);
      this.store.counters.save({ ...counter, ...decided.counter });
      this.hubFacts.finished(next, counter, body.outcome, now);
      if (next.dossierCode && (body.outcome === 'received' || body.outcome === 'returned')) {
        this.store.outbox.enqueue(next.id, next.dossierCode, now);
        this.register(next, body, now);
      }
      return {
        value: this.view(next),
        events: [
          this.updated(next),
          this.counterChanged(counter.id),
          this.queueChanged(next.serviceId),
          { type: 'rating:request', data: { ticketId: next.id, number: next.number, counterId: counter.id } },
        ],
      };
    });
  }

  setPaused(
    counterId: number,
    paused: boolean,
    reason: string | null,
    actor: CounterActor,
  ): Committed<CounterRow> {
    return this.store.transaction(() => {
      const counter = this.counterFor({ ...actor, counterId });
      const next = { ...counter, paused, pauseReason: paused ? reason : null };
      this.store.counters.save(next);
      this.hubFacts.counter(counter, next, this.clock.now());
      return {
        value: next,
        events: [this.counterChanged(counter.id), ...this.queueChangedFor(counter.serviceIds)],
      };
    });
  }

  /** An officer signs in at (or leaves) a counter: the counter opens or closes. */
  occupy(counterId: number, officerId: number | null): Outgoing[] {
    return this.store.transaction(() => {
      const counter = this.store.counters.byId(counterId) ?? fail('LAYSO_COUNTER_NOT_FOUND');
      // A counter left by its officer is closed, not paused: the pause was theirs.
      const next = {
        ...counter,
        officerId,
        ...(officerId === null ? { paused: false, pauseReason: null } : {}),
      };
      this.store.counters.save(next);
      this.hubFacts.counter(counter, next, this.clock.now());
      return this.counterNews(counterId);
    });
  }

  /**
   * Counters shown as staffed although nobody has a live session there any more (a session expired, the
   * officer signed in elsewhere) close, so screens and wait estimates stop counting them.
   */
  releaseIdleSeats(): Outgoing[] {
    const ids = this.store.counters.unseated(this.clock.now().getTime());
    if (ids.length === 0) return [];
    return this.store.transaction(() =>
      ids.flatMap((id) => {
        const counter = this.store.counters.byId(id) as CounterRow;
        const next = { ...counter, officerId: null, paused: false, pauseReason: null };
        this.store.counters.save(next);
        this.hubFacts.counter(counter, next, this.clock.now());
        return this.counterNews(id);
      }),
    );
  }

  /** What screens must hear when a counter opens, closes or is reconfigured: its state and its queues. */
  counterNews(counterId: number): Outgoing[] {
    const counter = this.store.counters.byId(counterId) ?? fail('LAYSO_COUNTER_NOT_FOUND');
    return [this.counterChanged(counter), ...this.queueChangedFor(counter.serviceIds)];
  }

  rate(
    ticketId: number,
    rating: Rating,
    reason: RatingReason | null,
    counterId: number,
  ): Committed<{ ticketId: number }> {
    const ticket = this.store.tickets.byId(ticketId) ?? fail('LAYSO_TICKET_NOT_FOUND');
    if (ticket.counterId !== counterId) fail('LAYSO_WRONG_COUNTER');
    if (ticket.status !== 'done' || !ticket.finishedAt) fail('LAYSO_INVALID_TRANSITION');
    // The counter-top screen asks right after service; a rating long after is not the citizen's.
    const now = this.clock.now();
    if (now.getTime() - ticket.finishedAt.getTime() > RATING_WINDOW_MS) fail('LAYSO_INVALID_TRANSITION');
    const why = rating === 'unsatisfied' ? reason : null;
    const counter = this.store.counters.byId(counterId) ?? fail('LAYSO_COUNTER_NOT_FOUND');
    const stored = this.store.transaction(() => {
      if (!this.store.tickets.setRating(ticketId, rating, why)) return false;
      this.hubFacts.rating(ticket, counter.number, rating, why, now);
      return true;
    });
    if (!stored) fail('LAYSO_ALREADY_RATED');
    return { value: { ticketId }, events: [] };
  }

  // ---------------- helpers ----------------

  /** The dossier register hears of a dossier received or returned at a counter, in the finish's transaction. */
  private register(t: TicketRow, body: FinishBody, now: Date): void {
    if (!t.dossierCode) return;
    const base = {
      code: t.dossierCode,
      procedureId: t.dossierProcedureId,
      serviceId: t.serviceId,
      ticketId: t.id,
    };
    const before = this.store.dossiers.byCode(t.dossierCode)?.status ?? null;
    if (body.outcome === 'returned') {
      const d = this.store.dossiers.returned({
        ...base,
        returnedAt: now,
        details: body.dossier?.return ?? null,
      });
      this.hubFacts.dossier(before, d, now);
      return;
    }
    // Only with the citizen's consent; and of the owner, only the last 4 digits, the proof of a later lookup.
    const intake = t.intake?.consent === true ? t.intake : null;
    const owner = body.dossier?.owner;
    const d = this.store.dossiers.received({
      ...base,
      receivedAt: now,
      appointmentAt: t.appointmentAt,
      officerId: t.officerId,
      proofId: lastFour(owner?.idNumber ?? intake?.idNumber),
      proofPhone: lastFour(owner?.phone ?? intake?.phone),
    });
    this.hubFacts.dossier(before, d, now);
  }

  /** A typed code in its stored form; the HTTP schema checked it already, direct callers are checked here. */
  private typedCode(input: string): string {
    const r = parseDossierCode(input);
    if (!r.ok)
      fail('LAYSO_DOSSIER_CODE_INVALID', { problem: r.problem, message: dossierProblemMessage(r.problem) });
    return r.value.code;
  }

  /** The counter the actor is seated at; a session whose seat another officer has since taken acts no more. */
  private counterFor(actor: CounterActor): CounterRow {
    const counter = this.store.counters.byId(actor.counterId) ?? fail('LAYSO_COUNTER_NOT_FOUND');
    if (counter.officerId !== actor.officerId) fail(actor.unstored ?? 'LAYSO_WRONG_COUNTER');
    return counter;
  }

  /** A ticket left called or serving at closing time does not keep the counter busy the next day. */
  private releaseStale(counter: CounterRow, day: string): CounterRow {
    if (counter.currentTicketId === null) return counter;
    const current = this.store.tickets.byId(counter.currentTicketId);
    if (current && current.day === day) return counter;
    const released = { ...counter, currentTicketId: null };
    this.store.counters.save(released);
    return released;
  }

  private load(ticketId: number, actor: CounterActor): { ticket: TicketRow; counter: CounterRow } {
    const ticket = this.store.tickets.byId(ticketId) ?? fail('LAYSO_TICKET_NOT_FOUND');
    return { ticket, counter: this.counterFor(actor) };
  }
}
