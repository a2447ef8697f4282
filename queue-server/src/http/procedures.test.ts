import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogueImportReport, Procedure } from '@layso/protocol';
import { hashPassword } from '@layso/server-kit';
import { startHarness, type Harness } from '../testing/harness.js';
import { login } from '../testing/kit.js';

/**
 * Mapping procedures to services: the import report's unmapped agencies and the admin's `agencyMap`, one
 * procedure moved with `PUT /api/admin/procedures/:id`, and `GET /api/procedures?unmapped=true`.
 */
let h: Harness;
let admin: string;
let supervisor: string;
let officer: string;
const content = readFileSync(new URL('../demo/catalogue.csv', import.meta.url), 'utf8');

const serviceId = (code: string) => h.store.catalogue.serviceByCode(code)!.id;
const unmappedInDb = () =>
  (h.store.db.prepare('SELECT count(*) AS n FROM procedures WHERE service_id IS NULL').get() as { n: number })
    .n;
const importCatalogue = async (body: object) => {
  const r = await h.api('/api/admin/catalogue/import', {
    token: admin,
    body: { format: 'csv', content, ...body },
  });
  expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
  return CatalogueImportReport.parse(r.body);
};
const put = (id: number | string, body: unknown, token = admin) =>
  h.api(`/api/admin/procedures/${id}`, { method: 'PUT', token, body });

beforeAll(async () => {
  h = await startHarness();
  admin = (await login(h, 'admin')).token;
  h.store.accounts.addUser({
    username: 'giamsat',
    displayName: 'Giám sát viên',
    role: 'supervisor',
    passwordHash: await hashPassword('giam-sat-mat-khau'),
    counterId: null,
  });
  supervisor = (await login(h, 'giamsat', 'giam-sat-mat-khau')).token;
  const o = h.credentials.officers[0]!;
  officer = (await login(h, o.username)).token;
});
afterAll(async () => {
  await h.close();
});

