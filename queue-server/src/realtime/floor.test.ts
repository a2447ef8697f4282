import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FloorState } from '@layso/protocol';
import { toIso } from '../domain/time.js';
import { ManualClock, startHarness, type Harness } from '../testing/harness.js';
import { issue, login, next, socket } from '../testing/kit.js';

/** The supervisors' live floor (`floor` on `/admin`), against the demo center on a clock moved by hand. */
const clock = new ManualClock(new Date('2026-03-11T08:00:00+07:00')); // a Wednesday morning
let h: Harness;
let admin: string;
let monitor: Socket;
/** The next `floor` that satisfies `pred` (listen before acting: floors are coalesced, never lost at the end). */
function floorWhere(s: Socket, pred: (f: FloorState) => boolean): Promise<FloorState> {
  return new Promise((resolve) => {
    const on = (f: FloorState) => {
      if (!pred(f)) return;
      s.off('floor', on);
      resolve(f);
    };
    s.on('floor', on);
  });
}
const ask = async (s: Socket): Promise<FloorState> => {
  const reply = await s.emitWithAck('floor:request');
  expect(reply.ok).toBe(true);
  return FloorState.parse(reply.value);
};

beforeAll(async () => {
  h = await startHarness({ clock });
  admin = (await login(h, 'admin')).token;
  monitor = socket(h, '/admin', { token: admin });
  await next(monitor, 'floor');
});
afterAll(async () => {
  await h.close();
});

