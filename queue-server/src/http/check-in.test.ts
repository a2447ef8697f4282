import { DEFAULT_BOOKING_SETTINGS, formatBookingCode } from '@layso/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveBookingSettings } from '../app/booking-settings.js';
import { USUAL_CENTER_HOURS } from '../domain/hours.js';
import { seedSmallCenter } from '../testing/center.js';
import { ManualClock, startHarness, type Harness } from '../testing/harness.js';
import { bookSlot } from '../testing/bookings.js';
import { login, type Session } from '../testing/kit.js';

/** Monday 7 December 2026, `hh:mm` Vietnam time. */
const vn = (hh: number, mm = 0): Date => new Date(Date.UTC(2026, 11, 7, hh - 7, mm));
const DAY = '2026-12-07';
const MINUTE = 60_000;

let h: Harness;
let clock: ManualClock;
let tp: number;
let officer: Session;
let codes = 0;

/** A booking of Tư pháp (TP) for the 30-minute slot starting at `start`, held by `cccd`, as the booking page stores it. */
function book(start: Date, cccd = '079203001234'): { id: number; code: string } {
  codes += 1;
  const code = `CHK${String(codes).padStart(5, '0')}`;
  const id = h.store.bookings.insert({
    code,
    serviceId: tp,
    procedureId: null,
    day: DAY,
    slotStart: start,
    slotEnd: new Date(start.getTime() + 30 * MINUTE),
    cccdHash: h.server.ctx.bookingIdentity.cccdHash(cccd),
    cccdLast: cccd.slice(-3),
    phone: '0912345678',
    at: vn(7),
  });
  return { id, code };
}

const checkIn = (body: unknown) => h.api('/api/kiosk/check-in', { token: h.credentials.kioskToken, body });
const walkIn = async (): Promise<number> => {
  const r = await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId: tp } });
  expect(r.status).toBe(201);
  return r.body.id as number;
};
/**
 * The officer at counter 2 (Tư pháp only), or `who`, calls the next citizen and finishes at once; the called ticket's
 * id.
 */
async function serveNext(who: Session = officer): Promise<number> {
  const c = await h.api(`/api/counters/${who.counterId}/call-next`, {
    token: who.token,
    method: 'POST',
  });
  expect(c.status).toBe(200);
  const id = c.body.ticket.id as number;
  await h.api(`/api/tickets/${id}/start`, { token: who.token, method: 'POST' });
  const f = await h.api(`/api/tickets/${id}/finish`, { token: who.token, body: { outcome: 'guidance' } });
  expect(f.status).toBe(200);
  return id;
}

beforeAll(async () => {
  clock = new ManualClock(vn(8));
  h = await startHarness({ clock, seed: seedSmallCenter });
  tp = h.store.catalogue.serviceByCode('TP')!.id;
  saveBookingSettings(h.store, {
    ...DEFAULT_BOOKING_SETTINGS,
    maxBookedInRow: 2,
    services: [{ serviceId: tp, enabled: true, slotMinutes: 30, walkInSharePercent: 0, capacity: {} }],
  });
  officer = await login(h, 1);
});
afterAll(() => h.close());

