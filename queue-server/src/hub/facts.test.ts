import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HubFact } from '@layso/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueueService, type CounterActor } from '../app/queue.js';
import { openDatabase } from '../db/open.js';
import { HubFactError } from '../db/hub-facts.js';
import { Store } from '../db/store.js';
import { ALWAYS_OPEN } from '../domain/testing.js';
import { vnInstant } from '../domain/time.js';
import { DEFAULT_POLICY } from '../domain/types.js';
import { applyDossierStatus } from '../notify/planner.js';
import { Reports } from '../reports/service.js';
import { ManualClock } from '../testing/harness.js';
import { HubLink } from './link.js';
import { HubSender } from './sender.js';

const NAME = 'Nguyễn Thị Bích Ngọc';
const PHONE = '0912345678';
const ID_NUMBER = '079301234567';
const DOSSIER = '000.00.12.H62-261130-0001';

let dir: string;
let store: Store;
let clock: ManualClock;
let queue: QueueService;
let tp: number;
let ht: number;
let counter: number;
const actor = (): CounterActor => ({ counterId: counter, officerId: 1 });

/** Joins the store as the server does, without sending anything: the facts stay in hub_facts for the test. */
function joinHub(joined: boolean): HubLink {
  const sender = new HubSender({
    repo: store.hub,
    transaction: (fn) => store.transaction(fn),
    clock,
    url: 'http://127.0.0.1:9',
    siteKey: 'vinh-long-tt.0123456789abcdef0123',
  });
  return new HubLink(store, clock, joined ? sender : null);
}

