import { z } from 'zod';
import {
  CallNextReply,
  Counter,
  CounterQueue,
  FinishBody,
  IdParam,
  IssueTicketBody,
  KioskPrinterReport,
  KioskSettings,
  PauseBody,
  PrintReply,
  ReceiptBody,
  Ticket,
  TransferBody,
} from '@layso/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IssueBatcher } from '../app/issue-batcher.js';
import { receiptFor } from '../app/receipt.js';
import type { CounterRow } from '../db/store.js';
import { toIso } from '../domain/time.js';
import { fail } from '../errors.js';
import type { Context } from '../context.js';
import { actor, guard } from './guard.js';

const STAFF = ['officer', 'supervisor', 'admin'] as const;

/** Issue at a kiosk; call, recall, serve, finish, transfer at a counter. */
export const ticketRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const kiosk = guard(ctx.auth, { devices: ['kiosk'] });
    const batcher = new IssueBatcher(ctx.queue, (events) => ctx.publisher.publish(events));
    const staff = guard(ctx.auth, { roles: [...STAFF] });
    const reader = guard(ctx.auth, { roles: [...STAFF], devices: ['kiosk'] });
    const counterView = (c: CounterRow) => ctx.queue.counterView(c);

    app.post(
      '/api/tickets',
      { onRequest: kiosk, schema: { tags: ['kiosk'], body: IssueTicketBody, response: { 201: Ticket } } },
      async (req, reply) => {
        const p = req.principal;
        const { value } = await batcher.issue({
          body: req.body,
          deviceId: p?.kind === 'device' ? p.device.id : null,
        });
        return reply.code(201).send(value);
      },
    );

    app.post(
      '/api/tickets/:id/print',
      { onRequest: kiosk, schema: { tags: ['kiosk'], params: IdParam, response: { 200: PrintReply } } },
      async (req) => {
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
                deviceId: p?.kind === 'device' ? p.device.id : null,
                deviceName: p?.kind === 'device' ? p.device.name : null,
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
    );

    app.post(
      '/api/tickets/:id/receipt',
      {
        onRequest: staff,
        schema: {
          tags: ['counter'],
          summary: 'Print the Mẫu 01 receipt-and-appointment slip of a received dossier at the counter',
          params: IdParam,
          body: ReceiptBody,
          response: { 200: PrintReply },
        },
      },
      async (req) => {
        const centerName = ctx.settings.get().centerName;
        const data = receiptFor(ctx.store, centerName, req.params.id, actor(req), req.body);
        // A printer fault is a normal reply the console shows; the slip (personal data) is never logged.
        const result = await ctx.receiptPrinter.print(data);
        if (result.error)
          req.log.warn({ ticketId: req.params.id, code: result.error.code }, 'receipt not printed');
        return result;
      },
    );

    app.get(
      '/api/kiosk/settings',
      { onRequest: kiosk, schema: { tags: ['kiosk'], response: { 200: KioskSettings } } },
      async () => {
        const s = ctx.settings.get();
        return {
          centerName: s.centerName,
          intakeRetentionDays: s.intakeRetentionDays,
          printerFaultMode: s.printerFaultMode,
          idleSeconds: ctx.config.KIOSK_IDLE_SECONDS,
          printer: ctx.printer.status(),
        };
      },
    );

    app.post(
      '/api/kiosk/printer',
      {
        onRequest: kiosk,
        schema: { tags: ['kiosk'], body: KioskPrinterReport, response: { 204: z.null() } },
      },
      async (req, reply) => {
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
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/tickets/:id',
      {
        onRequest: reader,
        schema: { tags: ['kiosk', 'counter'], params: IdParam, response: { 200: Ticket } },
      },
      async (req) => {
        const ticket = ctx.queue.ticket(req.params.id);
        // The sending officer's note is for the next officer, not for a kiosk.
        return req.principal?.kind === 'device' ? { ...ticket, transferNote: null } : ticket;
      },
    );

    app.post(
      '/api/counters/:id/call-next',
      {
        onRequest: staff,
        schema: { tags: ['counter'], params: IdParam, response: { 200: CallNextReply, 204: z.null() } },
      },
      async (req, reply) => {
        const { value, events } = ctx.queue.callNext(actor(req, req.params.id));
        ctx.publisher.publish(events);
        if (!value) return reply.code(204).send(null);
        return { ticket: ctx.queue.view(value) };
      },
    );

    app.post(
      '/api/counters/:id/pause',
      {
        onRequest: staff,
        schema: { tags: ['counter'], params: IdParam, body: PauseBody, response: { 200: Counter } },
      },
      async (req) => {
        const { value, events } = ctx.queue.setPaused(
          req.params.id,
          req.body.paused,
          req.body.reason ?? null,
          actor(req, req.params.id),
        );
        ctx.publisher.publish(events);
        return counterView(value);
      },
    );

    app.get(
      '/api/counters',
      { onRequest: staff, schema: { tags: ['counter'], response: { 200: z.array(Counter) } } },
      async () => ctx.store.counters.all().map(counterView),
    );

    app.get(
      '/api/counters/:id/queue',
      { onRequest: staff, schema: { tags: ['counter'], params: IdParam, response: { 200: CounterQueue } } },
      async (req) => ctx.queue.counterQueue(req.params.id),
    );

    const act = (
      path: string,
      run: (id: number, req: Parameters<typeof actor>[0]) => ReturnType<typeof ctx.queue.recall>,
      body?: typeof TransferBody | typeof FinishBody,
    ) =>
      app.post(
        `/api/tickets/:id/${path}`,
        {
          onRequest: staff,
          schema: {
            tags: ['counter'],
            params: IdParam,
            ...(body ? { body } : {}),
            response: { 200: Ticket },
          },
        },
        async (req) => {
          const { value, events } = run(req.params.id, req);
          ctx.publisher.publish(events);
          return value;
        },
      );

    act('recall', (id, req) => ctx.queue.recall(id, actor(req)));
    act('start', (id, req) => ctx.queue.start(id, actor(req)));
    act('no-show', (id, req) => ctx.queue.noShow(id, actor(req)));
    act(
      'transfer',
      (id, req) => {
        const body = req.body as TransferBody;
        return ctx.queue.transfer(id, body.serviceId, body.note ?? null, actor(req));
      },
      TransferBody,
    );
    act(
      'finish',
      (id, req) => ctx.queue.finish(id, req.body as z.infer<typeof FinishBody>, actor(req)),
      FinishBody,
    );
  };
