/**
 * Closed days read from stored aggregates (`report_days`) give the same report as every ticket read live, figure by
 * figure, and both equal the definitions on `ReportFigures` computed naively (every duration kept and sorted).
 * Aggregation is idempotent, follows tickets that change after their day closed, ignores the retention purge, and
 * puts a ticket on the Vietnam day it was issued whatever the process time zone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import fc from 'fast-check';
import { ReportReply, type ReportFigures, type ReportTotals } from '@layso/protocol';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import { ReportDayStore } from './days-store.js';
import { ReportReads } from './reads.js';
import { Store } from '../db/store.js';
import { ALWAYS_OPEN } from '../domain/testing.js';
import { vnInstant } from '../domain/time.js';
import { DEFAULT_POLICY } from '../domain/types.js';
import { ManualClock } from '../testing/harness.js';
import { QueueService } from '../app/queue.js';
import { addDays, ReportDayJob, Reports } from './service.js';
import { durationKey, Histogram, keySeconds } from './tally.js';
import {
  aggregateDay,
  buildReport,
  hourCell,
  type ReportNames,
  type ReportOptions,
  type ReportTicket,
} from './build.js';

// ---------------------------------------------------------------- the definitions, computed naively

const OPEN = ['waiting', 'called', 'serving'];

/** The figures of `tickets` straight from the definitions on `ReportFigures`: every duration kept, sorted. */
function naiveFigures(tickets: ReportTicket[], today: string, target: number): ReportTotals {
  const waits = tickets.filter((t) => t.calledAt !== null).map((t) => Math.max(0, t.calledAt! - t.issuedAt));
  const done = tickets.filter((t) => t.status === 'done');
  const services = done
    .filter((t) => (t.servedAt ?? t.calledAt) !== null && t.finishedAt !== null)
    .map((t) => t.finishedAt! - (t.servedAt ?? t.calledAt)!);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const p90 = (xs: number[]) => {
    if (xs.length === 0) return null;
    const sorted = [...xs].sort((a, b) => a - b);
    return Math.round(sorted[Math.max(1, Math.ceil(0.9 * sorted.length)) - 1]! / 1000) + 0; // not -0
  };
  const rated = (r: string | null) => done.filter((t) => t.rating === r).length;
  return {
    issued: tickets.filter((t) => !t.transferredIn).length,
    called: waits.length,
    served: done.length,
    noShow: tickets.filter((t) => t.status === 'no-show').length,
    transferred: tickets.filter((t) => t.status === 'transferred').length,
    leftWaiting: tickets.filter((t) => OPEN.includes(t.status) && t.day < today).length,
    cancelled: tickets.filter((t) => t.status === 'cancelled').length,
    avgWaitSeconds: waits.length ? Math.round(sum(waits) / 1000 / waits.length) : null,
    p90WaitSeconds: p90(waits),
    avgServiceSeconds: services.length ? Math.round(sum(services) / 1000 / services.length) : null,
    p90ServiceSeconds: p90(services),
    servedWithinTarget: waits.length
      ? waits.filter((w) => w / 1000 <= target * 60).length / waits.length
      : null,
    ratings: {
      verySatisfied: rated('very-satisfied'),
      satisfied: rated('satisfied'),
      unsatisfied: rated('unsatisfied'),
      none: done.length - rated('very-satisfied') - rated('satisfied') - rated('unsatisfied'),
    },
  };
}