describe('POST /api/kiosk/check-in', () => {
  beforeEach(() => clock.set(vn(9)));

  it('issues a booked ticket within the window, checks the booking in, and answers the same ticket again', async () => {
    const b = book(vn(9, 10));
    const before = h.store.tickets.serviceDay(tp, DAY).issued;
    // Typed as shown, in lower case: the code's schema normalizes it.
    const r = await checkIn({ code: formatBookingCode(b.code).toLowerCase() });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ outcome: 'issued', booking: { code: b.code, status: 'checked_in' } });
    const ticket = await h.api(`/api/tickets/${r.body.ticketId}`, { token: h.credentials.kioskToken });
    expect(ticket.body.booked.code).toBe(b.code);
    expect(Date.parse(ticket.body.booked.startsAt)).toBe(vn(9, 10).getTime());
    expect(r.body.booking.ticket).toEqual({
      number: ticket.body.number,
      trackingCode: ticket.body.trackingCode,
    });
    expect(h.store.bookings.byId(b.id)).toMatchObject({ status: 'checked_in', ticketId: r.body.ticketId });
    expect(h.store.tickets.serviceDay(tp, DAY).issued).toBe(before + 1);

    const again = await checkIn({ code: b.code });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'issued', ticketId: r.body.ticketId });
    expect(h.store.tickets.serviceDay(tp, DAY).issued).toBe(before + 1);
    // The phone page of the ticket says when its slot starts.
    const phone = await h.api(`/api/track/${ticket.body.trackingCode}`);
    expect(Date.parse(phone.body.bookedFor)).toBe(vn(9, 10).getTime());
  });

  it('answers the whole ticket, so a second kiosk scanning a booking checked in at the first can print it', async () => {
    const admin = await login(h, 'admin');
    const reg = await h.api('/api/admin/devices', {
      token: admin.token,
      body: { kind: 'kiosk', name: 'Ki-ốt 2' },
    });
    expect(reg.status).toBe(201);
    const b = book(vn(9, 10));
    const first = await checkIn({ code: b.code });
    expect(first.status).toBe(201);
    expect(first.body.ticket).toMatchObject({ id: first.body.ticketId, booked: { code: b.code } });
    const other = await h.api('/api/kiosk/check-in', { token: reg.body.token, body: { code: b.code } });
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ outcome: 'issued', ticketId: first.body.ticketId });
    expect(other.body.ticket).toMatchObject({
      id: first.body.ticketId,
      number: first.body.ticket.number,
      status: 'waiting',
      booked: { code: b.code },
      transferNote: null,
    });
    expect(Date.parse(other.body.ticket.booked.startsAt)).toBe(vn(9, 10).getTime());
    // The ticket is the first kiosk's: the second could never have read it back by its id.
    const byId = await h.api(`/api/tickets/${first.body.ticketId}`, { token: reg.body.token });
    expect(byId.status).toBe(404);
  });

  it('checks in a booking made on the booking page', async () => {
    const made = await bookSlot(h, { serviceId: tp, day: DAY, start: '10:00', cccd: '079203005555' });
    clock.set(vn(9, 50));
    const r = await checkIn({ code: formatBookingCode(made.code) });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ outcome: 'issued', booking: { code: made.code, status: 'checked_in' } });
    const page = await h.api(`/api/public/bookings/${made.code}`);
    expect(page.body.ticket.number).toMatch(/^2\d{3}$/);
  });

  it('says when to come back before the window, and changes nothing', async () => {
    const b = book(vn(10));
    const r = await checkIn({ code: b.code });
    expect(r.status).toBe(200);
    expect(r.body.outcome).toBe('early');
    expect(Date.parse(r.body.comeBackAt)).toBe(vn(9, 45).getTime());
    expect(h.store.bookings.byId(b.id)?.status).toBe('booked');
  });

  it('lapses a booking past its window (late), and says so again', async () => {
    const b = book(vn(8, 30));
    const r = await checkIn({ code: b.code });
    expect(r.body).toMatchObject({ outcome: 'late', booking: { status: 'late' } });
    expect(h.store.bookings.byId(b.id)).toMatchObject({ status: 'late', ticketId: null });
    expect((await checkIn({ code: b.code })).body.outcome).toBe('late');
  });

  it('finds a booking by the CCCD card, the one in its window first', async () => {
    const cccd = '001099004321';
    book(vn(11), cccd);
    const now = book(vn(9), cccd);
    const r = await checkIn({ cccd });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ outcome: 'issued', booking: { code: now.code } });
    expect(r.body.booking.cccdMasked).not.toContain('0043');
    // The card again while that ticket waits: the same ticket, not "come back" for the 11:00 booking.
    const again = await checkIn({ cccd });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'issued', ticketId: r.body.ticketId });
  });

  it('answers not found for an unknown or cancelled booking, or a card with none today', async () => {
    const unknown = await checkIn({ code: 'ZZZZ-ZZZZ' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('LAYSO_BOOKING_NOT_FOUND');
    const b = book(vn(9));
    h.store.bookings.setStatus(b.id, 'booked', 'cancelled', vn(8));
    expect((await checkIn({ code: b.code })).body.error.code).toBe('LAYSO_BOOKING_NOT_FOUND');
    expect((await checkIn({ cccd: '079999999999' })).body.error.code).toBe('LAYSO_BOOKING_NOT_FOUND');
  });

  it('refuses anyone but a kiosk', async () => {
    const r = await h.api('/api/kiosk/check-in', { token: officer.token, body: { code: 'ZZZZ-ZZZZ' } });
    expect(r.status).toBe(403);
  });
});

