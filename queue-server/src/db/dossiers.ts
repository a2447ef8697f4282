import type { Database, Statement } from 'better-sqlite3';
import {
  DOSSIER_STATUS_CODES as S,
  type Collector,
  type DossierChannel,
  type ProvincialStatus,
  type ReturnDetails,
  type StatusSource,
} from '@layso/protocol';
import { CLOSED_STATUSES, newDossier, withStatus, type Dossier } from '../domain/dossiers.js';
import { ms, toDate } from './sql.js';

export type { Dossier as DossierRow } from '../domain/dossiers.js';

/** A dossier still under a deadline by its status (`isClosed` in SQL): not refused, withdrawn or stopped. */
export const NOT_CLOSED = `status NOT IN (${CLOSED_STATUSES.join(', ')})`;

interface Row {
  code: string;
  procedure_id: number | null;
  service_id: number | null;
  channel: DossierChannel;
  received_at: number | null;
  appointment_at: number | null;
  status: number;
  status_source: StatusSource;
  status_learnt_at: number;
  reason: string | null;
  return_place: string | null;
  result_ready_at: number | null;
  returned_at: number | null;
  collected_by: Collector | null;
  collector_name: string | null;
  collector_id_number: string | null;
  originals_returned: number | null;
  receiving_officer_id: number | null;
  receiving_ticket_id: number | null;
  return_ticket_id: number | null;
  proof_id: string | null;
  proof_phone: string | null;
  updated_at: number;
}

const COLUMNS = `code, procedure_id, service_id, channel, received_at, appointment_at, status, status_source,
  status_learnt_at, reason, return_place, result_ready_at, returned_at, collected_by, collector_name,
  collector_id_number, originals_returned, receiving_officer_id, receiving_ticket_id, return_ticket_id, proof_id,
  proof_phone, updated_at`;

function fromRow(r: Row): Dossier {
  return {
    code: r.code,
    procedureId: r.procedure_id,
    serviceId: r.service_id,
    channel: r.channel,
    receivedAt: toDate(r.received_at),
    appointmentAt: toDate(r.appointment_at),
    status: r.status,
    statusSource: r.status_source,
    statusLearntAt: new Date(r.status_learnt_at),
    reason: r.reason,
    returnPlace: r.return_place,
    resultReadyAt: toDate(r.result_ready_at),
    returnedAt: toDate(r.returned_at),
    collectedBy: r.collected_by,
    collectorName: r.collector_name,
    collectorIdNumber: r.collector_id_number,
    originalsReturned: r.originals_returned,
    receivingOfficerId: r.receiving_officer_id,
    receivingTicketId: r.receiving_ticket_id,
    returnTicketId: r.return_ticket_id,
    proofId: r.proof_id,
    proofPhone: r.proof_phone,
    updatedAt: new Date(r.updated_at),
  };
}

function toRow(d: Dossier): Row {
  return {
    code: d.code,
    procedure_id: d.procedureId,
    service_id: d.serviceId,
    channel: d.channel,
    received_at: ms(d.receivedAt),
    appointment_at: ms(d.appointmentAt),
    status: d.status,
    status_source: d.statusSource,
    status_learnt_at: d.statusLearntAt.getTime(),
    reason: d.reason,
    return_place: d.returnPlace,
    result_ready_at: ms(d.resultReadyAt),
    returned_at: ms(d.returnedAt),
    collected_by: d.collectedBy,
    collector_name: d.collectorName,
    collector_id_number: d.collectorIdNumber,
    originals_returned: d.originalsReturned,
    receiving_officer_id: d.receivingOfficerId,
    receiving_ticket_id: d.receivingTicketId,
    return_ticket_id: d.returnTicketId,
    proof_id: d.proofId,
    proof_phone: d.proofPhone,
    updated_at: d.updatedAt.getTime(),
  };
}

/** A dossier received at a counter (the finish with outcome 'received'). */
export interface ReceivedDossier {
  code: string;
  procedureId: number | null;
  serviceId: number;
  receivedAt: Date;
  appointmentAt: Date | null;
  officerId: number | null;
  ticketId: number | null;
  /** Last 4 digits only (see `lastFour`). */
  proofId: string | null;
  proofPhone: string | null;
}

