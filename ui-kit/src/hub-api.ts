import {
  HUB_ENDPOINTS,
  type HubCatalogueImportBody,
  type HubCatalogueSettingsInput,
  type HubEndpointName,
  type HubLoginBody,
  type HubOverviewQuery,
  type HubReplyOf,
  type HubSiteInput,
  type HubUserInput,
  type HubUserPatch,
  type HubWaitTarget,
} from '@layso/protocol';
import { createFetchFile, createSend, type ApiOptions } from './rest.js';

function queryString(q: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The days, sites and waiting target of a province report; no `siteIds` = every site the viewer may see. */
export interface HubReportRange {
  from: string;
  to: string;
  siteIds?: readonly number[];
  targetWaitMinutes?: HubWaitTarget;
}

const reportQuery = (r: HubReportRange, format: 'json' | 'csv' | 'xlsx') =>
  HUB_ENDPOINTS.hubReport.path +
  queryString({
    from: r.from,
    to: r.to,
    sites: r.siteIds?.length ? r.siteIds.join(',') : undefined,
    targetWaitMinutes: r.targetWaitMinutes,
    format,
  });

/** A path of the table with its `:name` parameters filled in. */
function pathOf(name: HubEndpointName, params: Record<string, string | number>): string {
  return HUB_ENDPOINTS[name].path.replace(/:(\w+)/g, (_, k: string) =>
    encodeURIComponent(String(params[k] ?? '')),
  );
}

/**
 * The province hub's typed REST client (its table is protocol's HUB_ENDPOINTS): the same transport and errors as
 * the center's (`ApiError` with the server's code and its Vietnamese / English message), a viewer's session token.
 */
export function createHubApi(options: ApiOptions = {}) {
  const send = createSend(options);
  const fetchFile = createFetchFile(options);
  async function call<N extends HubEndpointName>(
    name: N,
    path: string,
    body?: unknown,
  ): Promise<HubReplyOf<N>> {
    const json: unknown = await send(HUB_ENDPOINTS[name].method, path, body);
    return json as HubReplyOf<N>;
  }
  const e = HUB_ENDPOINTS;
  return {
    login: (body: HubLoginBody) => call('hubLogin', e.hubLogin.path, body),
    logout: () => call('hubLogout', e.hubLogout.path),
    me: () => call('hubMe', e.hubMe.path),
    overview: (q: HubOverviewQuery = {}) =>
      call('hubOverview', e.hubOverview.path + queryString({ commune: q.commune, sort: q.sort })),
    floor: (code: string) => call('hubSiteFloor', pathOf('hubSiteFloor', { code })),

    report: (r: HubReportRange) => call('hubReport', reportQuery(r, 'json')),
    /** The report as a file (CSV or XLSX) and the name the server gave it. */
    reportFile: (r: HubReportRange, format: 'csv' | 'xlsx') =>
      fetchFile(reportQuery(r, format), `bao-cao-tinh-${r.from}-${r.to}.${format}`),

    /** The province admin's calls (the server refuses them to anyone else). */
    sites: () => call('hubAdminSites', e.hubAdminSites.path),
    registerSite: (body: HubSiteInput) => call('hubAdminSiteRegister', e.hubAdminSiteRegister.path, body),
    renewSiteKey: (code: string) => call('hubAdminSiteKey', pathOf('hubAdminSiteKey', { code })),
    revokeSite: (code: string) => call('hubAdminSiteRevoke', pathOf('hubAdminSiteRevoke', { code })),
    users: () => call('hubAdminUsers', e.hubAdminUsers.path),
    createUser: (body: HubUserInput) => call('hubAdminUserCreate', e.hubAdminUserCreate.path, body),
    updateUser: (id: number, patch: HubUserPatch) =>
      call('hubAdminUserUpdate', pathOf('hubAdminUserUpdate', { id }), patch),
    resetPassword: (id: number, password: string) =>
      call('hubAdminUserPassword', pathOf('hubAdminUserPassword', { id }), { password }),
    audit: (q: { limit?: number; before?: number } = {}) =>
      call('hubAdminAudit', e.hubAdminAudit.path + queryString({ limit: q.limit, before: q.before })),
    /** What the province pushes down to sites: its state, a file's import (all or nothing), the settings. */
    catalogue: () => call('hubAdminCatalogue', e.hubAdminCatalogue.path),
    importCatalogue: (body: HubCatalogueImportBody) =>
      call('hubAdminCatalogueImport', e.hubAdminCatalogueImport.path, body),
    saveCatalogueSettings: (body: HubCatalogueSettingsInput) =>
      call('hubAdminCatalogueSettings', e.hubAdminCatalogueSettings.path, body),
  };
}
export type HubApi = ReturnType<typeof createHubApi>;
