/** Every admin change is in the audit log with who, when and before → after, and nothing secret (issue 9). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.js';
import { login } from '../testing/kit.js';

let h: Harness;
let admin: string;
beforeAll(async () => {
  h = await startHarness();
  admin = (await login(h, 'admin')).token;
});
afterAll(() => h.close());

describe('the audit log', () => {
  it('records counters, services, users, devices and priority groups, before → after, with no secret', async () => {
    const serviceId = h.store.services()[0]!.id;
    const added = await h.api('/api/admin/counters', {
      token: admin,
      body: { number: 99, name: 'Quầy 99', serviceIds: [serviceId] },
    });
    expect(added.status).toBe(201);
    const renamed = await h.api(`/api/admin/counters/${added.body.id}`, {
      token: admin,
      method: 'PUT',
      body: { number: 99, name: 'Quầy 99 (tầng 2)', serviceIds: [serviceId] },
    });
    expect(renamed.status).toBe(200);
    const service = h.store.services()[0]!;
    const svc = (await h.api('/api/admin/services', { token: admin })).body.find(
      (s: any) => s.id === service.id,
    );
    const { id: _id, ...input } = svc;
    const changed = await h.api(`/api/admin/services/${service.id}`, {
      token: admin,
      method: 'PUT',
      body: {
        code: input.code,
        name: input.name,
        nameEn: input.nameEn,
        numberFormat: input.numberFormat,
        dailyCap: input.dailyCap + 1,
        hours: input.hours,
        active: input.active,
      },
    });
    expect(changed.status).toBe(200);
    const user = await h.api('/api/admin/users', {
      token: admin,
      body: {
        username: 'canbo99',
        displayName: 'Cán bộ Mới',
        role: 'officer',
        password: 'mat-khau-rat-dai-99',
      },
    });
    expect(user.status).toBe(201);
    const device = await h.api('/api/admin/devices', {
      token: admin,
      body: { kind: 'kiosk', name: 'Ki-ốt tầng 2' },
    });
    expect(device.status).toBe(201);
    const revoked = await h.api(`/api/admin/devices/${device.body.device.id}`, {
      token: admin,
      method: 'DELETE',
    });
    expect(revoked.status).toBe(200);

    const log = await h.api('/api/admin/audit?limit=10', { token: admin });
    expect(log.status).toBe(200);
    expect(log.body.map((e: any) => e.action)).toEqual([
      'device.revoke',
      'device.add',
      'user.add',
      'service.update',
      'counter.update',
      'counter.add',
    ]);
    for (const e of log.body) expect(e).toMatchObject({ username: h.credentials.admin.username });
    const byAction = Object.fromEntries(log.body.map((e: any) => [e.action, e.detail]));
    expect(byAction['counter.update'].before.name).toBe('Quầy 99');
    expect(byAction['counter.update'].after.name).toBe('Quầy 99 (tầng 2)');
    expect(byAction['service.update'].after.dailyCap).toBe(byAction['service.update'].before.dailyCap + 1);
    expect(byAction['device.revoke'].before.revokedAt).toBeNull();
    expect(byAction['device.revoke'].after.revokedAt).not.toBeNull();
    const text = JSON.stringify(log.body);
    expect(text).not.toContain('mat-khau-rat-dai-99');
    expect(text).not.toContain(device.body.token);
  });

  it('is for admins and supervisors only', async () => {
    const o = h.credentials.officers[0]!;
    const officer = (await login(h, o.username)).token;
    expect((await h.api('/api/admin/audit', { token: officer })).status).toBe(403);
    expect((await h.api('/api/admin/audit')).status).toBe(401);
    expect((await h.api('/api/admin/audit?limit=0', { token: admin })).status).toBe(400);
  });
});
