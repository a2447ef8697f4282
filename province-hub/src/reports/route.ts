import { HUB_ENDPOINTS, HubReportQuery } from '@layso/protocol';
import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import { maySee, type HubAccess } from '../access.js';
import { FileReply, viewerRoute } from '../endpoint.js';
import { HubError } from '../hub-error.js';
import { buildReport } from './build.js';
import { reportCsv, reportXlsx } from './export.js';
import { allSiteIds, readReport, unknownSites } from './read.js';

const FILE_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** GET /api/hub/reports: the sites a viewer names must all be theirs; named none, every site they may see. */
export function registerReports(app: FastifyInstance, pool: Pool, access: HubAccess): void {
  viewerRoute(app, access, HUB_ENDPOINTS.hubReport, async ({ req, viewer }) => {
    const parsed = HubReportQuery.safeParse(req.query);
    if (!parsed.success) {
      const issues = parsed.error.issues;
      // The range's own refinement names its more precise code.
      const range = issues.some(
        (i) => i.code === 'custom' && i.params?.layso === 'LAYSO_REPORT_RANGE_INVALID',
      );
      const details = issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new HubError(range ? 'LAYSO_REPORT_RANGE_INVALID' : 'LAYSO_VALIDATION', details);
    }
    const q = parsed.data;
    let siteIds: readonly number[];
    if (q.sites) {
      // Checked before existence: a viewer of some sites learns nothing about which other ids exist.
      const hidden = q.sites.filter((id) => !maySee(viewer, id));
      if (hidden.length > 0) throw new HubError('LAYSO_FORBIDDEN', { sites: hidden });
      const unknown = await unknownSites(pool, q.sites);
      if (unknown.length > 0) {
        const list = unknown.join(', ');
        throw new HubError('LAYSO_VALIDATION', [
          { path: 'sites', message: `Không có điểm ${list} / no such site ${list}` },
        ]);
      }
      siteIds = q.sites;
    } else {
      siteIds = viewer.siteIds ?? (await allSiteIds(pool));
    }
    const data = await readReport(pool, q.from, q.to, siteIds);
    const report = buildReport(data, { from: q.from, to: q.to, targetWaitMinutes: q.targetWaitMinutes });
    if (q.format === 'json') return report;
    const filename = `bao-cao-tinh-${q.from}-${q.to}.${q.format}`;
    const body = q.format === 'csv' ? reportCsv(report) : await reportXlsx(report);
    return new FileReply(filename, FILE_TYPES[q.format], body);
  });
}
