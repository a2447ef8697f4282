import type { HubCatalogue } from '@layso/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSmallCenter } from '../testing/center.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { login } from '../testing/kit.js';
import { startStandInHub, type StandInHub } from './stand-in-hub.js';

const SITE = 'xa-long-ho';
const KEY = `${SITE}.s3cret-0123456789abcdef`;

const procedure = (code: string, name: string, service: string | null) => ({
  code,
  name,
  field: 'Hộ tịch',
  agency: 'UBND cấp xã',
  level: null,
  processingTime: null,
  fee: null,
  service,
});

const PROVINCE: HubCatalogue = {
  version: 1,
  updatedAt: '2026-12-07T02:00:00.000Z',
  procedures: [
    procedure('1.000894', 'Đăng ký khai sinh', 'TP'),
    procedure('2.000908', 'Cấp bản sao từ sổ gốc', null),
    // A service this site does not have: the site maps it.
    procedure('1.001022', 'Đăng ký kết hôn', 'KHONG-CO'),
  ],
  announce: { template: 'Mời số {number} đến quầy {counter}', reading: 'whole', dialect: 'south', repeat: 1 },
  priorityGroups: [{ code: 'nguoi-cao-tuoi', name: 'Người cao tuổi', nameEn: 'Elderly' }],
};

let hub: StandInHub;
let site: Harness;
let admin: string;

beforeAll(async () => {
  hub = await startStandInHub({ site: SITE, key: KEY });
  site = await startHarness({
    seed: seedSmallCenter,
    env: { HUB_URL: hub.url, HUB_SITE_KEY: KEY, ALLOW_HTTP_UPSTREAM: 'true' },
  });
  admin = (await login(site, site.credentials.admin.username)).token;
});
afterAll(async () => {
  await site?.close();
  await hub?.close();
});

const pullNow = () => site.api('/api/admin/province-catalogue/pull', { method: 'POST', token: admin });
const idOf = (code: string) =>
  site.store.catalogue.procedures().find((p) => p.code === code)?.id ?? Number.NaN;
const MANAGED = /^Mục này do tỉnh quản lý.* \/ This item is managed by the province/;