/** A result handed back at a counter (the finish with outcome 'returned'). */
export interface ReturnedDossier {
  code: string;
  procedureId: number | null;
  serviceId: number;
  returnedAt: Date;
  ticketId: number | null;
  details: ReturnDetails | null;
}

/** Which open dossiers the background refresh asks the province about. */
export interface StaleQuery {
  /** Due at or before this instant (e.g. two working days ahead). */
  dueBefore: Date;
  /** Status learnt before this instant. */
  learntBefore: Date;
  limit: number;
}

/**
 * The center's dossier register (table `dossiers`, migration 0120). Writes run inside the caller's transaction
 * where they go with a ticket (the counter's finish), so the ticket, the outbox row and the register commit together.
 */
export class DossiersRepo {
  private readonly st: {
    byCode: Statement<[string], Row>;
    save: Statement<Row>;
    knowsAgency: Statement<[string, string], { one: number }>;
    stale: Statement<[number, number, number], { code: string }>;
    purge: Statement<[number]>;
  };

  constructor(db: Database) {
    this.st = {
      byCode: db.prepare(`SELECT ${COLUMNS} FROM dossiers WHERE code = ?`),
      save: db.prepare(`INSERT INTO dossiers (${COLUMNS}) VALUES (@code, @procedure_id, @service_id, @channel,
        @received_at, @appointment_at, @status, @status_source, @status_learnt_at, @reason, @return_place,
        @result_ready_at, @returned_at, @collected_by, @collector_name, @collector_id_number, @originals_returned,
        @receiving_officer_id, @receiving_ticket_id, @return_ticket_id, @proof_id, @proof_phone, @updated_at)
        ON CONFLICT(code) DO UPDATE SET procedure_id = excluded.procedure_id, service_id = excluded.service_id,
        channel = excluded.channel, received_at = excluded.received_at, appointment_at = excluded.appointment_at,
        status = excluded.status, status_source = excluded.status_source,
        status_learnt_at = excluded.status_learnt_at, reason = excluded.reason, return_place = excluded.return_place,
        result_ready_at = excluded.result_ready_at, returned_at = excluded.returned_at,
        collected_by = excluded.collected_by, collector_name = excluded.collector_name,
        collector_id_number = excluded.collector_id_number, originals_returned = excluded.originals_returned,
        receiving_officer_id = excluded.receiving_officer_id, receiving_ticket_id = excluded.receiving_ticket_id,
        return_ticket_id = excluded.return_ticket_id, proof_id = excluded.proof_id,
        proof_phone = excluded.proof_phone, updated_at = excluded.updated_at`),
      // Codes read `{agency}-…`; '.' sorts right after '-', so this is a range scan of the primary key.
      knowsAgency: db.prepare('SELECT 1 AS one FROM dossiers WHERE code >= ? AND code < ? LIMIT 1'),
      stale: db.prepare(`SELECT code FROM dossiers
        WHERE returned_at IS NULL AND ${NOT_CLOSED}
          AND (appointment_at <= ? OR result_ready_at IS NOT NULL) AND status_learnt_at < ?
        ORDER BY status_learnt_at LIMIT ?`),
      purge: db.prepare(`UPDATE dossiers SET collector_name = NULL, collector_id_number = NULL,
          proof_id = NULL, proof_phone = NULL
        WHERE returned_at < ? AND (collector_name IS NOT NULL OR collector_id_number IS NOT NULL
          OR proof_id IS NOT NULL OR proof_phone IS NOT NULL)`),
    };
  }

  byCode(code: string): Dossier | null {
    const r = this.st.byCode.get(code);
    return r ? fromRow(r) : null;
  }

  /** Writes the whole dossier (inserted or replaced). */
  save(d: Dossier): void {
    this.st.save.run(toRow(d));
  }

