import Database from 'better-sqlite3';
import type { ProvincialStatus } from '@layso/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { ALWAYS_OPEN } from '../domain/testing.js';
import { lastFour, lookupState, proves } from '../domain/dossiers.js';
import { formatCompact, parseCompact, vnInstant } from '../domain/time.js';
import { migrate } from './migrate.js';
import { Store } from './store.js';

const CODE = '000.00.12.H62-261201-0001';
const at = (day: string, hour = 9) => vnInstant(day, hour * 60);
const status = (s: Partial<ProvincialStatus> & { TrangThaiHoSo: number }): ProvincialStatus => ({
  MaHoSo: CODE,
  NgayHenTra: null,
  ...s,
});

let store: Store;
let serviceId: number;

beforeEach(() => {
  const db = new Database(':memory:');
  migrate(db);
  store = new Store(db);
  serviceId = store.catalogue.saveService({
    code: 'TP',
    name: 'Sở Tư pháp',
    nameEn: null,
    numberFormat: { prefix: '2', digits: 3 },
    dailyCap: 100,
    hours: ALWAYS_OPEN,
    active: true,
  });
});

/** A dossier received at the counter on 2026-12-01, due 2026-12-04 17:00. */
function receive(code = CODE) {
  return store.dossiers.received({
    code,
    procedureId: null,
    serviceId,
    receivedAt: at('2026-12-01'),
    appointmentAt: at('2026-12-04', 17),
    officerId: null,
    ticketId: null,
    proofId: '6789',
    proofPhone: '5678',
  });
}

describe('the dossier register', () => {
  it('records a received dossier at status 2 from the counter, in person, and reads it back as written', () => {
    const d = receive();
    expect(d).toMatchObject({ status: 2, statusSource: 'counter', channel: 1, proofId: '6789' });
    expect(store.dossiers.byCode(CODE)).toEqual(d);
    expect(store.dossiers.byCode('000.00.12.H62-261201-0002')).toBeNull();
  });

  it('learns a status from the province: supplement, an extended appointment, then the result ready', () => {
    receive();
    const learnt = at('2026-12-02');
    const s5 = store.dossiers.applyStatus(
      status({ TrangThaiHoSo: 5, NgayHenTra: '20261210170000', LyDo: 'Thiếu bản sao CCCD' }),
      'push',
      learnt,
    );
    expect(s5).toMatchObject({ status: 5, statusSource: 'push', reason: 'Thiếu bản sao CCCD' });
    expect(s5.statusLearntAt).toEqual(learnt);
    expect(s5.appointmentAt).toEqual(at('2026-12-10', 17));
    // The counter's facts stay.
    expect(s5).toMatchObject({ channel: 1, proofId: '6789', serviceId });
    const s9 = store.dossiers.applyStatus(
      status({ TrangThaiHoSo: 9, NgayHenTra: null, NgayCoKetQua: '20261208100000', NoiTraKetQua: 'Quầy 2' }),
      'pull',
      at('2026-12-08', 11),
    );
    expect(s9).toMatchObject({ status: 9, statusSource: 'pull', reason: null, returnPlace: 'Quầy 2' });
    // A status without a date keeps the appointment it had.
    expect(s9.appointmentAt).toEqual(at('2026-12-10', 17));
    expect(s9.resultReadyAt).toEqual(at('2026-12-08', 10));
    expect(s9.returnedAt).toBeNull();
  });

  it('a result ready without NgayCoKetQua is ready from when we learnt it', () => {
    receive();
    const d = store.dossiers.applyStatus(status({ TrangThaiHoSo: 9 }), 'pull', at('2026-12-03'));
    expect(d.resultReadyAt).toEqual(at('2026-12-03'));
  });

  it('creates a row for a code the province tells of first: online, no proof; the counter then fills it in', () => {
    const d = store.dossiers.applyStatus(status({ TrangThaiHoSo: 4 }), 'pull', at('2026-12-01', 8));
    expect(d).toMatchObject({ channel: 2, status: 4, proofId: null, proofPhone: null, receivedAt: null });
    // Received at our counter after all: the province's status stays, the counter's facts are added.
    const r = receive();
    expect(r).toMatchObject({ channel: 1, status: 4, statusSource: 'pull', proofId: '6789' });
    expect(r.receivedAt).toEqual(at('2026-12-01'));
  });

  it('records the return with who collected, and stays returned when the province is behind', () => {
    receive();
    const returnedAt = at('2026-12-05', 10);
    const d = store.dossiers.returned({
      code: CODE,
      procedureId: null,
      serviceId,
      returnedAt,
      ticketId: null,
      details: {
        collectedBy: 'authorised',
        collectorName: 'Trần Thị B',
        collectorIdNumber: '079000000001',
        consent: true,
        originalsReturned: 2,
      },
    });
    expect(d).toMatchObject({
      status: 10,
      collectedBy: 'authorised',
      collectorName: 'Trần Thị B',
      collectorIdNumber: '079000000001',
      originalsReturned: 2,
    });
    expect(d.returnedAt).toEqual(returnedAt);
    const late = store.dossiers.applyStatus(status({ TrangThaiHoSo: 9 }), 'pull', at('2026-12-05', 11));
    expect(late.status).toBe(10);
    expect(late.returnedAt).toEqual(returnedAt);
  });

  it("an owner's return keeps no collector name or ID, whatever was sent", () => {
    receive();
    const d = store.dossiers.returned({
      code: CODE,
      procedureId: null,
      serviceId,
      returnedAt: at('2026-12-05'),
      ticketId: null,
      details: { collectedBy: 'owner', collectorName: 'X', originalsReturned: 0 },
    });
    expect(d).toMatchObject({ collectedBy: 'owner', collectorName: null, collectorIdNumber: null });
  });

  it('lists the open dossiers worth refreshing: due soon or ready, longest unrefreshed first', () => {
    receive('000.00.12.H62-261201-0001'); // due 12-04, learnt 12-01
    receive('000.00.12.H62-261201-0002');
    store.dossiers.applyStatus(
      { MaHoSo: '000.00.12.H62-261201-0002', TrangThaiHoSo: 4, NgayHenTra: '20261220170000' },
      'pull',
      at('2026-12-01', 10),
    ); // due 12-20: not soon
    store.dossiers.applyStatus(
      { MaHoSo: '000.00.12.H62-261201-0003', TrangThaiHoSo: 9, NgayHenTra: null },
      'pull',
      at('2026-12-01', 8),
    ); // ready, learnt earliest
    store.dossiers.applyStatus(
      { MaHoSo: '000.00.12.H62-261201-0004', TrangThaiHoSo: 7, NgayHenTra: '20261202170000' },
      'pull',
      at('2026-12-01', 8),
    ); // withdrawn: nothing to refresh
    const q = { dueBefore: at('2026-12-05'), learntBefore: at('2026-12-02'), limit: 10 };
    expect(store.dossiers.stale(q)).toEqual(['000.00.12.H62-261201-0003', '000.00.12.H62-261201-0001']);
    expect(store.dossiers.stale({ ...q, limit: 1 })).toEqual(['000.00.12.H62-261201-0003']);
    expect(store.dossiers.stale({ ...q, learntBefore: at('2026-12-01', 8) })).toEqual([]);
  });

  it('knows which agencies it holds dossiers of, by the exact agency', () => {
    receive();
    expect(store.dossiers.knowsAgency('000.00.12.H62')).toBe(true);
    expect(store.dossiers.knowsAgency('000.00.12.H6')).toBe(false);
    expect(store.dossiers.knowsAgency('000.00.13.H62')).toBe(false);
  });

  it('the retention drops the collector and proof digits of dossiers returned before the cutoff only', () => {
    receive('000.00.12.H62-261201-0001');
    receive('000.00.12.H62-261201-0002');
    const details = {
      collectedBy: 'authorised' as const,
      collectorName: 'Trần Thị B',
      consent: true as const,
      originalsReturned: 1,
    };
    const base = { procedureId: null, serviceId, ticketId: null, details };
    store.dossiers.returned({ ...base, code: '000.00.12.H62-261201-0001', returnedAt: at('2026-12-02') });
    store.dossiers.returned({ ...base, code: '000.00.12.H62-261201-0002', returnedAt: at('2026-12-10') });
    expect(store.dossiers.purgePersonal(at('2026-12-05', 0))).toBe(1);
    expect(store.dossiers.byCode('000.00.12.H62-261201-0001')).toMatchObject({
      collectorName: null,
      proofId: null,
      proofPhone: null,
      collectedBy: 'authorised',
      originalsReturned: 1,
    });
    expect(store.dossiers.byCode('000.00.12.H62-261201-0002')).toMatchObject({
      collectorName: 'Trần Thị B',
      proofId: '6789',
    });
    expect(store.dossiers.purgePersonal(at('2026-12-05', 0))).toBe(0);
  });
});