describe('calling booked tickets', () => {
  it('calls a booked ticket at its slot ahead of walk-ins, at most maxBookedInRow in a row, never before its slot while walk-ins wait', async () => {
    // Clear the queue the tests above left.
    clock.set(vn(13, 30));
    while (h.store.tickets.waitingCount(DAY, tp) > 0) await serveNext();

    const early = book(vn(14));
    const walkIns = [await walkIn(), await walkIn(), await walkIn()];
    clock.set(vn(13, 50));
    const bookedEarly = (await checkIn({ code: early.code })).body.ticketId as number;
    // Its slot has not started: the walk-ins go first.
    expect(await serveNext()).toBe(walkIns[0]);
    const view = await h.api(`/api/tickets/${walkIns[1]}`, { token: h.credentials.kioskToken });
    expect(view.body.ahead).toBe(0);

    // 14:00: the slot starts; two more booked citizens of the same slot check in.
    clock.set(vn(14));
    const others = [book(vn(14)), book(vn(14))];
    const booked = [bookedEarly];
    for (const b of others) booked.push((await checkIn({ code: b.code })).body.ticketId as number);
    // The last walk-in counts them: the mix calls B B W B before it (one walk-in and three booked ahead).
    const behind = await h.api(`/api/tickets/${walkIns[2]}`, { token: h.credentials.kioskToken });
    expect(behind.body.ahead).toBe(1 + 3);

    const order: number[] = [];
    for (let i = 0; i < 5; i += 1) order.push(await serveNext());
    expect(order).toEqual([booked[0], booked[1], walkIns[1], booked[2], walkIns[2]]);
  });

  it("calls a due booked ticket of a counter's second service ahead of its first service's walk-ins, within the mix", async () => {
    clock.set(vn(15));
    while (h.store.tickets.waitingCount(DAY, tp) > 0) await serveNext();
    const ca = h.store.catalogue.serviceByCode('CA')?.id ?? -1;
    // Quầy 3 serves Công an first, Tư pháp second.
    const third = await login(h, 2);
    expect(h.store.counters.byId(third.counterId)?.serviceIds).toEqual([ca, tp]);
    const caWalkIns: number[] = [];
    for (let i = 0; i < 2; i += 1) {
      const r = await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId: ca } });
      expect(r.status).toBe(201);
      caWalkIns.push(r.body.id as number);
    }
    const booked: number[] = [];
    for (const b of [book(vn(15)), book(vn(15)), book(vn(15))]) {
      booked.push((await checkIn({ code: b.code })).body.ticketId as number);
    }
    const order = [await serveNext(third), await serveNext(third)];
    // The two Tư pháp calls passed over Công an's walk-ins: its booked streak, kept per service, is at the bound.
    expect(h.store.tickets.serviceDay(ca, DAY).bookedStreak).toBe(2);
    for (let i = 0; i < 3; i += 1) order.push(await serveNext(third));
    expect(order).toEqual([booked[0], booked[1], caWalkIns[0], booked[2], caWalkIns[1]]);
  });
});

describe('GET /api/admin/bookings/report', () => {
  it("counts the day's bookings by state, the no-show rate, places used, and booked against walk-in waits", async () => {
    const admin = await login(h, h.credentials.admin.username);
    const r = await h.api(`/api/admin/bookings/report?from=${DAY}&to=${DAY}`, { token: admin.token });
    expect(r.status).toBe(200);
    const row = r.body.rows.find((x: { serviceId: number }) => x.serviceId === tp);
    const all = h.store.bookings.range(DAY, DAY);
    const n = (s: string) => all.filter((b) => b.status === s).length;
    expect(row).toMatchObject({
      booked: all.length - n('cancelled'),
      checkedIn: n('checked_in'),
      cancelled: n('cancelled'),
      late: n('late'),
      noShow: n('no_show'),
    });
    expect(row.late).toBeGreaterThan(0);
    expect(row.noShowRate).toBe(0);
    // The day's slots as the booking page offers them.
    const slots = h.server.ctx.bookings.slots(tp, DAY).slots.filter((x) => x.capacity > 0);
    expect(row.slotsOffered).toBe(slots.length);
    expect(row.placesOffered).toBe(slots.reduce((sum, x) => sum + x.capacity, 0));
    expect(row.placesUsedRate).toBeCloseTo(row.booked / row.placesOffered, 6);
    expect(row.bookedWait.tickets).toBeGreaterThanOrEqual(3);
    expect(row.walkInWait.tickets).toBeGreaterThanOrEqual(3);
    expect(r.body.totals.booked).toBe(row.booked);

    const bad = await h.api(`/api/admin/bookings/report?from=${DAY}&to=2026-12-01`, { token: admin.token });
    expect(bad.body.error.code).toBe('LAYSO_REPORT_RANGE_INVALID');
  });
});

