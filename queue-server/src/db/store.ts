import type { Database, Statement } from 'better-sqlite3';
import type {
  CounterStatus,
  Device,
  DeviceKind,
  FinishOutcome,
  Intake,
  Role,
  TicketStatus,
  WeeklyHours,
} from '@layso/protocol';
import { NOT_YET_CALLED } from '../domain/tickets.js';
import type { CounterState, ServiceRules, TicketState } from '../domain/types.js';
import { cacheOf, dropAll, dropOnWrite, type Cache } from './store-cache.js';

/** Rows as the store hands them out: domain state plus what screens and replies need. */
export interface ServiceRow extends ServiceRules {
  code: string;
  name: string;
  nameEn: string | null;
}

export interface CounterRow extends CounterState {
  number: number;
  name: string;
  officerId: number | null;
  pauseReason: string | null;
}

export interface TicketRow extends TicketState {
  day: string;
  number: string;
  procedureId: number | null;
  officerId: number | null;
  dossierCode: string | null;
  dossierProcedureId: number | null;
  appointmentAt: Date | null;
  transferredFromId: number | null;
  trackingCode: string;
  intake: Intake | null;
  rating: string | null;
  ratingReason: string | null;
  issuedByDeviceId: number | null;
  transferNote: string | null;
  /** The last call or recall (`calledAt` stays the first call, which waiting times count to). */
  lastCalledAt: Date | null;
}

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  counterId: number | null;
  active: boolean;
}

export interface ProcedureRow {
  id: number;
  code: string;
  name: string;
  serviceId: number | null;
  field: string | null;
  agency: string | null;
  level: string | null;
  processingTime: string | null;
  fee: string | null;
}

export interface SessionRow {
  userId: number;
  counterId: number | null;
  expiresAt: number;
}

export interface DeviceRow extends Omit<Device, 'createdAt' | 'revokedAt'> {
  createdAt: number;
  revokedAt: number | null;
}

export interface ServiceDay {
  lastSeq: number;
  streak: number;
  /** Tickets handed out by kiosks (transfers don't use up the daily cap). */
  issued: number;
  /** Tickets waiting now, per class: kept by every command that adds to or calls from the queue. */
  waitingNormal: number;
  waitingPriority: number;
}

/** A group of one day's tickets: waiting or done, by service and counter (see `Store.dayFigures`). */
export interface DayFigure {
  serviceId: number;
  counterId: number | null;
  status: 'waiting' | 'done';
  count: number;
  /** The earliest `queued_at` of the group (for waiting tickets: the longest wait). */
  oldestQueuedAt: Date | null;
}

export interface NewTicket {
  serviceId: number;
  day: string;
  seq: number;
  number: string;
  priority: string | null;
  procedureId: number | null;
  queuedAt: Date;
  issuedAt: Date;
  trackingCode: string;
  intake: Intake | null;
  transferredFromId: number | null;
  issuedByDeviceId: number | null;
  transferNote: string | null;
}

type Raw = Record<string, unknown>;
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(Number(v)));
const ms = (d: Date | null | undefined): number | null => (d ? d.getTime() : null);

function toTicket(r: Raw): TicketRow {
  return {
    id: r.id as number,
    serviceId: r.service_id as number,
    seq: r.seq as number,
    day: r.day as string,
    number: r.number as string,
    priority: (r.priority as string | null) ?? null,
    procedureId: (r.procedure_id as number | null) ?? null,
    status: r.status as TicketStatus,
    queuedAt: new Date(r.queued_at as number),
    issuedAt: new Date(r.issued_at as number),
    calledAt: date(r.called_at),
    servedAt: date(r.served_at),
    finishedAt: date(r.finished_at),
    counterId: (r.counter_id as number | null) ?? null,
    officerId: (r.officer_id as number | null) ?? null,
    recalls: r.recalls as number,
    outcome: (r.outcome as FinishOutcome | null) ?? null,
    dossierCode: (r.dossier_code as string | null) ?? null,
    dossierProcedureId: (r.dossier_procedure_id as number | null) ?? null,
    appointmentAt: date(r.appointment_at),
    transferredFromId: (r.transferred_from_id as number | null) ?? null,
    trackingCode: r.tracking_code as string,
    intake: r.intake ? (JSON.parse(r.intake as string) as Intake) : null,
    rating: (r.rating as string | null) ?? null,
    ratingReason: (r.rating_reason as string | null) ?? null,
    issuedByDeviceId: (r.issued_by_device_id as number | null) ?? null,
    transferNote: (r.transfer_note as string | null) ?? null,
    lastCalledAt: date(r.last_called_at),
  };
}

