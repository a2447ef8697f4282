/**
 * The dossier register's rules (issue 18), pure: how a status the province tells us changes what the register
 * knows, and which of the citizen's answers a dossier's state is at an instant.
 */
import {
  DOSSIER_STATUS_CODES as S,
  type Collector,
  type DossierChannel,
  type DossierFoundState,
  type ProvincialStatus,
  type StatusSource,
} from '@layso/protocol';
import { parseCompact, serviceDay } from './time.js';

/** One dossier of the register (table `dossiers`, migration 0120). */
export interface Dossier {
  code: string;
  procedureId: number | null;
  serviceId: number | null;
  channel: DossierChannel;
  receivedAt: Date | null;
  appointmentAt: Date | null;
  /** TrangThaiHoSo, 1..10. */
  status: number;
  statusSource: StatusSource;
  statusLearntAt: Date;
  /** The province's LyDo and NoiTraKetQua, as it said them. */
  reason: string | null;
  returnPlace: string | null;
  resultReadyAt: Date | null;
  returnedAt: Date | null;
  collectedBy: Collector | null;
  /** An authorised collector's name and ID number (purged with the intake retention). */
  collectorName: string | null;
  collectorIdNumber: string | null;
  originalsReturned: number | null;
  receivingOfficerId: number | null;
  receivingTicketId: number | null;
  returnTicketId: number | null;
  /** The last 4 digits of the owner's ID number and phone: all the register keeps of them. */
  proofId: string | null;
  proofPhone: string | null;
  updatedAt: Date;
}

/** The last 4 digits of an ID number or phone, or null when it has fewer. */
export function lastFour(value: string | null | undefined): string | null {
  const digits = (value ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

/** Whether `proof` (4 digits) matches the owner's ID number or phone. */
export function proves(d: Dossier, proof: string): boolean {
  return (d.proofId !== null && d.proofId === proof) || (d.proofPhone !== null && d.proofPhone === proof);
}

/** A new dossier of the register at status 2 (received), before its facts are filled in. */
export function newDossier(
  code: string,
  at: Date,
  channel: DossierChannel,
  statusSource: StatusSource,
): Dossier {
  return {
    code,
    procedureId: null,
    serviceId: null,
    channel,
    receivedAt: null,
    appointmentAt: null,
    status: S.received,
    statusSource,
    statusLearntAt: at,
    reason: null,
    returnPlace: null,
    resultReadyAt: null,
    returnedAt: null,
    collectedBy: null,
    collectorName: null,
    collectorIdNumber: null,
    originalsReturned: null,
    receivingOfficerId: null,
    receivingTicketId: null,
    returnTicketId: null,
    proofId: null,
    proofPhone: null,
    updatedAt: at,
  };
}

/**
 * What the register knows after the province said `s` at `at`. A dossier this center already returned stays
 * returned (the province may not have our record 10 yet); a new appointment (an extension) replaces the old one;
 * a result is ready from the province's NgayCoKetQua, else from when we first learnt it.
 */
export function withStatus(
  prev: Dossier | null,
  s: ProvincialStatus,
  source: 'push' | 'pull',
  at: Date,
): Dossier {
  // A dossier we learn of from the province alone was not received at our counters, so not in person; the
  // status body does not say which other channel.
  const base = prev ?? newDossier(s.MaHoSo, at, 2, source);
  const status = base.returnedAt !== null ? S.returned : s.TrangThaiHoSo;
  const hasResult = status >= S.processed;
  const readyAt = s.NgayCoKetQua ? parseCompact(s.NgayCoKetQua) : null;
  return {
    ...base,
    status,
    statusSource: source,
    statusLearntAt: at,
    appointmentAt: (s.NgayHenTra ? parseCompact(s.NgayHenTra) : null) ?? base.appointmentAt,
    reason: s.LyDo ?? null,
    returnPlace: s.NoiTraKetQua ?? base.returnPlace,
    resultReadyAt: hasResult ? (readyAt ?? base.resultReadyAt ?? at) : null,
    returnedAt: status === S.returned ? (base.returnedAt ?? at) : null,
    updatedAt: at,
  };
}

/**
 * Past its appointment's Vietnam day without a result. By the day, as a late return is counted: a dossier due
 * today is on time until the day ends, whatever hour the appointment names.
 */
export function isOverdue(d: Dossier, now: Date): boolean {
  return (
    d.appointmentAt !== null &&
    serviceDay(d.appointmentAt) < serviceDay(now) &&
    d.resultReadyAt === null &&
    d.returnedAt === null &&
    !isClosed(d.status)
  );
}

/** Not received, withdrawn or stopped: no deadline applies any more (the register's SQL says the same). */
export const CLOSED_STATUSES: readonly number[] = [S.notReceived, S.withdrawn, S.stopped];
export const isClosed = (status: number): boolean => CLOSED_STATUSES.includes(status);

/** The citizen's answer for a dossier whose ownership they proved. */
export function lookupState(d: Dossier, now: Date): DossierFoundState {
  if (d.returnedAt !== null || d.status === S.returned) return 'returned';
  if (d.status === S.processed) return 'ready';
  if (isClosed(d.status)) return 'closed';
  // Papers or a fee: either way the citizen has something to bring to the receiving counter.
  if (d.status === S.supplementRequested || d.status === S.paymentRequired) return 'supplement';
  return isOverdue(d, now) ? 'overdue' : 'in_progress';
}
