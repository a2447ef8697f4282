/**
 * Types of the pure domain core. Nothing here does I/O; times are `Date`s handed in by the caller's clock.
 */
import type { FinishOutcome, NumberFormat, TicketStatus, WeeklyHours } from '@layso/protocol';

export interface Clock {
  now(): Date;
}

export interface ServiceRules {
  id: number;
  numberFormat: NumberFormat;
  dailyCap: number;
  hours: WeeklyHours;
  active: boolean;
}

export interface CallPolicy {
  /** At most this many priority calls in a row from one service while normal tickets of it wait (≥ 1). */
  maxPriorityInRow: number;
  /**
   * At most this many booked calls in a row from one service while walk-ins of it wait (≥ 1); the booking
   * settings' `maxBookedInRow` (its default when absent).
   */
  maxBookedInRow?: number;
  /** How many times a called ticket may be recalled. */
  recallLimit: number;
  /** Minutes per ticket before a service has any measured service time today. */
  defaultServiceMinutes: number;
  /** How many recent service times the running average keeps. */
  averageWindow: number;
  /** Stop issuing numbers this many minutes before a span closes. */
  stopIssuingMinutesBeforeClose: number;
}

export const DEFAULT_POLICY: CallPolicy = {
  maxPriorityInRow: 2,
  recallLimit: 3,
  defaultServiceMinutes: 8,
  averageWindow: 20,
  stopIssuingMinutesBeforeClose: 15,
};

/** The part of a ticket the engine reasons about. */
export interface TicketState {
  id: number;
  serviceId: number;
  /** Running number within the service-day (1, 2, …); the formatted number derives from it. */
  seq: number;
  priority: string | null;
  /** A booked ticket (checked in at the kiosk): its slot's start; null for a walk-in. */
  bookedFor: Date | null;
  status: TicketStatus;
  /** When it entered the queue first; a transferred ticket keeps the original's. */
  queuedAt: Date;
  issuedAt: Date;
  calledAt: Date | null;
  servedAt: Date | null;
  finishedAt: Date | null;
  counterId: number | null;
  recalls: number;
  outcome: FinishOutcome | null;
}

export interface CounterState {
  id: number;
  /** Services in order of preference: the counter serves the first that has someone waiting. */
  serviceIds: number[];
  paused: boolean;
  /** Ticket called or being served here, if any. */
  currentTicketId: number | null;
}

export type DomainErrorCode =
  | 'LAYSO_INVALID_TRANSITION'
  | 'LAYSO_RECALL_LIMIT'
  | 'LAYSO_COUNTER_BUSY'
  | 'LAYSO_COUNTER_PAUSED'
  | 'LAYSO_WRONG_COUNTER'
  | 'LAYSO_TRANSFER_SAME_SERVICE'
  | 'LAYSO_SERVICE_CLOSED'
  | 'LAYSO_DAILY_CAP_REACHED'
  | 'LAYSO_DOSSIER_REQUIRED'
  | 'LAYSO_TICKET_NOT_WAITING';

export type Result<T> = { ok: true; value: T } | { ok: false; code: DomainErrorCode };