  /**
   * Records a dossier received at a counter. A dossier the province told us of first keeps the province's status;
   * the counter's facts (procedure, service, appointment, officer, proof digits) are the counter's.
   */
  received(input: ReceivedDossier): Dossier {
    const prev = this.byCode(input.code);
    const fromCounter = prev === null || prev.statusSource === 'counter';
    const next: Dossier = {
      ...(prev ?? newDossier(input.code, input.receivedAt, 1, 'counter')),
      procedureId: input.procedureId ?? prev?.procedureId ?? null,
      serviceId: input.serviceId,
      channel: 1,
      receivedAt: input.receivedAt,
      appointmentAt: input.appointmentAt ?? prev?.appointmentAt ?? null,
      receivingOfficerId: input.officerId,
      receivingTicketId: input.ticketId,
      proofId: input.proofId ?? prev?.proofId ?? null,
      proofPhone: input.proofPhone ?? prev?.proofPhone ?? null,
      updatedAt: input.receivedAt,
      ...(fromCounter
        ? { status: S.received, statusSource: 'counter' as const, statusLearntAt: input.receivedAt }
        : {}),
    };
    this.save(next);
    return next;
  }

  /** Records a result handed back at a counter: status 10, who collected, the originals. */
  returned(input: ReturnedDossier): Dossier {
    const prev = this.byCode(input.code);
    const at = input.returnedAt;
    const d = input.details;
    const authorised = d?.collectedBy === 'authorised';
    const next: Dossier = {
      ...(prev ?? newDossier(input.code, at, 1, 'counter')),
      procedureId: prev?.procedureId ?? input.procedureId,
      serviceId: prev?.serviceId ?? input.serviceId,
      status: S.returned,
      statusSource: 'counter',
      statusLearntAt: at,
      resultReadyAt: prev?.resultReadyAt ?? at,
      returnedAt: at,
      returnTicketId: input.ticketId,
      collectedBy: d?.collectedBy ?? null,
      collectorName: authorised ? (d.collectorName ?? null) : null,
      collectorIdNumber: authorised ? (d.collectorIdNumber ?? null) : null,
      originalsReturned: d?.originalsReturned ?? null,
      updatedAt: at,
    };
    this.save(next);
    return next;
  }

  /**
   * What the province said of a dossier; an unknown code gets a row of its own. Only a signed push (or a test's
   * seed) may create one: a pull answers someone's lookup, and must not file any code the province knows.
   */
  applyStatus(status: ProvincialStatus, source: 'push' | 'pull', at: Date): Dossier {
    const next = withStatus(this.byCode(status.MaHoSo), status, source, at);
    this.save(next);
    return next;
  }

  /** What the province said of a dossier the register holds already; null (nothing written) for any other. */
  updateStatus(status: ProvincialStatus, source: 'push' | 'pull', at: Date): Dossier | null {
    const prev = this.byCode(status.MaHoSo);
    if (prev === null) return null;
    const next = withStatus(prev, status, source, at);
    this.save(next);
    return next;
  }

  /** Whether the register holds any dossier of this agency (`xxx.yy.zz.Hnn`). */
  knowsAgency(agency: string): boolean {
    return this.st.knowsAgency.get(`${agency}-`, `${agency}.`) !== undefined;
  }

  /**
   * Open dossiers whose status is worth asking again, the longest unrefreshed first: due by `dueBefore` or with
   * a result waiting, learnt before `learntBefore`.
   */
  stale(q: StaleQuery): string[] {
    return this.st.stale.all(q.dueBefore.getTime(), q.learntBefore.getTime(), q.limit).map((r) => r.code);
  }

  /**
   * Drops the personal part of dossiers returned before `before` (the intake retention): an authorised
   * collector's name and ID number, and the proof digits. Returns how many dossiers changed.
   */
  purgePersonal(before: Date): number {
    return this.st.purge.run(before.getTime()).changes;
  }
}

/** For the register's other reads (db/dossier-reports.ts): the same columns and rows. */
export { COLUMNS as DOSSIER_COLUMNS, fromRow as dossierFromRow, type Row as DossierSqlRow };