/** The facts held, each without its seq and time (checked apart), in seq order. */
function facts(): Omit<HubFact, 'seq' | 'at'>[] {
  return store.hub.oldest(10_000).map(({ seq: _seq, at: _at, ...rest }) => rest);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'layso-hub-facts-'));
  // Monday 2026-11-30, 08:00 in Vietnam.
  clock = new ManualClock(vnInstant('2026-11-30', 8 * 60));
  store = new Store(openDatabase(join(dir, 'queue.db')));
  queue = new QueueService(store, clock, DEFAULT_POLICY, 'http://127.0.0.1:8080');
  store.transaction(() => {
    const service = (code: string, prefix: string) =>
      store.catalogue.saveService({
        code,
        name: code,
        nameEn: null,
        numberFormat: { prefix, digits: 3 },
        dailyCap: 100,
        hours: ALWAYS_OPEN,
        active: true,
      });
    tp = service('TP', '2');
    ht = service('HT', 'A');
    store.accounts.addUser({
      username: 'canbo01',
      displayName: 'Cán bộ',
      role: 'officer',
      passwordHash: 'x',
      counterId: null,
    });
    counter = store.counters.add(7, 'Quầy 7', [tp, ht]);
  });
});
afterEach(() => {
  store.db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every command of the day, as officers, kiosks and phones run them. */
function walk(): void {
  queue.occupy(counter, 1);
  const a = queue.issue(
    { serviceId: tp, intake: { consent: true, fullName: NAME, phone: PHONE, idNumber: ID_NUMBER } },
    null,
  ).value;
  const b = queue.issue({ serviceId: tp }, null).value;
  queue.callNext(actor());
  clock.advance(60_000);
  queue.recall(a.id, actor());
  clock.advance(120_000);
  queue.finish(a.id, { outcome: 'received', dossier: { code: DOSSIER, owner: { phone: PHONE } } }, actor());
  queue.rate(a.id, 'unsatisfied', 'long-wait', counter);
  queue.callNext(actor());
  queue.noShow(b.id, actor());
  const c = queue.issue({ serviceId: tp }, null).value;
  queue.callNext(actor());
  queue.transfer(c.id, ht, 'ghi chú của cán bộ', actor());
  const d = queue.issue({ serviceId: ht }, null).value;
  queue.leave(store.tickets.byId(d.id)?.trackingCode ?? '');
  queue.setPaused(counter, true, 'nghỉ trưa', actor());
  queue.setPaused(counter, false, null, actor());
  queue.occupy(counter, null);
}

describe('hub facts', () => {
  it('each command records its facts in order, in its own transaction, with seqs 1, 2, 3 …', () => {
    joinHub(true);
    walk();
    expect(facts()).toEqual([
      { kind: 'counter', counter: 7, status: 'open' },
      { kind: 'issued', ticket: '2001', service: 'TP' },
      { kind: 'issued', ticket: '2002', service: 'TP' },
      { kind: 'called', ticket: '2001', service: 'TP', counter: 7 },
      { kind: 'recalled', ticket: '2001', service: 'TP', counter: 7 },
      {
        kind: 'finished',
        ticket: '2001',
        service: 'TP',
        counter: 7,
        outcome: 'received',
        waitSeconds: 0,
        serviceSeconds: 180,
      },
      { kind: 'dossier', dossier: DOSSIER, status: '2', service: 'TP' },
      {
        kind: 'rating',
        ticket: '2001',
        service: 'TP',
        counter: 7,
        rating: 'unsatisfied',
        reasons: ['long-wait'],
      },
      { kind: 'called', ticket: '2002', service: 'TP', counter: 7 },
      { kind: 'no_show', ticket: '2002', service: 'TP', counter: 7 },
      { kind: 'issued', ticket: '2003', service: 'TP' },
      { kind: 'called', ticket: '2003', service: 'TP', counter: 7 },
      { kind: 'transferred', ticket: '2003', service: 'TP', counter: 7, toService: 'HT', toTicket: 'A001' },
      { kind: 'issued', ticket: 'A002', service: 'HT' },
      { kind: 'cancelled', ticket: 'A002', service: 'HT' },
      { kind: 'counter', counter: 7, status: 'paused' },
      { kind: 'counter', counter: 7, status: 'open' },
      { kind: 'counter', counter: 7, status: 'closed' },
    ]);
    const held = store.hub.oldest(10_000);
    expect(held.map((f) => f.seq)).toEqual(held.map((_, i) => i + 1));
    // Times are the commands' own, in Vietnam's offset.
    expect(held[0]?.at).toBe('2026-11-30T08:00:00.000+07:00');
    expect(held.at(-1)?.at).toBe('2026-11-30T08:03:00.000+07:00');
  });

  it('nothing personal reaches hub_facts: no intake value, officer note or pause reason', () => {
    joinHub(true);
    walk();
    const text = JSON.stringify(store.db.prepare('SELECT * FROM hub_facts').all());
    for (const value of [
      NAME,
      PHONE,
      ID_NUMBER,
      PHONE.slice(-4),
      'ghi chú',
      'nghỉ trưa',
      'canbo01',
      'Cán bộ',
    ])
      expect(text).not.toContain(value);
  });

  it('a site that is not joined records nothing', () => {
    joinHub(false);
    walk();
    expect(store.db.prepare('SELECT count(*) AS n FROM hub_facts').get()).toEqual({ n: 0 });
  });

  it('a command that fails records nothing, and its seq is not lost', () => {
    joinHub(true);
    queue.occupy(counter, 1);
    queue.setPaused(counter, true, null, actor());
    const before = facts().length;
    expect(() => queue.callNext(actor())).toThrow(expect.objectContaining({ code: 'LAYSO_COUNTER_PAUSED' }));
    // One of two issued in a batch is refused (unknown service): only the other one's fact is written.
    const { results } = queue.issueMany([
      { body: { serviceId: 999 }, deviceId: null },
      { body: { serviceId: tp }, deviceId: null },
    ]);
    expect(results[0]).toBeInstanceOf(Error);
    expect(facts().slice(before)).toEqual([{ kind: 'issued', ticket: '2001', service: 'TP' }]);
    const seqs = store.hub.oldest(100).map((f) => f.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('a fact the protocol refuses fails its command: the ticket is not issued either', () => {
    joinHub(true);
    // Written past the admin's checks (which allow only letters, digits, _ and -): the hub would refuse it.
    const odd = store.transaction(() =>
      store.catalogue.saveService({
        code: 'TP phụ',
        name: 'Tư pháp phụ',
        nameEn: null,
        numberFormat: { prefix: '3', digits: 3 },
        dailyCap: 100,
        hours: ALWAYS_OPEN,
        active: true,
      }),
    );
    expect(() => queue.issue({ serviceId: odd }, null)).toThrow(HubFactError);
    expect(store.tickets.serviceDay(odd, '2026-11-30').lastSeq).toBe(0);
    expect(facts()).toEqual([]);
  });

  it("idle seats released, the province's dossier statuses and a closed day's totals are facts too", () => {
    joinHub(true);
    queue.occupy(counter, 1);
    // Nobody holds a session at the counter: the housekeeping closes it.
    queue.releaseIdleSeats();
    const a = queue.issue({ serviceId: tp }, null).value;
    queue.issue({ serviceId: tp }, null);
    queue.occupy(counter, 1);
    queue.callNext(actor());
    queue.finish(a.id, { outcome: 'received', dossier: { code: DOSSIER } }, actor());
    store.transaction(() =>
      applyDossierStatus(
        store,
        null,
        { MaHoSo: DOSSIER, TrangThaiHoSo: 9, NgayHenTra: '20261207170000' },
        'push',
        clock.now(),
      ),
    );
    clock.set(vnInstant('2026-12-01', 9 * 60));
    expect(new Reports(store, clock).aggregate('2026-11-30')).toBe(true);
    const kinds = facts();
    expect(kinds[1]).toEqual({ kind: 'counter', counter: 7, status: 'closed' });
    expect(kinds).toContainEqual({
      kind: 'dossier',
      dossier: DOSSIER,
      status: '9',
      service: 'TP',
      due: '2026-12-07',
    });
    expect(kinds.filter((f) => f.kind === 'daily_totals')).toEqual([
      {
        kind: 'daily_totals',
        day: '2026-11-30',
        service: 'TP',
        issued: 2,
        served: 1,
        noShow: 0,
        cancelled: 0,
      },
    ]);
  });

  it("kiosks' printer faults become facts with codes only, one per change", () => {
    const link = joinHub(true);
    const printer = (state: 'ready' | 'paper-out') =>
      ({ type: 'kiosk:printer', data: { deviceId: 4, deviceName: 'Kiosk sảnh', state, at: '' } }) as const;
    link.observe([printer('ready'), printer('paper-out'), printer('paper-out'), printer('ready')]);
    link.observe([
      {
        type: 'printer:fault',
        data: {
          deviceId: 4,
          deviceName: 'Kiosk sảnh',
          ticketId: 1,
          code: 'LAYSO_PRINTER_PAPER_OUT',
          message: 'Hết giấy / paper out',
          at: '',
        },
      },
    ]);
    expect(facts()).toEqual([
      { kind: 'fault', device: 'printer', deviceId: 4, code: 'paper-out', cleared: false },
      { kind: 'fault', device: 'printer', deviceId: 4, code: 'ready', cleared: true },
      { kind: 'fault', device: 'printer', deviceId: 4, code: 'layso_printer_paper_out', cleared: false },
    ]);
  });
});
