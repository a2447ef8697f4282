import { describe, expect, it } from 'vitest';
import type { PublicBooking } from '@layso/protocol';
import { readBookingSettings, saveBookingSettings } from '../app/booking-settings.js';
import { vnInstant } from '../domain/time.js';
import { BOOKING_DAY as DAY, BOOKING_START as START, bookingBench } from '../testing/bookings.js';
import { issue, login } from '../testing/kit.js';

/**
 * Appointments on the server (issue 21): booking, moving, cancelling, the reminders, the limits per person and per
 * slot (200 racing for the last places), the lapse on a fake clock, the admin's settings and day. Real SQLite, real
 * HTTP (bench in testing/bookings.ts); the one-time code's own path is booking-codes.test.ts's.
 */
const bench = bookingBench();
const { clock, sentTo, eventually, nextSms, proofFor, directProof, book, changes } = bench;
const CCCD = '079123456789';
const PHONE = '0912345678';

describe('booking from a phone', () => {
  it('sends the code by SMS, books a slot, shows it masked, moves and cancels it', async () => {
    const options = await bench.h.api('/api/public/booking/options');
    expect(options.body.codesAvailable).toBe(true);
    expect(options.body.services.map((s: { id: number }) => s.id).sort()).toEqual(
      [bench.tp, bench.ca, bench.tc].sort(),
    );
    const days = await bench.h.api(`/api/public/booking/days?serviceId=${bench.tp}`);
    expect(days.body.days).toHaveLength(7);
    expect(days.body.days[0]).toMatchObject({ day: DAY, weekday: 1, open: true });
    const slots = await bench.h.api(`/api/public/booking/slots?serviceId=${bench.tp}&day=${DAY}`);
    // 3 counters × 30 min ÷ 8 min × 50 % = 5 places a slot, 08:00 … 15:30.
    expect(slots.body.slots[0]).toMatchObject({
      start: '08:00',
      end: '08:30',
      capacity: 5,
      free: 5,
      open: true,
    });
    expect(slots.body.slots).toHaveLength(16);

    const proof = await proofFor(PHONE, CCCD);
    const created = await book(proof, bench.tp, '09:00');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const b = created.body as PublicBooking;
    expect(b).toMatchObject({
      status: 'booked',
      start: '09:00',
      end: '09:30',
      // Two digits of each on the booking's own page (a dossier lookup's proof is four); the admin's list shows three.
      cccdMasked: '••••••••••89',
      phoneMasked: '••••••••78',
      changeable: true,
      checkInFrom: '2026-12-07T08:45:00.000+07:00',
      checkInUntil: '2026-12-07T09:10:00.000+07:00',
    });
    expect(b.url).toMatch(new RegExp(`/b/${b.code}$`));
    const page = await bench.h.api(
      `/api/public/bookings/${b.code.slice(0, 4)}-${b.code.slice(4).toLowerCase()}`,
    );
    expect(page.body.code).toBe(b.code);
    const after = await bench.h.api(`/api/public/booking/slots?serviceId=${bench.tp}&day=${DAY}`);
    expect(after.body.slots[2]).toMatchObject({ start: '09:00', free: 4 });

    // The reminder an hour before goes at 08:00, to the booking's phone, with its code and page.
    const seen = sentTo(PHONE).length;
    clock.set(vnInstant(DAY, 8 * 60));
    const reminder = await nextSms(PHONE, seen);
    expect(reminder).toContain(`Nhắc lịch hẹn ${b.code.slice(0, 4)}-${b.code.slice(4)}: Sở Tư pháp, 09:00`);
    clock.set(START);

    const moved = await bench.h.api(`/api/public/bookings/${b.code}/move`, {
      body: { day: DAY, start: '10:00' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ start: '10:00', status: 'booked' });
    const cancelled = await bench.h.api(`/api/public/bookings/${b.code}/cancel`, { method: 'POST' });
    expect(cancelled.body.status).toBe('cancelled');
    const again = await bench.h.api(`/api/public/bookings/${b.code}/cancel`, { method: 'POST' });
    expect(again.body.error.code).toBe('LAYSO_BOOKING_NOT_CHANGEABLE');
    const free = await bench.h.api(`/api/public/booking/slots?serviceId=${bench.tp}&day=${DAY}`);
    expect(free.body.slots.every((s: { free: number }) => s.free === 5)).toBe(true);
  });

  it('lets 200 racing requests take exactly the last places of a slot, the rest told it is full', async () => {
    saveBookingSettings(bench.h.store, {
      ...bench.settings,
      services: bench.settings.services.map((s) => ({ ...s, capacity: { '1': 10 } })),
    });
    for (let i = 0; i < 7; i++)
      expect((await book(directProof(`0010000000${i}0`), bench.tp, '11:00')).status).toBe(201);
    const proofs = Array.from({ length: 200 }, (_, i) => directProof(`0020000${String(i).padStart(5, '0')}`));
    const eleven = { startsAt: vnInstant(DAY, 11 * 60), endsAt: vnInstant(DAY, 11 * 60 + 30) };
    const before = bench.h.store.bookings.countLive(bench.tp, DAY, eleven);
    expect(before).toBe(7);
    const replies = await Promise.all(proofs.map((p) => book(p, bench.tp, '11:00')));
    const statuses = replies.map((r) => (r.status === 201 ? 'booked' : r.body.error.code));
    expect(statuses.filter((s) => s === 'booked')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'LAYSO_BOOKING_SLOT_FULL')).toHaveLength(197);
    expect(bench.h.store.bookings.countLive(bench.tp, DAY, eleven)).toBe(10);
    expect(bench.h.store.bookings.listDay(DAY)).toHaveLength(10);
  });

  it('counts one person once across phones and with their walk-in tickets', async () => {
    const onA = directProof(CCCD, '0912345678');
    const onB = directProof(CCCD, '0987654321');
    expect((await book(onA, bench.tp)).status).toBe(201);
    const twice = await book(onB, bench.tp, '10:00');
    expect(twice.body.error.code).toBe('LAYSO_BOOKING_SERVICE_LIMIT');
    expect((await book(onB, bench.ca)).status).toBe(201);
    const third = await book(onA, bench.tc);
    expect(third.body.error.code).toBe('LAYSO_BOOKING_PERSON_LIMIT');
    // Another person: one walk-in ticket with their ID number leaves one booking that day.
    const other = '079199999999';
    await issue(bench.h, bench.tc, { intake: { consent: true, idNumber: other } });
    const proof = directProof(other);
    expect((await book(proof, bench.tp)).status).toBe(201);
    const refused = await book(proof, bench.ca, '10:00');
    expect(refused.body.error.code).toBe('LAYSO_BOOKING_PERSON_LIMIT');
    // The next day is free again.
    expect((await book(proof, bench.ca, '09:00', '2026-12-08')).status).toBe(201);
  });

  it('refuses a closed day, a closed service, an unknown or closed slot, and changes nothing', async () => {
    saveBookingSettings(bench.h.store, {
      ...bench.settings,
      services: bench.settings.services.map((s) => (s.serviceId === bench.ca ? { ...s, enabled: false } : s)),
    });
    const proof = directProof(CCCD);
    const before = changes();
    const cases: [Promise<{ status: number; body: { error: { code: string } } }>, string][] = [
      [book(proof, bench.tp, '09:00', '2026-12-06'), 'LAYSO_BOOKING_DAY_CLOSED'],
      [book(proof, bench.tp, '09:00', '2026-12-14'), 'LAYSO_BOOKING_DAY_CLOSED'],
      [book(proof, bench.ca), 'LAYSO_BOOKING_SERVICE_CLOSED'],
      [book(proof, 999_999), 'LAYSO_SERVICE_NOT_FOUND'],
      [book(proof, bench.tp, '09:10'), 'LAYSO_BOOKING_SLOT_UNKNOWN'],
      [book(proof, bench.tp, '07:00'), 'LAYSO_BOOKING_SLOT_UNKNOWN'],
      [book('p'.repeat(40), bench.tp), 'LAYSO_BOOKING_PROOF_INVALID'],
    ];
    for (const [reply, code] of cases) expect((await reply).body.error.code).toBe(code);
    clock.set(vnInstant(DAY, 8 * 60 + 31));
    expect((await book(proof, bench.tp, '09:00')).body.error.code).toBe('LAYSO_BOOKING_SLOT_CLOSED');
    clock.set(START);
    expect(changes()).toBe(before);
    const holiday = readBookingSettings(bench.h.store);
    bench.h.server.ctx.settings.save({ ...bench.h.server.ctx.settings.get(), holidays: ['2026-12-08'] });
    try {
      expect((await book(proof, bench.tp, '09:00', '2026-12-08')).body.error.code).toBe(
        'LAYSO_BOOKING_DAY_CLOSED',
      );
    } finally {
      bench.h.server.ctx.settings.save({ ...bench.h.server.ctx.settings.get(), holidays: [] });
    }
    saveBookingSettings(bench.h.store, { ...holiday, enabled: false });
    expect((await book(proof, bench.tp)).body.error.code).toBe('LAYSO_BOOKING_CLOSED');
    expect(bench.h.store.bookings.listDay(DAY)).toEqual([]);
  });

  it('drops the reminders of a booking moved or cancelled instead of sending them', async () => {
    const b = (await book(directProof(CCCD, '0944444444'), bench.tp, '09:00')).body as PublicBooking;
    const id = bench.h.store.bookings.byCode(b.code)?.id ?? 0;
    const key = (minutes: number) => `b${id}:booking_reminder:before:${vnInstant(DAY, minutes).getTime()}`;
    expect(
      (await bench.h.api(`/api/public/bookings/${b.code}/move`, { body: { day: DAY, start: '10:00' } }))
        .status,
    ).toBe(200);
    const state = (k: string) => bench.h.store.notices.forKey(k)[0];
    clock.set(vnInstant(DAY, 8 * 60));
    await eventually(() => state(key(9 * 60))?.droppedAt != null, 'the old slot reminder dropped');
    expect(state(key(9 * 60))?.lastError).toBe('stale: moved');
    expect(state(key(10 * 60))?.droppedAt).toBeNull();
    clock.set(START);
    expect((await bench.h.api(`/api/public/bookings/${b.code}/cancel`, { method: 'POST' })).status).toBe(200);
    clock.set(vnInstant(DAY, 9 * 60));
    await eventually(() => state(key(10 * 60))?.droppedAt != null, 'the cancelled booking reminder dropped');
    expect(state(key(10 * 60))?.lastError).toBe('stale: cancelled');
    expect(sentTo('0944444444')).toEqual([]);
  });

  it('lapses a booking never checked in to no-show once its window has ended', async () => {
    const b = (await book(directProof(CCCD), bench.tp, '09:00')).body as PublicBooking;
    clock.set(vnInstant(DAY, 9 * 60 + 10));
    expect(bench.h.server.ctx.bookings.lapse()).toBe(0);
    clock.set(new Date(vnInstant(DAY, 9 * 60 + 10).getTime() + 1));
    expect(bench.h.server.ctx.bookings.lapse()).toBe(1);
    expect(bench.h.store.bookings.byCode(b.code)?.status).toBe('no_show');
    expect(bench.h.server.ctx.bookings.lapse()).toBe(0);
  });

  it('counts bookings made on the old slot grid in the new slots they overlap (no oversell)', async () => {
    const grid = (slotMinutes: number, places: number) =>
      saveBookingSettings(bench.h.store, {
        ...bench.settings,
        services: bench.settings.services.map((s) => ({ ...s, slotMinutes, capacity: { '1': places } })),
      });
    grid(30, 2);
    const made: string[] = [];
    for (const [i, start] of ['09:00', '09:00', '09:30'].entries()) {
      const r = await book(directProof(`0030000000${i}0`), bench.tp, start);
      expect(r.status).toBe(201);
      made.push(r.body.code as string);
    }
    // One-hour slots of three places now: 9:00–10:00 already holds all three (two began at 9:00, one at 9:30).
    grid(60, 3);
    const slots = await bench.h.api(`/api/public/booking/slots?serviceId=${bench.tp}&day=${DAY}`);
    expect(slots.body.slots.find((x: { start: string }) => x.start === '09:00')).toMatchObject({ free: 0 });
    const r = await book(directProof('003000000090'), bench.tp, '09:00');
    expect(r.body.error?.code).toBe('LAYSO_BOOKING_SLOT_FULL');
    expect(bench.h.store.bookings.listDay(DAY)).toHaveLength(3);
    // The 9:30 booking moves to the new 9:00 slot it already holds a place in.
    const moved = await bench.h.api(`/api/public/bookings/${made[2]}/move`, {
      body: { day: DAY, start: '09:00' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ start: '09:00', end: '10:00' });
  });
});

describe('the admin', () => {
  it('reads and changes the settings (audited), and sees the day masked with its slots', async () => {
    const admin = await login(bench.h, 'admin');
    const got = await bench.h.api('/api/admin/booking/settings', { token: admin.token });
    expect(got.body.services).toHaveLength(3);
    const unknown = await bench.h.api('/api/admin/booking/settings', {
      method: 'PUT',
      token: admin.token,
      body: { ...bench.settings, services: [{ ...bench.settings.services[0], serviceId: 999_999 }] },
    });
    expect(unknown.body.error.code).toBe('LAYSO_SERVICE_NOT_FOUND');
    const [first] = bench.settings.services;
    const twice = await bench.h.api('/api/admin/booking/settings', {
      method: 'PUT',
      token: admin.token,
      body: { ...bench.settings, services: [...bench.settings.services, { ...first, enabled: false }] },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.code).toBe('LAYSO_VALIDATION');
    expect((await bench.h.api('/api/admin/booking/settings', { token: admin.token })).body).toEqual(got.body);
    const changed = {
      ...bench.settings,
      daysAhead: 3,
      services: bench.settings.services.filter((x) => x.serviceId === bench.tp),
    };
    const put = await bench.h.api('/api/admin/booking/settings', {
      method: 'PUT',
      token: admin.token,
      body: changed,
    });
    expect(put.status).toBe(200);
    expect(put.body.daysAhead).toBe(3);
    expect(bench.h.server.ctx.audit.list(1)[0]?.action).toBe('booking.settings.update');
    expect((await bench.h.api(`/api/public/booking/days?serviceId=${bench.tp}`)).body.days).toHaveLength(4);
    expect((await bench.h.api(`/api/public/booking/days?serviceId=${bench.ca}`)).body.error.code).toBe(
      'LAYSO_BOOKING_SERVICE_CLOSED',
    );

    await book(directProof(CCCD), bench.tp, '09:00');
    const day = await bench.h.api(`/api/admin/bookings?day=${DAY}`, { token: admin.token });
    expect(day.status).toBe(200);
    expect(day.body.bookings).toEqual([
      expect.objectContaining({
        status: 'booked',
        serviceName: 'Sở Tư pháp',
        start: '09:00',
        cccdMasked: '•••••••••789',
        phoneMasked: '•••••••678',
        ticketNumber: null,
      }),
    ]);
    expect(JSON.stringify(day.body)).not.toContain(CCCD);
    expect(day.body.services).toHaveLength(1);
    expect(day.body.services[0].slots[2]).toMatchObject({ start: '09:00', capacity: 5, free: 4 });
  });
});
