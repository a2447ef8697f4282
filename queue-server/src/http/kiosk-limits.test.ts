import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMessage, FloorState } from '@layso/protocol';
import { TOO_FAST_CLEAR_MS } from '../app/device-rate.js';
import { ManualClock, startHarness, type Harness } from '../testing/harness.js';
import { login, next, socket } from '../testing/kit.js';

/** Kiosk limits (issue 17): each kiosk's issuing pace, and what a kiosk or an officer may read of a ticket. */
const clock = new ManualClock(new Date('2026-03-11T08:00:00+07:00')); // a Wednesday morning, services open
let h: Harness;
let monitor: Socket;
let serviceId: number;

beforeAll(async () => {
  h = await startHarness({ clock, env: { KIOSK_ISSUE_RATE: '10/3s' } });
  serviceId = h.store.catalogue.services()[0]!.id;
  monitor = socket(h, '/admin', { token: (await login(h, 'admin')).token });
  await next(monitor, 'floor');
});
afterAll(async () => {
  await h.close();
});

/** A kiosk of its own for a test, so one test's bucket is not another's. */
function newKiosk(name: string): { id: number; token: string } {
  const { device, token } = h.server.ctx.auth.registerDevice('kiosk', name, null);
  return { id: device.id, token };
}

const ticketCount = (): number =>
  (h.store.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;

const take = (token: string, sid = serviceId) => h.api('/api/tickets', { token, body: { serviceId: sid } });

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

async function tooFastAlerts() {
  const reply = await monitor.emitWithAck('floor:request');
  return FloorState.parse(reply.value).alerts.filter((a) => a.kind === 'kiosk-too-fast');
}

describe('a kiosk issuing as fast as it can', () => {
  it('gets its burst, then 429 LAYSO_KIOSK_TOO_FAST with nothing issued; the floor shows an alert that clears', async () => {
    const kiosk = newKiosk('Ki-ốt thử tốc độ');
    const alerted = floorWhere((f) =>
      f.alerts.some((a) => a.kind === 'kiosk-too-fast' && a.deviceId === kiosk.id),
    );
    const before = ticketCount();
    const replies = await Promise.all(Array.from({ length: 50 }, () => take(kiosk.token)));
    const issued = replies.filter((r) => r.status === 201);
    const refused = replies.filter((r) => r.status !== 201);
    expect(issued).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) {
      expect(r.status).toBe(429);
      expect(r.body).toEqual({
        error: { code: 'LAYSO_KIOSK_TOO_FAST', message: errorMessage('LAYSO_KIOSK_TOO_FAST') },
      });
    }
    expect(refused[0]!.body.error.message).toMatch(/^Ki-ốt .+ \/ This kiosk .+/);
    expect(ticketCount()).toBe(before + 10);
    expect(new Set(issued.map((r) => r.body.number)).size).toBe(10);

    const floor = FloorState.parse(await alerted);
    const alert = floor.alerts.find((a) => a.kind === 'kiosk-too-fast' && a.deviceId === kiosk.id)!;
    expect(alert).toMatchObject({ kind: 'kiosk-too-fast', severity: 'warning', since: floor.at });
    expect(alert.vi).toContain('Ki-ốt "Ki-ốt thử tốc độ" lấy số quá nhanh — kiểm tra thiết bị');
    expect(alert.en).toContain('Kiosk "Ki-ốt thử tốc độ" issues too fast — check the device');

    // Another kiosk is not slowed by this one.
    expect((await take(newKiosk('Ki-ốt bên cạnh').token)).status).toBe(201);
    // The pace refills the bucket: one more ticket 3 s later, not two.
    clock.advance(3_000);
    expect((await take(kiosk.token)).status).toBe(201);
    expect((await take(kiosk.token)).status).toBe(429);

    // Quiet for a while: the alert goes (the kiosk is "offline" by then, having no socket: another alert).
    clock.advance(TOO_FAST_CLEAR_MS + 1);
    expect(await tooFastAlerts()).toEqual([]);
  });

  it('never refuses 30 people taking numbers one after another at a human pace', async () => {
    const kiosk = newKiosk('Ki-ốt sảnh chính');
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push((await take(kiosk.token)).status);
      clock.advance(4_000); // choose a service, tap, take the paper: a few seconds each
    }
    expect(statuses).toEqual(Array<number>(30).fill(201));
    expect(await tooFastAlerts()).toEqual([]);
  });
});