describe('a booked check-in and the walk-in issuing rules', () => {
  /** Runs `body` with Tư pháp given other rules (the usual hours, a cap), then puts its rules back. */
  async function withRules(
    rules: { hours?: typeof USUAL_CENTER_HOURS; dailyCap?: number },
    body: () => Promise<void>,
  ) {
    const saved = h.store.catalogue.service(tp);
    if (!saved) throw new Error('no Tư pháp');
    h.store.catalogue.saveService({ ...saved, ...rules });
    try {
      await body();
    } finally {
      h.store.catalogue.saveService(saved);
    }
  }
  const refusal = async (): Promise<string> => {
    const r = await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId: tp } });
    return r.body.error?.code as string;
  };

  it('issues within the window before the afternoon opens (12:50 for a 13:00 slot on the usual hours)', async () => {
    await withRules({ hours: USUAL_CENTER_HOURS }, async () => {
      const b = book(vn(13));
      clock.set(vn(12, 50));
      expect(await refusal()).toBe('LAYSO_SERVICE_CLOSED');
      const before = h.store.tickets.serviceDay(tp, DAY);
      const r = await checkIn({ code: b.code });
      expect(r.status).toBe(201);
      expect(r.body.outcome).toBe('issued');
      // The next number, counted in the day's figures.
      const after = h.store.tickets.serviceDay(tp, DAY);
      expect(after).toMatchObject({ issued: before.issued + 1, lastSeq: before.lastSeq + 1 });
    });
  });

  it('issues in a late window reaching past the hour walk-ins stop', async () => {
    await withRules({ hours: USUAL_CENTER_HOURS }, async () => {
      const b = book(vn(16, 50));
      clock.set(vn(16, 58));
      expect(await refusal()).toBe('LAYSO_SERVICE_CLOSED');
      expect((await checkIn({ code: b.code })).status).toBe(201);
    });
  });

  it('issues when walk-ins have used up the daily cap', async () => {
    clock.set(vn(15));
    const issued = h.store.tickets.serviceDay(tp, DAY).issued;
    await withRules({ dailyCap: issued + 1 }, async () => {
      await walkIn();
      expect(await refusal()).toBe('LAYSO_DAILY_CAP_REACHED');
      const b = book(vn(15));
      const r = await checkIn({ code: b.code });
      expect(r.status).toBe(201);
      expect(h.store.tickets.serviceDay(tp, DAY).issued).toBe(issued + 2);
    });
  });
});

describe('checking in again', () => {
  it('prints the same ticket while it waits; once called or over, refuses LAYSO_BOOKING_USED and the card passes it by', async () => {
    clock.set(vn(15, 30));
    while (h.store.tickets.waitingCount(DAY, tp) > 0) await serveNext();
    const cccd = '001099007777';
    const b = book(vn(15, 30), cccd);
    const first = await checkIn({ code: b.code });
    expect(first.status).toBe(201);
    // The paper was lost: the same number again, by the code or the card.
    const again = await checkIn({ cccd });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'issued', ticketId: first.body.ticketId });

    const called = await h.api(`/api/counters/${officer.counterId}/call-next`, {
      token: officer.token,
      method: 'POST',
    });
    expect(called.body.ticket.id).toBe(first.body.ticketId);
    const issued = h.store.tickets.serviceDay(tp, DAY).issued;
    const used = await checkIn({ code: b.code });
    expect(used.status).toBe(409);
    expect(used.body.error.code).toBe('LAYSO_BOOKING_USED');
    expect((await checkIn({ cccd })).body.error.code).toBe('LAYSO_BOOKING_NOT_FOUND');

    const id = first.body.ticketId as number;
    await h.api(`/api/tickets/${id}/start`, { token: officer.token, method: 'POST' });
    await h.api(`/api/tickets/${id}/finish`, { token: officer.token, body: { outcome: 'guidance' } });
    expect((await checkIn({ code: b.code })).body.error.code).toBe('LAYSO_BOOKING_USED');
    // A later booking of the same card is the one it answers.
    const later = book(vn(16, 30), cccd);
    const card = await checkIn({ cccd });
    expect(card.body).toMatchObject({ outcome: 'early', booking: { code: later.code } });
    expect(h.store.tickets.serviceDay(tp, DAY).issued).toBe(issued);
    expect(h.store.bookings.byId(b.id)).toMatchObject({ status: 'checked_in', ticketId: id });
  });
});