function toService(r: Raw): ServiceRow {
  return {
    id: r.id as number,
    code: r.code as string,
    name: r.name as string,
    nameEn: (r.name_en as string | null) ?? null,
    numberFormat: { prefix: r.number_prefix as string, digits: r.number_digits as number },
    dailyCap: r.daily_cap as number,
    hours: JSON.parse(r.hours as string) as WeeklyHours,
    active: r.active === 1,
  };
}

function toProcedure(r: Raw): ProcedureRow {
  return {
    id: r.id as number,
    code: r.code as string,
    name: r.name as string,
    serviceId: (r.service_id as number | null) ?? null,
    field: (r.field as string | null) ?? null,
    agency: (r.agency as string | null) ?? null,
    level: (r.level as string | null) ?? null,
    processingTime: (r.processing_time as string | null) ?? null,
    fee: (r.fee as string | null) ?? null,
  };
}

function toUser(r: Raw): UserRow {
  return {
    id: r.id as number,
    username: r.username as string,
    displayName: r.display_name as string,
    role: r.role as Role,
    passwordHash: r.password_hash as string,
    counterId: (r.counter_id as number | null) ?? null,
    active: r.active === 1,
  };
}

function toDevice(r: Raw): DeviceRow {
  return {
    id: r.id as number,
    kind: r.kind as DeviceKind,
    name: r.name as string,
    counterId: (r.counter_id as number | null) ?? null,
    createdAt: r.created_at as number,
    revokedAt: (r.revoked_at as number | null) ?? null,
  };
}

/**
 * All SQL lives here, as prepared statements. Callers compose these inside `transaction()` so that a
 * decision and its effects commit together.
 */
export class Store {
  private readonly s: Record<string, Statement>;
  /** Rows kept parsed, shared by every Store on this connection (see {@link Cache}). */
  private readonly cache: Cache;

