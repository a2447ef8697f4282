import { describe, expect, it } from 'vitest';
import { createHubApi } from './hub-api.js';
import { ApiError } from './rest.js';

/** A client whose fetch records each request and answers `reply`. */
function recording(reply: () => Response) {
  const seen: { url: string; method: string; auth: string | undefined; body: unknown }[] = [];
  const api = createHubApi({
    baseUrl: 'http://hub',
    token: 'h_tok',
    fetch: async (url, init) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      seen.push({
        url: String(url),
        method: init?.method ?? 'GET',
        auth: headers.authorization,
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      });
      return reply();
    },
  });
  return { api, seen };
}
const json = (v: unknown, status = 200) =>
  new Response(JSON.stringify(v), { status, headers: { 'content-type': 'application/json' } });

describe("the hub's client", () => {
  it('asks for a report of the chosen sites and target; none chosen leaves `sites` out (every site)', async () => {
    const { api, seen } = recording(() => json({}));
    await api.report({ from: '2026-12-01', to: '2026-12-07', siteIds: [3, 1], targetWaitMinutes: 30 });
    await api.report({ from: '2026-12-07', to: '2026-12-07', siteIds: [] });
    expect(seen.map((s) => s.url)).toEqual([
      'http://hub/api/hub/reports?from=2026-12-01&to=2026-12-07&sites=3%2C1&targetWaitMinutes=30&format=json',
      'http://hub/api/hub/reports?from=2026-12-07&to=2026-12-07&format=json',
    ]);
    expect(seen.every((s) => s.auth === 'Bearer h_tok')).toBe(true);
  });

  it("downloads the report's file with the Bearer token and the server's name; a refusal is an ApiError", async () => {
    const { api, seen } = recording(
      () =>
        new Response('\uFEFFa,b\r\n', {
          status: 200,
          headers: { 'content-disposition': 'attachment; filename="bao-cao-tinh-2026-12-01-2026-12-07.csv"' },
        }),
    );
    const got = await api.reportFile({ from: '2026-12-01', to: '2026-12-07', siteIds: [2] }, 'csv');
    expect(seen[0]).toMatchObject({
      url: 'http://hub/api/hub/reports?from=2026-12-01&to=2026-12-07&sites=2&format=csv',
      auth: 'Bearer h_tok',
    });
    expect(got.name).toBe('bao-cao-tinh-2026-12-01-2026-12-07.csv');

    const refused = recording(() =>
      json(
        {
          error: { code: 'LAYSO_FORBIDDEN', message: 'Không có quyền / Forbidden', details: { sites: [9] } },
        },
        403,
      ),
    );
    const err = await refused.api
      .reportFile({ from: '2026-12-01', to: '2026-12-07' }, 'xlsx')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'LAYSO_FORBIDDEN', status: 403, details: { sites: [9] } });
  });

  it("fills the admin's paths from the table, escaping what it puts in", async () => {
    const { api, seen } = recording(() => json({}));
    await api.revokeSite('xa-an-binh');
    await api.renewSiteKey('a/b');
    await api.resetPassword(7, 'mot-mat-khau-moi');
    await api.updateUser(7, { disabled: true });
    await api.audit({ limit: 50, before: 120 });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'POST http://hub/api/hub/admin/sites/xa-an-binh/revoke',
      'POST http://hub/api/hub/admin/sites/a%2Fb/key',
      'POST http://hub/api/hub/admin/users/7/password',
      'POST http://hub/api/hub/admin/users/7',
      'GET http://hub/api/hub/admin/audit?limit=50&before=120',
    ]);
    expect(seen[2]!.body).toEqual({ password: 'mot-mat-khau-moi' });
    expect(seen[3]!.body).toEqual({ disabled: true });
  });

  it("sends the catalogue's import and settings to their paths with their bodies", async () => {
    const { api, seen } = recording(() => json({}));
    await api.catalogue();
    await api.importCatalogue({ format: 'csv', content: 'code,name', agencyMap: { 'Sở Tư pháp': 'TP' } });
    await api.saveCatalogueSettings({ announce: null, priorityGroups: [] });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET http://hub/api/hub/admin/catalogue',
      'POST http://hub/api/hub/admin/catalogue/import',
      'POST http://hub/api/hub/admin/catalogue/settings',
    ]);
    expect(seen[1]!.body).toEqual({ format: 'csv', content: 'code,name', agencyMap: { 'Sở Tư pháp': 'TP' } });
    expect(seen[2]!.body).toEqual({ announce: null, priorityGroups: [] });
  });
});
