/**
 * The national dossier record the provincial system receives (DESIGN.md, "Provincial sync"): national field
 * names, dates `yyyyMMddHHmmss` in Vietnam time, status and channel codes of Circular 03/2025/TT-VPCP
 * (shared/domain/vietnam.md, "Law and forms"), plus what the queue knows about the visit. Pure: no I/O.
 */
import type { DossierSource } from '../db/outbox.js';
import { formatCompact } from '../domain/time.js';

/** KenhThucHien: 1 in person, 2 online, 3 public postal service. A counter dossier is always in person. */
export const CHANNEL_IN_PERSON = 1;

/** TrangThaiHoSo for the counter outcomes that produce a dossier: 2 received, 10 result returned. */
export const DOSSIER_STATUS = { received: 2, returned: 10 } as const;

export interface QueueFacts {
  ticketNumber: string;
  /** From entering the queue to the first call; null if never called. */
  waitedSeconds: number | null;
  /** From the start of service (else the call) to the finish; null if unknown. */
  servedSeconds: number | null;
  counter: string | null;
  officer: string | null;
  rating: string | null;
}

export interface NationalRecord {
  MaHoSo: string;
  MaTTHC: string | null;
  TenTTHC: string | null;
  /** Our catalogue holds the field's name only, so its code is null until the catalogue carries one. */
  MaLinhVuc: string | null;
  TenLinhVuc: string | null;
  KenhThucHien: typeof CHANNEL_IN_PERSON;
  ChuHoSo: string | null;
  SoGiayToChuHoSo: string | null;
  SoDienThoai: string | null;
  NgayTiepNhan: string;
  NgayHenTra: string | null;
  TrangThaiHoSo: (typeof DOSSIER_STATUS)[keyof typeof DOSSIER_STATUS];
  queue: QueueFacts;
}

/** A row that cannot become a record. Its message names no person: it is stored in `last_error` and logged. */
export class RecordError extends Error {
  override name = 'RecordError';
}

const seconds = (from: Date | null, to: Date | null): number | null =>
  from && to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)) : null;

/** Builds the record of one outbox row; throws a `RecordError` when the ticket is not a finished dossier. */
export function buildRecord(src: DossierSource): NationalRecord {
  const outcome = src.outcome;
  if (outcome !== 'received' && outcome !== 'returned') {
    throw new RecordError(`ticket ${src.ticketId}: outcome ${String(outcome)} is not a dossier outcome`);
  }
  if (!src.finishedAt) throw new RecordError(`ticket ${src.ticketId}: not finished`);
  // Intake only exists with the citizen's consent (Decree 13/2023); check it again rather than assume it.
  const intake = src.intake?.consent === true ? src.intake : null;
  return {
    MaHoSo: src.dossierCode,
    MaTTHC: src.procedure?.code ?? null,
    TenTTHC: src.procedure?.name ?? null,
    MaLinhVuc: null,
    TenLinhVuc: src.procedure?.field ?? null,
    KenhThucHien: CHANNEL_IN_PERSON,
    ChuHoSo: intake?.fullName ?? null,
    SoGiayToChuHoSo: intake?.idNumber ?? null,
    SoDienThoai: intake?.phone ?? null,
    NgayTiepNhan: formatCompact(src.finishedAt),
    NgayHenTra: src.appointmentAt ? formatCompact(src.appointmentAt) : null,
    TrangThaiHoSo: DOSSIER_STATUS[outcome],
    queue: {
      ticketNumber: src.ticketNumber,
      waitedSeconds: seconds(src.queuedAt, src.calledAt),
      servedSeconds: seconds(src.servedAt ?? src.calledAt, src.finishedAt),
      counter: src.counterName,
      officer: src.officerName,
      rating: src.rating,
    },
  };
}