  constructor(readonly db: Database) {
    const cache = (this.cache = cacheOf(db));
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      services: p('SELECT * FROM services ORDER BY id'),
      service: p('SELECT * FROM services WHERE id = ?'),
      serviceByCode: p('SELECT * FROM services WHERE code = ?'),
      insertService:
        p(`INSERT INTO services (code, name, name_en, number_prefix, number_digits, daily_cap, hours, active)
        VALUES (@code, @name, @nameEn, @prefix, @digits, @dailyCap, @hours, @active)`),
      updateService: p(`UPDATE services SET code=@code, name=@name, name_en=@nameEn, number_prefix=@prefix,
        number_digits=@digits, daily_cap=@dailyCap, hours=@hours, active=@active WHERE id=@id`),
      procedureCounts: p(
        'SELECT service_id, count(*) AS n FROM procedures WHERE service_id IS NOT NULL GROUP BY service_id',
      ),
      procedures: p('SELECT * FROM procedures ORDER BY id'),
      procedure: p('SELECT * FROM procedures WHERE id = ?'),
      procedureByCode: p('SELECT id FROM procedures WHERE code = ?'),
      setProcedureService: p('UPDATE procedures SET service_id = ? WHERE id = ?'),
      upsertProcedure:
        p(`INSERT INTO procedures (code, name, service_id, field, agency, level, processing_time, fee)
        VALUES (@code, @name, @serviceId, @field, @agency, @level, @processingTime, @fee)
        ON CONFLICT(code) DO UPDATE SET name=excluded.name, service_id=excluded.service_id, field=excluded.field,
        agency=excluded.agency, level=excluded.level, processing_time=excluded.processing_time, fee=excluded.fee`),
      priorityGroups: p('SELECT code, name, name_en AS nameEn FROM priority_groups ORDER BY position'),
      clearPriorityGroups: p('DELETE FROM priority_groups'),
      insertPriorityGroup: p(
        'INSERT INTO priority_groups (code, name, name_en, position) VALUES (?, ?, ?, ?)',
      ),
      counters: p('SELECT * FROM counters ORDER BY number'),
      counter: p('SELECT * FROM counters WHERE id = ?'),
      counterServices: p('SELECT counter_id, service_id FROM counter_services ORDER BY counter_id, position'),
      counterServicesOf: p('SELECT service_id FROM counter_services WHERE counter_id = ? ORDER BY position'),
      insertCounter: p('INSERT INTO counters (number, name) VALUES (?, ?)'),
      updateCounterConfig: p('UPDATE counters SET number = ?, name = ? WHERE id = ?'),
      counterByNumber: p('SELECT id FROM counters WHERE number = ?'),
      deleteCounterServices: p('DELETE FROM counter_services WHERE counter_id = ?'),
      purgeIntake: p(`UPDATE tickets SET intake = NULL, transfer_note = NULL WHERE day < ?
        AND (intake IS NOT NULL OR transfer_note IS NOT NULL)
        AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.ticket_id = tickets.id AND o.delivered_at IS NULL)`),
      insertCounterService: p(
        'INSERT INTO counter_services (counter_id, service_id, position) VALUES (?, ?, ?)',
      ),
      updateCounter: p(
        `UPDATE counters SET paused=@paused, pause_reason=@pauseReason, current_ticket_id=@currentTicketId,
        officer_id=@officerId WHERE id=@id`,
      ),
      serviceDay:
        p(`SELECT last_seq, priority_streak, issued, waiting_normal, waiting_priority FROM service_days
        WHERE service_id = ? AND day = ?`),
      upsertServiceDay: p(`INSERT INTO service_days
        (service_id, day, last_seq, priority_streak, issued, waiting_normal, waiting_priority)
        VALUES (@serviceId, @day, @lastSeq, @streak, @issued, @waitingNormal, @waitingPriority)
        ON CONFLICT(service_id, day) DO UPDATE SET last_seq = excluded.last_seq,
        priority_streak = excluded.priority_streak, issued = excluded.issued,
        waiting_normal = excluded.waiting_normal, waiting_priority = excluded.waiting_priority`),
      insertTicket:
        p(`INSERT INTO tickets (service_id, day, seq, number, priority, procedure_id, status, queued_at, issued_at,
        tracking_code, intake, transferred_from_id, issued_by_device_id, transfer_note)
        VALUES (@serviceId, @day, @seq, @number, @priority, @procedureId, 'waiting', @queuedAt, @issuedAt, @trackingCode,
        @intake, @transferredFromId, @issuedByDeviceId, @transferNote)`),
      ticket: p('SELECT * FROM tickets WHERE id = ?'),
      ticketByTracking: p('SELECT * FROM tickets WHERE tracking_code = ?'),
      updateTicket:
        p(`UPDATE tickets SET status=@status, called_at=@calledAt, served_at=@servedAt, finished_at=@finishedAt,
        counter_id=@counterId, officer_id=@officerId, recalls=@recalls, outcome=@outcome, dossier_code=@dossierCode,
        dossier_procedure_id=@dossierProcedureId, appointment_at=@appointmentAt, last_called_at=@lastCalledAt WHERE id=@id`),
      dossierHolder: p('SELECT id FROM tickets WHERE dossier_code = ? AND outcome = ? AND id <> ? LIMIT 1'),
      setRating: p('UPDATE tickets SET rating = ?, rating_reason = ? WHERE id = ? AND rating IS NULL'),
      waiting: p(
        `SELECT * FROM tickets WHERE day = ? AND service_id = ? AND status = 'waiting' ORDER BY queued_at, seq, id`,
      ),
      queueHeads: p(`SELECT * FROM (SELECT id, service_id, seq, priority, queued_at, issued_at FROM tickets
          WHERE day = @day AND service_id = @serviceId AND status = 'waiting' AND priority IS NOT NULL
          ORDER BY queued_at, seq, id LIMIT 1)
        UNION ALL SELECT * FROM (SELECT id, service_id, seq, priority, queued_at, issued_at FROM tickets
          WHERE day = @day AND service_id = @serviceId AND status = 'waiting' AND priority IS NULL
          ORDER BY queued_at, seq, id LIMIT 1)`),
      classBefore: p(`SELECT count(*) AS n FROM tickets WHERE day = @day AND service_id = @serviceId
        AND status = 'waiting' AND (priority IS NOT NULL) = @priority AND (queued_at, seq, id) < (@queuedAt, @seq, @id)`),
      recentServiceSeconds:
        p(`SELECT (finished_at - coalesce(served_at, called_at)) / 1000.0 AS s FROM tickets
        WHERE day = ? AND service_id = ? AND status = 'done' ORDER BY finished_at DESC LIMIT ?`),
      recentCalls: p(
        `SELECT * FROM tickets WHERE day = ? AND called_at IS NOT NULL AND (? IS NULL OR service_id = ?)
          ORDER BY coalesce(last_called_at, called_at) DESC, id DESC LIMIT ?`,
      ),
      insertOutbox: p(
        'INSERT INTO outbox (ticket_id, dossier_code, created_at, next_attempt_at) VALUES (?, ?, ?, ?)',
      ),
      users: p('SELECT * FROM users ORDER BY id'),
      user: p('SELECT * FROM users WHERE id = ?'),
      userByName: p('SELECT * FROM users WHERE username = ?'),
      insertUser: p(`INSERT INTO users (username, display_name, role, password_hash, counter_id)
        VALUES (@username, @displayName, @role, @passwordHash, @counterId)`),
      updateUser: p(`UPDATE users SET display_name = @displayName, role = @role, counter_id = @counterId,
        active = @active WHERE id = @id`),
      setPasswordHash: p('UPDATE users SET password_hash = ? WHERE id = ?'),
      deleteUserSessions: p('DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?'),
      insertSession: p(
        'INSERT INTO sessions (token_hash, user_id, counter_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      ),
      session: p('SELECT user_id, counter_id, expires_at FROM sessions WHERE token_hash = ?'),
      deleteSession: p('DELETE FROM sessions WHERE token_hash = ?'),
      moveSession: p('UPDATE sessions SET counter_id = ? WHERE token_hash = ?'),
      seatedSession: p(
        'SELECT 1 FROM sessions WHERE user_id = ? AND counter_id = ? AND expires_at > ? LIMIT 1',
      ),
      unseatedCounters: p(`SELECT c.id FROM counters c WHERE c.officer_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM sessions s WHERE s.user_id = c.officer_id AND s.counter_id = c.id AND s.expires_at > ?)`),
      dropOtherSeats: p(
        'DELETE FROM sessions WHERE user_id = ? AND counter_id IS NOT NULL AND counter_id <> ?',
      ),
      purgeSessions: p('DELETE FROM sessions WHERE expires_at <= ?'),
      devices: p('SELECT * FROM devices ORDER BY id'),
      device: p('SELECT * FROM devices WHERE id = ?'),
      deviceByHash: p('SELECT * FROM devices WHERE token_hash = ? AND revoked_at IS NULL'),
      insertDevice: p(
        'INSERT INTO devices (kind, name, counter_id, token_hash, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      revokeDevice: p('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      devicesSeen: p('SELECT id, last_seen_at FROM devices WHERE last_seen_at IS NOT NULL'),
      setDeviceSeen: p(
        'UPDATE devices SET last_seen_at = ? WHERE id = ? AND (last_seen_at IS NULL OR last_seen_at < ?)',
      ),
      dayFigures:
        p(`SELECT service_id, counter_id, status, count(*) AS n, min(queued_at) AS oldest FROM tickets
        WHERE day = ? AND status IN ('waiting', 'done') GROUP BY service_id, status, counter_id`),
      setting: p('SELECT value FROM settings WHERE key = ?'),
      putSetting: p(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
    };
    dropOnWrite(Object.values(this.s), cache);
  }

  transaction<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (e) {
      dropAll(this.cache);
      throw e;
    }
  }

  // ---- services and procedures ----
  services(): ServiceRow[] {
    return (this.s.services!.all() as Raw[]).map(toService);
  }
  /** Read on every issue and reply; services change only through `saveService`, so rows are kept parsed. */
  service(id: number): ServiceRow | null {
    const cached = this.cache.services.get(id);
    if (cached) return cached;
    const r = this.s.service!.get(id) as Raw | undefined;
    if (!r) return null;
    const row = Object.freeze(toService(r));
    this.cache.services.set(id, row);
    return row;
  }
  serviceByCode(code: string): ServiceRow | null {
    const r = this.s.serviceByCode!.get(code) as Raw | undefined;
    return r ? toService(r) : null;
  }
  saveService(s: Omit<ServiceRow, 'id'> & { id?: number }): number {
    const params = {
      id: s.id,
      code: s.code,
      name: s.name,
      nameEn: s.nameEn,
      prefix: s.numberFormat.prefix,
      digits: s.numberFormat.digits,
      dailyCap: s.dailyCap,
      hours: JSON.stringify(s.hours),
      active: s.active ? 1 : 0,
    };
    this.cache.services.clear();
    if (s.id === undefined) return Number(this.s.insertService!.run(params).lastInsertRowid);
    this.s.updateService!.run(params);
    return s.id;
  }
  procedureCounts(): ReadonlyMap<number, number> {
    if (this.cache.procedureCounts) return this.cache.procedureCounts;
    const rows = this.s.procedureCounts!.all() as { service_id: number; n: number }[];
    return (this.cache.procedureCounts = new Map(rows.map((r) => [r.service_id, r.n])));
  }
  procedures(): ProcedureRow[] {
    return (this.s.procedures!.all() as Raw[]).map(toProcedure);
  }
  procedure(id: number): ProcedureRow | null {
    const r = this.s.procedure!.get(id) as Raw | undefined;
    return r ? toProcedure(r) : null;
  }
  setProcedureService(id: number, serviceId: number | null): void {
    this.s.setProcedureService!.run(serviceId, id);
  }
  /** Insert or update by code; true when it was new. */
  upsertProcedure(p: Omit<ProcedureRow, 'id'>): boolean {
    const existed = this.s.procedureByCode!.get(p.code) !== undefined;
    this.s.upsertProcedure!.run(p);
    return !existed;
  }
  priorityGroups(): { code: string; name: string; nameEn: string }[] {
    return this.s.priorityGroups!.all() as { code: string; name: string; nameEn: string }[];
  }
  /** Replaces the list (call inside a transaction). */
  setPriorityGroups(groups: { code: string; name: string; nameEn: string }[]): void {
    this.s.clearPriorityGroups!.run();
    groups.forEach((g, i) => this.addPriorityGroup(g, i));
  }
  addPriorityGroup(g: { code: string; name: string; nameEn: string }, position: number): void {
    this.s.insertPriorityGroup!.run(g.code, g.name, g.nameEn, position);
  }

  // ---- counters ----
  counters(): readonly CounterRow[] {
    return (this.cache.counters ??= this.readCounters());
  }
  private readCounters(): readonly CounterRow[] {
    const byCounter = new Map<number, number[]>();
    for (const r of this.s.counterServices!.all() as { counter_id: number; service_id: number }[]) {
      const list = byCounter.get(r.counter_id) ?? [];
      list.push(r.service_id);
      byCounter.set(r.counter_id, list);
    }
    return Object.freeze(
      (this.s.counters!.all() as Raw[]).map((r) =>
        Object.freeze(this.toCounter(r, byCounter.get(r.id as number) ?? [])),
      ),
    );
  }
  counter(id: number): CounterRow | null {
    const r = this.s.counter!.get(id) as Raw | undefined;
    if (!r) return null;
    const ids = (this.s.counterServicesOf!.all(id) as { service_id: number }[]).map((x) => x.service_id);
    return this.toCounter(r, ids);
  }
  private toCounter(r: Raw, serviceIds: number[]): CounterRow {
    return {
      id: r.id as number,
      number: r.number as number,
      name: r.name as string,
      paused: r.paused === 1,
      pauseReason: r.paused === 1 ? ((r.pause_reason as string | null) ?? null) : null,
      officerId: (r.officer_id as number | null) ?? null,
      currentTicketId: (r.current_ticket_id as number | null) ?? null,
      serviceIds,
    };
  }
  addCounter(number: number, name: string, serviceIds: number[]): number {
    const id = Number(this.s.insertCounter!.run(number, name).lastInsertRowid);
    serviceIds.forEach((sid, i) => this.s.insertCounterService!.run(id, sid, i));
    return id;
  }
  /** Renumbers/renames a counter and sets the services it serves, in order of preference. */
  configureCounter(id: number, number: number, name: string, serviceIds: number[]): void {
    this.s.updateCounterConfig!.run(number, name, id);
    this.s.deleteCounterServices!.run(id);
    serviceIds.forEach((sid, i) => this.s.insertCounterService!.run(id, sid, i));
  }
  counterIdByNumber(number: number): number | null {
    return (this.s.counterByNumber!.get(number) as { id: number } | undefined)?.id ?? null;
  }
  /**
   * Personal intake (Decree 13/2023) and officers' free-text transfer notes are kept only as long as needed:
   * drops them from tickets of days before
   * `beforeDay`, except where a dossier still waits to reach the provincial system. Returns how many.
   */
  purgeIntake(beforeDay: string): number {
    return this.s.purgeIntake!.run(beforeDay).changes;
  }
  saveCounter(
    c: Pick<CounterRow, 'id' | 'paused' | 'currentTicketId' | 'officerId'> & { pauseReason?: string | null },
  ): void {
    const kept = this.cache.counters;
    const pauseReason = c.paused ? (c.pauseReason ?? null) : null;
    this.s.updateCounter!.run({
      id: c.id,
      paused: c.paused ? 1 : 0,
      pauseReason,
      currentTicketId: c.currentTicketId,
      officerId: c.officerId,
    });
    // Every call and finish lands here: the kept list takes the new row instead of being read again.
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
  counterStatus(c: CounterRow): CounterStatus {
    if (c.paused) return 'paused';
    return c.officerId === null ? 'closed' : 'open';
  }

  // ---- numbering and tickets ----
  /** Numbering state of a service-day: last number used, priority calls in a row, tickets kiosks issued. */
  serviceDay(serviceId: number, day: string): ServiceDay {
    const r = this.s.serviceDay!.get(serviceId, day) as Raw | undefined;
    return {
      lastSeq: (r?.last_seq as number | undefined) ?? 0,
      streak: (r?.priority_streak as number | undefined) ?? 0,
      issued: (r?.issued as number | undefined) ?? 0,
      waitingNormal: (r?.waiting_normal as number | undefined) ?? 0,
      waitingPriority: (r?.waiting_priority as number | undefined) ?? 0,
    };
  }
  saveServiceDay(serviceId: number, day: string, d: ServiceDay): void {
    this.s.upsertServiceDay!.run({ serviceId, day, ...d });
  }
  /** Inserts a waiting ticket and returns its row as stored (no second read). */
  insertTicket(t: NewTicket): TicketRow {
    const id = Number(
      this.s.insertTicket!.run({
        ...t,
        queuedAt: t.queuedAt.getTime(),
        issuedAt: t.issuedAt.getTime(),
        intake: t.intake ? JSON.stringify(t.intake) : null,
      }).lastInsertRowid,
    );
    return {
      ...t,
      id,
      ...NOT_YET_CALLED,
      officerId: null,
      dossierCode: null,
      dossierProcedureId: null,
      appointmentAt: null,
      rating: null,
      ratingReason: null,
      lastCalledAt: null,
    };
  }
  ticket(id: number): TicketRow | null {
    const r = this.s.ticket!.get(id) as Raw | undefined;
    return r ? toTicket(r) : null;
  }
  ticketByTracking(code: string): TicketRow | null {
    const r = this.s.ticketByTracking!.get(code) as Raw | undefined;
    return r ? toTicket(r) : null;
  }
  saveTicket(t: TicketRow): void {
    this.s.updateTicket!.run({
      id: t.id,
      status: t.status,
      calledAt: ms(t.calledAt),
      servedAt: ms(t.servedAt),
      finishedAt: ms(t.finishedAt),
      counterId: t.counterId,
      officerId: t.officerId,
      recalls: t.recalls,
      outcome: t.outcome,
      dossierCode: t.dossierCode,
      dossierProcedureId: t.dossierProcedureId,
      appointmentAt: ms(t.appointmentAt),
      lastCalledAt: ms(t.lastCalledAt),
    });
  }
  /** Another ticket already finished with this dossier code and outcome, if any. */
  dossierHolder(code: string, outcome: string, exceptTicketId: number): number | null {
    return (
      (this.s.dossierHolder!.get(code, outcome, exceptTicketId) as { id: number } | undefined)?.id ?? null
    );
  }
  /** Stores the citizen's rating once; false when the ticket was already rated. */
  setRating(ticketId: number, rating: string, reason: string | null): boolean {
    return this.s.setRating!.run(rating, reason, ticketId).changes > 0;
  }
  /** A service's waiting tickets of the day in call order, whole rows (the officer's queue view). */
  waiting(day: string, serviceId: number): TicketRow[] {
    return (this.s.waiting!.all(day, serviceId) as Raw[]).map(toTicket);
  }
  /**
   * The first waiting ticket of each class in a service, in call order: all the call policy needs to decide
   * (it takes the earliest of a class), so a call costs the same however long the queue is.
   */
  queueHeads(day: string, serviceId: number): TicketState[] {
    return (this.s.queueHeads!.all({ day, serviceId }) as Raw[]).map((r) => ({
      id: r.id as number,
      serviceId: r.service_id as number,
      seq: r.seq as number,
      priority: (r.priority as string | null) ?? null,
      ...NOT_YET_CALLED,
      queuedAt: new Date(r.queued_at as number),
      issuedAt: new Date(r.issued_at as number),
    }));
  }
  /** Where a waiting ticket stands: own-class tickets before it, and the other class's count (for `aheadFromCounts`). */
  queuePosition(t: TicketRow): { priority: boolean; before: number; others: number } {
    const priority = t.priority !== null;
    const before = (
      this.s.classBefore!.get({
        day: t.day,
        serviceId: t.serviceId,
        priority: priority ? 1 : 0,
        queuedAt: t.queuedAt.getTime(),
        seq: t.seq,
        id: t.id,
      }) as { n: number }
    ).n;
    const counts = this.classCounts(t.day, t.serviceId);
    return { priority, before, others: priority ? counts.normal : counts.priority };
  }
  /** Waiting tickets of a service by class (kept in `service_days`, no scan). */
  classCounts(day: string, serviceId: number): { priority: number; normal: number } {
    const d = this.serviceDay(serviceId, day);
    return { priority: d.waitingPriority, normal: d.waitingNormal };
  }
  waitingCount(day: string, serviceId: number): number {
    const d = this.serviceDay(serviceId, day);
    return d.waitingPriority + d.waitingNormal;
  }
  recentServiceSeconds(day: string, serviceId: number, limit: number): number[] {
    return (this.s.recentServiceSeconds!.all(day, serviceId, limit) as { s: number }[]).map((r) => r.s);
  }
  /** The day's latest calls (recalls count as calls), of one service or of all when `serviceId` is null. */
  recentCalls(day: string, limit: number, serviceId: number | null = null): TicketRow[] {
    return (this.s.recentCalls!.all(day, serviceId, serviceId, limit) as Raw[]).map(toTicket);
  }
  enqueueDossier(ticketId: number, dossierCode: string, at: Date): void {
    this.s.insertOutbox!.run(ticketId, dossierCode, at.getTime(), at.getTime());
  }

  // ---- accounts, sessions, devices ----
  users(): UserRow[] {
    return (this.s.users!.all() as Raw[]).map(toUser);
  }
  user(id: number): UserRow | null {
    const r = this.s.user!.get(id) as Raw | undefined;
    return r ? toUser(r) : null;
  }
  userByName(username: string): UserRow | null {
    const r = this.s.userByName!.get(username) as Raw | undefined;
    return r ? toUser(r) : null;
  }
  addUser(u: Omit<UserRow, 'id' | 'active'>): number {
    return Number(this.s.insertUser!.run(u).lastInsertRowid);
  }
  /** An admin's change of an account (never its username or password). */
  updateUser(u: Pick<UserRow, 'id' | 'displayName' | 'role' | 'counterId' | 'active'>): void {
    this.s.updateUser!.run({ ...u, active: u.active ? 1 : 0 });
  }
  setPasswordHash(userId: number, passwordHash: string): void {
    this.s.setPasswordHash!.run(passwordHash, userId);
  }
  /** Ends a user's sessions (all of them, or all but `keepTokenHash`); returns how many ended. */
  deleteUserSessions(userId: number, keepTokenHash: string | null = null): number {
    return this.s.deleteUserSessions!.run(userId, keepTokenHash).changes;
  }
  addSession(
    tokenHash: string,
    userId: number,
    counterId: number | null,
    at: number,
    expiresAt: number,
  ): void {
    this.s.insertSession!.run(tokenHash, userId, counterId, at, expiresAt);
  }
  session(tokenHash: string): SessionRow | null {
    const r = this.s.session!.get(tokenHash) as
      { user_id: number; counter_id: number | null; expires_at: number } | undefined;
    return r ? { userId: r.user_id, counterId: r.counter_id, expiresAt: r.expires_at } : null;
  }
  deleteSession(tokenHash: string): void {
    this.s.deleteSession!.run(tokenHash);
  }
  moveSession(tokenHash: string, counterId: number): void {
    this.s.moveSession!.run(counterId, tokenHash);
  }
  /** Whether `userId` has a live session seated at `counterId`. */
  seatedSession(userId: number, counterId: number, now: number): boolean {
    return this.s.seatedSession!.get(userId, counterId, now) !== undefined;
  }
  /** Counters shown as staffed although nobody has a live session there (expired, or moved elsewhere). */
  unseatedCounters(now: number): number[] {
    return (this.s.unseatedCounters!.all(now) as { id: number }[]).map((r) => r.id);
  }
  /** An officer sits at one counter at a time: signing in at one ends their sessions at the others. */
  dropOtherSeats(userId: number, counterId: number): void {
    this.s.dropOtherSeats!.run(userId, counterId);
  }
  purgeSessions(now: number): void {
    this.s.purgeSessions!.run(now);
  }
  devices(): DeviceRow[] {
    return (this.s.devices!.all() as Raw[]).map(toDevice);
  }
  device(id: number): DeviceRow | null {
    const r = this.s.device!.get(id) as Raw | undefined;
    return r ? toDevice(r) : null;
  }
  deviceByTokenHash(hash: string): DeviceRow | null {
    const r = this.s.deviceByHash!.get(hash) as Raw | undefined;
    return r ? toDevice(r) : null;
  }
  addDevice(kind: DeviceKind, name: string, counterId: number | null, tokenHash: string, at: number): number {
    return Number(this.s.insertDevice!.run(kind, name, counterId, tokenHash, at).lastInsertRowid);
  }
  revokeDevice(id: number, at: number): boolean {
    return this.s.revokeDevice!.run(at, id).changes > 0;
  }
  /** When each device was last seen, as stored (ms since the epoch); devices never seen are absent. */
  devicesSeen(): Map<number, number> {
    const rows = this.s.devicesSeen!.all() as { id: number; last_seen_at: number }[];
    return new Map(rows.map((r) => [r.id, r.last_seen_at]));
  }
  /** Moves a device's last-seen time forward (never back). */
  setDeviceSeen(id: number, at: number): void {
    this.s.setDeviceSeen!.run(at, id, at);
  }
  /**
   * One day's figures for the live floor, in one read of that day's tickets (the `day` prefix of
   * `tickets_waiting`): waiting per service with the longest wait's `queued_at`, served per service and counter.
   */
  dayFigures(day: string): DayFigure[] {
    return (this.s.dayFigures!.all(day) as Raw[]).map((r) => ({
      serviceId: r.service_id as number,
      counterId: (r.counter_id as number | null) ?? null,
      status: r.status as 'waiting' | 'done',
      count: r.n as number,
      oldestQueuedAt: r.oldest === null ? null : new Date(r.oldest as number),
    }));
  }
  setting(key: string): string | null {
    return (this.s.setting!.get(key) as { value: string } | undefined)?.value ?? null;
  }
  putSetting(key: string, value: string): void {
    this.s.putSetting!.run(key, value);
  }
}
