import type { Counter, CounterInput, ServiceInput } from '@layso/protocol';
import type { FastifyRequest } from 'fastify';
import { capFitsFormat, formatsOverlap } from '../domain/numbering.js';
import { fail } from '../errors.js';
import type { Context } from '../context.js';
import type { SomeHandlers } from './endpoint.js';
import { userIdOf } from './guard.js';

/** Configuration of the center: admins only (supervisors read). Accounts: routes-users.ts; devices: routes-devices.ts. */
export function adminHandlers(ctx: Context) {
  /** Who changed what, before → after (configuration only: no citizen's data, no password or token). */
  const audit = (req: FastifyRequest, action: string, detail: object): void =>
    ctx.audit.record(ctx.clock.now(), userIdOf(req), action, detail);

  /** A service's rules that the database alone cannot check: numbers must stay unique on the floor. */
  const checkService = (id: number | null, body: ServiceInput): void => {
    const current = id === null ? null : (ctx.store.catalogue.service(id) ?? fail('LAYSO_SERVICE_NOT_FOUND'));
    if (!capFitsFormat(body)) fail('LAYSO_VALIDATION', { dailyCap: 'more than the number format can hold' });
    const others = ctx.store.catalogue.services().filter((s) => s.id !== id);
    if (others.some((s) => s.code === body.code)) fail('LAYSO_CONFLICT', { code: body.code });
    const clash = others.find((s) => formatsOverlap(s.numberFormat, body.numberFormat));
    if (clash) fail('LAYSO_CONFLICT', { numberFormat: `prints the same numbers as ${clash.code}` });
    const formatChanged =
      current !== null &&
      (current.numberFormat.prefix !== body.numberFormat.prefix ||
        current.numberFormat.digits !== body.numberFormat.digits);
    if (formatChanged && ctx.store.tickets.serviceDay(current.id, ctx.queue.today()).lastSeq > 0) {
      fail('LAYSO_CONFLICT', { numberFormat: 'numbers were issued today; change it after closing' });
    }
  };

  const saveCounter = (req: FastifyRequest, id: number | null, body: CounterInput): Counter => {
    for (const sid of body.serviceIds)
      if (!ctx.store.catalogue.service(sid)) fail('LAYSO_SERVICE_NOT_FOUND', { serviceId: sid });
    const sameNumber = ctx.store.counters.idByNumber(body.number);
    if (sameNumber !== null && sameNumber !== id) fail('LAYSO_CONFLICT', { number: body.number });
    const previous = id === null ? null : ctx.store.counters.byId(id);
    const before = previous ? ctx.queue.counterView(previous) : null;
    const counterId = ctx.store.transaction(() => {
      if (id === null) return ctx.store.counters.add(body.number, body.name, body.serviceIds);
      ctx.store.counters.configure(id, body.number, body.name, body.serviceIds);
      return id;
    });
    const c = ctx.store.counters.byId(counterId) ?? fail('LAYSO_COUNTER_NOT_FOUND');
    ctx.publisher.publish(ctx.queue.counterNews(c.id));
    const after = ctx.queue.counterView(c);
    audit(req, before ? 'counter.update' : 'counter.add', { before, after });
    return after;
  };

  return {
    adminServices: async () => ctx.queue.services(),

    addService: async (req) => {
      checkService(null, req.body);
      const id = ctx.store.catalogue.saveService({ ...req.body, nameEn: req.body.nameEn ?? null });
      ctx.catalogue.reload();
      const after = ctx.queue.service(id);
      audit(req, 'service.add', { after });
      return after;
    },

    updateService: async (req) => {
      checkService(req.params.id, req.body);
      const before = ctx.queue.service(req.params.id);
      ctx.store.catalogue.saveService({ ...req.body, nameEn: req.body.nameEn ?? null, id: req.params.id });
      const after = ctx.queue.service(req.params.id);
      audit(req, 'service.update', { before, after });
      return after;
    },

    addCounter: async (req) => saveCounter(req, null, req.body),

    updateCounter: async (req) => {
      if (!ctx.store.counters.byId(req.params.id)) fail('LAYSO_COUNTER_NOT_FOUND');
      return saveCounter(req, req.params.id, req.body);
    },

    setPriorityGroups: async (req) => {
      if (ctx.store.province.applied()?.priorityGroups)
        fail('LAYSO_PROVINCE_MANAGED', { part: 'priorityGroups' });
      const before = ctx.store.catalogue.priorityGroups();
      ctx.store.transaction(() => ctx.store.catalogue.setPriorityGroups(req.body));
      const after = ctx.store.catalogue.priorityGroups();
      audit(req, 'priority-groups.update', { before, after });
      return after;
    },

    importCatalogue: async (req) => {
      const report = await ctx.catalogue.import(req.body);
      if (!report.dryRun) {
        const { errors, unmappedAgencies, ...counts } = report;
        audit(req, 'catalogue.import', {
          ...counts,
          errors: errors.length,
          unmappedAgencies: unmappedAgencies.length,
          agencyMap: req.body.agencyMap ?? {},
        });
      }
      return report;
    },

    provinceCatalogue: async () => ctx.provinceCatalogue.reply(),

    pullProvinceCatalogue: async () => ctx.provinceCatalogue.pullNow(),

    backup: async (req) => {
      const done = await ctx.backup.run();
      audit(req, 'backup.run', { file: done.file, bytes: done.bytes });
      return done;
    },
  } satisfies SomeHandlers;
}
