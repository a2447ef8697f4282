import { describe, expect, it } from 'vitest';
import type { Hub } from './server.js';
import { revokeSite } from './sites.js';
import { addSite, addUser, request as call, signIn, useHubs } from './testing/hub.js';

const NOW = new Date('2026-12-07T02:00:00Z');
const hubs = useHubs({ clock: () => NOW });

const CSV = [
  'mã,tên,lĩnh vực,cơ quan',
  '1.000894,Đăng ký khai sinh,Hộ tịch,UBND cấp xã',
  '2.000908,Cấp bản sao từ sổ gốc,Chứng thực,"Cơ quan, tổ chức lập sổ gốc"',
].join('\n');

/** A hub with a province admin signed in and one site with its key. */
async function startHub() {
  const hub = await hubs.start();
  await addUser(
    hub,
    { username: 'tinh.admin', displayName: 'Quản trị tỉnh', role: 'province_admin' },
    () => NOW,
  );
  const key = await addSite(hub, 'xa-a', 'Xã A');
  return { hub, token: await signIn(hub, 'tinh.admin'), key };
}

function pull(hub: Hub, key: string, etag?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (etag) headers['if-none-match'] = etag;
  return fetch(`${hub.url}/api/hub/catalogue`, { headers });
}

async function auditActions(hub: Hub): Promise<string[]> {
  const { rows } = await hub.pool.query<{ action: string }>('SELECT action FROM audit_log ORDER BY id');
  return rows.map((r) => r.action);
}

describe("the province's catalogue pushed to sites", () => {
  it('answers the whole document with a strong ETag, 304 to If-None-Match, and a new ETag after a change', async () => {
    const { hub, token, key } = await startHub();
    const empty = await pull(hub, key);
    expect(empty.status).toBe(200);
    const emptyTag = empty.headers.get('etag') ?? '';
    expect(emptyTag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(await empty.json()).toEqual({
      version: 0,
      updatedAt: null,
      procedures: [],
      announce: null,
      priorityGroups: null,
    });
    expect((await pull(hub, key, emptyTag)).status).toBe(304);

    const imported = await call(hub, 'POST', '/api/hub/admin/catalogue/import', {
      token,
      body: { format: 'csv', content: CSV, agencyMap: { 'UBND cấp xã': 'HT' } },
    });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ version: 1, procedures: 2, mapped: 1 });

    // The old tag no longer matches: the site gets the new document, whose tag is the one the admin saw.
    const changed = await pull(hub, key, emptyTag);
    expect(changed.status).toBe(200);
    const tag = changed.headers.get('etag');
    expect(tag).toBe(imported.body.etag);
    const doc = (await changed.json()) as any;
    expect(doc.procedures).toEqual([
      expect.objectContaining({
        code: '1.000894',
        name: 'Đăng ký khai sinh',
        field: 'Hộ tịch',
        service: 'HT',
      }),
      expect.objectContaining({ code: '2.000908', agency: 'Cơ quan, tổ chức lập sổ gốc', service: null }),
    ]);
    expect((await pull(hub, key, `W/${tag}, "other"`)).status).toBe(304);

    const settings = await call(hub, 'POST', '/api/hub/admin/catalogue/settings', {
      token,
      body: {
        announce: {
          template: 'Mời số {number} đến quầy {counter}',
          reading: 'digits',
          dialect: 'south',
          repeat: 1,
        },
        priorityGroups: [{ code: 'elderly', name: 'Người cao tuổi', nameEn: 'Elderly' }],
      },
    });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ version: 2, procedures: 2 });
    const after = await pull(hub, key, tag ?? '');
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({
      version: 2,
      announce: { dialect: 'south' },
      priorityGroups: [{ code: 'elderly' }],
    });
    expect(await auditActions(hub)).toEqual(['user.create', 'catalogue.import', 'catalogue.settings']);
  });

  it("refuses no key, a wrong key and a revoked site's key", async () => {
    const { hub, key } = await startHub();
    const none = await fetch(`${hub.url}/api/hub/catalogue`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as any).error.code).toBe('LAYSO_HUB_SITE_KEY');
    expect((await pull(hub, `${key}x`)).status).toBe(401);
    await revokeSite(hub.pool, 'xa-a');
    const revoked = await pull(hub, key);
    expect(revoked.status).toBe(403);
    expect(((await revoked.json()) as any).error.code).toBe('LAYSO_HUB_SITE_REVOKED');
  });

  it('refuses a file with a bad row whole, saying which and why, and changes nothing', async () => {
    const { hub, token, key } = await startHub();
    await call(hub, 'POST', '/api/hub/admin/catalogue/import', {
      token,
      body: { format: 'csv', content: CSV },
    });
    const before = await pull(hub, key);
    const bad = await call(hub, 'POST', '/api/hub/admin/catalogue/import', {
      token,
      body: { format: 'csv', content: `${CSV}\nkhông-phải-mã,Thủ tục lạ` },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('LAYSO_IMPORT_INVALID');
    expect(bad.body.error.details.errors).toEqual([
      expect.objectContaining({
        row: 3,
        message: expect.stringMatching(/^Mã thủ tục không hợp lệ.* \/ Invalid/),
      }),
    ]);
    const json = await call(hub, 'POST', '/api/hub/admin/catalogue/import', {
      token,
      body: { format: 'json', content: '{"not":"an array"}' },
    });
    expect(json.body.error.code).toBe('LAYSO_IMPORT_INVALID');
    const template = await call(hub, 'POST', '/api/hub/admin/catalogue/settings', {
      token,
      body: {
        announce: { template: 'Mời số {so}', reading: 'digits', dialect: 'south', repeat: 0 },
        priorityGroups: null,
      },
    });
    expect(template.body.error.code).toBe('LAYSO_VALIDATION');
    expect((await pull(hub, key, before.headers.get('etag') ?? '')).status).toBe(304);
    expect(await auditActions(hub)).toEqual(['user.create', 'catalogue.import']);
  });
});
