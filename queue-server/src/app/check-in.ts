import type { CheckInReply, PublicBooking } from '@layso/protocol';
import type { BookingRow } from '../db/bookings.js';
import type { Store } from '../db/store.js';
import type { TicketRow } from '../db/tickets.js';
import { checkInDecision, type CheckInDecision } from '../domain/bookings.js';
import { serviceDay, toIso } from '../domain/time.js';
import type { Clock } from '../domain/types.js';
import { fail } from '../errors.js';
import type { BookingIdentity } from './booking-otp.js';
import type { BookingService } from './bookings.js';
import type { Outgoing } from './events.js';
import type { QueueService } from './queue.js';

export interface CheckInOptions {
  store: Store;
  clock: Clock;
  queue: QueueService;
  bookings: BookingService;
  identity: BookingIdentity;
}

export interface CheckedIn {
  reply: CheckInReply;
  /** True when this call issued the ticket (201); false for an answer already given (200). */
  created: boolean;
  events: Outgoing[];
}

/** The order in which a person's bookings of the day answer a card check-in: the one to act on first. */
const CARD_RANK: Record<CheckInDecision['kind'] | 'held' | 'over', number> = {
  ok: 0,
  held: 1,
  late: 2,
  early: 3,
  over: 4,
};

/**
 * The kiosk's check-in (issue 21): a booking found by its code (typed or read from its QR) or by the CCCD card (its
 * HMAC, as the booking stored it), then the window's decision. Within it a booked ticket is issued through the
 * kiosk's issue path with the booking checked in, in one transaction; before it, "come back at"; after it, the
 * booking lapses (`late`) and the kiosk offers a normal number. A booking already checked in answers its ticket
 * again while that ticket waits (the paper was lost), never a second one, and once it was called or is over the
 * booking is used (`LAYSO_BOOKING_USED`); a lapsed one answers `late` again.
 */
export class CheckInDesk {
  constructor(private readonly o: CheckInOptions) {}

  /** Unknown codes count against the kiosk (`LAYSO_BOOKING_LIMIT` past the window), found ones give it back. */
  checkIn(body: { code: string } | { cccd: string }, deviceId: number): CheckedIn {
    const { identity, store } = this.o;
    const found = identity.lookup(`kiosk:${deviceId}`, () =>
      'code' in body ? this.usable(store.bookings.byCode(body.code)) : this.byCard(body.cccd),
    );
    if (found === null) fail('LAYSO_BOOKING_NOT_FOUND');
    return this.act(found.id, deviceId);
  }

  /** Decides and acts on one booking inside one transaction (the state re-read there: two kiosks cannot race). */
  private act(bookingId: number, deviceId: number): CheckedIn {
    const { store, clock, bookings, queue } = this.o;
    return store.transaction((): CheckedIn => {
      const b = store.bookings.byId(bookingId) ?? fail('LAYSO_BOOKING_NOT_FOUND');
      const now = clock.now();
      const held = b.status === 'checked_in' && b.ticketId !== null ? store.tickets.byId(b.ticketId) : null;
      if (held) {
        if (!this.ticketWaits(b)) fail('LAYSO_BOOKING_USED');
        return { reply: this.issued(bookings.publicView(b), held), created: false, events: [] };
      }
      if (b.status === 'late' || b.status === 'no_show') {
        return { reply: { outcome: 'late', booking: bookings.publicView(b) }, created: false, events: [] };
      }
      if (b.status !== 'booked') fail('LAYSO_BOOKING_NOT_FOUND');
      const decision = checkInDecision(b.slotStart, now, bookings.settings());
      if (decision.kind === 'early') {
        const reply: CheckInReply = {
          outcome: 'early',
          booking: bookings.publicView(b),
          comeBackAt: toIso(decision.comeBackAt),
        };
        return { reply, created: false, events: [] };
      }
      if (decision.kind === 'late') {
        store.bookings.setStatus(b.id, 'booked', 'late', now);
        const lapsed = store.bookings.byId(b.id) ?? b;
        return {
          reply: { outcome: 'late', booking: bookings.publicView(lapsed) },
          created: false,
          events: [],
        };
      }
      const { value: ticket, events } = queue.issueBooked(b, deviceId);
      const checked = store.bookings.byId(b.id) ?? b;
      return { reply: this.issued(bookings.publicView(checked), ticket), created: true, events };
    });
  }

  /** The ticket as its kiosk would read it back (no officer's transfer note), whichever kiosk asks. */
  private issued(booking: PublicBooking, row: TicketRow): CheckInReply {
    const ticket = { ...this.o.queue.view(row), transferNote: null };
    return { outcome: 'issued', booking, ticketId: row.id, ticket };
  }

  /** Whether a checked-in booking's ticket still waits today: only then may the kiosk print it again. */
  private ticketWaits(b: BookingRow): boolean {
    const t = b.ticketId === null ? null : this.o.store.tickets.byId(b.ticketId);
    return t !== null && t.status === 'waiting' && t.day === serviceDay(this.o.clock.now());
  }

  /** A booking the kiosk may act on (a cancelled one is no booking any more). */
  private usable(b: BookingRow | null): BookingRow | null {
    return b && b.status !== 'cancelled' ? b : null;
  }

  /**
   * The card's booking today: one in its window first, then one already checked in whose ticket still waits (that
   * ticket again), one past its window (it lapses), the next one ahead (come back), a lapsed one; null when none.
   * A booking whose ticket was called or is over is behind the citizen: never picked.
   */
  private byCard(cccd: string): BookingRow | null {
    const { store, clock, identity, bookings } = this.o;
    const now = clock.now();
    const settings = bookings.settings();
    const rank = (b: BookingRow): number => {
      if (b.status === 'checked_in') return CARD_RANK.held;
      if (b.status === 'booked') return CARD_RANK[checkInDecision(b.slotStart, now, settings).kind];
      return CARD_RANK.over;
    };
    const mine = store.bookings
      .byPersonDay(identity.cccdHash(cccd), serviceDay(now))
      .filter((b) => b.status !== 'cancelled' && (b.status !== 'checked_in' || this.ticketWaits(b)));
    // byPersonDay is in slot order; the sort is stable, so within a rank the earliest slot wins.
    return [...mine].sort((a, b) => rank(a) - rank(b))[0] ?? null;
  }
}
