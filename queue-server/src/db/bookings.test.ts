import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN } from '../domain/testing.js';
import { vnInstant } from '../domain/time.js';
import { ManualClock } from '../testing/harness.js';
import { migrate } from './migrate.js';
import { IntakeRetention } from './retention.js';
import { Store } from './store.js';

/** The bookings aggregate on an in-memory database: races decided by state, the lapse query, erasure. */
function setup() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const store = new Store(db);
  const serviceId = store.catalogue.saveService({
    code: 'TP',
    name: 'Sở Tư pháp',
    nameEn: null,
    numberFormat: { prefix: '2', digits: 3 },
    dailyCap: 100,
    hours: ALWAYS_OPEN,
    active: true,
  });
  const add = (code: string, day: string, minutes: number, cccdHash = 'h1') =>
    store.bookings.insert({
      code,
      serviceId,
      procedureId: null,
      day,
      slotStart: vnInstant(day, minutes),
      slotEnd: vnInstant(day, minutes + 30),
      cccdHash,
      cccdLast: '789',
      phone: '0912345678',
      at: vnInstant(day, 0),
    });
  return { db, store, serviceId, add };
}

/** A slot of 7 December 2026 from `minutes` after midnight (Vietnam time), `length` minutes long. */
const span = (minutes: number, length: number) => ({
  startsAt: vnInstant('2026-12-07', minutes),
  endsAt: vnInstant('2026-12-07', minutes + length),
});