describe('the register rules', () => {
  it('keeps the last 4 digits of an ID or phone only', () => {
    expect(lastFour('079123456789')).toBe('6789');
    expect(lastFour('+84912345678')).toBe('5678');
    expect(lastFour('123')).toBeNull();
    expect(lastFour(undefined)).toBeNull();
  });

  it('a proof matches the ID or the phone digits, nothing else', () => {
    const d = receive();
    expect(proves(d, '6789')).toBe(true);
    expect(proves(d, '5678')).toBe(true);
    expect(proves(d, '0000')).toBe(false);
    expect(proves({ ...d, proofId: null, proofPhone: null }, '0000')).toBe(false);
  });

  it("reads a dossier's state for the citizen from its status, appointment and the clock", () => {
    const d = receive(); // due 2026-12-04 17:00
    expect(lookupState(d, at('2026-12-04', 16))).toBe('in_progress');
    // Overdue by the Vietnam day: past the hour the same day is still on time; the next morning it is not.
    expect(lookupState(d, at('2026-12-04', 23))).toBe('in_progress');
    expect(lookupState(d, at('2026-12-05', 0))).toBe('overdue');
    expect(lookupState({ ...d, status: 5 }, at('2026-12-05'))).toBe('supplement');
    expect(lookupState({ ...d, status: 9, resultReadyAt: at('2026-12-05') }, at('2026-12-06'))).toBe('ready');
    expect(lookupState({ ...d, status: 7 }, at('2026-12-06'))).toBe('closed');
    expect(lookupState({ ...d, status: 10, returnedAt: at('2026-12-05') }, at('2026-12-06'))).toBe(
      'returned',
    );
  });

  it('reads the compact national dates in Vietnam time and refuses days that do not exist', () => {
    expect(parseCompact('20261204170000')).toEqual(at('2026-12-04', 17));
    expect(formatCompact(at('2026-12-04', 17))).toBe('20261204170000');
    expect(parseCompact('20260230090000')).toBeNull();
    expect(parseCompact('2026120417')).toBeNull();
  });
});