describe('catalogue import: unmapped agencies and the agency map', () => {
  it('lists the agencies of unmapped rows as in the file, most rows first, at most 200', async () => {
    const r = await importCatalogue({ dryRun: true });
    expect(r.unmapped).toBe(1720);
    expect(r.byService['(none)']).toBe(1720);
    const list = r.unmappedAgencies;
    // The national file names 270 different agencies among its unmapped rows: the 200 biggest are listed.
    expect(list).toHaveLength(200);
    expect(list[0]).toEqual({ agency: 'Ngân hàng Nhà nước Việt Nam', count: 150 });
    for (let i = 1; i < list.length; i++) expect(list[i]!.count).toBeLessThanOrEqual(list[i - 1]!.count);
    expect(new Set(list.map((a) => a.agency)).size).toBe(list.length);
    // Each is an agency cell of the file, trimmed; rows without an agency are not listed.
    expect(list.every((a) => a.agency !== '' && a.agency === a.agency.trim())).toBe(true);
    expect(content).toContain(list[199]!.agency);
    expect(list.reduce((n, a) => n + a.count, 0)).toBeLessThan(r.unmapped);
  });

  it('a small file lists every unmapped agency and counts its rows exactly', async () => {
    const csv = [
      'code,name,field,agency',
      '9.900001,Thủ tục một,,Cơ quan lạ A',
      '9.900002,Thủ tục hai,,  Cơ quan lạ A ',
      '9.900003,Thủ tục ba,,Cơ quan lạ B',
      '9.900004,Thủ tục bốn,,',
      '9.900005,Thủ tục năm,Hộ tịch,Sở Tư pháp',
    ].join('\n');
    const r = await importCatalogue({ content: csv, dryRun: true });
    expect(r).toMatchObject({ rows: 5, unmapped: 4, byService: { TP: 1, '(none)': 4 } });
    expect(r.unmappedAgencies).toEqual([
      { agency: 'Cơ quan lạ A', count: 2 },
      { agency: 'Cơ quan lạ B', count: 1 },
    ]);
    const mapped = await importCatalogue({ content: csv, dryRun: true, agencyMap: { 'Cơ quan lạ A': 'TP' } });
    expect(mapped).toMatchObject({ unmapped: 2, byService: { TP: 3, '(none)': 2 } });
    expect(mapped.unmappedAgencies).toEqual([{ agency: 'Cơ quan lạ B', count: 1 }]);
    // A map naming a service the center does not have maps nothing.
    const unknown = await importCatalogue({
      content: csv,
      dryRun: true,
      agencyMap: { 'Cơ quan lạ B': 'KHONG' },
    });
    expect(unknown.unmapped).toBe(4);
    expect(unknown.unmappedAgencies.map((a) => a.agency)).toContain('Cơ quan lạ B');
  });

  it('the dry run with an agency map recounts and changes nothing; saving with it maps those rows', async () => {
    const before = await importCatalogue({ dryRun: true });
    const [first, second] = before.unmappedAgencies;
    const agencyMap = { [first!.agency]: 'CT', [second!.agency]: 'CA' };
    const unmappedBefore = unmappedInDb();

    const dry = await importCatalogue({ dryRun: true, agencyMap });
    expect(dry.unmapped).toBe(before.unmapped - first!.count - second!.count);
    expect(dry.byService.CT).toBe((before.byService.CT ?? 0) + first!.count);
    expect(dry.byService.CA).toBe((before.byService.CA ?? 0) + second!.count);
    expect(dry.unmappedAgencies.map((a) => a.agency)).not.toContain(first!.agency);
    expect(dry.unmappedAgencies.map((a) => a.agency)).not.toContain(second!.agency);
    expect(unmappedInDb()).toBe(unmappedBefore);

    const saved = await importCatalogue({ dryRun: false, agencyMap });
    expect(saved).toMatchObject({ dryRun: false, unmapped: dry.unmapped, updated: 2976 });
    expect(unmappedInDb()).toBe(dry.unmapped);
    const rows = h.store.catalogue.procedures().filter((p) => p.agency?.trim() === first!.agency);
    expect(rows).toHaveLength(first!.count);
    expect(rows.every((p) => p.serviceId === serviceId('CT'))).toBe(true);
    // The kiosk's search sees them under their service at once.
    const listed = await h.api(
      `/api/procedures?serviceId=${serviceId('CT')}&limit=100&q=${encodeURIComponent(rows[0]!.code)}`,
    );
    expect(listed.body.map((p: { id: number }) => p.id)).toContain(rows[0]!.id);
    // The audit entry says which agencies were mapped, not the whole list of unmapped ones.
    const log = await h.api('/api/admin/audit?limit=5', { token: admin });
    const entry = log.body.find((e: { action: string }) => e.action === 'catalogue.import');
    expect(entry.detail).toMatchObject({ agencyMap, unmappedAgencies: 200, updated: 2976 });
  });
});

