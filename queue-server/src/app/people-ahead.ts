import type { Store, TicketRow } from '../db/store.js';
import { maxBookedInRow } from '../domain/call-policy.js';
import {
  aheadFromCounts,
  aheadOfBooked,
  bookedAheadOfWalkIn,
  bookedSlotsAhead,
  type QueuePosition,
} from '../domain/estimate.js';
import type { CallPolicy } from '../domain/types.js';
import { readBookingSettings } from './booking-settings.js';
import type { Memo } from './views.js';

export interface AheadInput {
  store: Store;
  now: Date;
  /** The call mix, the booking settings' `maxBookedInRow` in it. */
  mix: CallPolicy;
  /** The estimate in minutes for this many people ahead in the ticket's service. */
  minutesFor: (ahead: number) => number;
}

/**
 * A waiting ticket's people ahead. A walk-in: the walk-ins the priority mix calls first, plus the booked tickets
 * called before it (checked in, or still to come, with a slot starting by its estimated call; within the booked
 * mix; of its service and a share of those sharing a counter with it, `bookedSlotsAhead`). A booked ticket: the booked
 * tickets before it (the same share of other services' earlier slots) and the walk-ins the mix lets through.
 */
export function peopleAhead(
  t: TicketRow,
  memo: Memo,
  position: QueuePosition | undefined,
  a: AheadInput,
): number {
  const { store, mix } = a;
  const sd = store.tickets.serviceDay(t.serviceId, t.day);
  if (t.bookedFor !== null) {
    const c = store.queueOrder.classCounts(t.day, t.serviceId);
    // Booked tickets of the services sharing its counters with an earlier slot go first too (a share, as below).
    const slot = t.bookedFor.getTime();
    const others = bookedSlotsAhead(t.serviceId, store.counters.all(), (sid) =>
      sid === t.serviceId
        ? []
        : store.queueOrder.bookedWaitingSlots(t.day, sid).filter((s) => s.getTime() < slot),
    );
    return aheadOfBooked(
      store.queueOrder.bookedBefore(t) + others.length,
      c.priority + c.normal,
      sd.bookedStreak,
      maxBookedInRow(mix),
    );
  }
  const walkInsAhead = aheadFromCounts(position ?? store.queueOrder.queuePosition(t), sd.streak, mix);
  const slots = bookedSlotsAhead(t.serviceId, store.counters.all(), (sid) => bookedSlots(sid, memo, a));
  if (slots.length === 0) return walkInsAhead;
  return (
    walkInsAhead +
    bookedAheadOfWalkIn({
      walkInsAhead,
      slots,
      now: a.now,
      maxBookedInRow: maxBookedInRow(mix),
      minutesFor: a.minutesFor,
    })
  );
}

/**
 * Slot starts of a service's booked tickets waiting and of its bookings today still to check in (their late window
 * not over), read once per memo.
 */
function bookedSlots(serviceId: number, memo: Memo, { store, now }: AheadInput): Date[] {
  memo.bookedSlots ??= new Map();
  let slots = memo.bookedSlots.get(serviceId);
  if (slots === undefined) {
    slots = store.queueOrder.bookedWaitingSlots(memo.day, serviceId);
    const settings = readBookingSettings(store);
    const on = settings.enabled && settings.services.some((s) => s.serviceId === serviceId && s.enabled);
    if (on) {
      const lapsedBefore = now.getTime() - settings.checkInLateMinutes * 60_000;
      for (const b of store.bookings.listDay(memo.day, serviceId)) {
        if (b.status === 'booked' && b.slotStart.getTime() >= lapsedBefore) slots.push(b.slotStart);
      }
    }
    memo.bookedSlots.set(serviceId, slots);
  }
  return slots;
}
