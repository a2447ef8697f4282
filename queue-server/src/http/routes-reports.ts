import { ReportQuery, ReportReply } from '@layso/protocol';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { reportCsv, reportXlsx } from '../reports/export.js';
import { Reports } from '../reports/service.js';
import type { Context } from '../context.js';
import { guard } from './guard.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Reports for supervisors and admins: JSON, CSV or XLSX over a range of Vietnam days. */
export const reportRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const reader = guard(ctx.auth, { roles: ['admin', 'supervisor'] });
    const reports = new Reports(ctx.store, ctx.clock);

    app.get(
      '/api/reports',
      {
        onRequest: reader,
        schema: {
          tags: ['reports'],
          querystring: ReportQuery,
          response: { 200: ReportReply },
        },
      },
      async (req, reply) => {
        const { from, to, format, targetWaitMinutes } = req.query;
        // Closed days from their stored aggregates (made on first need), today live from its tickets.
        const report = await reports.report({ from, to, targetWaitMinutes });
        if (format === 'json') return report;
        // A file, not the JSON reply the schema documents: sent as bytes, past the JSON serializer.
        const file = reply as FastifyReply;
        const filename = `bao-cao-${from}-${to}.${format}`;
        file.header('content-disposition', `attachment; filename="${filename}"`);
        file.header('cache-control', 'no-store');
        if (format === 'csv') return file.type('text/csv; charset=utf-8').send(reportCsv(report));
        return file.type(XLSX_TYPE).send(await reportXlsx(report));
      },
    );
  };
