import { dossierListXlsx } from '../reports/dossier-export.js';
import { XLSX_TYPE } from './routes-reports.js';
import type { Context } from '../context.js';
import type { SomeHandlers } from './endpoint.js';

/** Deadlines for the center (issue 18): the register's lists (JSON or XLSX) and Decision 766's progress figures. */
export function dossierDeadlineHandlers(ctx: Context) {
  const deadlines = ctx.deadlines;
  return {
    dossiers: async (req, reply) => {
      const { format, ...q } = req.query;
      const list = deadlines.list(q);
      if (format === 'json') return list;
      // A file, past the JSON serializer, as the queue report's.
      reply.header(
        'content-disposition',
        `attachment; filename="ho-so-${q.view}-${list.at.slice(0, 10)}.xlsx"`,
      );
      reply.header('cache-control', 'no-store');
      return reply.type(XLSX_TYPE).send(await dossierListXlsx(list));
    },
    dossierProgress: async (req) => deadlines.progress(req.query.from, req.query.to),
  } satisfies SomeHandlers;
}
