import { ReportQuery, ReportReply } from '@layso/protocol';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { reportCsv, reportXlsx } from '../app/report-export.js';
import { buildReport } from '../app/reports.js';
import { ReportReads } from '../db/reports.js';
import { serviceDay } from '../domain/time.js';
import type { Context } from './context.js';
import { guard } from './guard.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Reports for supervisors and admins: JSON, CSV or XLSX over a range of Vietnam days. */
export const reportRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const reader = guard(ctx.auth, { roles: ['admin', 'supervisor'] });
    const reads = new ReportReads(ctx.store.db);

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
        const report = buildReport(
          reads.tickets(from, to),
          { from, to, targetWaitMinutes, today: serviceDay(ctx.clock.now()) },
          {
            services: ctx.store.services(),
            counters: ctx.store.counters(),
            officers: ctx.store.users(),
          },
        );
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
