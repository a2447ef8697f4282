import type { Database } from 'better-sqlite3';
import type { CounterStatus } from '@layso/protocol';
import type { CounterState } from '../domain/types.js';
import { bit } from './sql.js';
import type { Cache } from './store-cache.js';

export interface CounterRow extends CounterState {
  number: number;
  name: string;
  officerId: number | null;
  pauseReason: string | null;
}

/** What a call, finish or pause changes on a counter. */
export type CounterChange = Pick<CounterRow, 'id' | 'paused' | 'currentTicketId' | 'officerId'> & {
  pauseReason?: string | null;
};

interface CounterRecord {
  id: number;
  number: number;
  name: string;
  paused: number;
  pause_reason: string | null;
  officer_id: number | null;
  current_ticket_id: number | null;
}

interface CounterParams {
  id: number;
  paused: 0 | 1;
  pauseReason: string | null;
  currentTicketId: number | null;
  officerId: number | null;
}

function toCounter(r: CounterRecord, serviceIds: number[]): CounterRow {
  return {
    id: r.id,
    number: r.number,
    name: r.name,
    paused: r.paused === 1,
    pauseReason: r.paused === 1 ? r.pause_reason : null,
    officerId: r.officer_id,
    currentTicketId: r.current_ticket_id,
    serviceIds,
  };
}

/** The counters' statements, typed by their parameters and rows. */
function prepare(db: Database) {
  return {
    all: db.prepare<[], CounterRecord>('SELECT * FROM counters ORDER BY number'),
    byId: db.prepare<[number], CounterRecord>('SELECT * FROM counters WHERE id = ?'),
    services: db.prepare<[], { counter_id: number; service_id: number }>(
      'SELECT counter_id, service_id FROM counter_services ORDER BY counter_id, position',
    ),
    servicesOf: db.prepare<[number], { service_id: number }>(
      'SELECT service_id FROM counter_services WHERE counter_id = ? ORDER BY position',
    ),
    insert: db.prepare<[number, string]>('INSERT INTO counters (number, name) VALUES (?, ?)'),
    updateConfig: db.prepare<[number, string, number]>(
      'UPDATE counters SET number = ?, name = ? WHERE id = ?',
    ),
    byNumber: db.prepare<[number], { id: number }>('SELECT id FROM counters WHERE number = ?'),
    deleteServices: db.prepare<[number]>('DELETE FROM counter_services WHERE counter_id = ?'),
    insertService: db.prepare<[number, number, number]>(
      'INSERT INTO counter_services (counter_id, service_id, position) VALUES (?, ?, ?)',
    ),
    update: db.prepare<CounterParams>(
      `UPDATE counters SET paused=@paused, pause_reason=@pauseReason, current_ticket_id=@currentTicketId,
        officer_id=@officerId WHERE id=@id`,
    ),
    seated: db.prepare<[number, number, number], { 1: number }>(
      'SELECT 1 FROM sessions WHERE user_id = ? AND counter_id = ? AND expires_at > ? LIMIT 1',
    ),
    unseated: db.prepare<[number], { id: number }>(
      `SELECT c.id FROM counters c WHERE c.officer_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM sessions s WHERE s.user_id = c.officer_id AND s.counter_id = c.id AND s.expires_at > ?)`,
    ),
    dropOtherSeats: db.prepare<[number, number]>(
      'DELETE FROM sessions WHERE user_id = ? AND counter_id IS NOT NULL AND counter_id <> ?',
    ),
  };
}

/** Counters, the services each serves (in order of preference), and who is seated where. */
export class CountersRepo {
  private readonly st: ReturnType<typeof prepare>;

  constructor(
    db: Database,
    private readonly cache: Cache,
  ) {
    this.st = prepare(db);
  }

  /** Every counter with its services, read once and kept (frozen) until a write here drops or patches it. */
  all(): readonly CounterRow[] {
    return (this.cache.counters ??= this.read());
  }
  private read(): readonly CounterRow[] {
    const byCounter = new Map<number, number[]>();
    for (const r of this.st.services.all()) {
      const list = byCounter.get(r.counter_id) ?? [];
      list.push(r.service_id);
      byCounter.set(r.counter_id, list);
    }
    return Object.freeze(
      this.st.all.all().map((r) => Object.freeze(toCounter(r, byCounter.get(r.id) ?? []))),
    );
  }
  byId(id: number): CounterRow | null {
    const r = this.st.byId.get(id);
    if (!r) return null;
    return toCounter(
      r,
      this.st.servicesOf.all(id).map((x) => x.service_id),
    );
  }
  /** Adds a counter serving `serviceIds`; drops the kept counters. */
  add(number: number, name: string, serviceIds: number[]): number {
    this.cache.counters = null;
    const id = Number(this.st.insert.run(number, name).lastInsertRowid);
    serviceIds.forEach((sid, i) => this.st.insertService.run(id, sid, i));
    return id;
  }
  /** Renumbers/renames a counter and sets the services it serves, in order of preference; drops the kept counters. */
  configure(id: number, number: number, name: string, serviceIds: number[]): void {
    this.cache.counters = null;
    this.st.updateConfig.run(number, name, id);
    this.st.deleteServices.run(id);
    serviceIds.forEach((sid, i) => this.st.insertService.run(id, sid, i));
  }
  idByNumber(number: number): number | null {
    return this.st.byNumber.get(number)?.id ?? null;
  }
  /** Every call and finish lands here: the kept list takes the new row instead of being read again. */
  save(c: CounterChange): void {
    const pauseReason = c.paused ? (c.pauseReason ?? null) : null;
    this.st.update.run({
      id: c.id,
      paused: bit(c.paused),
      pauseReason,
      currentTicketId: c.currentTicketId,
      officerId: c.officerId,
    });
    const kept = this.cache.counters;
    if (kept) {
      const changed = {
        paused: c.paused,
        pauseReason,
        currentTicketId: c.currentTicketId,
        officerId: c.officerId,
      };
      this.cache.counters = Object.freeze(
        kept.map((r) => (r.id === c.id ? Object.freeze({ ...r, ...changed }) : r)),
      );
    }
  }
  status(c: CounterRow): CounterStatus {
    if (c.paused) return 'paused';
    return c.officerId === null ? 'closed' : 'open';
  }

  // ---- seats (an officer's session at a counter) ----
  /** Whether `userId` has a live session seated at `counterId`. */
  isSeated(userId: number, counterId: number, now: number): boolean {
    return this.st.seated.get(userId, counterId, now) !== undefined;
  }
  /** Counters shown as staffed although nobody has a live session there (expired, or moved elsewhere). */
  unseated(now: number): number[] {
    return this.st.unseated.all(now).map((r) => r.id);
  }
  /** An officer sits at one counter at a time: signing in at one ends their sessions at the others. */
  dropOtherSeats(userId: number, counterId: number): void {
    this.st.dropOtherSeats.run(userId, counterId);
  }
}
