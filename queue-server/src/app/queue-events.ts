import type { CounterRow, TicketRow } from '../db/store.js';
import { toIso } from '../domain/time.js';
import { fail } from '../errors.js';
import type { Outgoing } from './events.js';
import { QueueViews, type Memo } from './views.js';

/** What the screens must hear after a command: a call, a queue's new length, a counter's state, a ticket's change. */
export class QueueEvents extends QueueViews {
  protected called(t: TicketRow, counter: CounterRow): Outgoing {
    return {
      type: 'ticket:called',
      data: {
        ticketId: t.id,
        number: t.number,
        counterId: counter.id,
        counterName: counter.name,
        counterNumber: counter.number,
        serviceId: t.serviceId,
        calledAt: toIso(this.clock.now()),
        recall: t.recalls,
      },
    };
  }

  protected queueChanged(
    serviceId: number,
    memo: Memo = this.memo(this.today()),
    waiting = this.store.tickets.waitingCount(memo.day, serviceId),
  ): Outgoing {
    return {
      type: 'queue:changed',
      data: { serviceId, waiting, estimatedWaitMinutes: this.estimate(serviceId, waiting, memo) },
    };
  }

  protected queueChangedFor(serviceIds: number[]): Outgoing[] {
    const memo = this.memo(this.today());
    return serviceIds.map((sid) => this.queueChanged(sid, memo));
  }

  /** A counter's public state; pass the row and current number when the caller already has them. */
  protected counterChanged(counter: number | CounterRow, currentNumber?: string | null): Outgoing {
    const c =
      typeof counter === 'number'
        ? (this.store.counters.byId(counter) ?? fail('LAYSO_COUNTER_NOT_FOUND'))
        : counter;
    const number =
      currentNumber !== undefined
        ? currentNumber
        : c.currentTicketId
          ? (this.store.tickets.byId(c.currentTicketId)?.number ?? null)
          : null;
    return {
      type: 'counter:changed',
      data: {
        counterId: c.id,
        status: this.store.counters.status(c),
        currentTicketId: c.currentTicketId,
        currentNumber: number,
        officerName: this.officerName(c),
        pauseReason: c.pauseReason,
      },
    };
  }

  protected updated(t: TicketRow): Outgoing {
    return {
      type: 'ticket:updated',
      data: {
        ticketId: t.id,
        number: t.number,
        serviceId: t.serviceId,
        status: t.status,
        counterId: t.counterId,
      },
    };
  }
}