describe('reading a ticket', () => {
  it('a kiosk reads only the tickets it issued today; any other is 404, the same as a ticket that never was', async () => {
    const mine = newKiosk('Ki-ốt A');
    const other = newKiosk('Ki-ốt B');
    const own = (await take(mine.token)).body;
    const theirs = (await take(other.token)).body;

    const read = await h.api(`/api/tickets/${own.id}`, { token: mine.token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: own.id, number: own.number, transferNote: null });

    const foreign = await h.api(`/api/tickets/${theirs.id}`, { token: mine.token });
    const missing = await h.api('/api/tickets/999999', { token: mine.token });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect(foreign.body.error.code).toBe('LAYSO_TICKET_NOT_FOUND');
    // Staff still read any ticket.
    expect((await h.api(`/api/tickets/${theirs.id}`, { token: (await login(h, 0)).token })).status).toBe(200);

    // The next day, yesterday's own ticket is gone for the kiosk as well.
    clock.advance(24 * 3600_000);
    const yesterday = await h.api(`/api/tickets/${own.id}`, { token: mine.token });
    expect(yesterday.status).toBe(404);
    expect(yesterday.body).toEqual(missing.body);
  });

  it("officers read a transfer note only for their counter's services; supervisors and admins read it", async () => {
    const creds = h.credentials.officers;
    const servesOf = (counterId: number) => h.store.counters.byId(counterId)!.serviceIds;
    const sender = await login(h, 0);
    const from = servesOf(sender.counterId)[0]!;
    const to = h.store.catalogue.services().find((s) => !servesOf(sender.counterId).includes(s.id))!.id;
    const receiverAt = creds.findIndex((o) => servesOf(o.counterId).includes(to));
    const outsiderAt = creds.findIndex((o, i) => i !== 0 && !servesOf(o.counterId).includes(to));
    expect(receiverAt).toBeGreaterThan(0);
    expect(outsiderAt).toBeGreaterThan(0);

    // Nobody else waits for the sender's counter, so the next call is this ticket.
    for (let i = 0; i < 200; i++) {
      const r = await h.api(`/api/counters/${sender.counterId}/call-next`, {
        token: sender.token,
        method: 'POST',
      });
      if (r.status === 204) break;
      await h.api(`/api/tickets/${r.body.ticket.id}/no-show`, { token: sender.token, method: 'POST' });
    }
    expect((await take(h.credentials.kioskToken, from)).status).toBe(201);
    const called = await h.api(`/api/counters/${sender.counterId}/call-next`, {
      token: sender.token,
      method: 'POST',
    });
    const note = 'Đã kiểm tra đủ giấy tờ';
    const moved = await h.api(`/api/tickets/${called.body.ticket.id}/transfer`, {
      token: sender.token,
      body: { serviceId: to, note },
    });
    expect(moved.status).toBe(200);

    const noteFor = async (token: string) =>
      (await h.api(`/api/tickets/${moved.body.id}`, { token })).body.transferNote;
    expect(await noteFor((await login(h, receiverAt)).token)).toBe(note);
    expect(await noteFor((await login(h, outsiderAt)).token)).toBeNull();
    expect(await noteFor((await login(h, 'admin')).token)).toBe(note);
    // The ticket after a transfer was issued by no kiosk: not even the one that issued the first is told of it.
    expect((await h.api(`/api/tickets/${moved.body.id}`, { token: h.credentials.kioskToken })).status).toBe(
      404,
    );
  });
});