describe("the province's catalogue at a joined site", () => {
  it('pulls on start, applies a new version in one go, then sends its ETag and is answered 304', async () => {
    await hub.until(() => hub.pulls.length > 0);
    const first = await pullNow();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ state: 'current', version: 0, managed: { procedures: 0 } });

    hub.setCatalogue(PROVINCE);
    const applied = await pullNow();
    expect(applied.body).toMatchObject({
      state: 'current',
      version: 1,
      lastResult: 'updated',
      managed: { procedures: 3, announce: true, priorityGroups: true },
    });
    expect(applied.body.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const tp = site.store.catalogue.serviceByCode('TP');
    const procedures = site.store.catalogue.procedures();
    expect(procedures.find((p) => p.code === '1.000894')).toMatchObject({
      name: 'Đăng ký khai sinh',
      serviceId: tp?.id,
    });
    expect(procedures.find((p) => p.code === '1.001022')?.serviceId).toBeNull();
    expect(site.store.catalogue.priorityGroups().map((g) => g.code)).toEqual(['nguoi-cao-tuoi']);
    const settings = await site.api('/api/admin/settings', { token: admin });
    expect(settings.body.announce).toEqual(PROVINCE.announce);
    // The kiosk's search sees the province's procedures at once.
    const found = await site.api('/api/procedures?q=dang ky khai sinh');
    expect(found.body[0]).toMatchObject({ code: '1.000894', serviceId: tp?.id });

    const again = await pullNow();
    expect(again.body).toMatchObject({ version: 1, lastResult: 'unchanged' });
    expect(hub.pulls.at(-1)).toEqual({ ifNoneMatch: applied.body.etag, status: 304 });
  });

  it("refuses the admin's edits of what the province manages, bilingually, and leaves the rest editable", async () => {
    const groups = await site.api('/api/admin/priority-groups', {
      method: 'PUT',
      token: admin,
      body: [{ code: 'moi', name: 'Nhóm mới', nameEn: 'New group' }],
    });
    expect(groups.status).toBe(409);
    expect(groups.body.error).toMatchObject({
      code: 'LAYSO_PROVINCE_MANAGED',
      message: expect.stringMatching(MANAGED),
    });

    const current = (await site.api('/api/admin/settings', { token: admin })).body;
    const announce = await site.api('/api/admin/settings', {
      method: 'PUT',
      token: admin,
      body: { ...current, announce: { ...current.announce, repeat: 0 } },
    });
    expect(announce.body.error?.code).toBe('LAYSO_PROVINCE_MANAGED');
    const name = await site.api('/api/admin/settings', {
      method: 'PUT',
      token: admin,
      body: { ...current, centerName: 'Trung tâm xã Long Hồ' },
    });
    expect(name.status).toBe(200);
    expect(name.body.centerName).toBe('Trung tâm xã Long Hồ');

    const tc = site.store.catalogue.serviceByCode('TC')?.id;
    const move = (code: string) =>
      site.api(`/api/admin/procedures/${idOf(code)}`, {
        method: 'PUT',
        token: admin,
        body: { serviceId: tc },
      });
    expect((await move('1.000894')).body.error?.code).toBe('LAYSO_PROVINCE_MANAGED');
    // The province names no service, or one this site lacks: the site maps it.
    expect((await move('2.000908')).status).toBe(200);
    expect((await move('1.001022')).status).toBe(200);

    const importing = (content: string) =>
      site.api('/api/admin/catalogue/import', {
        method: 'POST',
        token: admin,
        body: { format: 'csv', content },
      });
    const theirs = await importing('code,name\n1.000894,Tên khác\n');
    expect(theirs.status).toBe(409);
    expect(theirs.body.error.details).toMatchObject({ codes: ['1.000894'] });
    expect(site.store.catalogue.procedures().find((p) => p.code === '1.000894')?.name).toBe(
      'Đăng ký khai sinh',
    );
    expect((await importing('code,name\n1.999999,Thủ tục riêng của xã\n')).status).toBe(200);
  });

  it('keeps the last catalogue when a pull fails, and shows it in /api/health', async () => {
    hub.mode = 'down';
    hub.setCatalogue({ ...PROVINCE, version: 2, procedures: [] });
    const failed = await pullNow();
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({
      state: 'failing',
      version: 1,
      lastError: 'HTTP 503 LAYSO_HUB_UNAVAILABLE',
      managed: { procedures: 3 },
    });
    const health = await site.api('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.upstreams.hubCatalogue).toMatchObject({ state: 'failing', version: 1 });
    expect(site.store.province.procedure('1.000894')).not.toBeNull();

    hub.mode = 'revoked';
    expect((await pullNow()).body).toMatchObject({
      state: 'failing',
      version: 1,
      lastError: 'HTTP 403 LAYSO_HUB_SITE_REVOKED',
    });

    // Back: version 2 names no procedure, so none is the province's any more; the announcement still is.
    hub.mode = 'ok';
    const back = await pullNow();
    expect(back.body).toMatchObject({
      state: 'current',
      version: 2,
      managed: { procedures: 0, announce: true },
    });
    expect(site.store.catalogue.procedures().some((p) => p.code === '1.000894')).toBe(true);
    // Each version applied once, as the system (no user): the empty one at start, then 1 and 2.
    const audit = site.store.db
      .prepare<[], { user_id: number | null; detail: string }>(
        "SELECT user_id, detail FROM audit_log WHERE action = 'province.catalogue' ORDER BY id",
      )
      .all();
    expect(audit.map((a) => [a.user_id, JSON.parse(a.detail).version])).toEqual([
      [null, 0],
      [null, 1],
      [null, 2],
    ]);
  });
});

describe('a site not joined to a hub', () => {
  it('says so when asked to pull, and shows the pull off', async () => {
    const alone = await startHarness({ seed: seedSmallCenter });
    try {
      const token = (await login(alone, alone.credentials.admin.username)).token;
      const r = await alone.api('/api/admin/province-catalogue/pull', { method: 'POST', token });
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('LAYSO_HUB_NOT_JOINED');
      const health = await alone.api('/api/health');
      expect(health.body.upstreams.hubCatalogue).toMatchObject({ state: 'off', version: 0 });
    } finally {
      await alone.close();
    }
  });
});
