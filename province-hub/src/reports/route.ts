import { HUB_ENDPOINTS, HubReportQuery, type ErrorCode } from '@layso/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Pool } from 'pg';
import { maySee, type HubAccess } from '../access.js';
import { buildReport } from './build.js';
import { reportCsv, reportXlsx } from './export.js';
import { allSiteIds, readReport, unknownSites, type ReportData } from './read.js';

export interface ReportsRouteOptions {
  pool: Pool;
  access: HubAccess;
  /** The hub's one way of answering an error (`{error:{code,message}}` with the code's status). */
  refuse: (reply: FastifyReply, code: ErrorCode, details?: unknown) => FastifyReply;
}

const BEARER = /^Bearer ([^\s]+)$/;

const FILE_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** GET /api/hub/reports: the sites a viewer names must all be theirs; named none, every site they may see. */
export function registerReports(app: FastifyInstance, { pool, access, refuse }: ReportsRouteOptions): void {
  const endpoint = HUB_ENDPOINTS.hubReport;
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    handler: async (req, reply) => {
      const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
      const parsed = HubReportQuery.safeParse(req.query);
      let data: ReportData;
      try {
        // Who asks comes before what they asked: a stranger learns nothing about the query's rules.
        const viewer = token ? await access.viewerOf(token) : null;
        if (!viewer) return refuse(reply, 'LAYSO_UNAUTHENTICATED');
        if (!parsed.success) {
          const issues = parsed.error.issues;
          // The range's own refinement names its more precise code.
          const range = issues.some(
            (i) => i.code === 'custom' && i.params?.layso === 'LAYSO_REPORT_RANGE_INVALID',
          );
          const details = issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
          return refuse(reply, range ? 'LAYSO_REPORT_RANGE_INVALID' : 'LAYSO_VALIDATION', details);
        }
        const q = parsed.data;
        let siteIds: readonly number[];
        if (q.sites) {
          // Checked before existence: a viewer of some sites learns nothing about which other ids exist.
          const hidden = q.sites.filter((id) => !maySee(viewer, id));
          if (hidden.length > 0) return refuse(reply, 'LAYSO_FORBIDDEN', { sites: hidden });
          const unknown = await unknownSites(pool, q.sites);
          if (unknown.length > 0) {
            const list = unknown.join(', ');
            return refuse(reply, 'LAYSO_VALIDATION', [
              { path: 'sites', message: `Không có điểm ${list} / no such site ${list}` },
            ]);
          }
          siteIds = q.sites;
        } else {
          siteIds = viewer.siteIds ?? (await allSiteIds(pool));
        }
        data = await readReport(pool, q.from, q.to, siteIds);
      } catch (err) {
        // Everything in the try is database work (the sessions' too): the viewer asks again in a moment.
        req.log.warn({ err }, 'hub database unavailable');
        return refuse(reply, 'LAYSO_HUB_UNAVAILABLE');
      }
      const q = parsed.data;
      const report = buildReport(data, { from: q.from, to: q.to, targetWaitMinutes: q.targetWaitMinutes });
      if (q.format === 'json') return reply.code(200).send(report);
      const filename = `bao-cao-tinh-${q.from}-${q.to}.${q.format}`;
      reply.header('content-type', FILE_TYPES[q.format]);
      reply.header('content-disposition', `attachment; filename="${filename}"`);
      return reply.code(200).send(q.format === 'csv' ? reportCsv(report) : await reportXlsx(report));
    },
  });
}
