import type { Ticket } from '@layso/protocol';
import type { Committed } from '../app/events.js';
import { IssueBatcher } from '../app/issue-batcher.js';
import { receiptFor } from '../app/receipt.js';
import type { CounterRow } from '../db/store.js';
import { toIso } from '../domain/time.js';
import { fail } from '../errors.js';
import { readNoticeConfig } from '../notify/settings.js';
import type { Context } from '../context.js';
import type { SomeHandlers } from './endpoint.js';
import { actor } from './guard.js';

/** Issue at a kiosk; call, recall, serve, finish, transfer at a counter. */
export function ticketHandlers(ctx: Context) {
  const batcher = new IssueBatcher(ctx.queue, (events) => ctx.publisher.publish(events));
  const counterView = (c: CounterRow) => ctx.queue.counterView(c);
  /** A counter's command on a ticket: committed, then its events fan out. */
  const act = ({ value, events }: Committed<Ticket>) => {
    ctx.publisher.publish(events);
    return value;
  };

  return {
    issueTicket: async (req) => {
      const p = req.principal;
      // Refused before the batch: a kiosk beyond its pace takes no number, so no service's cap is spent by it.
      if (p?.kind === 'device' && !ctx.kioskRate.take(p.device.id)) fail('LAYSO_KIOSK_TOO_FAST');
      const { value } = await batcher.issue({
        body: req.body,
        deviceId: p?.kind === 'device' ? p.device.id : null,
      });
      return value;
    },

    printTicket: async (req) => {
      const p = req.principal;
      const row = ctx.store.tickets.byId(req.params.id) ?? fail('LAYSO_TICKET_NOT_FOUND');
      // A kiosk prints (or reprints after a jam) its own ticket of today while it waits — no duplicate papers.
      if (p?.kind !== 'device' || row.issuedByDeviceId !== p.device.id) fail('LAYSO_FORBIDDEN');
      if (row.status !== 'waiting' || row.day !== ctx.queue.today()) fail('LAYSO_INVALID_TRANSITION');
      const ticket = ctx.queue.view(row);
      const group = ctx.store.catalogue.priorityGroups().find((g) => g.code === ticket.priority);
      const result = await ctx.printer.print(ticket, group?.name ?? null);
      if (!result.printed && result.error) {
        ctx.publisher.publish([
          {
            type: 'printer:fault',
            data: {
              deviceId: p.device.id,
              deviceName: p.device.name,
              ticketId: ticket.id,
              code: result.error.code,
              message: result.error.message,
              at: toIso(ctx.clock.now()),
            },
          },
        ]);
      }
      return result;
    },

    printReceipt: async (req) => {
      const centerName = ctx.settings.get().centerName;
      const base = ctx.queue.publicBase();
      const data = receiptFor(ctx.store, centerName, req.params.id, actor(req), req.body, base);
      // A printer fault is a normal reply the console shows; the slip (personal data) is never logged.
      const result = await ctx.receiptPrinter.print(data);
      if (result.error)
        req.log.warn({ ticketId: req.params.id, code: result.error.code }, 'receipt not printed');
      return result;
    },

    kioskSettings: async () => {
      const s = ctx.settings.get();
      const notices = readNoticeConfig(ctx.store).channels;
      return {
        centerName: s.centerName,
        intakeRetentionDays: s.intakeRetentionDays,
        printerFaultMode: s.printerFaultMode,
        textNotices: notices.zns.enabled || notices.sms.enabled,
        idleSeconds: ctx.config.KIOSK_IDLE_SECONDS,
        printer: ctx.printer.status(),
        returnsServiceId: s.returnsServiceId,
      };
    },

    reportKioskPrinter: async (req) => {
      const p = req.principal;
      if (p?.kind !== 'device') fail('LAYSO_FORBIDDEN');
      ctx.publisher.publish([
        {
          type: 'kiosk:printer',
          data: {
            deviceId: p.device.id,
            deviceName: p.device.name,
            state: req.body.state,
            at: toIso(ctx.clock.now()),
          },
        },
      ]);
      return null;
    },

    ticket: async (req) => {
      const p = req.principal;
      const row = ctx.store.tickets.byId(req.params.id) ?? fail('LAYSO_TICKET_NOT_FOUND');
      if (p?.kind === 'device') {
        // A kiosk reads back only what it issued today; any other ticket is "not found", never "forbidden", so a
        // lobby token cannot even learn which ids exist.
        if (row.issuedByDeviceId !== p.device.id || row.day !== ctx.queue.today())
          fail('LAYSO_TICKET_NOT_FOUND');
        return { ...ctx.queue.view(row), transferNote: null };
      }
      const ticket = ctx.queue.view(row);
      // The sending officer's note is for the counters that serve the ticket's service (and for supervisors).
      if (p?.kind === 'user' && p.user.role === 'officer') {
        const counter = ctx.store.counters.all().find((c) => c.id === p.counterId);
        if (!counter?.serviceIds.includes(row.serviceId)) return { ...ticket, transferNote: null };
      }
      return ticket;
    },

    callNext: async (req) => {
      const { value, events } = ctx.queue.callNext(actor(req, req.params.id));
      ctx.publisher.publish(events);
      return value ? { ticket: ctx.queue.view(value) } : null;
    },

    pause: async (req) => {
      const { value, events } = ctx.queue.setPaused(
        req.params.id,
        req.body.paused,
        req.body.reason ?? null,
        actor(req, req.params.id),
      );
      ctx.publisher.publish(events);
      return counterView(value);
    },

    counters: async () => ctx.store.counters.all().map(counterView),

    counterQueue: async (req) => ctx.queue.counterQueue(req.params.id),

    recall: async (req) => act(ctx.queue.recall(req.params.id, actor(req))),
    start: async (req) => act(ctx.queue.start(req.params.id, actor(req))),
    noShow: async (req) => act(ctx.queue.noShow(req.params.id, actor(req))),
    transfer: async (req) =>
      act(ctx.queue.transfer(req.params.id, req.body.serviceId, req.body.note ?? null, actor(req))),
    finish: async (req) => act(ctx.queue.finish(req.params.id, req.body, actor(req))),
  } satisfies SomeHandlers;
}
