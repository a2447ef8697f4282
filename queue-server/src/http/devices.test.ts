import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminDevice, DevicePairing, type FloorState } from '@layso/protocol';
import { hashPassword } from '@layso/server-kit';
import { toIso } from '../domain/time.js';
import { ManualClock, startHarness, type Harness } from '../testing/harness.js';
import { login, next, socket } from '../testing/kit.js';

/** `/api/admin/devices`: pairing a device (link + QR), its presence, its printer, and revoking it. */
const clock = new ManualClock(new Date('2026-03-11T08:00:00+07:00'));
let h: Harness;
let admin: string;
let supervisor: string;
let monitor: Socket;
/** The supervisors' floor tells when the server has seen a socket come or go: wait for it, never sleep. */
function floorWhere(pred: (f: FloorState) => boolean): Promise<FloorState> {
  return new Promise((resolve) => {
    const on = (f: FloorState) => {
      if (!pred(f)) return;
      monitor.off('floor', on);
      resolve(f);
    };
    monitor.on('floor', on);
  });
}
const list = async (token = admin): Promise<AdminDevice[]> => {
  const r = await h.api('/api/admin/devices', { token });
  expect(r.status).toBe(200);
  return AdminDevice.array().parse(r.body);
};
const register = async (body: object) => {
  const r = await h.api('/api/admin/devices', { token: admin, body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return DevicePairing.parse(r.body);
};
const lastSeenStored = (id: number) =>
  (
    h.store.db.prepare('SELECT last_seen_at FROM devices WHERE id = ?').get(id) as {
      last_seen_at: number | null;
    }
  ).last_seen_at;

beforeAll(async () => {
  h = await startHarness({ clock });
  admin = (await login(h, 'admin')).token;
  h.store.accounts.addUser({
    username: 'giamsat',
    displayName: 'Giám sát viên',
    role: 'supervisor',
    passwordHash: await hashPassword('giam-sat-mat-khau'),
    counterId: null,
  });
  supervisor = (await login(h, 'giamsat', 'giam-sat-mat-khau')).token;
  monitor = socket(h, '/admin', { token: admin });
  await next(monitor, 'floor');
});
afterAll(async () => {
  await h.close();
});

describe('pairing a device', () => {
  it('answers with the page that pairs it (token in the fragment) and its QR code; the token is not audited', async () => {
    const kiosk = await register({ kind: 'kiosk', name: 'Ki-ốt tầng 2' });
    expect(kiosk.pairUrl).toBe(`${h.url}/kiosk#token=${kiosk.token}`);
    expect(kiosk.qrSvg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(kiosk.qrSvg).toContain('<path d="M');
    // A kiosk without a report of its own shows the server's ticket printer (none configured here).
    expect(kiosk.device).toMatchObject({
      kind: 'kiosk',
      online: false,
      lastSeenAt: null,
      printer: 'not-configured',
    });

    const display = await register({ kind: 'display', name: 'Màn hình sảnh B' });
    expect(display.pairUrl).toBe(`${h.url}/display#token=${display.token}`);
    expect(display.device.printer).toBeNull();

    const counterId = h.store.counters.all()[2]!.id;
    const top = await register({ kind: 'counter', name: 'Màn hình quầy 3', counterId });
    expect(top.pairUrl).toBe(`${h.url}/counter-top/${counterId}#token=${top.token}`);
    expect(top.device).toMatchObject({ counterId, printer: null });
    // The link is a page the server serves (built or not); the fragment never reaches it.
    for (const p of [kiosk, display, top]) expect((await fetch(p.pairUrl)).status).not.toBe(404);

    const audit = await h.api('/api/admin/audit?limit=20', { token: admin });
    const text = JSON.stringify(audit.body);
    expect(audit.body.filter((e: any) => e.action === 'device.add')).toHaveLength(3);
    for (const t of [kiosk.token, display.token, top.token]) expect(text).not.toContain(t);
  });

  it('refuses a counter screen without a counter, or with one that does not exist (400, nothing stored)', async () => {
    const before = h.store.devices.all().length;
    const missing = await h.api('/api/admin/devices', {
      token: admin,
      body: { kind: 'counter', name: 'Quầy ?' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      code: 'LAYSO_VALIDATION',
      details: { counterId: expect.stringContaining('counter') },
    });
    const unknown = await h.api('/api/admin/devices', {
      token: admin,
      body: { kind: 'counter', name: 'Quầy ma', counterId: 999_999 },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.counterId).toContain('999999');
    expect(h.store.devices.all()).toHaveLength(before);
  });

  it('lets a supervisor read the list but not pair or revoke', async () => {
    expect((await list(supervisor)).length).toBe(h.store.devices.all().length);
    const add = await h.api('/api/admin/devices', { token: supervisor, body: { kind: 'kiosk', name: 'x' } });
    expect(add.status).toBe(403);
    const id = h.store.devices.all()[0]!.id;
    const del = await h.api(`/api/admin/devices/${id}`, { token: supervisor, method: 'DELETE' });
    expect(del.status).toBe(403);
  });
});

describe('presence', () => {
  it('is online while its socket is connected and offline after; when it was last seen is kept', async () => {
    const d = await register({ kind: 'display', name: 'Màn hình chờ' });
    expect((await list()).find((x) => x.id === d.device.id)).toMatchObject({
      online: false,
      lastSeenAt: null,
    });

    const online = floorWhere((f) => f.devices.find((x) => x.id === d.device.id)?.online === true);
    const screen = socket(h, '/display', { token: d.token });
    await next(screen, 'snapshot');
    await online;
    const connectedAt = toIso(clock.now());
    expect((await list()).find((x) => x.id === d.device.id)).toMatchObject({
      online: true,
      lastSeenAt: connectedAt,
    });
    expect(lastSeenStored(d.device.id)).toBe(clock.now().getTime());

    clock.advance(90_000);
    const offline = floorWhere((f) => f.devices.find((x) => x.id === d.device.id)?.online === false);
    screen.close();
    await offline;
    const after = (await list()).find((x) => x.id === d.device.id)!;
    expect(after).toMatchObject({ online: false, lastSeenAt: toIso(clock.now()) });
    expect(lastSeenStored(d.device.id)).toBe(clock.now().getTime());
  });

  it('counts a request with the device token as seeing it, without writing per request', async () => {
    const kiosk = h.store.devices.all().find((x) => x.kind === 'kiosk' && x.revokedAt === null)!;
    const stored = lastSeenStored(kiosk.id);
    clock.advance(10_000);
    expect((await h.api('/api/kiosk/settings', { token: h.credentials.kioskToken })).status).toBe(200);
    expect((await list()).find((x) => x.id === kiosk.id)!.lastSeenAt).toBe(toIso(clock.now()));
    expect(lastSeenStored(kiosk.id)).toBe(stored);
    // Stored when the server stops (or at the device's next connect or drop).
    h.server.ctx.presence.flush();
    expect(lastSeenStored(kiosk.id)).toBe(clock.now().getTime());
  });

  it('shows a kiosk’s own printer state as it reported it', async () => {
    const kiosk = h.store.devices.all().find((x) => x.kind === 'kiosk' && x.revokedAt === null)!;
    const r = await h.api('/api/kiosk/printer', {
      token: h.credentials.kioskToken,
      body: { state: 'paper-near-end' },
    });
    expect(r.status).toBe(204);
    const devices = await list();
    expect(devices.find((x) => x.id === kiosk.id)!.printer).toBe('paper-near-end');
    // Other kiosks still show the server's ticket printer; screens have none.
    const others = devices.filter((x) => x.kind === 'kiosk' && x.id !== kiosk.id);
    expect(others.length).toBeGreaterThan(0);
    for (const o of others) expect(o.printer).toBe('not-configured');
    for (const o of devices.filter((x) => x.kind !== 'kiosk')) expect(o.printer).toBeNull();
  });
});

describe('revoking a device', () => {
  it('drops its socket at once and answers with the device, revoked and offline', async () => {
    const counterId = h.store.counters.all()[4]!.id;
    const d = await register({ kind: 'counter', name: 'Màn hình quầy 5', counterId });
    const online = floorWhere((f) => f.devices.find((x) => x.id === d.device.id)?.online === true);
    const screen = socket(h, '/counter', { token: d.token });
    await next(screen, 'snapshot');
    await online;
    const dropped = next(screen, 'disconnect');
    const gone = floorWhere((f) => !f.devices.some((x) => x.id === d.device.id));
    const r = await h.api(`/api/admin/devices/${d.device.id}`, { token: admin, method: 'DELETE' });
    expect(r.status).toBe(200);
    const revoked = AdminDevice.parse(r.body);
    expect(revoked).toMatchObject({ id: d.device.id, online: false, revokedAt: toIso(clock.now()) });
    await dropped;
    expect(screen.connected).toBe(false);
    // A revoked device leaves the floor; the admin's list keeps it, revoked.
    await gone;
    expect((await list()).find((x) => x.id === d.device.id)!.revokedAt).not.toBeNull();
    const audit = await h.api('/api/admin/audit?limit=5', { token: admin });
    expect(audit.body[0]).toMatchObject({ action: 'device.revoke' });
    expect(JSON.stringify(audit.body)).not.toContain(d.token);
    const again = await h.api(`/api/admin/devices/${d.device.id + 1000}`, { token: admin, method: 'DELETE' });
    expect(again.status).toBe(404);
  });
});