describe('PUT /api/admin/procedures/:id', () => {
  const anUnmapped = () => h.store.catalogue.procedures().find((p) => p.serviceId === null)!;

  it('moves a procedure to a service: saved, audited, and the search sees it at once', async () => {
    const p = anUnmapped();
    const tp = serviceId('TP');
    const countBefore = (await h.api('/api/services')).body.find(
      (s: { id: number }) => s.id === tp,
    ).procedureCount;
    const r = await put(p.id, { serviceId: tp });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(Procedure.parse(r.body)).toEqual({ ...p, serviceId: tp });
    expect(h.store.catalogue.procedure(p.id)!.serviceId).toBe(tp);

    const found = await h.api(`/api/procedures?q=${encodeURIComponent(p.code)}&serviceId=${tp}`);
    expect(found.body[0]).toMatchObject({ id: p.id, serviceId: tp });
    const byName = await h.api(`/api/procedures?q=${encodeURIComponent(p.name)}&limit=5`);
    expect(byName.body.find((x: { id: number }) => x.id === p.id)).toMatchObject({ serviceId: tp });
    const unmapped = await h.api('/api/procedures?unmapped=true&limit=100');
    expect(unmapped.body.map((x: { id: number }) => x.id)).not.toContain(p.id);
    const countAfter = (await h.api('/api/services')).body.find(
      (s: { id: number }) => s.id === tp,
    ).procedureCount;
    expect(countAfter).toBe(countBefore + 1);

    const log = await h.api('/api/admin/audit?limit=1', { token: admin });
    expect(log.body[0]).toMatchObject({
      action: 'procedure.update',
      username: h.credentials.admin.username,
      detail: {
        before: { id: p.id, code: p.code, serviceId: null },
        after: { id: p.id, code: p.code, serviceId: tp },
      },
    });

    // And back to no service: listed as unmapped again.
    const back = await put(p.id, { serviceId: null });
    expect(back.status).toBe(200);
    expect(back.body.serviceId).toBeNull();
    const again = await h.api(`/api/procedures?unmapped=true&q=${encodeURIComponent(p.code)}`);
    expect(again.body.map((x: { id: number }) => x.id)).toEqual([p.id]);
    expect(
      (await h.api('/api/admin/audit?limit=1', { token: admin })).body[0].detail.after.serviceId,
    ).toBeNull();
  });

  it('is for admins only', async () => {
    const p = anUnmapped();
    const body = { serviceId: serviceId('TP') };
    for (const token of [supervisor, officer, h.credentials.kioskToken]) {
      const r = await put(p.id, body, token);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('LAYSO_FORBIDDEN');
    }
    expect((await h.api(`/api/admin/procedures/${p.id}`, { method: 'PUT', body })).status).toBe(401);
    expect(h.store.catalogue.procedure(p.id)!.serviceId).toBeNull();
  });

  it('404 for an unknown procedure or service; 400 for a bad body or id; nothing changes', async () => {
    const p = anUnmapped();
    const audited = () =>
      (h.store.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const entries = audited();
    const missing = await put(999_999, { serviceId: serviceId('TP') });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('LAYSO_PROCEDURE_NOT_FOUND');
    const noService = await put(p.id, { serviceId: 999_999 });
    expect(noService.status).toBe(404);
    expect(noService.body.error.code).toBe('LAYSO_SERVICE_NOT_FOUND');
    for (const body of [
      {},
      { serviceId: 'TP' },
      { serviceId: 0 },
      { serviceId: 1.5 },
      { serviceId: serviceId('TP'), name: 'đổi tên' },
      [serviceId('TP')],
      null,
    ]) {
      const r = await put(p.id, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('LAYSO_VALIDATION');
    }
    expect((await put('abc', { serviceId: serviceId('TP') })).status).toBe(400);
    expect(h.store.catalogue.procedure(p.id)!.serviceId).toBeNull();
    expect(audited()).toBe(entries);
  });
});

describe('GET /api/procedures?unmapped=true', () => {
  it('lists only procedures under no service; with a serviceId too, none; a bad value is refused', async () => {
    const all = await h.api('/api/procedures?unmapped=true&limit=100');
    expect(all.status).toBe(200);
    expect(all.body).toHaveLength(Math.min(100, unmappedInDb()));
    expect(all.body.every((p: { serviceId: number | null }) => p.serviceId === null)).toBe(true);
    const searched = await h.api('/api/procedures?unmapped=true&q=ngan%20hang&limit=100');
    expect(searched.body.length).toBeGreaterThan(0);
    expect(searched.body.every((p: { serviceId: number | null }) => p.serviceId === null)).toBe(true);
    const off = await h.api('/api/procedures?unmapped=false&limit=100');
    expect(off.body.some((p: { serviceId: number | null }) => p.serviceId !== null)).toBe(true);
    expect((await h.api(`/api/procedures?unmapped=true&serviceId=${serviceId('TP')}`)).body).toEqual([]);
    const bad = await h.api('/api/procedures?unmapped=yes');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('LAYSO_VALIDATION');
  });
});

describe('importing the catalogue again', () => {
  it("keeps the service an admin gave a procedure that no rule maps, and says so in the dry run's counts", async () => {
    const [p] = (await h.api('/api/procedures?unmapped=true&limit=1')).body as Procedure[];
    const before = await importCatalogue({ dryRun: true });
    expect((await put(p!.id, { serviceId: serviceId('TP') })).status).toBe(200);
    const dry = await importCatalogue({ dryRun: true });
    expect(dry.unmapped).toBe(before.unmapped - 1);
    expect(dry.byService.TP).toBe((before.byService.TP ?? 0) + 1);
    await importCatalogue({ dryRun: false });
    expect(h.store.db.prepare('SELECT service_id AS s FROM procedures WHERE id = ?').get(p!.id)).toEqual({
      s: serviceId('TP'),
    });
  });
});