describe('store.bookings', () => {
  it('counts live places per slot and per person, cancelled ones left out', () => {
    const { store, serviceId, add } = setup();
    const a = add('AAAA0001', '2026-12-07', 9 * 60);
    add('AAAA0002', '2026-12-07', 9 * 60, 'h2');
    add('AAAA0003', '2026-12-07', 10 * 60);
    expect(store.bookings.countLive(serviceId, '2026-12-07', span(9 * 60, 30))).toBe(2);
    expect(store.bookings.setStatus(a, 'booked', 'cancelled', vnInstant('2026-12-07', 60))).toBe(true);
    // A second change from the same state loses: the state it expected is gone.
    expect(store.bookings.setStatus(a, 'booked', 'cancelled', vnInstant('2026-12-07', 60))).toBe(false);
    expect(store.bookings.countLive(serviceId, '2026-12-07', span(9 * 60, 30))).toBe(1);
    expect([
      ...store.bookings.countBySlot(serviceId, '2026-12-07', [span(9 * 60, 30), span(10 * 60, 30)]),
    ]).toEqual([
      [vnInstant('2026-12-07', 9 * 60).getTime(), 1],
      [vnInstant('2026-12-07', 10 * 60).getTime(), 1],
    ]);
    expect(store.bookings.countPerson('h1', '2026-12-07')).toBe(1);
    expect(store.bookings.countPerson('h1', '2026-12-07', serviceId)).toBe(1);
    expect(store.bookings.byPersonDay('h1', '2026-12-07').map((b) => b.status)).toEqual([
      'cancelled',
      'booked',
    ]);
  });

  it('counts a booking in every slot its own slot overlaps, after the slot grid changed', () => {
    const { store, serviceId, add } = setup();
    // Booked on a 30-minute grid: 9:00–9:30 and 9:30–10:00 (and one cancelled, which holds nothing).
    add('CCCC0001', '2026-12-07', 9 * 60);
    add('CCCC0002', '2026-12-07', 9 * 60 + 30, 'h2');
    const gone = add('CCCC0003', '2026-12-07', 9 * 60 + 30, 'h3');
    store.bookings.setStatus(gone, 'booked', 'cancelled', vnInstant('2026-12-07', 60));
    // Now 60-minute slots: 9:00–10:00 holds both; 10:00–11:00 neither (touching is not overlapping).
    expect(store.bookings.countLive(serviceId, '2026-12-07', span(9 * 60, 60))).toBe(2);
    expect(store.bookings.countLive(serviceId, '2026-12-07', span(10 * 60, 60))).toBe(0);
    // Or the grid moved by 15 minutes (bookableFrom 8:45): 9:15–9:45 overlaps both, 8:45–9:15 the first.
    const day = '2026-12-07';
    expect(store.bookings.countLive(serviceId, day, span(9 * 60 + 15, 30))).toBe(2);
    const slots = [
      span(8 * 60 + 45, 30),
      span(9 * 60 + 15, 30),
      span(9 * 60 + 45, 30),
      span(10 * 60 + 15, 30),
    ];
    expect([...store.bookings.countBySlot(serviceId, day, slots).values()]).toEqual([1, 2, 1, 0]);
    expect(store.bookings.countLive(serviceId, '2026-12-08', span(9 * 60, 60))).toBe(0);
  });

  it('blanks a one-time code in its notices once sent, dropped, dead or expired, and never retries it', () => {
    const { store } = setup();
    const at = vnInstant('2026-12-07', 8 * 60);
    const plan = (otp: string, event: 'booking_code' | 'called' = 'booking_code') => {
      store.bookings.insertOtp({
        id: otp,
        phone: '0912345678',
        cccdHash: 'h1',
        cccdLast: '789',
        codeHash: 'x',
        expiresAt: new Date(at.getTime() + 5 * 60_000),
        at,
      });
      const key = `o${otp}:${event}`;
      store.notices.plan({
        key,
        event,
        channel: 'sms',
        target: `o${otp}`,
        ticketId: null,
        dossierCode: null,
        params: { code: '123456', center: 'X' },
        at,
      });
      const row = store.notices.forKey(key)[0];
      if (!row) throw new Error('not planned');
      return row;
    };
    const code = (id: number) => store.notices.byId(id)?.params.code;
    const [sent, dropped, dead, pending, other] = [
      plan('a'),
      plan('b'),
      plan('c'),
      plan('d'),
      plan('e', 'called'),
    ];
    store.notices.markSent(sent.id, at);
    store.notices.markDropped(dropped.id, at, 'stale: code used');
    store.notices.markDead(dead.id, at, 'provider refused', true);
    expect([code(sent.id), code(dropped.id), code(dead.id), code(pending.id)]).toEqual([
      '',
      '',
      '',
      '123456',
    ]);
    expect(store.bookings.purgeCodes(at)).toBe(0);
    expect(code(pending.id)).toBe('123456');
    // The code expired: the job that purges codes takes it from a notice never sent too.
    expect(store.bookings.purgeCodes(new Date(at.getTime() + 6 * 60_000))).toBe(5);
    expect(code(pending.id)).toBe('');
    // Only the one-time code's rows: other events keep their values.
    expect(store.notices.byId(other.id)?.params).toEqual({ code: '123456', center: 'X' });
    expect(store.notices.retryDead(at, [dead.id], null)).toBe(0);
    expect(store.notices.retryDead(at, null, 'sms')).toBe(0);
  });

  it('checks a booking in with its ticket once, and links the ticket to it', () => {
    const { db, store, serviceId, add } = setup();
    const id = add('BBBB0001', '2026-12-07', 9 * 60);
    db.prepare(
      `INSERT INTO tickets (id, service_id, day, seq, number, status, queued_at, issued_at, tracking_code)
       VALUES (7, ?, '2026-12-07', 1, '2001', 'waiting', 1, 1, 'k7')`,
    ).run(serviceId);
    const at = vnInstant('2026-12-07', 8 * 60 + 50);
    expect(store.bookings.attachTicket(id, 7, at)).toBe(true);
    expect(store.bookings.attachTicket(id, 7, at)).toBe(false);
    expect(store.bookings.byTicket(7)).toMatchObject({
      id,
      status: 'checked_in',
      checkedInAt: at,
      ticketId: 7,
    });
    expect(db.prepare('SELECT booking_id FROM tickets WHERE id = 7').pluck().get()).toBe(id);
    expect(store.bookings.listDay('2026-12-07')[0]).toMatchObject({
      ticketNumber: '2001',
      ticketStatus: 'waiting',
    });
  });

  it('finds bookings past their window for the lapse, and erases personal data of days over', () => {
    const { store, add } = setup();
    const early = add('CCCC0001', '2026-12-07', 9 * 60);
    add('CCCC0002', '2026-12-07', 10 * 60);
    const due = store.bookings.dueForLapse(vnInstant('2026-12-07', 9 * 60));
    expect(due.map((b) => b.id)).toEqual([early]);
    store.bookings.setStatus(early, 'booked', 'no_show', vnInstant('2026-12-07', 9 * 60 + 11));
    const clock = new ManualClock(vnInstant('2026-12-08', 1));
    new IntakeRetention(store, clock, 30).run();
    // Over and of a past day: erased; still booked (the lapse has not reached it): kept until it is over.
    expect(store.bookings.byCode('CCCC0001')).toMatchObject({ phone: null, cccdHash: null, cccdLast: '789' });
    expect(store.bookings.byCode('CCCC0002')).toMatchObject({ phone: '0912345678', cccdHash: 'h1' });
  });
});
