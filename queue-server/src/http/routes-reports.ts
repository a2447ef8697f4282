import { reportCsv, reportXlsx } from '../reports/export.js';
import { Reports } from '../reports/service.js';
import type { Context } from '../context.js';
import type { SomeHandlers } from './endpoint.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Reports for supervisors and admins: JSON, CSV or XLSX over a range of Vietnam days. */
export function reportHandlers(ctx: Context) {
  const reports = new Reports(ctx.store, ctx.clock);

  return {
    report: async (req, reply) => {
      const { from, to, format, targetWaitMinutes } = req.query;
      // Closed days from their stored aggregates (made on first need), today live from its tickets.
      const report = await reports.report({ from, to, targetWaitMinutes });
      if (format === 'json') return report;
      // A file, not the JSON reply the schema documents: sent as bytes, past the JSON serializer.
      const filename = `bao-cao-${from}-${to}.${format}`;
      reply.header('content-disposition', `attachment; filename="${filename}"`);
      reply.header('cache-control', 'no-store');
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(reportCsv(report));
      // The file also carries the dossiers' progress over the same days (Decision 766).
      return reply.type(XLSX_TYPE).send(await reportXlsx(report, ctx.deadlines.progress(from, to)));
    },
  } satisfies SomeHandlers;
}