describe('the live floor', () => {
  it('is sent whole to an admin socket on connect, with the figures of the store; officers may not follow it', async () => {
    const officer = await login(h, 0);
    const refused = socket(h, '/admin', { token: officer.token });
    const err = await next<Error & { data?: { code: string } }>(refused, 'connect_error');
    expect(err.data?.code).toBe('LAYSO_FORBIDDEN');

    const watcher = socket(h, '/admin', { token: admin });
    const first = FloorState.parse(await next(watcher, 'floor'));
    expect(first.at).toBe(toIso(clock.now()));
    expect(first.day).toBe('2026-03-11');
    const services = h.server.ctx.queue.services();
    expect(first.services.map((s) => s.id)).toEqual(services.map((s) => s.id));
    for (const s of first.services) {
      const live = services.find((x) => x.id === s.id)!;
      expect(s).toMatchObject({
        waiting: live.waiting,
        issuing: live.issuing,
        openCounters: live.openCounters,
        estimatedWaitMinutes: live.estimatedWaitMinutes,
      });
    }
    expect(first.counters.map((c) => c.id)).toEqual(h.store.counters().map((c) => c.id));
    const seated = first.counters.find((c) => c.id === officer.user.counterId)!;
    expect(seated).toMatchObject({ status: 'open', serving: false, officerName: officer.user.displayName });
    const devices = h.store.devices().filter((d) => d.revokedAt === null);
    expect(first.devices.map((d) => d.id)).toEqual(devices.map((d) => d.id));
    expect(first.outbox).toEqual({ pending: 0, dead: 0, oldestPendingAt: null, province: 'off' });
    watcher.close();
  });

  it('after a ticket is issued: one more waiting, issued today, and since when the longest has waited', async () => {
    const before = await ask(monitor);
    const service = before.services.find((s) => s.waiting === 0 && s.issuing)!;
    const heard = floorWhere(monitor, (f) => f.services.find((s) => s.id === service.id)!.waiting === 1);
    const r = await issue(h, service.id);
    const after = (await heard).services.find((s) => s.id === service.id)!;
    expect(after).toMatchObject({
      waiting: 1,
      waitingPriority: 0,
      issuedToday: service.issuedToday + 1,
      longestWaitingSince: r.queuedAt,
    });
    clock.advance(60_000);
    const priority = floorWhere(monitor, (f) => f.services.find((s) => s.id === service.id)!.waiting === 2);
    await issue(h, service.id, { priority: h.store.priorityGroups()[0]!.code });
    // The longest wait is still the first ticket's, whichever class is called first.
    expect((await priority).services.find((s) => s.id === service.id)).toMatchObject({
      waitingPriority: 1,
      longestWaitingSince: r.queuedAt,
    });
  });

  it('follows a counter: serving since the call, paused since the pause and why, served today', async () => {
    const officer = await login(h, 1);
    const counterId = officer.user.counterId!;
    const serviceId = h.store.counter(counterId)!.serviceIds[0]!;
    await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId } });
    clock.advance(30_000);
    const serving = floorWhere(monitor, (f) => f.counters.find((c) => c.id === counterId)!.serving);
    const call = await h.api(`/api/counters/${counterId}/call-next`, {
      token: officer.token,
      method: 'POST',
    });
    expect(call.status).toBe(200);
    expect((await serving).counters.find((c) => c.id === counterId)).toMatchObject({
      status: 'open',
      currentNumber: call.body.ticket.number,
      since: call.body.ticket.calledAt,
      servedToday: 0,
    });

    clock.advance(5 * 60_000);
    const done = floorWhere(monitor, (f) => !f.counters.find((c) => c.id === counterId)!.serving);
    await h.api(`/api/tickets/${call.body.ticket.id}/finish`, {
      token: officer.token,
      body: { outcome: 'guidance' },
    });
    const idle = await done;
    expect(idle.counters.find((c) => c.id === counterId)).toMatchObject({
      currentNumber: null,
      since: toIso(clock.now()),
      servedToday: 1,
    });
    expect(idle.services.find((s) => s.id === serviceId)!.servedToday).toBeGreaterThanOrEqual(1);

    clock.advance(60_000);
    const paused = floorWhere(
      monitor,
      (f) => f.counters.find((c) => c.id === counterId)!.status === 'paused',
    );
    const r = await h.api(`/api/counters/${counterId}/pause`, {
      token: officer.token,
      body: { paused: true, reason: 'Họp giao ban' },
    });
    expect(r.status).toBe(200);
    expect((await paused).counters.find((c) => c.id === counterId)).toMatchObject({
      serving: false,
      pauseReason: 'Họp giao ban',
      since: toIso(clock.now()),
      officerName: officer.user.displayName,
    });
  });

  it('raises an alert for a kiosk out of paper, with the kiosk and what to do', async () => {
    const kiosk = h.store.devices().find((d) => d.kind === 'kiosk' && d.revokedAt === null)!;
    const heard = floorWhere(monitor, (f) =>
      f.alerts.some((a) => a.kind === 'printer' && a.deviceId === kiosk.id),
    );
    const r = await h.api('/api/kiosk/printer', {
      token: h.credentials.kioskToken,
      body: { state: 'paper-out' },
    });
    expect(r.status).toBe(204);
    const f = await heard;
    expect(f.devices.find((d) => d.id === kiosk.id)!.printer).toBe('paper-out');
    expect(f.alerts.find((a) => a.deviceId === kiosk.id && a.kind === 'printer')).toMatchObject({
      severity: 'danger',
      since: toIso(clock.now()),
      vi: expect.stringContaining('hết giấy'),
      en: expect.stringContaining('out of paper'),
    });
    expect(f.alerts[0]!.severity).toBe('danger');

    const fixed = floorWhere(
      monitor,
      (x) => !x.alerts.some((a) => a.deviceId === kiosk.id && a.kind === 'printer'),
    );
    await h.api('/api/kiosk/printer', { token: h.credentials.kioskToken, body: { state: 'ready' } });
    expect((await fixed).devices.find((d) => d.id === kiosk.id)!.printer).toBe('ready');
  });

  it('shows a device online while connected, and alerts once it has been offline more than 2 minutes', async () => {
    const reg = await h.api('/api/admin/devices', {
      token: admin,
      body: { kind: 'display', name: 'Màn hình tầng 2' },
    });
    expect(reg.status).toBe(201);
    const id = reg.body.device.id as number;
    const online = floorWhere(monitor, (f) => f.devices.find((d) => d.id === id)?.online === true);
    const screen = socket(h, '/display', { token: reg.body.token });
    const f = await online;
    expect(f.devices.find((d) => d.id === id)).toMatchObject({ kind: 'display', printer: null });
    expect(f.devices.find((d) => d.id === id)!.lastSeenAt).toBe(toIso(clock.now()));

    const offline = floorWhere(monitor, (x) => x.devices.find((d) => d.id === id)?.online === false);
    screen.close();
    const gone = await offline;
    const lastSeenAt = gone.devices.find((d) => d.id === id)!.lastSeenAt;
    expect(lastSeenAt).toBe(toIso(clock.now()));
    expect(gone.alerts.some((a) => a.deviceId === id)).toBe(false);

    clock.advance(2 * 60_000 + 1000);
    const late = await ask(monitor);
    expect(late.alerts.find((a) => a.deviceId === id)).toMatchObject({
      kind: 'device-offline',
      severity: 'warning',
      since: lastSeenAt,
      vi: expect.stringContaining('Màn hình tầng 2'),
      en: expect.stringContaining('offline'),
    });
  });

  it('answers floor:request with the current state and never carries a citizen’s personal data', async () => {
    const payloads: string[] = [];
    monitor.on('floor', (f) => payloads.push(JSON.stringify(f)));
    const serviceId = h.store.services()[5]!.id;
    const heard = floorWhere(monitor, (f) => f.services.find((s) => s.id === serviceId)!.waiting > 0);
    await h.api('/api/tickets', {
      token: h.credentials.kioskToken,
      body: {
        serviceId,
        intake: { consent: true, fullName: 'Trần Thị Bích', phone: '0987654321', idNumber: '086190000123' },
      },
    });
    await heard;
    const now = await ask(monitor);
    expect(now.at).toBe(toIso(clock.now()));
    const all = payloads.join() + JSON.stringify(now);
    for (const secret of ['Trần Thị Bích', '0987654321', '086190000123']) expect(all).not.toContain(secret);
  });

  it('sends the last state of a burst (the trailing floor is never dropped)', async () => {
    const serviceId = h.store.services()[6]!.id;
    const before = (await ask(monitor)).services.find((s) => s.id === serviceId)!.waiting;
    const heard = floorWhere(
      monitor,
      (f) => f.services.find((s) => s.id === serviceId)!.waiting === before + 8,
    );
    await Promise.all(
      Array.from({ length: 8 }, () =>
        h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId } }),
      ),
    );
    expect((await heard).services.find((s) => s.id === serviceId)!.waiting).toBe(before + 8);
  });
});