/** The whole report by the definitions (names as `buildReport` gives them). */
function naiveReport(all: ReportTicket[], o: ReportOptions, names: ReportNames): ReportReply {
  const tickets = all.filter((t) => t.day >= o.from && t.day <= o.to);
  const called = tickets.filter((t) => t.calledAt !== null);
  const figures = (ts: ReportTicket[]): ReportFigures => {
    const { issued: _issued, cancelled: _cancelled, ...f } = naiveFigures(ts, o.today, o.targetWaitMinutes);
    return f;
  };
  const arrivals = new Array<number>(168).fill(0);
  for (const t of tickets) if (!t.transferredIn) arrivals[hourCell(t.issuedAt)]! += 1;
  const officerIds = [...new Set(called.flatMap((t) => (t.officerId === null ? [] : [t.officerId])))];
  return {
    from: o.from,
    to: o.to,
    targetWaitMinutes: o.targetWaitMinutes,
    totals: naiveFigures(tickets, o.today, o.targetWaitMinutes),
    byService: names.services
      .map((s) => ({
        serviceId: s.id,
        code: s.code,
        name: s.name,
        ...naiveFigures(
          tickets.filter((t) => t.serviceId === s.id),
          o.today,
          o.targetWaitMinutes,
        ),
      }))
      .sort((a, b) => a.code.localeCompare(b.code, 'vi') || a.serviceId - b.serviceId),
    byCounter: names.counters
      .map((c) => ({
        counterId: c.id,
        number: c.number,
        name: c.name,
        ...figures(called.filter((t) => t.counterId === c.id)),
      }))
      .sort((a, b) => a.number - b.number),
    byOfficer: officerIds
      .map((id) => ({
        officerId: id,
        displayName: names.officers.find((u) => u.id === id)!.displayName,
        ...figures(called.filter((t) => t.officerId === id)),
      }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi') || a.officerId - b.officerId),
    byHour: arrivals.map((n, i) => ({ weekday: Math.floor(i / 24) + 1, hour: i % 24, arrivals: n })),
  };
}

// ---------------------------------------------------------------- a random history

/** mulberry32: the same history on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Durations on the edges of what a report shows: half seconds, the 15-minute target ± 1 ms, zero. */
const EDGE_MS = [0, 1, 499, 500, 501, 999, 1000, 1500, 2500, 899_999, 900_000, 900_001, 1_800_000, 1_800_500];

interface Center {
  services: number[];
  counters: { id: number; serviceIds: number[] }[];
  officers: number[];
}

function setUpCenter(store: Store): Center {
  return store.transaction(() => {
    const services = ['TP', 'HT', 'XD'].map((code, i) =>
      store.catalogue.saveService({
        code,
        name: `Lĩnh vực ${code}`,
        nameEn: null,
        numberFormat: { prefix: String(i + 1), digits: 3 },
        dailyCap: 999,
        hours: ALWAYS_OPEN,
        active: true,
      }),
    );
    const counters = [[services[0]!], [services[0]!, services[1]!], [services[1]!], [services[2]!]].map(
      (ids, i) => ({ id: store.counters.add(i + 1, `Quầy ${i + 1}`, ids), serviceIds: ids }),
    );
    const officers = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Võ Văn Em'].map(
      (displayName, i) =>
        store.accounts.addUser({
          username: `cb${i}`,
          displayName,
          role: 'officer',
          passwordHash: 'x',
          counterId: null,
        }),
    );
    return { services, counters, officers };
  });
}

/** Inserts `perDay` random tickets on each day of `days` (straight SQL, as a year of history would be). */
function insertHistory(store: Store, center: Center, days: string[], perDay: number, seed: number): void {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const duration = () => (r() < 0.25 ? pick(EDGE_MS) : Math.floor(r() * r() * 3_600_000));
  const insert = store.db
    .prepare(`INSERT INTO tickets (service_id, day, seq, number, status, queued_at, issued_at,
    called_at, served_at, finished_at, counter_id, officer_id, rating, transferred_from_id, tracking_code)
    VALUES (@serviceId, @day, @seq, @number, @status, @issuedAt, @issuedAt, @calledAt, @servedAt, @finishedAt,
    @counterId, @officerId, @rating, @from, @tracking)`);
  const numbering = store.db.prepare('INSERT INTO service_days (service_id, day, last_seq) VALUES (?, ?, ?)');
  let tracking = 0;
  store.transaction(() => {
    for (const day of days) {
      const seqs = new Map<number, number>();
      const add = (t: {
        serviceId: number;
        status: string;
        issuedAt: number;
        calledAt?: number | null;
        servedAt?: number | null;
        finishedAt?: number | null;
        counterId?: number | null;
        officerId?: number | null;
        rating?: string | null;
        from?: number | null;
      }): number => {
        const seq = (seqs.get(t.serviceId) ?? 0) + 1;
        seqs.set(t.serviceId, seq);
        return Number(
          insert.run({
            calledAt: null,
            servedAt: null,
            finishedAt: null,
            counterId: null,
            officerId: null,
            rating: null,
            from: null,
            ...t,
            day,
            seq,
            number: String(seq),
            tracking: `t${seed}-${++tracking}`,
          }).lastInsertRowid,
        );
      };
      for (let i = 0; i < perDay; i++) {
        // Any minute of the Vietnam day, 00:00 to 23:59 (so arrivals fall near both midnights too).
        const issuedAt = vnInstant(day, r() * 1440).getTime() + Math.floor(r() * 1000);
        const serviceId = pick(center.services);
        const counter = pick(center.counters.filter((c) => c.serviceIds.includes(serviceId)));
        const seat = { counterId: counter.id, officerId: pick(center.officers) };
        const calledAt = issuedAt + duration();
        const servedAt = r() < 0.2 ? null : calledAt + Math.floor(r() * 60_000);
        const finishedAt = (servedAt ?? calledAt) + duration();
        const roll = r();
        if (roll < 0.06) add({ serviceId, status: 'waiting', issuedAt });
        // Released from the phone page before any call (issue 19).
        else if (roll < 0.08)
          add({ serviceId, status: 'cancelled', issuedAt, finishedAt: issuedAt + duration() });
        else if (roll < 0.12)
          add({ serviceId, status: pick(['called', 'serving']), issuedAt, calledAt, ...seat });
        else if (roll < 0.2) add({ serviceId, status: 'no-show', issuedAt, calledAt, finishedAt, ...seat });
        else if (roll < 0.28) {
          const from = add({
            serviceId,
            status: 'transferred',
            issuedAt,
            calledAt,
            servedAt,
            finishedAt,
            ...seat,
          });
          const to = pick(center.services.filter((s) => s !== serviceId));
          const next = pick(center.counters.filter((c) => c.serviceIds.includes(to)));
          // Called before its own issue now and then: a wait clamps at 0.
          const calledNext = finishedAt + (r() < 0.1 ? -5_000 : duration());
          add({
            serviceId: to,
            status: 'done',
            issuedAt: finishedAt,
            calledAt: calledNext,
            finishedAt: calledNext + duration(),
            counterId: next.id,
            officerId: pick(center.officers),
            rating: pick([null, 'satisfied']),
            from,
          });
        } else {
          add({
            serviceId,
            status: 'done',
            issuedAt,
            calledAt,
            servedAt,
            finishedAt,
            ...seat,
            rating: pick([null, null, 'very-satisfied', 'satisfied', 'unsatisfied']),
          });
        }
      }
      for (const [serviceId, seq] of seqs) numbering.run(serviceId, day, seq);
    }
  });
}

// ---------------------------------------------------------------- fixtures

/** The database, recording every statement run through it (SQL and arguments). */
function recording(db: Database, ran: { sql: string; args: unknown[] }[]): Database {
  const RUNS = new Set(['run', 'get', 'all', 'iterate']);
  const statement = (st: Statement, sql: string) =>
    new Proxy(st, {
      get(target, key) {
        const v = Reflect.get(target, key, target) as unknown;
        if (typeof v !== 'function') return v;
        if (!RUNS.has(String(key))) return v.bind(target);
        return (...args: unknown[]) => {
          ran.push({ sql, args });
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  return new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => statement(target.prepare(sql), sql);
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

interface Db {
  dir: string;
  store: Store;
  clock: ManualClock;
  reports: Reports;
  close(): void;
}

function openDb(now: Date): Db {
  const dir = mkdtempSync(join(tmpdir(), 'layso-report-days-'));
  const store = new Store(openDatabase(join(dir, 'queue.db')));
  const clock = new ManualClock(now);
  return {
    dir,
    store,
    clock,
    reports: new Reports(store, clock),
    close() {
      store.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const namesOf = (store: Store): ReportNames => ({
  services: store.catalogue.services(),
  counters: store.counters.all(),
  officers: store.accounts.users(),
});

function liveReport(db: Db, from: string, to: string, today: string, targetWaitMinutes = 15): ReportReply {
  return buildReport(
    new ReportReads(db.store.db).tickets(from, to),
    { from, to, today, targetWaitMinutes },
    namesOf(db.store),
  );
}

const rowsOf = (db: Db, day: string) =>
  db.store.db
    .prepare('SELECT * FROM report_days WHERE day = ? ORDER BY service_id, counter_id, officer_id')
    .all(day);

const FIRST = '2026-02-23'; // a Monday
const DAYS = Array.from({ length: 21 }, (_, i) => addDays(FIRST, i));
const TODAY = DAYS[18]!; // 18 closed days, today, and two days "ahead" that still read live

// ---------------------------------------------------------------- tests

describe('stored closed days', () => {
  let db: Db;
  beforeAll(() => {
    db = openDb(vnInstant(TODAY, 10 * 60));
    insertHistory(db.store, setUpCenter(db.store), DAYS, 120, 42);
  });
  afterAll(() => db.close());

  it('give the same report as the live computation and as the definitions, every figure, over mixed ranges', async () => {
    const all = [...new ReportReads(db.store.db).tickets(DAYS[0]!, DAYS.at(-1)!)];
    const ranges: [string, string][] = [
      [DAYS[0]!, DAYS.at(-1)!], // stored, today, and later days
      [DAYS[3]!, DAYS[9]!], // stored only
      [DAYS[17]!, TODAY], // yesterday stored, today live
      [TODAY, TODAY], // live only
      [addDays(FIRST, -30), DAYS[2]!], // days before any ticket
    ];
    for (const [from, to] of ranges) {
      for (const targetWaitMinutes of [15, 1, 30, 480]) {
        const q = { from, to, targetWaitMinutes };
        const stored = ReportReply.parse(await db.reports.report(q));
        const live = ReportReply.parse(liveReport(db, from, to, TODAY, targetWaitMinutes));
        expect(stored, `${from}..${to} target ${targetWaitMinutes}`).toEqual(live);
        expect(stored, `${from}..${to} target ${targetWaitMinutes} (definitions)`).toEqual(
          naiveReport(all, { ...q, today: TODAY }, namesOf(db.store)),
        );
      }
    }
    // The comparison was between two paths: every closed day of those ranges is stored now, today is not.
    const stored = new ReportDayStore(db.store.db).closedDays(addDays(FIRST, -30), DAYS.at(-1)!);
    expect(stored.size).toBe(30 + 18);
    expect(stored.has(DAYS[17]!)).toBe(true);
    expect(stored.has(TODAY)).toBe(false);
    const full = await db.reports.report({ from: DAYS[0]!, to: DAYS.at(-1)!, targetWaitMinutes: 15 });
    expect(full.totals.issued).toBe(21 * 120); // transfers in are not issues
    expect(full.totals.leftWaiting).toBeGreaterThan(0);
  });

  it('are aggregated once: a second pass changes nothing, a forced re-aggregation writes the same rows', () => {
    const day = DAYS[5]!;
    db.reports.aggregate(day);
    const first = rowsOf(db, day);
    expect(first.length).toBeGreaterThan(0);
    expect(db.reports.aggregate(day)).toBe(false);
    expect(rowsOf(db, day)).toEqual(first);
    // A no-op update of a report column still marks the day as changed; it is aggregated again, identically.
    db.store.db.prepare('UPDATE tickets SET status = status WHERE day = ?').run(day);
    expect(rowsOf(db, day)).toEqual([]);
    expect(db.reports.pending(day, day)).toEqual([day]);
    expect(db.reports.aggregate(day)).toBe(true);
    expect(rowsOf(db, day)).toEqual(first);
  });

  it('are aggregated once even when two reports ask at the same time', async () => {
    const from = DAYS[10]!;
    const to = DAYS[14]!;
    db.store.db.prepare('UPDATE tickets SET rating = rating WHERE day BETWEEN ? AND ?').run(from, to);
    expect(db.reports.pending(from, to)).toHaveLength(5);
    const q = { from, to, targetWaitMinutes: 15 };
    const [a, b] = await Promise.all([db.reports.report(q), db.reports.report(q)]);
    expect(a).toEqual(b);
    const counts = db.store.db
      .prepare(
        `SELECT day, count(*) AS n, count(DISTINCT service_id || '|' || ifnull(counter_id, '-') || '|' || ifnull(officer_id, '-')) AS groups
        FROM report_days WHERE day BETWEEN ? AND ? GROUP BY day`,
      )
      .all(from, to) as { n: number; groups: number }[];
    expect(counts).toHaveLength(5);
    for (const c of counts) expect(c.n).toBe(c.groups);
  });

  it('follow a ticket of a closed day that changes later, and ignore the retention purge', async () => {
    const day = DAYS[2]!;
    const q = { from: day, to: day, targetWaitMinutes: 15 };
    const before = await db.reports.report(q);
    expect(db.reports.pending(day, day)).toEqual([]);
    // Retention erases intake and transfer notes of old tickets: no report figure depends on them.
    db.store.db
      .prepare(`UPDATE tickets SET intake = '{"consent":true}', transfer_note = 'ghi chú' WHERE day = ?`)
      .run(day);
    expect(db.store.tickets.purgeIntake(addDays(day, 1))).toBeGreaterThan(0);
    expect(db.reports.pending(day, day)).toEqual([]);
    expect(await db.reports.report(q)).toEqual(before);
    // A ticket left at a counter when the day closed is finished (and rated) days later.
    const open = db.store.db
      .prepare(`SELECT id FROM tickets WHERE day = ? AND status IN ('called', 'serving') LIMIT 1`)
      .get(day) as { id: number };
    db.store.db
      .prepare(
        `UPDATE tickets SET status = 'done', finished_at = called_at + 600000, rating = 'satisfied'
        WHERE id = ?`,
      )
      .run(open.id);
    expect(db.reports.pending(day, day)).toEqual([day]);
    const after = await db.reports.report(q);
    expect(after.totals.leftWaiting).toBe(before.totals.leftWaiting - 1);
    expect(after.totals.served).toBe(before.totals.served + 1);
    expect(after.totals.ratings.satisfied).toBe(before.totals.ratings.satisfied + 1);
    expect(after).toEqual(liveReport(db, day, day, TODAY));
    expect(db.reports.pending(day, day)).toEqual([]);
  });

  it('are aggregated ahead of reports by the background job: all history at start, stopping when told', async () => {
    const other = openDb(vnInstant(TODAY, 10 * 60));
    try {
      insertHistory(other.store, setUpCenter(other.store), DAYS.slice(0, 6), 30, 7);
      const yesterday = addDays(TODAY, -1);
      expect(other.reports.pending(DAYS[0]!, yesterday)).toHaveLength(18);
      expect(await other.reports.catchUp(() => true)).toBe(0);
      const job = new ReportDayJob(other.reports);
      const errors: unknown[] = [];
      job.start((e) => errors.push(e));
      await job.idle();
      job.stop();
      expect(errors).toEqual([]);
      expect(other.reports.pending(DAYS[0]!, yesterday)).toEqual([]);
      expect(other.reports.pending(TODAY, TODAY)).toEqual([]); // today is never stored
      expect(new ReportDayStore(other.store.db).isClosed(TODAY)).toBe(false);
      expect(await other.reports.catchUp()).toBe(0);
    } finally {
      other.close();
    }
  });

  it('leave the issue path as it was: every statement an issue runs seeks, none scans history', () => {
    const ran: { sql: string; args: unknown[] }[] = [];
    const queue = new QueueService(
      new Store(recording(db.store.db, ran)),
      db.clock,
      DEFAULT_POLICY,
      'http://127.0.0.1:8080',
    );
    const serviceId = db.store.catalogue.services()[0]!.id;
    queue.issue({ serviceId }, null);
    expect(ran.some((r) => /INSERT INTO tickets/.test(r.sql))).toBe(true);
    const plans = ran.flatMap((r) =>
      (db.store.db.prepare(`EXPLAIN QUERY PLAN ${r.sql}`).all(...r.args) as { detail: string }[]).map(
        (p) => p.detail,
      ),
    );
    expect(plans.join('\n')).not.toMatch(
      /SCAN (tickets|service_days|report_days|report_closed_days|outbox)\b/,
    );
    // The ticket's insert runs no trigger (the report triggers are on UPDATE and DELETE only).
    const insert = ran.find((r) => /INSERT INTO tickets/.test(r.sql))!;
    expect(db.store.db.prepare(`EXPLAIN QUERY PLAN ${insert.sql}`).all(...insert.args)).toEqual([]);
  });

  it('are read through indexes', () => {
    const plans = new ReportDayStore(db.store.db).plans().join('\n');
    expect(plans).toMatch(/SEARCH report_closed_days USING PRIMARY KEY \(day>\? AND day<\?\)/);
    expect(plans).toMatch(/SEARCH report_days USING INDEX report_days_day \(day>\? AND day<\?\)/);
    expect(plans).not.toMatch(/SCAN/);
  });
});

describe('durations at the stored resolution', () => {
  it('give exactly the rounded seconds and the target comparison of the exact value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 100_000_000 }),
        fc.integer({ min: 1, max: 480 }),
        (ms, t) => {
          expect(keySeconds(durationKey(ms))).toBe(Math.round(ms / 1000) + 0); // 0, not -0
          expect(durationKey(ms) <= durationKey(t * 60_000)).toBe(ms / 1000 <= t * 60);
        },
      ),
    );
    for (const ms of EDGE_MS) expect(keySeconds(durationKey(ms))).toBe(Math.round(ms / 1000));
  });

  it('are counted by histograms that answer like the sorted list, small (a map) or big (an array)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 40_000 }), { maxLength: 1500 }),
        fc.integer({ min: -60, max: 40_000 }),
        (keys, probe) => {
          const h = new Histogram();
          for (const k of keys) h.add(k);
          const sorted = [...keys].sort((a, b) => a - b);
          const runs = new Map<number, number>();
          for (const k of sorted) runs.set(k, (runs.get(k) ?? 0) + 1);
          expect(h.pairs()).toEqual([...runs].flat());
          expect(h.count).toBe(keys.length);
          expect(h.countAtMost(probe)).toBe(keys.filter((k) => k <= probe).length);
          const p90 = sorted[Math.max(1, Math.ceil(0.9 * sorted.length)) - 1];
          expect(h.percentileSeconds(0.9)).toBe(p90 === undefined ? null : keySeconds(p90));
          const copy = new Histogram();
          copy.addPairs(h.pairs());
          expect(copy.pairs()).toEqual(h.pairs());
        },
      ),
      { numRuns: 100 },
    );
  });

  it('make a report of stored days equal the live one for any tickets (property)', () => {
    const day = (i: number) => addDays('2026-03-02', i);
    const ticket = fc.record({
      dayIndex: fc.integer({ min: 0, max: 3 }),
      serviceId: fc.integer({ min: 1, max: 3 }),
      status: fc.constantFrom('waiting', 'called', 'serving', 'done', 'no-show', 'transferred', 'cancelled'),
      issuedMinute: fc.integer({ min: 0, max: 1439 }),
      wait: fc.option(fc.integer({ min: -2_000, max: 20_000_000 })),
      start: fc.option(fc.integer({ min: 0, max: 120_000 })),
      service: fc.option(fc.integer({ min: -1_000, max: 20_000_000 })),
      counterId: fc.option(fc.integer({ min: 1, max: 3 })),
      officerId: fc.option(fc.integer({ min: 1, max: 3 })),
      rating: fc.constantFrom(null, 'very-satisfied', 'satisfied', 'unsatisfied'),
      transferredIn: fc.boolean(),
    });
    const names: ReportNames = {
      services: [1, 2, 3].map((id) => ({ id, code: `S${id}`, name: `Lĩnh vực ${id}` })),
      counters: [1, 2, 3].map((id) => ({ id, number: id, name: `Quầy ${id}` })),
      officers: [1, 2, 3].map((id) => ({ id, displayName: `Cán bộ ${id}` })),
    };
    fc.assert(
      fc.property(fc.array(ticket, { maxLength: 60 }), fc.integer({ min: 1, max: 60 }), (raw, target) => {
        const tickets: ReportTicket[] = raw.map((t) => {
          const issuedAt = vnInstant(day(t.dayIndex), t.issuedMinute).getTime();
          const calledAt = t.wait === null ? null : issuedAt + t.wait;
          const servedAt = calledAt === null || t.start === null ? null : calledAt + t.start;
          const base = servedAt ?? calledAt;
          return {
            serviceId: t.serviceId,
            day: day(t.dayIndex),
            status: t.status,
            issuedAt,
            calledAt,
            servedAt,
            finishedAt: base === null || t.service === null ? null : base + t.service,
            counterId: t.counterId,
            officerId: t.officerId,
            rating: t.rating,
            transferredIn: t.transferredIn,
          };
        });
        const today = day(3);
        const options = { from: day(0), to: today, today, targetWaitMinutes: target };
        const closed = [0, 1, 2].map((i) => aggregateDay(tickets, day(i), today));
        const fromStored = buildReport(
          tickets.filter((t) => t.day === today),
          options,
          names,
          { groups: closed.flatMap((a) => a.groups), arrivals: closed.flatMap((a) => a.arrivals) },
        );
        expect(fromStored).toEqual(buildReport(tickets, options, names));
        expect(fromStored).toEqual(naiveReport(tickets, options, names));
      }),
      { numRuns: 200 },
    );
  });
});

describe('a day crossing the Vietnam midnight', () => {
  const D = '2026-03-09'; // a Monday
  const NEXT = addDays(D, 1);
  const tz = process.env.TZ;
  let db: Db;
  // The server's own time zone must not matter: run this far from Vietnam.
  beforeAll(() => {
    process.env.TZ = 'America/Los_Angeles';
  });
  afterAll(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });
  beforeEach(() => {
    db = openDb(vnInstant(D, 23 * 60 + 58));
  });
  afterEach(() => db.close());

  it('lands each ticket on the Vietnam day it was issued, stored or live', async () => {
    expect(new Date(vnInstant(D, 0)).getTimezoneOffset()).not.toBe(-420);
    const center = setUpCenter(db.store);
    const queue = new QueueService(db.store, db.clock, DEFAULT_POLICY, 'http://127.0.0.1:8080');
    const counter = center.counters[0]!.id;
    const actor = { counterId: counter, officerId: center.officers[0]! };
    queue.occupy(counter, actor.officerId);
    const serviceId = center.services[0]!;
    const at = (day: string, minutes: number) => db.clock.set(vnInstant(day, minutes));

    at(D, 23 * 60 + 58); // 23:58 A
    const a = queue.issue({ serviceId }, null).value.id;
    at(D, 23 * 60 + 59); // 23:59 A is called and served
    expect(queue.callNext(actor).value?.id).toBe(a);
    queue.start(a, actor);
    db.clock.set(new Date(vnInstant(NEXT, 0).getTime() - 1)); // 23:59:59.999 B, still day D
    const b = queue.issue({ serviceId }, null).value.id;
    at(NEXT, 0); // 00:00:00.000 C, the next day
    const c = queue.issue({ serviceId }, null).value.id;
    expect([a, b, c].map((id) => db.store.tickets.byId(id)!.day)).toEqual([D, D, NEXT]);

    // 00:02: D is closed and read from its stored aggregate, with A still at the counter.
    at(NEXT, 2);
    const q = { from: D, to: D, targetWaitMinutes: 15 };
    const closed = await db.reports.report(q);
    expect(db.reports.pending(D, NEXT)).toEqual([]);
    expect(closed.totals).toMatchObject({ issued: 2, called: 1, served: 0, leftWaiting: 2 });
    expect(closed.byHour.filter((h) => h.arrivals > 0)).toEqual([{ weekday: 1, hour: 23, arrivals: 2 }]);
    const next = await db.reports.report({ from: NEXT, to: NEXT, targetWaitMinutes: 15 });
    expect(next.totals).toMatchObject({ issued: 1, leftWaiting: 0 });
    expect(next.byHour.filter((h) => h.arrivals > 0)).toEqual([{ weekday: 2, hour: 0, arrivals: 1 }]);

    // 00:04: A is finished and rated after midnight: day D is aggregated again with it.
    at(NEXT, 4);
    queue.finish(a, { outcome: 'guidance' }, actor);
    queue.rate(a, 'very-satisfied', null, counter);
    const after = await db.reports.report(q);
    expect(after.totals).toMatchObject({
      issued: 2,
      called: 1,
      served: 1,
      leftWaiting: 1, // B
      avgWaitSeconds: 60,
      avgServiceSeconds: 5 * 60,
      ratings: { verySatisfied: 1, satisfied: 0, unsatisfied: 0, none: 0 },
    });
    expect(after).toEqual(liveReport(db, D, D, NEXT));
    expect(new ReportDayStore(db.store.db).isClosed(D)).toBe(true);
  });
});
